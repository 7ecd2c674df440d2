"""How the scorecard reads on a page: words, tags and the trend's SVG, built from what the selectors read.

Presentation only: no reads, no arithmetic (counts and grouping are in goldthread.domain.scorecard).
The selectors' rows are never changed here; each becomes a new, frozen row for the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from goldthread.core.charts import sparkline_svg
from goldthread.domain.rag import Direction, Rag

if TYPE_CHECKING:
    from .models import ValueRevision
    from .selectors import Scorecard, ScorecardGroup, ScorecardRow


def benchmark_text(row: ScorecardRow) -> str:
    """The benchmark in words, e.g. "3rd of 16 metropolitan districts (median 37.0%, top quartile)"."""
    if not row.benchmark:
        return ""
    parts = []
    median = row.benchmark.get("median")
    if median is not None:
        parts.append(f"median {row.measure.format_value(Decimal(str(median)))}")
    if row.benchmark.get("quartile"):
        parts.append(f"{row.benchmark['quartile']} quartile")
    rank = row.benchmark.get("rank_text") or ""
    return f"{rank} ({', '.join(parts)})" if parts else rank


def sparkline(row: ScorecardRow) -> str:
    """The trend as a small SVG that says in words what it shows."""
    known = [v for v in row.trend if v is not None]
    if len(known) < 2:
        words = "Not enough figures for a trend"
    else:
        first, last = row.measure.format_value(known[0]), row.measure.format_value(known[-1])
        words = f"Trend over the last {len(row.trend)} periods: from {first} to {last}"
    return sparkline_svg(row.trend, words)


def count_words(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def rag_counts_text(counts: list[dict]) -> str:
    """The counts in words, e.g. "5 on target, 2 near target, 0 off target, 1 no target or no data"."""
    return ", ".join(f"{item['count']} {item['rag'].words.lower()}" for item in counts)


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str  # a GOV.UK tag colour
    title: str = ""


@dataclass(frozen=True)
class DirectionText:
    direction: Direction
    since: str  # the period compared with


@dataclass(frozen=True)
class PresentedRow:
    """One measure's row as the page shows it (rendered once, shown under each of its priorities)."""

    pk: int
    reference: str
    title: str
    url: str
    directorate: str
    value_text: str
    value_note: str  # "for 2022-23" when the figure is for another period than the view
    tags: tuple[Tag, ...]
    target_line: str  # "Target: 80.0%", or "No target"
    target_note: str  # "carried forward from 2020-21"
    target_is_example: bool
    rag: Rag
    rag_words: str
    directions: tuple[DirectionText, ...]  # since the previous period, and the same period last year when different
    sparkline: str
    benchmark_text: str
    narrative: str
    html: str = ""


@dataclass(frozen=True)
class PresentedGroup:
    title: str
    url: str
    summary: str  # "12 measures: 5 on target, ..."
    rows: tuple[PresentedRow, ...]
    slug: str  # for the details element's id


@dataclass(frozen=True)
class PresentedScorecard:
    period_label: str
    long_label: str
    shown: int
    measure_count: int
    counts_text: str
    approved_only: bool
    groups: tuple[PresentedGroup, ...]


@dataclass(frozen=True)
class RevisionRow:
    """A correction after reporting, and which of its figures the reader may see."""

    revision: ValueRevision
    before_shown: bool
    after_shown: bool


def _tags(row: ScorecardRow) -> tuple[Tag, ...]:
    tags = []
    if row.is_stale and row.staleness is not None:
        tags.append(Tag(f"Out of date: {row.staleness.age_words}", "orange", row.staleness.words))
    if row.figure is not None and not row.figure.is_approved:
        tags.append(Tag(row.figure.status_label, "yellow"))
    if row.awaiting_approval:
        tags.append(Tag("Awaiting approval", "grey"))
    return tuple(tags)


def present_row(row: ScorecardRow, narrative: str = "") -> PresentedRow:
    directions = [DirectionText(row.since_previous, row.previous_label)]
    if row.last_year_label != row.previous_label:
        directions.append(DirectionText(row.since_last_year, row.last_year_label))
    measure = row.measure
    return PresentedRow(
        pk=measure.pk,
        reference=measure.reference,
        title=measure.title,
        url=measure.get_absolute_url(),
        directorate=measure.directorate.name if measure.directorate_id else "",
        value_text=row.value_text,
        value_note=f"for {row.figure.period_label}" if row.figure_period_differs and row.figure else "",
        tags=_tags(row),
        target_line=f"Target: {row.target_text}" if row.target else "No target",
        target_note=f"carried forward from {row.target_carried_from}" if row.target_carried_from else "",
        target_is_example=bool(row.target and row.target.is_example),
        rag=row.rag,
        rag_words=row.rag.words,  # the "Example target" tag beside the value says when the target is invented
        directions=tuple(directions),
        sparkline=sparkline(row),
        benchmark_text=benchmark_text(row),
        narrative=narrative,
    )


def _slug(group: ScorecardGroup, index: int) -> str:
    priority = group.priority
    return f"priority-{priority.pk}" if priority is not None else f"group-{index}"


def scorecard_page(
    card: Scorecard,
    narrative: Callable[[ScorecardRow], str],
    render_row: Callable[[PresentedRow], str] | None = None,
) -> PresentedScorecard:
    """The page's scorecard: each measure presented (and rendered) once, then placed under its groups."""
    presented: dict[int, PresentedRow] = {}
    for row in card.rows:
        item = present_row(row, narrative(row))
        presented[row.measure.pk] = replace(item, html=render_row(item)) if render_row else item
    groups = []
    for index, group in enumerate(card.groups):
        rows = tuple(presented[row.measure.pk] for row in group.rows)
        counts = group.rag_counts
        summary = f"{count_words(len(rows), 'measure')}: {rag_counts_text(counts)}"
        url = group.priority.get_absolute_url() if group.priority is not None else ""
        groups.append(PresentedGroup(group.title, url, summary, rows, _slug(group, index)))
    return PresentedScorecard(
        period_label=card.period.label,
        long_label=card.period.long_label,
        shown=len(card.rows),
        measure_count=card.measure_count,
        counts_text=rag_counts_text(card.rag_counts),
        approved_only=card.approved_only,
        groups=tuple(groups),
    )
