"""What the performance app shows on a priority's page, as at the page's period: how its measures stand
(counts by RAG with a small chart, in words), each measure with a sparkline, the officers' commentary and
the sentences written from the figures (the same rules as the scorecard and the packs). Also the RAG by
priority the home page shows at a glance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max

from goldthread.core.charts import RagCount, rag_count_bars_svg, rag_stack_svg, sparkline_svg
from goldthread.council import permissions
from goldthread.council.links import AsAt, LinkedSection
from goldthread.domain import narrative as rules
from goldthread.domain.numbers import count
from goldthread.domain.periods import Granularity, Period, YearType
from goldthread.domain.rag import Direction, Rag

from . import narrative
from .models import MeasureValue, Status
from .selectors import ScorecardRow, active_measures, assess_measures


def latest_period(council, user) -> Period | None:
    """The financial quarter of the newest figure the person may see (the scorecard opens on the same)."""
    values = MeasureValue.objects.filter(measure__council=council, measure__is_active=True)
    if not permissions.can_see_unapproved(user):
        values = values.filter(status=Status.APPROVED)
    latest = values.aggregate(latest=Max("period_start"))["latest"]
    return Period.containing(latest, Granularity.QUARTER, YearType.FINANCIAL) if latest else None


def rag_counts(rows: list[ScorecardRow]) -> list[RagCount]:
    found = Counter(row.rag for row in rows)
    return [RagCount(rag.words, rag.value, found.get(rag, 0)) for rag in Rag]


def counts_in_words(counts: list[RagCount]) -> str:
    """ "3 measures on target, 1 near target and 2 off target"; "no measures" when there are none."""
    return rules.rag_summary({Rag(c.rag): c.count for c in counts})


def trend_sparkline(row: ScorecardRow) -> str:
    """The measure's last periods as a sparkline, saying in words what it shows (periods and values)."""
    known = [(label, v) for label, v in zip(row.trend_labels, row.trend, strict=False) if v is not None]
    if len(known) < 2:
        words = f"{row.measure.title}: not enough figures for a trend"
    else:
        (first_label, first), (last_label, last) = known[0], known[-1]
        words = (
            f"{row.measure.title}: trend from {row.measure.format_value(first)} in {first_label}"
            f" to {row.measure.format_value(last)} in {last_label}"
            f" ({count(len(known), 'figure')} over {count(len(row.trend), 'period')})"
        )
    return sparkline_svg(row.trend, words)


@dataclass
class MeasureEntry:
    row: ScorecardRow
    sparkline: str
    commentary: str  # the officers' own, for the figure's period (comes first)
    sentences: list[str]  # written from the figures by the narrative rules


@dataclass
class MeasuresData:
    period: str
    counts: list[RagCount]
    chart: str
    paragraph: str
    entries: list[MeasureEntry] = field(default_factory=list)
    approved_only: bool = True


def _commentaries(rows: list[ScorecardRow], approved_only: bool) -> dict[tuple[int, str], str]:
    wanted = {(row.measure.pk, row.figure.period_label) for row in rows if row.figure}
    if not wanted:
        return {}
    values = MeasureValue.objects.filter(
        measure_id__in={m for m, _ in wanted}, period__in={p for _, p in wanted}
    ).exclude(commentary="")
    if approved_only:
        values = values.filter(status=Status.APPROVED)
    return {(m, p): text for m, p, text in values.values_list("measure_id", "period", "commentary") if (m, p) in wanted}


def measures_data(priority, user, as_at: AsAt) -> MeasuresData:
    from goldthread.benchmarking.selectors import benchmark_history

    measures = list(active_measures(priority.council).filter(priorities=priority).order_by("reference"))
    approved_only = not permissions.can_see_unapproved(user)
    rows = assess_measures(measures, as_at.period, user=user, benchmarks=True) if measures else []
    counts = rag_counts(rows)
    moves = Counter(row.since_previous for row in rows)
    paragraph = rules.priority_paragraph(
        priority.title,
        as_at.label,
        {Rag(c.rag): c.count for c in counts if c.count},
        moves[Direction.IMPROVING],
        moves[Direction.DECLINING],
    )
    chart = rag_count_bars_svg(
        f"{priority.title}: measures by status against target, {as_at.label}",
        counts,
        description=f"Measures by status against target in {as_at.label}: {counts_in_words(counts)}.",
    )
    commentary = _commentaries(rows, approved_only)
    entries = [
        MeasureEntry(
            row=row,
            sparkline=trend_sparkline(row),
            commentary=commentary.get((row.measure.pk, row.figure.period_label), "") if row.figure else "",
            sentences=narrative.sentences(row, benchmark_history(row.measure) if row.benchmark else ()),
        )
        for row in rows
    ]
    return MeasuresData(as_at.label, counts, chart, paragraph, entries, approved_only)


def priority_measures(priority, user, as_at: AsAt) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    data = measures_data(priority, user, as_at)
    return LinkedSection(
        heading="Measures",
        summary=data.paragraph,
        template="performance/_priority_measures.html",
        data=data,
        empty_text="No measures are linked to this priority yet.",
        order=10,
    )


# --- the home page: RAG by priority ------------------------------------------------------------------
@dataclass
class PriorityRag:
    priority: object
    counts: list[RagCount]
    chart: str  # a thin stacked bar, with the counts in words as its text alternative
    words: str

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


def rag_by_priority(council, user, period: Period) -> list[PriorityRag]:
    """For each of the council's priorities, its active measures by RAG for ``period``, as the person may
    see them (a measure under two priorities counts under each)."""
    from goldthread.council.models import Priority

    measures = list(active_measures(council))
    rows = assess_measures(measures, period, user=user, trend=False) if measures else []
    found: dict[int, list[ScorecardRow]] = {}
    for row in rows:
        for p in row.measure.priorities.all():
            found.setdefault(p.pk, []).append(row)
    result = []
    for priority in Priority.objects.filter(council=council).order_by("order", "title"):
        counts = rag_counts(found.get(priority.pk, []))
        words = counts_in_words(counts)
        label = f"{priority.title}, {period.label}: {words}"
        result.append(PriorityRag(priority, counts, rag_stack_svg(counts, label, width=120), words))
    return result
