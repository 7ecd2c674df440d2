"""The council's financial resilience indicators over time, with rank and quartile band in its comparator
group, from the benchmarking app's ``benchmark_result``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from goldthread.benchmarking.models import Area, MetricValue, PublishedMetric
from goldthread.benchmarking.selectors import GroupNotFound, benchmark_result
from goldthread.benchmarking.selectors import group as comparator_group
from goldthread.core.charts import sparkline_svg

from .models import OutturnImport
from .outturn import METRICS

INDICATORS = ["RES-LEVEL", "RES-CHANGE", "CT-SHARE", "RO-RES-UNALLOCATED", "RO-RES-EARMARKED", "RO-NRE", "RO-CTR"]


@dataclass
class Cell:
    period: str
    value: Decimal | None
    rank: int | None = None
    n: int | None = None
    quartile: str | None = None  # a band: "top", "upper middle", "lower middle" or "bottom"
    median: float | None = None


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
    provisional: list[str]
    group_found: bool = False  # False: no comparator group has this code, so there are no ranks


def resilience(council, group: str = "MD") -> Resilience:
    area = Area.objects.filter(gss_code=council.gss_code).first()
    metrics = {m.code: m for m in PublishedMetric.objects.filter(code__in=INDICATORS)}
    provisional = list(OutturnImport.objects.filter(provisional=True).values_list("financial_year", flat=True))
    if area is None or not metrics:
        return Resilience(area, group, [], [], provisional)
    values = MetricValue.objects.filter(area=area, metric__code__in=INDICATORS).select_related("metric")
    periods = sorted({v.period for v in values})
    by_key = {(v.metric.code, v.period): v.value for v in values}
    found = _group_exists(group)
    rows = []
    for code in INDICATORS:
        if code not in metrics:
            continue
        row = IndicatorRow(metrics[code])
        for period in periods:
            cell = Cell(period, by_key.get((code, period)))
            if found and cell.value is not None:
                _rank(cell, code, period, group, area.gss_code)
            row.cells.append(cell)
        row.sparkline = sparkline_svg(
            [c.value for c in row.cells], f"Trend of {metrics[code].name}, {periods[0]} to {periods[-1]}"
        )
        rows.append(row)
    return Resilience(area, group, periods, rows, provisional, found)


def _group_exists(code: str) -> bool:
    try:
        comparator_group(code)
    except GroupNotFound:
        return False
    return True


def _rank(cell: Cell, code: str, period: str, group: str, gss: str) -> None:
    result = benchmark_result(code, period, group)
    cell.n, cell.median = result.summary.n, result.summary.median
    mine = next((r for r in result.rows if r["area_code"] == gss), None)
    if mine:
        cell.rank, cell.quartile = mine["rank"], mine["quartile"]


def definitions() -> list[tuple[str, str, str]]:
    return [(code, METRICS[code][0], METRICS[code][3]) for code in INDICATORS]
