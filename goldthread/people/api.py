"""JSON API for the people domain. The same permission rules as the pages: members and
auditors get aggregates only; individual records go to HR, the performance team, the
person themselves and their managers. Survey figures are suppressed exactly as on the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council

from . import selectors
from .models import Appraisal, AppraisalCycle, Employee, Forum, Survey, SurveyWave

router = Router(tags=["people"])


class RateOut(Schema):
    group: str
    suppressed: bool = False
    numerator: int | None
    denominator: int | None
    percent: Decimal | None


class CycleOut(Schema):
    slug: str
    name: str
    window_start: dt.date
    window_end: dt.date
    midyear_checkin: dt.date | None
    min_service_months: int
    exclude_long_term_absence: bool
    exclude_leavers_before_window_end: bool
    completion: RateOut
    is_example: bool  # counted over a staff list that includes synthetic (example) people


class CompletionOut(Schema):
    cycle: str
    is_example: bool  # counted over a staff list that includes synthetic (example) people
    overall: RateOut
    by_directorate: list[RateOut]
    by_service: list[RateOut]


class EmployeeOut(Schema):
    employee_number: str
    name: str
    job_title: str
    directorate: str
    service: str | None
    manager: str | None
    start_date: dt.date
    leaving_date: dt.date | None
    long_term_absence: bool
    is_synthetic: bool
    version: int


class ObjectiveOut(Schema):
    text: str
    priority: str | None
    outcome: str | None
    version: int


class AppraisalOut(Schema):
    id: int
    cycle: str
    employee_number: str
    employee: str
    status: str
    development_needs: str
    wellbeing_conversation: bool
    wellbeing_conversation_on: dt.date | None
    manager_agreed_on: dt.date | None
    employee_acknowledged_on: dt.date | None
    objectives: list[ObjectiveOut]
    version: int
    is_example: bool  # the appraisal of a synthetic (example) member of staff


class CellOut(Schema):
    dimension: str
    group: str
    suppressed: bool
    n: int | None
    n_positive: int | None
    percent_positive: Decimal | None


class QuestionResultOut(Schema):
    code: str
    text: str
    theme: str
    results: list[CellOut]
    change_points: Decimal | None


class SurveyOut(Schema):
    slug: str
    name: str
    kind: str
    minimum_group_size: int
    waves: list[dict]
    questions: list[dict]
    version: int


class ForumOut(Schema):
    slug: str
    name: str
    forum_type: str
    chair: str
    meetings_per_year: Decimal
    usual_hours: Decimal
    purposes: list[str]
    is_statutory: bool
    state: str
    members: list[str]
    person_hours_per_year: Decimal
    is_example: bool
    version: int


def _rate(group, rate) -> RateOut:
    if rate is None:  # a small team, hidden as on the page
        return RateOut(group=str(group), suppressed=True, numerator=None, denominator=None, percent=None)
    return RateOut(group=str(group), numerator=rate.numerator, denominator=rate.denominator, percent=rate.percent)


@router.get("/people/appraisal-cycles", response=list[CycleOut])
def list_cycles(request):
    perms.require(perms.can_see_people_aggregates, request.user, message=perms.CANNOT_SEE)
    council = current_council()
    synthetic = Employee.objects.filter(council=council, is_synthetic=True).exists()
    return [
        CycleOut(
            slug=c.slug,
            name=c.name,
            window_start=c.window_start,
            window_end=c.window_end,
            midyear_checkin=c.midyear_checkin,
            min_service_months=c.min_service_months,
            exclude_long_term_absence=c.exclude_long_term_absence,
            exclude_leavers_before_window_end=c.exclude_leavers_before_window_end,
            completion=_rate("all", rate),
            is_example=synthetic,
        )
        for c, rate in selectors.trend(council)
    ]


@router.get("/people/appraisal-cycles/{slug}/completion", response=CompletionOut)
def cycle_completion(request, slug: str):
    perms.require(perms.can_see_people_aggregates, request.user, message=perms.CANNOT_SEE)
    cycle = get_object_or_404(AppraisalCycle, council=current_council(), slug=slug)
    lines = selectors.staff_lines(cycle)
    protect = not perms.can_manage_people(request.user)
    return CompletionOut(
        cycle=cycle.name,
        is_example=Employee.objects.filter(council=cycle.council, is_synthetic=True).exists(),
        overall=_rate("all", selectors.completion_overall(cycle)),
        by_directorate=[
            _rate(g, r) for g, r in selectors.protected_rates(cycle, "directorate", lines, protect=protect)
        ],
        by_service=[_rate(g, r) for g, r in selectors.protected_rates(cycle, "service", lines, protect=protect)],
    )


def _employee_out(e: Employee) -> EmployeeOut:
    return EmployeeOut(
        employee_number=e.employee_number,
        name=e.name,
        job_title=e.job_title,
        directorate=e.directorate.name,
        service=e.service.name if e.service else None,
        manager=e.manager.employee_number if e.manager else None,
        start_date=e.start_date,
        leaving_date=e.leaving_date,
        long_term_absence=e.long_term_absence,
        is_synthetic=e.is_synthetic,
        version=e.version,
    )


@router.get("/people/staff", response=list[EmployeeOut])
def list_staff(request):
    """Staff records: everyone for HR and the performance team, yourself and your team otherwise."""
    staff = selectors.visible_employees(request.user, current_council())
    perms.require(lambda u: perms.can_manage_people(u) or staff.exists(), request.user, message=perms.CANNOT_SEE)
    return [_employee_out(e) for e in staff]


@router.get("/people/staff/{number}", response=EmployeeOut)
def get_employee(request, number: str):
    e = get_object_or_404(Employee, council=current_council(), employee_number=number)
    perms.require(perms.can_see_staff_record, request.user, e, message=perms.CANNOT_SEE)
    return _employee_out(e)


def _appraisal_out(a: Appraisal) -> AppraisalOut:
    return AppraisalOut(
        id=a.pk,
        cycle=a.cycle.slug,
        employee_number=a.employee.employee_number,
        employee=a.employee.name,
        status=a.status,
        development_needs=a.development_needs,
        wellbeing_conversation=a.wellbeing_conversation,
        wellbeing_conversation_on=a.wellbeing_conversation_on,
        manager_agreed_on=a.manager_agreed_on,
        employee_acknowledged_on=a.employee_acknowledged_on,
        is_example=a.employee.is_synthetic,
        objectives=[
            ObjectiveOut(
                text=o.text,
                priority=o.priority.code if o.priority else None,
                outcome=o.outcome.title if o.outcome else None,
                version=o.version,
            )
            for o in a.objectives.all()
        ],
        version=a.version,
    )


@router.get("/people/appraisals", response=list[AppraisalOut])
def list_appraisals(request, cycle: str | None = None):
    """Appraisals you may see: your own, your team's, or everyone's for HR and performance."""
    council = current_council()
    visible = selectors.visible_employees(request.user, council)
    perms.require(lambda u: perms.can_manage_people(u) or visible.exists(), request.user, message=perms.CANNOT_SEE)
    qs = Appraisal.objects.filter(employee__in=visible).select_related("cycle", "employee")
    if cycle:
        qs = qs.filter(cycle__slug=cycle)
    return [_appraisal_out(a) for a in qs.prefetch_related("objectives__priority", "objectives__outcome")]


@router.get("/people/appraisals/{appraisal_id}", response=AppraisalOut)
def get_appraisal(request, appraisal_id: int):
    a = get_object_or_404(
        Appraisal.objects.select_related("cycle", "employee"), pk=appraisal_id, cycle__council=current_council()
    )
    perms.require(perms.can_see_appraisal, request.user, a, message=perms.CANNOT_SEE)
    return _appraisal_out(a)


@router.get("/people/surveys", response=list[SurveyOut])
def list_surveys(request):
    perms.require(perms.can_see_people_aggregates, request.user, message=perms.CANNOT_SEE)
    return [
        SurveyOut(
            slug=s.slug,
            name=s.name,
            kind=s.kind,
            minimum_group_size=s.minimum_group_size,
            waves=[
                {"id": w.pk, "label": w.label, "respondents": w.respondents, "version": w.version}
                for w in s.waves.all()
            ],
            questions=[{"code": q.code, "text": q.text, "theme": q.theme} for q in s.questions.all()],
            version=s.version,
        )
        for s in Survey.objects.filter(council=current_council()).prefetch_related("waves", "questions")
    ]


def _cell_out(dimension: str, cell) -> CellOut:
    return CellOut(
        dimension=dimension,
        group=cell.group,
        suppressed=cell.suppressed,
        n=cell.n,
        n_positive=cell.n_positive,
        percent_positive=cell.percent,
    )


@router.get("/people/surveys/{slug}/waves/{wave_id}/results", response=list[QuestionResultOut])
def wave_results(request, slug: str, wave_id: int):
    """% positive per question, overall and by group, with small groups suppressed."""
    perms.require(perms.can_see_people_aggregates, request.user, message=perms.CANNOT_SEE)
    wave = get_object_or_404(SurveyWave, pk=wave_id, survey__slug=slug, survey__council=current_council())
    out = []
    dims = selectors.dimensions(wave)
    for line in selectors.question_lines(wave):
        cells = [_cell_out("overall", line.cell)] if line.cell else []
        for d in dims:
            cells += [_cell_out(d, c) for c in selectors.breakdown(wave, line.question, d)]
        q = line.question
        out.append(QuestionResultOut(code=q.code, text=q.text, theme=q.theme, results=cells, change_points=line.change))
    return out


@router.get("/people/forums", response=list[ForumOut])
def list_forums(request):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    out = []
    for f in Forum.objects.filter(council=current_council()).prefetch_related("members"):
        members = [m.key for m in f.members.all()]
        out.append(
            ForumOut(
                slug=f.slug,
                name=f.name,
                forum_type=f.forum_type,
                chair=f.chair,
                meetings_per_year=f.meetings_per_year,
                usual_hours=f.usual_hours,
                purposes=f.purposes,
                is_statutory=f.is_statutory,
                state=f.state,
                members=members,
                person_hours_per_year=f.meetings_per_year * f.usual_hours * len(members),
                is_example=f.is_example,
                version=f.version,
            )
        )
    return out


@router.get("/people/forums/review", response=dict)
def forums_review(request):
    """The meetings review: person-hours, overlaps, information-only forums and suggestions."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    data = selectors.review(current_council())
    return {
        "total_person_hours": str(data["total_hours"]),
        "overlaps": [
            {"forums": [o.first, o.second], "members_in_common": o.count, "share_of_smaller": str(o.share_of_smaller)}
            for o in data["overlaps"]
        ],
        "information_only": [f.name for f in data["information_only"]],
        "suggestions": [
            {
                "forum": p.forum,
                "suggestion": p.suggestion.value,
                "merge_with": p.partner,
                "reason": p.reason,
                "person_hours_saved": str(p.hours_saved),
            }
            for p in data["proposals"]
        ],
    }


@router.get("/people/summary", response=dict)
def people_summary(request):
    """Aggregates only: appraisal completion, survey headlines (suppressed), meetings stood down."""
    perms.require(perms.can_see_people_aggregates, request.user, message=perms.CANNOT_SEE)
    from .report_sections import people_summary as summary

    return summary(current_council(), None)
