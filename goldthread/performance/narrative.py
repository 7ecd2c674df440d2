"""Turns a scorecard row into the facts the narrative rules (goldthread.domain.narrative) write from, so the
measure page, the scorecard and every pack say the same sentences. Presentation only: no reads here
beyond what the row already holds; a benchmark history (for runs) is passed in by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from goldthread.domain.narrative import GroupYear, MeasureFacts, measure_narrative

from .selectors import ScorecardRow


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def facts_for(row: ScorecardRow, history: Sequence[GroupYear] = ()) -> MeasureFacts:
    measure, figure, bench = row.measure, row.figure, row.benchmark or {}
    trend = dict(zip(row.trend_labels, row.trend, strict=False))
    return MeasureFacts(
        name=measure.title,
        period=row.view_label,
        value=figure.value if figure else None,
        fmt=measure.format_value,
        unit=measure.unit,
        decimal_places=measure.decimal_places,
        polarity=measure.polarity,
        figure_period=figure.period_label if figure else "",
        target=row.target.value if row.target else None,
        amber_tolerance=measure.amber_tolerance,
        change_tolerance=measure.change_tolerance,
        previous=trend.get(row.previous_label),
        previous_period=row.previous_label,
        last_year=trend.get(row.last_year_label),
        last_year_period=row.last_year_label,
        rank=bench.get("rank"),
        group_size=bench.get("n"),
        group_plural=bench.get("group_plural", ""),
        median=_decimal(bench.get("median")),
        benchmark_period=bench.get("period", ""),
        history=tuple(history),
        stale_words=row.staleness.age_words if row.is_stale and row.staleness else "",
    )


def sentences(row: ScorecardRow, history: Sequence[GroupYear] = ()) -> list[str]:
    """The generated sentences for one row, in reading order."""
    return measure_narrative(facts_for(row, history))


def text(row: ScorecardRow, history: Sequence[GroupYear] = ()) -> str:
    return " ".join(sentences(row, history))
