"""Writes for the people domain. One named function per state change; each keeps history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.tabular import ImportRejected, RowErrors, read_rows
from goldthread.core.versioning import claim, expect
from goldthread.council import permissions
from goldthread.council.models import Council, Directorate, Outcome, Priority, Service, User
from goldthread.domain.appraisals import appraisal_status
from goldthread.domain.surveys import parse_positive
from goldthread.improvement.models import Action
from goldthread.performance.models import Measure, MeasureValue, Status

from . import staff_import
from .models import (
    APPRAISAL_FIELDS,
    CYCLE_FIELDS,
    FORUM_FIELDS,
    HR_FIELDS,
    Appraisal,
    AppraisalCycle,
    Employee,
    Forum,
    ForumMember,
    Meeting,
    MeetingOutcome,
    Objective,
    StaffImport,
    Survey,
    SurveyFinding,
    SurveyQuestion,
    SurveyWave,
)
from .selectors import completion_overall, overall_cell
from .staff_import import StaffRow
from .survey_import import read_aggregated, read_raw


class PeopleError(ValueError):
    """A change that cannot be made, with a message for the person who tried."""


# ---------------------------------------------------------------- staff records


def staff_import_file(*, council: Council, content: bytes, filename: str, user: User | None) -> StaffImport:
    """Load an HR extract: all rows or none. Re-importing updates people in place (their
    appraisals stay with them); people missing from the file are left as they are.
    ``user`` is None only for the command line, run by whoever administers the server."""
    if user is not None:
        permissions.require(permissions.can_manage_people, user)
    errors = RowErrors()
    headers, rows = read_rows(content, filename)
    columns = staff_import.map_columns(headers, errors)
    if errors:
        raise ImportRejected(errors)
    directorates = {}
    for d in Directorate.objects.filter(council=council):
        directorates[d.code.lower()] = d
        directorates[d.name.lower()] = d
    known = {
        e.employee_number: (e.manager.employee_number if e.manager else None)
        for e in Employee.objects.filter(council=council).select_related("manager")
    }
    checked = staff_import.check_rows(rows, columns, directorates, known, errors)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        return _write_staff(council, checked, filename, user)


def _service_for(directorate: Directorate, name: str, user: User | None) -> Service | None:
    if not name:
        return None
    service = Service.objects.filter(directorate=directorate, name__iexact=name).first()
    if service is None:
        service = Service.objects.create(directorate=directorate, code=slugify(name)[:40] or "service", name=name)
        record_change(obj=service, user=user, action=Change.Action.CREATE, after={"name": name}, reason="HR import")
    return service


def _write_staff(council: Council, checked: Sequence[StaffRow], filename: str, user: User | None) -> StaffImport:
    existing = {e.employee_number: e for e in Employee.objects.filter(council=council)}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    staged = []
    for item in checked:
        employee = existing.get(item.employee_number) or Employee(council=council, employee_number=item.employee_number)
        before = snapshot(employee, HR_FIELDS) if employee.pk else {}
        employee.name, employee.job_title = item.name, item.job_title
        employee.directorate = item.directorate
        employee.service = _service_for(item.directorate, item.service_name, user)
        employee.start_date, employee.leaving_date = item.start_date, item.leaving_date
        employee.long_term_absence = item.long_term_absence
        if employee.pk is None:
            employee.manager = None  # set below, once everyone in the file exists
            employee.save()
        existing[item.employee_number] = employee
        staged.append((employee, item, before))
    for employee, item, before in staged:
        employee.manager = existing.get(item.manager_number) if item.manager_number else None
        after = snapshot(employee, HR_FIELDS)
        if not before:
            employee.save()
            record_change(
                obj=employee, user=user, action=Change.Action.CREATE, after=after, reason=f"HR import {filename}"
            )
            counts["created"] += 1
        elif before != after:
            employee.save()
            record_change(
                obj=employee,
                user=user,
                action=Change.Action.UPDATE,
                before=before,
                after=after,
                reason=f"HR import {filename}",
            )
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return StaffImport.objects.create(council=council, filename=filename, imported_by=user, rows=len(checked), **counts)


@transaction.atomic
def employee_link_user(*, employee: Employee, account: User | None, user: User | None) -> Employee:
    """Link a staff record to a sign-in, so they see their own appraisal (and their team's)."""
    permissions.require(permissions.can_manage_people, user)
    before = snapshot(employee, ["user"])
    if account is not None and Employee.objects.filter(user=account).exclude(pk=employee.pk).exists():
        raise PeopleError(f"{account} is already linked to another staff record")
    employee.user = account
    employee.save(update_fields=["user"])
    record_change(
        obj=employee, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(employee, ["user"])
    )
    return employee


# ---------------------------------------------------------------- appraisal cycles and appraisals


def cycle_save(
    *,
    council: Council,
    cycle: AppraisalCycle | None,
    data: dict[str, Any],
    user: User | None,
    version: int | None = None,
) -> AppraisalCycle:
    """Create or change a cycle and its counting rules (held as data, changed only here). ``version`` is the
    version of the cycle changed: an older one is refused."""
    permissions.require(permissions.can_manage_people, user)
    if data["window_end"] < data["window_start"]:
        raise PeopleError("The window must close after it opens")
    creating = cycle is None
    if cycle is not None:
        expect(cycle, version)
    if creating:
        slug = slugify(f"{data['name']}-{data['window_start']:%Y}")[:60]
        if AppraisalCycle.objects.filter(council=council, slug=slug).exists():
            raise PeopleError(f"There is already a cycle called {data['name']} opening in {data['window_start']:%Y}")
        cycle = AppraisalCycle(council=council, slug=slug)
    assert cycle is not None  # made above when creating
    before = {} if creating else snapshot(cycle, CYCLE_FIELDS)
    for field in CYCLE_FIELDS:
        if field in data:
            setattr(cycle, field, data[field])
    with transaction.atomic():
        if not creating and version is not None:
            claim(cycle, version)
        cycle.save()
        record_change(
            obj=cycle,
            user=user,
            action=Change.Action.CREATE if creating else Change.Action.UPDATE,
            before=before,
            after=snapshot(cycle, CYCLE_FIELDS),
        )
    return cycle


def _refresh_status(appraisal: Appraisal) -> None:
    appraisal.status = appraisal_status(
        objective_count=appraisal.objectives.count() if appraisal.pk else 0,
        manager_agreed_on=appraisal.manager_agreed_on,
        employee_acknowledged_on=appraisal.employee_acknowledged_on,
    ).value


@transaction.atomic
def appraisal_start(*, cycle: AppraisalCycle, employee: Employee, user: User | None) -> Appraisal:
    """The appraisal record for this person in this cycle (made if it does not exist yet)."""
    probe = Appraisal(cycle=cycle, employee=employee)
    permissions.require(permissions.can_edit_appraisal, user, probe)
    appraisal = Appraisal.objects.filter(cycle=cycle, employee=employee).first()
    if appraisal is not None:
        return appraisal
    probe.save()
    record_change(obj=probe, user=user, action=Change.Action.CREATE, after=snapshot(probe, APPRAISAL_FIELDS))
    return probe


def appraisal_update(
    *, appraisal: Appraisal, data: dict[str, Any], user: User | None, version: int | None = None
) -> Appraisal:
    """The manager's part: development needs, the wellbeing conversation and their agreement.
    ``version`` is the version of the appraisal the person changed: an older one is refused."""
    permissions.require(permissions.can_edit_appraisal, user, appraisal)
    expect(appraisal, version)
    if data.get("wellbeing_conversation") and not data.get("wellbeing_conversation_on"):
        raise PeopleError("Give the date of the wellbeing conversation")
    before = snapshot(appraisal, APPRAISAL_FIELDS)
    for field in ["development_needs", "wellbeing_conversation", "wellbeing_conversation_on", "manager_agreed_on"]:
        if field in data:
            setattr(appraisal, field, data[field])
    if not appraisal.wellbeing_conversation:
        appraisal.wellbeing_conversation_on = None
    _refresh_status(appraisal)
    with transaction.atomic():
        if version is not None:
            claim(appraisal, version)
        appraisal.save()
        record_change(
            obj=appraisal,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(appraisal, APPRAISAL_FIELDS),
        )
    return appraisal


@transaction.atomic
def appraisal_acknowledge(*, appraisal: Appraisal, on: dt.date, user: User | None) -> Appraisal:
    """The employee confirms they have read and accept their appraisal."""
    permissions.require(permissions.can_acknowledge_appraisal, user, appraisal)
    if appraisal.manager_agreed_on is None:
        raise PeopleError("Your manager has not agreed this appraisal yet")
    before = snapshot(appraisal, APPRAISAL_FIELDS)
    appraisal.employee_acknowledged_on = on
    _refresh_status(appraisal)
    appraisal.save()
    record_change(
        obj=appraisal,
        user=user,
        action=Change.Action.UPDATE,
        before=before,
        after=snapshot(appraisal, APPRAISAL_FIELDS),
    )
    return appraisal


def objective_add(
    *,
    appraisal: Appraisal,
    text: str,
    priority: Priority | None,
    outcome: Outcome | None,
    user: User | None,
    version: int | None = None,
) -> Objective:
    """``version`` is the version of the appraisal the person saw: an objective moves its status on."""
    permissions.require(permissions.can_edit_appraisal, user, appraisal)
    expect(appraisal, version)
    if outcome is not None and priority is not None and outcome.priority_id != priority.pk:
        raise PeopleError(f"The outcome '{outcome}' belongs to a different priority")
    if outcome is not None and priority is None:
        priority = outcome.priority
    with transaction.atomic():
        if version is not None:
            claim(appraisal, version)
        objective = Objective.objects.create(appraisal=appraisal, text=text, priority=priority, outcome=outcome)
        record_change(
            obj=objective,
            user=user,
            action=Change.Action.CREATE,
            after=snapshot(objective, ["text", "priority", "outcome"]),
        )
        before = snapshot(appraisal, APPRAISAL_FIELDS) | {"objective": None}
        _refresh_status(appraisal)
        appraisal.save()
        record_change(
            obj=appraisal,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(appraisal, APPRAISAL_FIELDS) | {"objective": text[:200]},
        )
    return objective


# ---------------------------------------------------------------- publishing to the scorecard

COMPUTED_COMMENTARY = "Computed from appraisal records"


def _write_measure_value(
    *,
    measure: Measure,
    period_text: str,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    commentary: str,
    source: str,
    user: User | None,
) -> MeasureValue:
    permissions.require(permissions.can_approve, user)
    try:
        period = measure.parse_period(period_text)
    except Exception as exc:  # PeriodError and friends: show the reason
        raise PeopleError(f"'{period_text}' is not a period for {measure.reference}: {exc}") from exc
    fields = ["period", "value", "numerator", "denominator", "commentary", "source", "status"]
    with transaction.atomic():
        mv = MeasureValue.objects.select_for_update().filter(measure=measure, period=period.label).first()
        creating = mv is None
        if creating:
            mv = MeasureValue(measure=measure)
        assert mv is not None  # made above when creating
        before = {} if creating else snapshot(mv, fields)
        mv.set_period(period)
        mv.value, mv.numerator, mv.denominator = value, numerator, denominator
        mv.commentary, mv.source, mv.status, mv.updated_by = commentary, source, Status.APPROVED, user
        mv.save()
        mv.refresh_from_db()
        record_change(
            obj=mv,
            user=user,
            action=Change.Action.CREATE if creating else Change.Action.UPDATE,
            before=before,
            after=snapshot(mv, fields),
            reason=commentary,
        )
    return mv


def appraisal_completion_publish(
    *, cycle: AppraisalCycle, period: str, user: User | None, reference: str = "ORG-01"
) -> MeasureValue:
    """Write the cycle's completion rate to the scorecard measure ORG-01, from the records.
    Never typed in: this is the only way the figure is set."""
    measure = Measure.objects.filter(council=cycle.council, reference=reference).first()
    if measure is None:
        raise PeopleError(f"There is no scorecard measure {reference} to publish to")
    rate = completion_overall(cycle)
    if rate.denominator == 0:
        raise PeopleError("Nobody counts in this cycle yet, so there is no rate to publish")
    return _write_measure_value(
        measure=measure,
        period_text=period,
        value=rate.percent,
        numerator=Decimal(rate.numerator),
        denominator=Decimal(rate.denominator),
        commentary=COMPUTED_COMMENTARY,
        source=f"Goldthread appraisal records, cycle {cycle.name}",
        user=user,
    )


# ---------------------------------------------------------------- surveys


@transaction.atomic
def survey_save(*, council: Council, survey: Survey | None, data: dict[str, Any], user: User | None) -> Survey:
    permissions.require(permissions.can_manage_people, user)
    fields = ["name", "kind", "description", "minimum_group_size", "group_columns"]
    creating = survey is None
    if creating:
        slug = slugify(data["name"])[:60]
        if Survey.objects.filter(council=council, slug=slug).exists():
            raise PeopleError(f"There is already a survey called {data['name']}")
        survey = Survey(council=council, slug=slug)
    assert survey is not None  # made above when creating
    if data.get("minimum_group_size", 10) < 1:
        raise PeopleError("The smallest group shown must be at least 1")
    before = {} if creating else snapshot(survey, fields)
    for field in fields:
        if field in data:
            setattr(survey, field, data[field])
    survey.save()
    record_change(
        obj=survey,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=snapshot(survey, fields),
    )
    return survey


@transaction.atomic
def survey_question_add(*, survey: Survey, data: dict[str, Any], user: User | None) -> SurveyQuestion:
    permissions.require(permissions.can_manage_people, user)
    code = data["code"].strip()
    if survey.questions.filter(code__iexact=code).exists():
        raise PeopleError(f"The survey already has a question {code}")
    positive = ",".join(sorted(parse_positive(data.get("positive_answers", ""), data["answer_type"])))
    question = SurveyQuestion.objects.create(
        survey=survey,
        code=code,
        text=data["text"],
        theme=data["theme"],
        answer_type=data["answer_type"],
        positive_answers=positive,
        order=survey.questions.count() + 1,
    )
    record_change(
        obj=question,
        user=user,
        action=Change.Action.CREATE,
        after=snapshot(question, ["code", "text", "theme", "answer_type", "positive_answers"]),
    )
    return question


@transaction.atomic
def survey_wave_add(*, survey: Survey, data: dict[str, Any], user: User | None) -> SurveyWave:
    permissions.require(permissions.can_manage_people, user)
    if survey.waves.filter(label=data["label"]).exists():
        raise PeopleError(f"The survey already has a wave called {data['label']}")
    wave = SurveyWave.objects.create(
        survey=survey,
        label=data["label"],
        fieldwork_start=data.get("fieldwork_start"),
        fieldwork_end=data.get("fieldwork_end"),
    )
    record_change(
        obj=wave,
        user=user,
        action=Change.Action.CREATE,
        after=snapshot(wave, ["label", "fieldwork_start", "fieldwork_end"]),
    )
    return wave


def survey_results_import(*, wave: SurveyWave, content: bytes, filename: str, layout: str, user: User | None) -> int:
    """Load a wave's results from raw responses or aggregated counts: all rows or none.
    Raw responses are tallied and discarded. A wave's results are loaded once; loading a
    different file needs the old results cleared first (so nothing is silently replaced)."""
    permissions.require(permissions.can_manage_people, user)
    reader = read_raw if layout == "raw" else read_aggregated
    results, respondents = reader(wave, content, filename)
    existing = {(r.question_id, r.dimension, r.group): (r.n, r.n_positive) for r in wave.results.all()}
    incoming = {(r.question_id, r.dimension, r.group): (r.n, r.n_positive) for r in results}
    if existing == incoming:
        return 0  # the same file again: nothing changes
    if existing:
        raise PeopleError(
            f"{wave} already has results from {wave.source_filename}. Clear them first to load a different file."
        )
    with transaction.atomic():
        for result in results:
            result.save()
        before = snapshot(wave, ["respondents", "source_filename"])
        wave.respondents, wave.source_filename = respondents, filename
        wave.imported_by, wave.imported_at = user, timezone.now()
        wave.save()
        record_change(
            obj=wave,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(wave, ["respondents", "source_filename"]),
            reason=f"{len(results)} results imported ({layout})",
        )
    return len(results)


def survey_results_clear(*, wave: SurveyWave, reason: str, user: User | None) -> None:
    permissions.require(permissions.can_manage_people, user)
    if not reason.strip():
        raise PeopleError("Say why the results are being cleared")
    before = {"results": wave.results.count(), **snapshot(wave, ["respondents", "source_filename"])}
    with transaction.atomic():
        wave.results.all().delete()
        wave.respondents, wave.source_filename = None, ""
        wave.save()
        record_change(
            obj=wave, user=user, action=Change.Action.UPDATE, before=before, after={"results": 0}, reason=reason
        )


def _next_action_reference(prefix: str) -> str:
    number = Action.objects.filter(reference__startswith=f"{prefix}-").count() + 1
    while Action.objects.filter(reference=f"{prefix}-{number:03d}").exists():
        number += 1
    return f"{prefix}-{number:03d}"


def _action_create(
    *,
    prefix: str,
    description: str,
    directorate: Directorate,
    due_date: dt.date | None,
    lead_name: str,
    user: User | None,
) -> Action:
    """An improvement Action (the one kind of action) answering a finding or a meeting."""
    action = Action.objects.create(
        reference=_next_action_reference(prefix),
        description=description,
        directorate=directorate,
        due_date=due_date,
        lead_name=lead_name,
        start_date=timezone.localdate(),
    )
    record_change(
        obj=action,
        user=user,
        action=Change.Action.CREATE,
        after=snapshot(action, ["reference", "description", "directorate", "due_date", "lead_name"]),
    )
    return action


def survey_finding_create(
    *,
    survey: Survey,
    wave: SurveyWave | None,
    question: SurveyQuestion | None,
    text: str,
    action_description: str,
    directorate: Directorate,
    due_date: dt.date | None,
    lead_name: str,
    user: User | None,
) -> SurveyFinding:
    """Record a finding and the improvement action that answers it."""
    permissions.require(permissions.can_manage_people, user)
    with transaction.atomic():
        action = None
        if action_description.strip():
            action = _action_create(
                prefix="SURVEY",
                description=action_description,
                directorate=directorate,
                due_date=due_date,
                lead_name=lead_name,
                user=user,
            )
        finding = SurveyFinding.objects.create(
            survey=survey,
            wave=wave,
            question=question,
            theme=question.theme if question else "",
            text=text,
            action=action,
            created_by=user,
        )
        record_change(
            obj=finding,
            user=user,
            action=Change.Action.CREATE,
            after=snapshot(finding, ["text", "wave", "question", "action"]),
        )
    return finding


def survey_result_publish(
    *, wave: SurveyWave, question: SurveyQuestion, measure: Measure, period: str, user: User | None
) -> MeasureValue:
    """Publish a question's overall % positive as a scorecard value. Refused if the overall
    result is suppressed."""
    cell = overall_cell(wave, question)
    if cell is None or cell.suppressed or cell.n is None or cell.n_positive is None:
        raise PeopleError("That result has too few respondents to publish")
    return _write_measure_value(
        measure=measure,
        period_text=period,
        value=cell.percent,
        numerator=Decimal(cell.n_positive),
        denominator=Decimal(cell.n),
        commentary=f"Computed from {wave}: {question.code} {question.text} (% positive)",
        source=f"Goldthread survey results, {wave}",
        user=user,
    )


# ---------------------------------------------------------------- meetings review


def forum_save(
    *, council: Council, forum: Forum | None, data: dict[str, Any], user: User | None, version: int | None = None
) -> Forum:
    """Create or change a forum; ``version`` is the version of the forum changed (an older one is refused)."""
    permissions.require(permissions.can_manage_forums, user)
    creating = forum is None
    if forum is not None:
        expect(forum, version)
    if creating:
        slug = slugify(data["name"])[:80]
        if Forum.objects.filter(council=council, slug=slug).exists():
            raise PeopleError(f"There is already a forum called {data['name']}")
        forum = Forum(council=council, slug=slug)
    assert forum is not None  # made above when creating
    before = {} if creating else snapshot(forum, FORUM_FIELDS)
    for field in FORUM_FIELDS:
        if field in data:
            setattr(forum, field, data[field])
    if forum.state != Forum.State.ACTIVE and forum.state_changed_on is None:
        forum.state_changed_on = timezone.localdate()
    with transaction.atomic():
        if not creating and version is not None:
            claim(forum, version)
        forum.save()
        record_change(
            obj=forum,
            user=user,
            action=Change.Action.CREATE if creating else Change.Action.UPDATE,
            before=before,
            after=snapshot(forum, FORUM_FIELDS),
        )
    return forum


@transaction.atomic
def forum_member_add(*, forum: Forum, person: str, organisation: str, user: User | None) -> ForumMember:
    permissions.require(permissions.can_manage_forums, user)
    member, created = ForumMember.objects.get_or_create(
        forum=forum, person=person.strip(), organisation=organisation.strip()
    )
    if not created:
        raise PeopleError(f"{member} is already a member of {forum}")
    record_change(
        obj=forum, user=user, action=Change.Action.UPDATE, before={"member": None}, after={"member": str(member)}
    )
    return member


@transaction.atomic
def forum_member_remove(*, member: ForumMember, user: User | None) -> None:
    permissions.require(permissions.can_manage_forums, user)
    forum = member.forum
    record_change(
        obj=forum, user=user, action=Change.Action.UPDATE, before={"member": str(member)}, after={"member": None}
    )
    member.delete()


@transaction.atomic
def meeting_record(*, forum: Forum, held_on: dt.date, notes: str, user: User | None) -> Meeting:
    permissions.require(permissions.can_manage_forums, user)
    if forum.meetings.filter(held_on=held_on).exists():
        raise PeopleError(f"{forum} already has a meeting on {held_on:%d %B %Y}")
    meeting = Meeting.objects.create(forum=forum, held_on=held_on, notes=notes)
    record_change(obj=meeting, user=user, action=Change.Action.CREATE, after=snapshot(meeting, ["held_on", "notes"]))
    return meeting


def meeting_outcome_add(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    create_action: bool,
    directorate: Directorate,
    due_date: dt.date | None,
    user: User | None,
) -> MeetingOutcome:
    """A decision or action a meeting produced. An action can become an improvement Action."""
    permissions.require(permissions.can_manage_forums, user)
    with transaction.atomic():
        action = None
        if kind == MeetingOutcome.Kind.ACTION and create_action:
            action = _action_create(
                prefix="MEETING",
                description=text,
                directorate=directorate,
                due_date=due_date,
                lead_name=meeting.forum.chair,
                user=user,
            )
        outcome = MeetingOutcome.objects.create(meeting=meeting, kind=kind, text=text, action=action)
        record_change(
            obj=outcome, user=user, action=Change.Action.CREATE, after=snapshot(outcome, ["kind", "text", "action"])
        )
    return outcome
