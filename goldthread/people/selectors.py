"""Reads for the people domain. Survey figures leave here only after suppression."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, User
from goldthread.domain import meetings as meetings_rules
from goldthread.domain.appraisals import Exclusion, Rate, StaffMember, exclusion_reason, is_overdue, rates_by
from goldthread.domain.surveys import Cell, Count, change_in_points, suppress_breakdown, suppress_one, theme_cells

from .models import Appraisal, AppraisalCycle, Employee, Forum, MeetingOutcome, SurveyQuestion, SurveyResult, SurveyWave
from .survey_import import OVERALL_DIMENSION

# ---------------------------------------------------------------- appraisals


@dataclass
class StaffLine:
    employee: Employee
    appraisal: Appraisal | None
    exclusion: Exclusion | None

    @property
    def counted(self) -> bool:
        return self.exclusion is None

    @property
    def completed(self) -> bool:
        return self.appraisal is not None and self.appraisal.status == Appraisal.Status.COMPLETE


def staff_lines(cycle: AppraisalCycle) -> list[StaffLine]:
    """Everyone on the staff records with their appraisal (if any) and whether they count."""
    appraisals = {a.employee_id: a for a in cycle.appraisals.all()}
    rules = cycle.rules
    lines = []
    for e in Employee.objects.filter(council=cycle.council).select_related("directorate", "service", "manager"):
        person = StaffMember(e.start_date, e.leaving_date, e.long_term_absence)
        lines.append(StaffLine(e, appraisals.get(e.pk), exclusion_reason(person, rules, cycle.window_end)))
    return lines


def completion_overall(cycle: AppraisalCycle, lines: list[StaffLine] | None = None) -> Rate:
    lines = staff_lines(cycle) if lines is None else lines
    return rates_by(("all", line.counted, line.completed) for line in lines).get("all", Rate(0, 0))


BREAKDOWNS: dict[str, Callable[[Employee], str]] = {
    "directorate": lambda e: e.directorate.name,
    "service": lambda e: (
        f"{e.service.name} ({e.directorate.name})" if e.service else f"No service ({e.directorate.name})"
    ),
    "manager": lambda e: str(e.manager) if e.manager else "No manager recorded",
}


def completion_by(cycle: AppraisalCycle, by: str, lines: list[StaffLine] | None = None) -> list[tuple[str, Rate]]:
    key = BREAKDOWNS[by]
    lines = staff_lines(cycle) if lines is None else lines
    rates = rates_by((key(line.employee), line.counted, line.completed) for line in lines)
    return sorted(rates.items())


SMALL_TEAM = 5  # fewer counted staff than this and a rate says who did and did not have an appraisal


def _protect(rates: dict[str, Rate], minimum: int) -> dict[str, Rate | None]:
    cells = suppress_breakdown([Count(str(k), r.denominator, r.numerator) for k, r in rates.items()], minimum)
    hidden = {c.group for c in cells if c.suppressed}
    return {k: (None if str(k) in hidden else r) for k, r in rates.items()}


def protected_rates(
    cycle: AppraisalCycle, by: str, lines: list[StaffLine], *, protect: bool
) -> Sequence[tuple[str, Rate | None]]:
    """Rates by directorate or service. For anyone who may not see individual records, a
    group with fewer than SMALL_TEAM counted staff is hidden, and so are enough others (within
    the same directorate, for services) that it cannot be worked out from a total."""
    rows = completion_by(cycle, by, lines)
    if not protect:
        return rows
    if by != "service":
        return sorted(_protect(dict(rows), SMALL_TEAM).items())
    per_directorate: dict[str, dict[str, None]] = {}
    for line in lines:
        label = BREAKDOWNS["service"](line.employee)
        per_directorate.setdefault(line.employee.directorate.name, {})[label] = None
    rates = dict(rows)
    out: dict[str, Rate | None] = {}
    for labels in per_directorate.values():
        out.update(_protect({k: rates[k] for k in labels if k in rates}, SMALL_TEAM))
    return sorted(out.items())


def exclusion_counts(lines: list[StaffLine]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for line in lines:
        if line.exclusion is not None:
            counts[line.exclusion.value] = counts.get(line.exclusion.value, 0) + 1
    return sorted(counts.items())


def overdue_lines(
    cycle: AppraisalCycle, user: Actor, *, today: dt.date | None = None, lines: list[StaffLine] | None = None
) -> list[StaffLine]:
    """Counted staff without a complete appraisal after the window closed, that ``user`` may see."""
    today = today or timezone.localdate()
    lines = staff_lines(cycle) if lines is None else lines
    return [
        line
        for line in lines
        if is_overdue(completed=line.completed, counted=line.counted, window_end=cycle.window_end, today=today)
        and permissions.can_see_staff_record(user, line.employee)
    ]


def trend(council: Council) -> list[tuple[AppraisalCycle, Rate]]:
    cycles = AppraisalCycle.objects.filter(council=council).order_by("window_start")
    return [(cycle, completion_overall(cycle)) for cycle in cycles]


def visible_employees(user: User, council: Council) -> QuerySet[Employee]:
    """Staff records ``user`` may see: everyone for HR and performance, else self and team."""
    qs = Employee.objects.filter(council=council).select_related("directorate", "service", "manager")
    if permissions.can_manage_people(user):
        return qs
    mine = getattr(user, "employee", None) if user.is_authenticated else None
    if mine is None:
        return qs.none()
    ids, frontier = {mine.pk}, [mine.pk]
    while frontier:  # everyone beneath them, level by level
        frontier = list(
            Employee.objects.filter(manager_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
        )
        ids.update(frontier)
    return qs.filter(pk__in=ids)


def employee_of(user: User) -> Employee | None:
    try:
        return user.employee
    except Employee.DoesNotExist:
        return None


# ---------------------------------------------------------------- surveys


def previous_wave(wave: SurveyWave) -> SurveyWave | None:
    waves = list(wave.survey.waves.all())
    index = waves.index(wave)
    return waves[index - 1] if index > 0 else None


def _counts(wave: SurveyWave, question: SurveyQuestion, dimension: str) -> list[Count]:
    results = SurveyResult.objects.filter(wave=wave, question=question, dimension=dimension).order_by("group")
    return [Count(r.group, r.n, r.n_positive) for r in results]


def overall_cell(wave: SurveyWave | None, question: SurveyQuestion) -> Cell | None:
    if wave is None:
        return None
    counts = _counts(wave, question, OVERALL_DIMENSION)
    return suppress_one(counts[0], wave.survey.minimum_group_size) if counts else None


def breakdown(wave: SurveyWave, question: SurveyQuestion, dimension: str) -> list[Cell]:
    return suppress_breakdown(_counts(wave, question, dimension), wave.survey.minimum_group_size)


def dimensions(wave: SurveyWave) -> list[str]:
    found = set(wave.results.exclude(dimension=OVERALL_DIMENSION).values_list("dimension", flat=True))
    return [d for d in wave.survey.group_column_list if d in found] + sorted(found - set(wave.survey.group_column_list))


@dataclass
class QuestionLine:
    question: SurveyQuestion
    cell: Cell | None
    previous: Cell | None
    change: Decimal | None


def question_lines(wave: SurveyWave) -> list[QuestionLine]:
    before = previous_wave(wave)
    lines = []
    for q in wave.survey.questions.all():
        cell, prev = overall_cell(wave, q), overall_cell(before, q)
        lines.append(QuestionLine(q, cell, prev, change_in_points(prev, cell)))
    return lines


def theme_lines(wave: SurveyWave) -> list[tuple[str, Cell, Cell | None, Decimal | None]]:
    """Each theme's overall % positive, pooled over its questions, with change since last wave."""
    before = previous_wave(wave)
    themes: dict[str, list[SurveyQuestion]] = {}
    for q in wave.survey.questions.all():
        themes.setdefault(q.theme, []).append(q)
    out = []
    for theme, questions in themes.items():
        now = {q.code: [c] for q in questions if (c := overall_cell(wave, q))}
        then = {q.code: [c] for q in questions if (c := overall_cell(before, q))} if before else {}
        if not now:
            continue
        cell = theme_cells(now)[0]
        prev = theme_cells(then)[0] if then and len(then) == len(now) else None
        out.append((theme, cell, prev, change_in_points(prev, cell)))
    return out


def group_table(
    wave: SurveyWave, dimension: str
) -> tuple[list[str], list[tuple[SurveyQuestion, Cell | None, list[Cell | None]]]]:
    """Groups (columns) and, per question, the overall cell and one suppressed cell per group."""
    rows, groups = [], []
    for q in wave.survey.questions.all():
        cells = breakdown(wave, q, dimension)
        for c in cells:
            if c.group not in groups:
                groups.append(c.group)
        by_group = {c.group: c for c in cells}
        rows.append((q, overall_cell(wave, q), [by_group.get(g) for g in groups]))
    return groups, [(q, overall, cells + [None] * (len(groups) - len(cells))) for q, overall, cells in rows]


def headline(wave: SurveyWave | None) -> list[dict[str, Any]]:
    """Themes as plain data for reports and the API (suppression already applied)."""
    if wave is None:
        return []
    return [
        {
            "theme": theme,
            "percent_positive": None if cell.suppressed else cell.percent,
            "suppressed": cell.suppressed,
            "change_points": change,
        }
        for theme, cell, _prev, change in theme_lines(wave)
    ]


# ---------------------------------------------------------------- meetings review


def domain_forums(council: Council, *, today: dt.date | None = None) -> list[meetings_rules.Forum]:
    """Active forums as the review rules see them, with last year's recorded outcomes."""
    today = today or timezone.localdate()
    year_ago = today - dt.timedelta(days=365)
    out = []
    for forum in Forum.objects.filter(council=council, state=Forum.State.ACTIVE).prefetch_related("members"):
        recent = forum.meetings.filter(held_on__gt=year_ago, held_on__lte=today)
        outcomes = MeetingOutcome.objects.filter(meeting__in=recent).count() if recent.exists() else None
        out.append(
            meetings_rules.Forum(
                key=forum.slug,
                name=forum.name,
                meetings_per_year=Decimal(forum.meetings_per_year),
                hours=Decimal(forum.usual_hours),
                members=frozenset(m.key for m in forum.members.all()),
                purposes=frozenset(meetings_rules.Purpose(p) for p in forum.purposes),
                is_statutory=forum.is_statutory,
                outcomes_last_year=outcomes,
            )
        )
    return out


def review(council: Council) -> dict[str, Any]:
    forums = domain_forums(council)
    return {
        "forums": sorted(forums, key=lambda f: (-f.person_hours, f.name)),
        "total_hours": sum((f.person_hours for f in forums), Decimal(0)),
        "people": list(meetings_rules.hours_by_person(forums).items()),
        "overlaps": meetings_rules.overlaps(forums, top=10),
        "information_only": meetings_rules.information_only(forums),
        "proposals": meetings_rules.propose(forums),
    }


def stood_down(council: Council) -> QuerySet[Forum]:
    return Forum.objects.filter(council=council).exclude(state=Forum.State.ACTIVE).order_by("state_changed_on", "name")
