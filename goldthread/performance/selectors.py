"""Reads for the performance domain: the scorecard, a measure's series, the home page summary.

Values and targets for every measure on a page are loaded in a few queries and worked on
in memory, so the scorecard costs the same handful of queries for 30 or 300 measures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from goldthread.benchmarking import selectors as benchmarking
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Directorate, Priority, User
from goldthread.council.selectors import current_council
from goldthread.domain import scorecard as scorecard_rules
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period
from goldthread.domain.rag import Direction, Rag, direction_of_travel, rag_status
from goldthread.domain.rollup import Rollup, roll_up
from goldthread.domain.staleness import Staleness, staleness

from .models import Frequency, Measure, MeasureValue, Status, Target, ValueRevision

NOT_LINKED = "Not linked to a priority"
TREND_LENGTH = 8
HISTORY_YEARS = 10  # how far back the scorecard loads values, for annual trends


# --- figures: one measure, one period -------------------------------------------------------------
@dataclass(frozen=True)
class Point:
    """A value or target as loaded: just what the scorecard needs."""

    period: str
    start: date
    end: date
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = Status.APPROVED
    is_example: bool = False
    until_changed: bool = False


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    period_label: str  # the period the figure is for (an annual figure keeps its own year)
    points: tuple[Point, ...] = ()

    @property
    def is_approved(self) -> bool:
        return all(p.status == Status.APPROVED for p in self.points)

    @property
    def status(self) -> str:
        statuses = {p.status for p in self.points}
        for status in (Status.DRAFT, Status.SUBMITTED):
            if status in statuses:
                return status
        return Status.APPROVED

    @property
    def is_example(self) -> bool:
        return any(p.is_example for p in self.points)

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def _combine(measure: Measure, points: list[Point], label: str) -> Figure | None:
    if not points:
        return None
    method = Rollup(measure.rollup)
    if method is Rollup.RATIO and not all(p.numerator is not None and p.denominator is not None for p in points):
        method = Rollup.AVERAGE  # without numerators and denominators the best we can do is average
    value = roll_up(
        method,
        [p.value for p in points],
        [p.numerator for p in points],
        [p.denominator for p in points],
        scale=Decimal(measure.rate_per or 100),
    )
    return Figure(value, label, tuple(points))


def figure_for(measure: Measure, points: list[Point], view: Period, *, fallback: bool = True) -> Figure | None:
    """The measure's figure for ``view``: its own value for exactly that period; months (or quarters)
    rolled up with the measure's rollup; or, for an annual measure, the latest year ended by the end of it."""
    start, end = view.start, view.end  # computed once: this runs for every measure and trend point
    exact = [p for p in points if p.start == start and p.end == end]
    if exact:
        return Figure(exact[0].value, exact[0].period, (exact[0],))
    if measure.frequency == Frequency.ANNUAL:
        if not fallback:
            return None
        # The latest year that had ended by the end of the view: the 2023-24 figure is not the Q2 2023-24 position.
        earlier = [p for p in points if p.end <= end]
        if not earlier:
            return None
        latest = max(earlier, key=lambda p: (p.start, p.end))
        return Figure(latest.value, latest.period, (latest,))
    inside = sorted((p for p in points if p.start >= start and p.end <= end), key=lambda p: p.start)
    return _combine(measure, inside, view.label)


def _comparison_base(measure: Measure, figure: Figure | None, view: Period) -> Period:
    """What to compare with: an annual figure with its own previous year; anything else with the view's."""
    if measure.frequency == Frequency.ANNUAL and figure is not None:
        try:
            return measure.parse_period(figure.period_label)
        except PeriodError:
            return view
    return view


# --- rows ---------------------------------------------------------------------------------------
@dataclass
class ScorecardRow:
    measure: Measure
    figure: Figure | None
    target: Figure | None
    rag: Rag
    since_previous: Direction
    since_last_year: Direction
    previous_label: str
    last_year_label: str
    trend: list[Decimal | None]
    trend_labels: list[str]
    view_label: str = ""
    awaiting_approval: bool = False
    benchmark: dict[str, Any] | None = None
    staleness: Staleness | None = None  # how old the figure is by the end of the view
    # The target that applied in each trend period (None where none did: a target is not drawn back
    # over years before it was set).
    trend_targets: list[Decimal | None] = field(default_factory=list)

    @property
    def rag_label(self) -> str:
        """The RAG in words, saying so when the target is an example ("Off target (against an example target)")."""
        example = self.target is not None and self.target.is_example and self.rag is not Rag.GREY
        return self.rag.words + (" (against an example target)" if example else "")

    @property
    def is_stale(self) -> bool:
        return self.staleness is not None and self.staleness.is_stale

    @property
    def target_carried_from(self) -> str:
        """The period a target set "until changed" was set for, when it is carried forward; else ""."""
        if self.target is None or len(self.target.points) != 1:
            return ""
        point = self.target.points[0]
        own = self.figure.period_label if self.figure else self.view_label
        return point.period if point.until_changed and point.period not in (own, self.view_label) else ""

    @property
    def value_text(self) -> str:
        return self.measure.format_value(self.figure.value if self.figure else None)

    @property
    def target_text(self) -> str:
        return self.measure.format_value(self.target.value) if self.target else "No target"

    @property
    def figure_period_differs(self) -> bool:
        return self.figure is not None and self.figure.period_label != self.view_label


def build_row(
    measure: Measure, values: list[Point], targets: list[Point], view: Period, *, trend: bool = True
) -> ScorecardRow:
    figure = figure_for(measure, values, view)
    base = _comparison_base(measure, figure, view)
    previous_period, last_year_period = base.previous(), base.same_period_last_year()
    previous = figure_for(measure, values, previous_period, fallback=False)
    last_year = figure_for(measure, values, last_year_period, fallback=False)
    target = _target_for(measure, targets, figure, view)
    value = figure.value if figure else None
    tolerance = measure.change_tolerance
    row = ScorecardRow(
        measure=measure,
        figure=figure,
        target=target,
        rag=rag_status(value, target.value if target else None, measure.polarity, measure.amber_tolerance),
        since_previous=direction_of_travel(value, previous.value if previous else None, measure.polarity, tolerance),
        since_last_year=direction_of_travel(value, last_year.value if last_year else None, measure.polarity, tolerance),
        previous_label=previous_period.label,
        last_year_label=last_year_period.label,
        trend=[],
        trend_labels=[],
        view_label=view.label,
        staleness=staleness(figure.points[-1].end, view.end, measure.frequency) if figure and figure.points else None,
    )
    if trend:
        periods = [base.shifted(-k) for k in range(TREND_LENGTH - 1, -1, -1)]
        trend_figures = [figure_for(measure, values, p, fallback=False) for p in periods]
        row.trend = [f.value if f else None for f in trend_figures]
        row.trend_labels = [p.label for p in periods]
        trend_targets = [_target_for(measure, targets, f, p) for f, p in zip(trend_figures, periods, strict=True)]
        row.trend_targets = [t.value if t else None for t in trend_targets]
    return row


def _target_for(measure: Measure, targets: list[Point], figure: Figure | None, view: Period) -> Figure | None:
    """The target for the figure's period: its own, rolled up from shorter periods inside it, or else the
    latest earlier target set "until changed", carried forward."""
    own = _own_target(measure, targets, figure, view)
    if own is not None:
        return own
    start = figure.points[0].start if figure is not None and figure.points else view.start
    carried = [t for t in targets if t.until_changed and t.start < start]
    if not carried:
        return None
    latest = max(carried, key=lambda t: (t.start, t.end))
    return Figure(latest.value, latest.period, (latest,))


def _own_target(measure: Measure, targets: list[Point], figure: Figure | None, view: Period) -> Figure | None:
    if measure.frequency == Frequency.ANNUAL and figure is not None:
        own = [t for t in targets if t.period == figure.period_label]
        return Figure(own[0].value, own[0].period, (own[0],)) if own else None
    start, end = view.start, view.end
    exact = [t for t in targets if t.start == start and t.end == end]
    if exact:
        return Figure(exact[0].value, exact[0].period, (exact[0],))
    if measure.frequency == Frequency.ANNUAL:
        return None
    inside = sorted((t for t in targets if t.start >= start and t.end <= end), key=lambda t: t.start)
    if not inside:
        return None
    method = Rollup.LATEST if measure.rollup == Rollup.RATIO else Rollup(measure.rollup)
    return Figure(roll_up(method, [t.value for t in inside]), view.label, tuple(inside))


# --- loading ------------------------------------------------------------------------------------
def _load_points(
    measures: list[Measure], view: Period, *, approved_only: bool
) -> tuple[dict[int, list[Point]], dict[int, list[Point]], dict[int, list[Point]]]:
    """Every value and target of these measures that the view, its comparisons and trend need: two queries.

    Annual measures look back further: their trend is eight years, and their latest figure may be old."""
    ids = [m.pk for m in measures]
    annual = [m.pk for m in measures if m.frequency == Frequency.ANNUAL]
    recent = view.shifted(-TREND_LENGTH).start
    window = Q(measure_id__in=ids, period_start__gte=recent) | Q(
        measure_id__in=annual, period_start__gte=date(view.start.year - HISTORY_YEARS, 1, 1)
    )
    values: dict[int, list[Point]] = defaultdict(list)
    all_values: dict[int, list[Point]] = defaultdict(list)
    rows = MeasureValue.objects.filter(window, period_start__lte=view.end).values_list(
        "measure_id", "period", "period_start", "period_end", "value", "numerator", "denominator", "status"
    )
    for mid, label, start, end, value, num, den, status in rows:
        point = Point(label, start, end, value, num, den, status)
        all_values[mid].append(point)
        if not approved_only or status == Status.APPROVED:
            values[mid].append(point)
    targets: dict[int, list[Point]] = defaultdict(list)
    # Targets set "until changed" are loaded however old: they still apply.
    carried = Q(measure_id__in=ids, until_changed=True)
    for mid, label, start, end, value, example, until_changed in Target.objects.filter(
        window | carried, period_start__lte=view.end
    ).values_list("measure_id", "period", "period_start", "period_end", "value", "is_example", "until_changed"):
        targets[mid].append(Point(label, start, end, value, is_example=example, until_changed=until_changed))
    return values, all_values, targets


def assess_measures(
    measures: list[Measure],
    view: Period,
    *,
    user: Actor,
    trend: bool = True,
    benchmarks: bool = False,
    approved_only: bool | None = None,
) -> list[ScorecardRow]:
    """A row for each measure: figure, target, RAG, directions and trend, as ``user`` may see them.

    ``approved_only`` forces member-facing figures (for committee reports) whoever asks."""
    if approved_only is None:
        approved_only = not permissions.can_see_unapproved(user)
    values, all_values, targets = _load_points(measures, view, approved_only=approved_only)
    found = benchmarking.benchmarks_for_measures(measures, view) if benchmarks else {}
    rows = []
    for measure in measures:
        row = build_row(measure, values[measure.pk], targets[measure.pk], view, trend=trend)
        if approved_only:
            newest = figure_for(measure, all_values[measure.pk], view)
            row.awaiting_approval = newest is not None and newest.status == Status.SUBMITTED
        row.benchmark = found.get(measure.pk)
        rows.append(row)
    return rows


def assess_latest(measures: list[Measure], *, approved_only: bool = True) -> list[ScorecardRow]:
    """For each measure with an approved figure, the scorecard's row for the period of its latest one:
    the same RAG and direction of travel as the scorecard, the API and the packs give for that period.
    (For the public page and anything else that shows "the latest figure".)"""
    ids = [m.pk for m in measures]
    values: dict[int, list[Point]] = defaultdict(list)
    found = MeasureValue.objects.filter(measure_id__in=ids)
    if approved_only:
        found = found.filter(status=Status.APPROVED)
    for mid, label, start, end, value, num, den, status in found.values_list(
        "measure_id", "period", "period_start", "period_end", "value", "numerator", "denominator", "status"
    ):
        values[mid].append(Point(label, start, end, value, num, den, status))
    targets: dict[int, list[Point]] = defaultdict(list)
    for mid, label, start, end, value, example, until_changed in Target.objects.filter(measure_id__in=ids).values_list(
        "measure_id", "period", "period_start", "period_end", "value", "is_example", "until_changed"
    ):
        targets[mid].append(Point(label, start, end, value, is_example=example, until_changed=until_changed))
    # How old each latest figure is today: counted to the end of the last quarter that has ended.
    reported_to = Period.containing(timezone.localdate(), Granularity.QUARTER, YearType.FINANCIAL).previous().end
    rows = []
    for measure in measures:
        known = [p for p in values[measure.pk] if p.value is not None]
        if not known:
            continue
        latest = max(known, key=lambda p: (p.end, p.start))
        try:
            view = measure.parse_period(latest.period)
        except PeriodError:
            continue
        row = build_row(measure, values[measure.pk], targets[measure.pk], view, trend=False)
        row.staleness = staleness(latest.end, max(reported_to, latest.end), measure.frequency)
        rows.append(row)
    return rows


# --- the scorecard --------------------------------------------------------------------------------
@dataclass
class ScorecardGroup:
    title: str
    priority: Priority | None
    rows: list[ScorecardRow] = field(default_factory=list)
    rag_counts: list[dict[str, Any]] = field(default_factory=list)  # [{"rag": Rag, "count": n}] in RAG order


@dataclass
class Scorecard:
    period: Period
    groups: list[ScorecardGroup]
    rows: list[ScorecardRow]  # each measure once, after filters
    measure_count: int  # before filters
    rag_counts: list[dict[str, Any]]  # [{"rag": Rag, "count": n}] in RAG order
    approved_only: bool


@dataclass(frozen=True)
class ScorecardFilters:
    directorate: str = ""
    rag: str = ""
    previous: str = ""
    last_year: str = ""

    @property
    def active(self) -> bool:
        return any([self.directorate, self.rag, self.previous, self.last_year])


def active_measures(council: Council, directorate_code: str = "") -> QuerySet[Measure]:
    qs = (
        Measure.objects.filter(council=council, is_active=True)
        .select_related("directorate", "owner")
        .prefetch_related("priorities")
    )
    if directorate_code:
        qs = qs.filter(directorate__code=directorate_code)
    return qs


def rag_counts(rows: list[ScorecardRow]) -> list[dict[str, Any]]:
    """[{"rag": Rag, "count": n}] for every RAG, in RAG order."""
    counts = scorecard_rules.rag_counts(row.rag for row in rows)
    return [{"rag": rag, "count": count} for rag, count in counts.items()]


def scorecard(
    *,
    user: Actor,
    period: Period,
    filters: ScorecardFilters | None = None,
    council: Council | None = None,
    approved_only: bool | None = None,
) -> Scorecard:
    """Every active measure for ``period``, grouped by priority (a measure under each of its priorities)."""
    filters = filters or ScorecardFilters()
    council = council or current_council()
    if approved_only is None:
        approved_only = not permissions.can_see_unapproved(user)
    measures = list(active_measures(council, filters.directorate))
    rows = assess_measures(measures, period, user=user, benchmarks=True, approved_only=approved_only)
    chosen = scorecard_rules.Filters(filters.rag, filters.previous, filters.last_year)
    kept = [r for r in rows if chosen.keeps(r.rag, r.since_previous, r.since_last_year)]
    ordered = [
        ScorecardGroup(
            group.key.title if group.key is not None else NOT_LINKED,
            group.key,
            group.rows,
            rag_counts(group.rows),
        )
        for group in scorecard_rules.group_rows(
            kept, lambda r: list(r.measure.priorities.all()), lambda p: (p.order, p.title, p.pk)
        )
    ]
    return Scorecard(
        period=period,
        groups=ordered,
        rows=kept,
        measure_count=len(measures),
        rag_counts=rag_counts(kept),
        approved_only=approved_only,
    )


# --- periods to choose from ------------------------------------------------------------------------
def _visible_values(user: Actor, council: Council) -> QuerySet[MeasureValue]:
    qs = MeasureValue.objects.filter(measure__council=council, measure__is_active=True)
    if not permissions.can_see_unapproved(user):
        qs = qs.filter(status=Status.APPROVED)
    return qs


def latest_quarter(user: Actor, council: Council | None = None) -> Period:
    """The latest financial quarter with a figure the user can see (this quarter when there is none)."""
    council = council or current_council()
    latest = _visible_values(user, council).aggregate(latest=Max("period_start"))["latest"]
    return Period.containing(latest or date.today(), Granularity.QUARTER, YearType.FINANCIAL)


def latest_approved_quarter(council: Council | None = None) -> Period | None:
    """The financial quarter in which the newest approved figure's period ends: where a committee report
    has something to say. None when nothing is approved yet."""
    council = council or current_council()
    latest = MeasureValue.objects.filter(measure__council=council, status=Status.APPROVED).aggregate(
        latest=Max("period_end")
    )["latest"]
    return Period.containing(latest, Granularity.QUARTER, YearType.FINANCIAL) if latest else None


def period_choices(user: Actor, council: Council | None = None, *, years: int = 6) -> list[Period]:
    """Financial quarters and years to choose from, newest first, ending at the latest with data."""
    latest = latest_quarter(user, council)
    choices = []
    for k in range(years):
        year = Period.financial_year(latest.year - k)
        quarters = [q for q in (Period.financial_quarter(year.year, n) for n in (4, 3, 2, 1)) if q <= latest]
        choices.extend(quarters)
        choices.append(year)
    return choices


def parse_scorecard_period(text: str | None, user: Actor, council: Council | None = None) -> Period:
    """The period asked for (a financial year or quarter), or the latest quarter with data."""
    if not text:
        return latest_quarter(user, council)
    try:
        period = parse_period(text, YearType.FINANCIAL, Granularity.QUARTER)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    if period.granularity is Granularity.MONTH or period.year_type is not YearType.FINANCIAL:
        raise Http404("Choose a financial year or a financial quarter, such as 2023-24 Q2")
    if not 1900 <= period.year <= 2200:
        raise Http404("Choose a financial year between 1900-01 and 2200-01")
    return period


def directorates(council: Council | None = None) -> QuerySet[Directorate]:
    return Directorate.objects.filter(council=council or current_council()).order_by("name")


# --- one measure --------------------------------------------------------------------------------------
@dataclass
class SeriesRow:
    period: str
    value: MeasureValue | None
    value_text: str
    target: Target | None
    target_text: str
    rag: Rag


def measure_series(measure: Measure, user: Actor) -> list[SeriesRow]:
    """Every period with a value or a target, in time order, as the user may see it."""
    values = list(measure.values.select_related("updated_by").order_by("period_start"))
    if not permissions.can_see_unapproved(user):
        values = [v for v in values if v.status == Status.APPROVED]
    targets = {t.period: t for t in measure.targets.all()}
    by_period = {v.period: v for v in values}
    starts = {v.period: v.period_start for v in values} | {t.period: t.period_start for t in targets.values()}
    rows = []
    for label in sorted(starts, key=lambda p: starts[p]):
        value, target = by_period.get(label), targets.get(label)
        number = value.value if value else None
        rows.append(
            SeriesRow(
                period=label,
                value=value,
                value_text=measure.format_value(number) if value else "No value",
                target=target,
                target_text=measure.format_value(target.value) if target else "No target",
                rag=rag_status(number, target.value if target else None, measure.polarity, measure.amber_tolerance),
            )
        )
    return rows


def year_to_date(measure: Measure, view: Period, user: Actor) -> Figure | None:
    """For a monthly measure: its months from the start of the financial year to the end of ``view``,
    rolled up with the measure's rollup."""
    if measure.frequency != Frequency.MONTHLY:
        return None
    months = Period.month(view.end.year, view.end.month).year_to_date_months(YearType.FINANCIAL)
    first = months[0]
    values, _, _ = _load_points([measure], view, approved_only=not permissions.can_see_unapproved(user))
    inside = sorted(
        (p for p in values[measure.pk] if p.start >= first.start and p.end <= view.end), key=lambda p: p.start
    )
    return _combine(measure, inside, f"{first.start:%B %Y} to {view.end:%B %Y}")


def value_revisions(measure: Measure) -> list[ValueRevision]:
    """Corrections made to the measure's figures after they were reported, oldest first."""
    return list(
        ValueRevision.objects.filter(measure_value__measure=measure).select_related(
            "measure_value", "made_by", "reported_figure__reported_period"
        )
    )


def unapproved_hidden(measure: Measure, user: Actor) -> int:
    """How many of the measure's figures are waiting for approval (for people who see only approved ones)."""
    if permissions.can_see_unapproved(user):
        return 0
    return measure.values.filter(status=Status.SUBMITTED).count()


def measure_by_reference(reference: str, council: Council | None = None) -> Measure:
    measure = (
        Measure.objects.select_related("directorate", "owner", "service", "council")
        .prefetch_related("priorities")
        .filter(council=council or current_council(), reference=reference)
        .first()
    )
    if measure is None:
        raise Http404(f"No measure has the reference {reference}")
    return measure


def values_awaiting_approval(council: Council | None = None) -> QuerySet[MeasureValue]:
    return (
        MeasureValue.objects.filter(measure__council=council or current_council(), status=Status.SUBMITTED)
        .select_related("measure", "measure__directorate", "updated_by")
        .order_by("measure__reference", "period_start")
    )


def measures_for_user(user: User, council: Council | None = None) -> QuerySet[Measure]:
    """Measures a person looks after: those they own, and for an editor their directorate's."""
    condition = Q(owner=user)
    directorate_id = permissions.looked_after_directorate_id(user)
    if directorate_id:
        condition |= Q(directorate_id=directorate_id)
    return active_measures(council or current_council()).filter(condition)


# --- the home page ------------------------------------------------------------------------------------
def home_summary(user: User) -> dict[str, Any]:
    """What the home page shows: RAG counts for the latest quarter, approvals waiting, measures needing a value."""
    council = Council.objects.order_by("pk").first()
    if council is None or not permissions.can_read(user):
        return {}
    period = latest_quarter(user, council)
    measures = list(active_measures(council))
    rows = assess_measures(measures, period, user=user, trend=False)
    summary = {
        "period": period,
        "rag_counts": rag_counts(rows),
        "measure_count": len(measures),
        "awaiting_approval": values_awaiting_approval(council).count() if permissions.can_approve(user) else None,
        "needing_value": [],
    }
    mine = {m.pk for m in measures_for_user(user, council) if permissions.can_edit_measure(user, m)}
    if mine:
        summary["needing_value"] = [r.measure for r in rows if r.measure.pk in mine and r.figure is None]
        summary["my_measure_count"] = len(mine)
    return {"performance_summary": summary}


# --- history ---------------------------------------------------------------------------------------------
FIELD_LABELS = {
    "value": "Value",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "commentary": "Commentary",
    "source": "Source",
    "status": "Status",
    "period": "Period",
    "is_example": "Example target",
    "note": "Note",
}


@dataclass
class HistoryEntry:
    change: Change
    subject: str  # "Measure", "Value 2023-24 Q2", "Target 2023-24"
    fields: list[tuple[str, str, str]]  # (field, before, after)


def measure_history(measure: Measure) -> list[HistoryEntry]:
    """Every change to the measure, its values and its targets, newest first."""
    kinds = ContentType.objects.get_for_models(Measure, MeasureValue, Target, for_concrete_models=False)
    value_labels = {str(pk): label for pk, label in measure.values.values_list("pk", "period")}
    target_labels = {str(pk): label for pk, label in measure.targets.values_list("pk", "period")}
    changes = Change.objects.filter(
        Q(content_type=kinds[Measure], object_id=str(measure.pk))
        | Q(content_type=kinds[MeasureValue], object_id__in=list(value_labels))
        | Q(content_type=kinds[Target], object_id__in=list(target_labels))
    ).select_related("user", "content_type")
    entries = []
    for change in changes:
        if change.content_type_id == kinds[MeasureValue].pk:
            subject = f"Value {value_labels.get(change.object_id, '')}"
        elif change.content_type_id == kinds[Target].pk:
            subject = f"Target {target_labels.get(change.object_id, '')}"
        else:
            subject = "Measure"
        fields = [
            (FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), _shown(pair[0]), _shown(pair[1]))
            for name, pair in (change.changes or {}).items()
        ]
        entries.append(HistoryEntry(change, subject, fields))
    return entries


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if value in {s.value for s in Status}:
        return Status(value).label
    return str(value)
