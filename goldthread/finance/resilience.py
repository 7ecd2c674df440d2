"""The council's financial resilience indicators over time, with rank and quartile in its comparator
group, from the benchmarking engineer's ``benchmark(metric_code, period_label, group_code, area_code)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from goldthread.benchmarking.models import Area, MetricValue, PublishedMetric
from goldthread.core.charts import sparkline_svg

from .models import OutturnImport
from .outturn import METRICS

INDICATORS = ["RES-LEVEL", "RES-CHANGE", "CT-SHARE", "RO-RES-UNALLOCATED", "RO-RES-EARMARKED", "RO-NRE", "RO-CTR"]


def _benchmark():
    """The shared statistics function, or None when the benchmarking app does not provide it yet."""
    from goldthread.benchmarking import selectors

    return getattr(selectors, "benchmark", None)


@dataclass
class Cell:
    period: str
    value: object
    rank: int | None = None
    n: int | None = None
    quartile: int | None = None
    median: object = None


@dataclass
class IndicatorRow:
    metric: PublishedMetric
    cells: list[Cell] = field(default_factory=list)
    sparkline: str = ""


@dataclass
class Resilience:
    area: Area | None
    group: str
    periods: list[str]
    rows: list[IndicatorRow]
    ranks_available: bool
    provisional: list[str]
    group_found: bool = False


def resilience(council, group: str = "MD") -> Resilience:
    area = Area.objects.filter(gss_code=council.gss_code).first()
    metrics = {m.code: m for m in PublishedMetric.objects.filter(code__in=INDICATORS)}
    provisional = list(OutturnImport.objects.filter(provisional=True).values_list("financial_year", flat=True))
    if area is None or not metrics:
        return Resilience(area, group, [], [], False, provisional)
    values = MetricValue.objects.filter(area=area, metric__code__in=INDICATORS).select_related("metric")
    periods = sorted({v.period for v in values})
    by_key = {(v.metric.code, v.period): v.value for v in values}
    bench = _benchmark()
    rows = []
    found = False
    for code in INDICATORS:
        if code not in metrics:
            continue
        row = IndicatorRow(metrics[code])
        for period in periods:
            cell = Cell(period, by_key.get((code, period)))
            if bench is not None and cell.value is not None:
                try:
                    result = bench(code, period, group, area.gss_code)
                except (LookupError, ValueError):  # e.g. a group code the benchmarking app does not know
                    result = None
                found = found or result is not None
                _rank(cell, result, area.gss_code)
            row.cells.append(cell)
        row.sparkline = sparkline_svg(
            [c.value for c in row.cells], f"Trend of {metrics[code].name}, {periods[0]} to {periods[-1]}"
        )
        rows.append(row)
    return Resilience(area, group, periods, rows, bench is not None, provisional, found)


def _rank(cell: Cell, result: dict | None, gss: str) -> None:
    if not result:
        return
    stats = result.get("stats") or {}
    cell.n, cell.median = stats.get("n"), stats.get("median")
    mine = next((a for a in result.get("areas", []) if a.get("area_code") == gss), None)
    if mine:
        cell.rank, cell.quartile = mine.get("rank"), mine.get("quartile")


def definitions() -> list[tuple[str, str, str]]:
    return [(code, METRICS[code][0], METRICS[code][3]) for code in INDICATORS]
