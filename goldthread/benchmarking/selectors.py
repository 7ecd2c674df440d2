"""Reads for benchmarking: comparator groups, benchmark positions and the measure panel."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db.models import F, Q, QuerySet

from goldthread.council.models import Council
from goldthread.domain import stats, stats_arrays
from goldthread.domain.narrative import GroupYear
from goldthread.domain.periods import Granularity, Period, PeriodError, parse_period

from .models import Area, AreaCode, ComparatorGroup, MeasureBenchmark, MetricImport, MetricValue, PublishedMetric

if TYPE_CHECKING:  # for annotations only: performance sits above benchmarking and imports it
    from goldthread.performance.models import Measure


def council_measures(council: Council) -> QuerySet[Any]:
    """The council's performance measures, which benchmarks link to. Benchmarking sits below performance
    (performance reads benchmarks), so it reaches the measure model through its link's foreign key
    (declared as "performance.Measure") rather than by importing performance."""
    measure_model = MeasureBenchmark._meta.get_field("measure").related_model
    return measure_model._default_manager.filter(council=council)


ENGLAND = "ENGLAND"  # marker: every English council, whatever its type

# Built-in groups are computed from the register. UPPER is England's single-tier and county councils
# (MD + UA + LBO + CTY); Scottish, Welsh and Northern Irish councils are never in UPPER because
# their published definitions differ (e.g. Scotland's recycling is counted by calendar year).
BUILTIN_GROUPS = {
    "MD": ("Metropolitan districts", "metropolitan districts", ["MD"]),
    "UA": ("Unitary authorities", "unitary authorities", ["UA"]),
    "LBO": ("London boroughs", "London boroughs", ["LBO"]),
    "CTY": ("County councils", "county councils", ["CTY"]),
    "NMD": ("Shire districts", "shire districts", ["NMD"]),
    "UPPER": ("Single-tier and county councils", "single-tier and county councils", ["MD", "UA", "LBO", "CTY"]),
    "ENG": ("English councils", "English councils", ENGLAND),
    "all": (
        "All areas with a value (mixes England, Wales, Scotland and Northern Ireland, whose definitions differ)",
        "areas with a value",
        None,
    ),
}
# The nations "all" can mix; said on its page and in the API so nobody compares across them unawares.
ALL_NATIONS_NOTE = (
    "This group mixes councils of England, Wales, Scotland and Northern Ireland wherever the metric has a value; "
    "the nations' published definitions differ, so compare with care."
)
REGION_PREFIX = "REGION:"


class GroupNotFound(LookupError):
    pass


class MetricNotFound(LookupError):
    pass


@dataclass
class Group:
    code: str
    name: str
    plural: str  # for "22nd of 36 metropolitan districts"
    filter: Q = field(default_factory=Q)
    user_defined: ComparatorGroup | None = None


def regions() -> list[str]:
    return list(
        Area.objects.filter(is_aggregate=False, nation="England")
        .exclude(region="")
        .values_list("region", flat=True)
        .distinct()
        .order_by("region")
    )


def builtin_group_codes() -> list[str]:
    return [*BUILTIN_GROUPS, *(REGION_PREFIX + r for r in regions())]


def group(code: str) -> Group:
    """The group with this code: built-in (MD, UA, LBO, CTY, NMD, UPPER, REGION:<name>, all) or user-defined."""
    if code in BUILTIN_GROUPS:
        name, plural, types = BUILTIN_GROUPS[code]
        if types is None:
            return Group(code, name, plural)
        if types == ENGLAND:
            return Group(code, name, plural, Q(nation="England"))
        england = Q(la_type__in=types, nation="England") if code == "UPPER" else Q(la_type__in=types)
        return Group(code, name, plural, england)
    if code.startswith(REGION_PREFIX):
        region = code.removeprefix(REGION_PREFIX)
        if region not in regions():
            raise GroupNotFound(f"no region called {region!r}: use one of {', '.join(regions())}")
        return Group(code, f"Councils in {region}", f"councils in {region}", Q(region=region, nation="England"))
    found = ComparatorGroup.objects.filter(code=code).first()
    if found is None:
        raise GroupNotFound(
            f"no comparator group {code!r}: use MD, UA, LBO, CTY, NMD, UPPER, ENG, REGION:<region>, all "
            "or a group's code"
        )
    return Group(code, found.name, found.name, Q(comparator_groups=found), found)


def metric(code: str) -> PublishedMetric:
    found = PublishedMetric.objects.filter(code=code).first()
    if found is None:
        raise MetricNotFound(f"no published metric {code!r}")
    return found


def normalise_period(metric_obj: PublishedMetric, label: str) -> Period:
    try:
        return parse_period(label, metric_obj.year_type or "financial", Granularity.YEAR)
    except PeriodError:
        return parse_period(label, metric_obj.year_type or "financial")


def area_by_code(code: str) -> Area | None:
    found = AreaCode.objects.filter(kind=AreaCode.Kind.GSS, value=code.strip().upper()).select_related("area").first()
    return found.area if found else Area.objects.filter(gss_code=code.strip().upper()).first()


@dataclass
class BenchmarkResult:
    metric: PublishedMetric
    period: Period
    group: Group
    summary: stats.Summary
    rows: list[dict[str, Any]]  # one per area in the group with a value, best first

    def as_dict(self, area_code: str | None = None) -> dict[str, Any]:
        areas = self.rows
        if area_code:
            area = area_by_code(area_code)
            wanted = area.gss_code if area else area_code.strip().upper()
            areas = [r for r in areas if r["area_code"] == wanted]
        return {
            "metric": self.metric.code,
            "period": self.period.label,
            "group": self.group.code,
            "stats": self.summary.as_dict(),
            "areas": areas,
        }


def existed_between(start: date | F, end: date | F, prefix: str = "") -> Q:
    """Areas that existed on some day from ``start`` to ``end`` inclusive (dates or F expressions).

    The register's end date is the day the successor begins (Allerdale ends on 1 April 2023, the day
    Cumberland starts), so an area exists on days before its end date, not on it: a council that ended
    on 1 April 2023 is not in 2023-24's groups."""
    began = Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": end})
    return began & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": start}))


def _area_current(start: date | F, end: date | F) -> Q:
    """Values of areas that existed at some point from ``start`` to ``end`` (dates or F expressions)."""
    return existed_between(start, end, prefix="area__")


def group_members(grp: Group, period: Period | None = None) -> QuerySet[Area]:
    """The councils in a group, as at ``period`` (every day of it counts) or, without one, today's."""
    members = Area.objects.filter(grp.filter, is_aggregate=False)
    if period is None:
        return members.filter(end_date__isnull=True)
    return members.filter(existed_between(period.start, period.end))


def group_period(label: str) -> Period:
    """A financial year or quarter label for a group's membership ("2023-24", "2023-24 Q2")."""
    return parse_period(label, "financial")


def benchmark_result(metric_code: str, period_label: str, group_code: str) -> BenchmarkResult:
    metric_obj = metric(metric_code)
    period = normalise_period(metric_obj, period_label)
    grp = group(group_code)
    members = Area.objects.filter(grp.filter, is_aggregate=False)
    current = _area_current(period.start, period.end)
    rows = (
        MetricValue.objects.filter(current, metric=metric_obj, period=period.label, area__in=members)
        .values_list("area__gss_code", "area__name", "value")
        .order_by()
    )
    values: dict[str, float | None] = {}
    names: dict[str, str] = {}
    for gss, name, value in rows:
        values[gss] = float(value) if value is not None else None
        names[gss] = name
    summary, positions = stats.positions(values, metric_obj.polarity)
    table = [
        {
            "area_code": gss,
            "area_name": names[gss],
            "value": pos.value,
            "rank": pos.rank,
            "quartile": pos.quartile,
            "mads_from_median": pos.mads_from_median,
        }
        for gss, pos in positions.items()
        if pos.value is not None
    ]
    table.sort(key=lambda r: (r["rank"], r["area_name"]))
    return BenchmarkResult(metric_obj, period, grp, summary, table)


def benchmark(metric_code: str, period_label: str, group_code: str, area_code: str | None = None) -> dict[str, Any]:
    """{"metric", "period", "group", "stats": {n, mean, median, q1, q3, min, max, mad}, "areas": [...]}.

    Raises MetricNotFound / GroupNotFound (LookupError) or PeriodError (ValueError)."""
    return benchmark_result(metric_code, period_label, group_code).as_dict(area_code)


def metric_periods(metric_obj: PublishedMetric) -> list[str]:
    """Period labels with values, oldest first."""
    found = (
        MetricValue.objects.filter(metric=metric_obj)
        .values_list("period", "period_start")
        .distinct()
        .order_by("period_start", "period")
    )
    seen = []
    for label, _ in found:
        if label not in seen:
            seen.append(label)
    return seen


def rank_text(rank: int | None, n: int, plural: str) -> str:
    if rank is None:
        return f"not ranked among {n} {plural}"
    return f"{stats.ordinal(rank)} of {n} {plural}"


def council_area(council: Council) -> Area | None:
    return Area.objects.filter(gss_code=council.gss_code).first() if council and council.gss_code else None


def _latest_period(link: MeasureBenchmark, area: Area, period: Period | None) -> str | None:
    values = MetricValue.objects.filter(metric=link.metric, area=area, value__isnull=False)
    if period is not None:
        # A figure true for its period: a year's value is not there before the year is over.
        values = values.filter(period_end__lte=period.end)
    latest = values.order_by("-period_end", "-period_start").first()
    return latest.period if latest else None


def benchmark_for_measure(measure: Measure, period: Period | None) -> dict[str, Any] | None:
    """The benchmark position of a council measure in a period, or None when it is not linked.

    Returns a dict: {"metric", "period", "group", "group_name", "n", "median", "rank", "quartile",
    "rank_text", "mads_from_median", "value"} for the latest metric period over by the end of ``period``."""
    link = MeasureBenchmark.objects.filter(measure=measure).select_related("metric").first()
    area = council_area(measure.council)
    if link is None or area is None:
        return None
    label = _latest_period(link, area, period)
    if label is None:
        return None
    try:
        result = benchmark_result(link.metric.code, label, link.group_code)
    except (LookupError, ValueError):
        return None
    return _position(result, area)


def _position(result: BenchmarkResult, area: Area) -> dict[str, Any]:
    mine = next((r for r in result.rows if r["area_code"] == area.gss_code), None) or {}
    n = result.summary.n
    return {
        "metric": result.metric.code,
        "period": result.period.label,
        "group": result.group.code,
        "group_name": result.group.name,
        "group_plural": result.group.plural,
        "n": n,
        "median": result.summary.median,
        "rank": mine.get("rank"),
        "quartile": mine.get("quartile"),
        "rank_text": rank_text(mine.get("rank"), n, result.group.plural),
        "mads_from_median": mine.get("mads_from_median"),
        "value": mine.get("value"),
    }


def benchmarks_for_measures(measures: Iterable[Measure], period: Period) -> dict[int, dict[str, Any]]:
    """``benchmark_for_measure`` for many measures at once: {measure pk: the same dict}, leaving out
    measures that are not linked, whose council is not in the register or that have no value by ``period``.

    A handful of queries whatever the count (links, areas, latest periods, each group's members, the
    values), then every metric-and-period's statistics at once with the rules of ``benchmark_result``."""
    links = list(
        MeasureBenchmark.objects.filter(measure_id__in=[m.pk for m in measures])
        .select_related("metric")
        .annotate(council_gss=F("measure__council__gss_code"))
    )
    areas = {a.gss_code: a for a in Area.objects.filter(gss_code__in={link.council_gss for link in links})}
    links = [link for link in links if link.council_gss in areas]
    if not links:
        return {}
    # (metric, area) -> (end, start, label) of its newest value
    latest: dict[tuple[int, int], tuple[date, date, str]] = {}
    for metric_id, area_id, label, start, end in MetricValue.objects.filter(
        metric_id__in={link.metric_id for link in links},
        area_id__in={a.pk for a in areas.values()},
        value__isnull=False,
        period_end__lte=period.end,  # as in _latest_period: only periods over by the end of ``period``
    ).values_list("metric_id", "area_id", "period", "period_start", "period_end"):
        latest[metric_id, area_id] = max(latest.get((metric_id, area_id), (end, start, label)), (end, start, label))
    groups: dict[str, Group | None] = {}
    # (link, the council's area, the metric period, the group)
    wanted: list[tuple[MeasureBenchmark, Area, Period, Group]] = []
    for link in links:
        area = areas[link.council_gss]
        found = latest.get((link.metric_id, area.pk))
        if found is None:
            continue
        if link.group_code not in groups:
            try:
                groups[link.group_code] = group(link.group_code)
            except GroupNotFound:
                groups[link.group_code] = None
        try:
            metric_period = normalise_period(link.metric, found[2])
        except ValueError:
            continue
        grp = groups[link.group_code]
        if grp is not None:
            wanted.append((link, area, metric_period, grp))
    if not wanted:
        return {}
    members = {
        code: list(Area.objects.filter(grp.filter, is_aggregate=False).values_list("pk", flat=True).distinct())
        for code, grp in groups.items()
        if grp is not None and any(w[3] is grp for w in wanted)
    }
    column_of = {pk: i for i, pk in enumerate(sorted({pk for pks in members.values() for pk in pks}))}
    rows: dict[tuple[int, str], Period] = {(link.metric_id, p.label): p for link, _, p, _ in wanted}
    row_of = {key: i for i, key in enumerate(rows)}
    table = np.full((len(rows), max(len(column_of), 1)), np.nan)
    # Each metric period counts the areas that existed in it, as benchmark_result does.
    which = reduce(
        operator.or_,
        (Q(metric_id=mid, period=label) & _area_current(p.start, p.end) for (mid, label), p in rows.items()),
    )
    for metric_id, label, area_id, value in (
        MetricValue.objects.filter(which, area_id__in=list(column_of), value__isnull=False)
        .values_list("metric_id", "period", "area_id", "value")
        .order_by()
    ):
        # value is never None here (value__isnull=False), which the stubs cannot see
        table[row_of[metric_id, label], column_of[area_id]] = float(value)  # type: ignore[arg-type]
    polarity = {link.metric_id: link.metric.polarity for link, *_ in wanted}
    lower = np.array([polarity[metric_id] == stats.LOWER for metric_id, _ in rows], dtype=bool)
    result = stats_arrays.group_statistics(
        table, lower, {code: np.array([column_of[pk] for pk in pks], dtype=np.intp) for code, pks in members.items()}
    )
    found_rows: dict[int, dict[str, Any]] = {}
    for measure_link, area, metric_period, grp in wanted:
        arrays, i = result[grp.code], row_of[measure_link.metric_id, metric_period.label]
        n = int(arrays.n[i])
        mine = members[grp.code].index(area.pk) if area.pk in members[grp.code] else None
        rank = int(arrays.rank[i, mine]) if mine is not None else 0
        found_rows[measure_link.measure_id] = {
            "metric": measure_link.metric.code,
            "period": metric_period.label,
            "group": grp.code,
            "group_name": grp.name,
            "group_plural": grp.plural,
            "n": n,
            "median": _number(arrays.median[i]),
            "rank": rank or None,
            "quartile": stats.BANDS[arrays.band[i, mine]] if rank else None,
            "rank_text": rank_text(rank or None, n, grp.plural),
            "mads_from_median": _number(arrays.mads_from_median[i, mine]) if rank and mine is not None else None,
            "value": float(table[i, column_of[area.pk]]) if rank else None,
        }
    return found_rows


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


@dataclass
class TrendPoint:
    period: str
    value: float | None
    median: float | None
    rank_text: str
    quartile: str | None


def measure_trend(link: MeasureBenchmark, area: Area, group_code: str | None = None) -> list[TrendPoint]:
    """The council's value against the group median for every period of the metric.

    One query for the group's values in every period, then every period's statistics at once
    (the same rules as ``benchmark_result``, which works one period at a time)."""
    try:
        grp = group(group_code or link.group_code)
    except LookupError:
        return []
    periods: dict[str, Period] = {}
    for label in metric_periods(link.metric):
        try:
            period = normalise_period(link.metric, label)
        except ValueError:
            continue
        periods.setdefault(period.label, period)
    members = Area.objects.filter(grp.filter, is_aggregate=False)
    column_of = {pk: i for i, pk in enumerate(members.values_list("pk", flat=True).distinct())}
    if not periods or not column_of:
        return []
    row_of = {label: i for i, label in enumerate(periods)}
    table = np.full((len(periods), len(column_of)), np.nan)
    found = MetricValue.objects.filter(
        _area_current(F("period_start"), F("period_end")),  # each value's own period
        metric=link.metric,
        period__in=list(periods),
        area__in=members,
        value__isnull=False,
    ).values_list("area_id", "period", "value")
    for area_id, label, value in found.order_by():
        assert value is not None  # value__isnull=False above
        table[row_of[label], column_of[area_id]] = float(value)
    lower = np.full(len(periods), link.metric.polarity == stats.LOWER)
    result = stats_arrays.group_statistics(table, lower, {grp.code: np.arange(len(column_of))})[grp.code]
    mine = column_of.get(area.pk)
    points = []
    for label, i in row_of.items():
        n = int(result.n[i])
        if not n:
            continue
        rank = int(result.rank[i, mine]) if mine is not None else 0
        mine_value = float(table[i, mine]) if rank else None
        quartile = stats.BANDS[result.band[i, mine]] if rank else None
        text = rank_text(rank or None, n, grp.plural)
        points.append(TrendPoint(label, mine_value, float(result.median[i]), text, quartile))
    return points


def benchmark_history(measure: Measure) -> list[GroupYear]:
    """The council's value and its group's median for every period of a linked measure's metric, oldest
    first (for "below the median for the fourth year running"); empty when the measure is not linked."""
    link = MeasureBenchmark.objects.filter(measure=measure).select_related("metric").first()
    area = council_area(measure.council)
    if link is None or area is None:
        return []
    return [
        GroupYear(
            p.period,
            Decimal(str(p.value)) if p.value is not None else None,
            Decimal(str(p.median)) if p.median is not None else None,
        )
        for p in measure_trend(link, area)
    ]


def metrics_with_counts() -> QuerySet[PublishedMetric]:
    from django.db.models import Count

    return PublishedMetric.objects.annotate(value_count=Count("values")).order_by("code")


def recent_imports(limit: int = 20) -> QuerySet[MetricImport]:
    return MetricImport.objects.select_related("metric", "imported_by")[:limit]


def user_groups() -> QuerySet[ComparatorGroup]:
    from django.db.models import Count

    return ComparatorGroup.objects.annotate(member_count=Count("members")).order_by("name")
