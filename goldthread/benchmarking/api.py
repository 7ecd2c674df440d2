"""JSON API for benchmarking: areas, comparator groups, published metrics and benchmarks. Read-only."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from goldthread.council import permissions as perms
from goldthread.domain.periods import PeriodError

from . import selectors
from .models import Area

router = Router(tags=["benchmarking"])


def _clean(*texts: str) -> None:
    """Codes and labels are printable text; a NUL byte cannot even be sent to PostgreSQL."""
    for text in texts:
        if text and ("\x00" in text or len(text) > 300):
            raise HttpError(422, "codes and periods are short printable text")


class AreaOut(Schema):
    gss_code: str
    registry_code: str
    name: str
    official_name: str
    la_type: str
    region: str
    nation: str
    combined_authority: str
    ecode: str
    population: int | None
    start_date: date | None
    end_date: date | None
    former_gss_codes: list[str]
    is_aggregate: bool


class MemberOut(Schema):
    gss_code: str
    name: str
    la_type: str
    nation: str
    start_date: date | None
    end_date: date | None
    replaced_by: str  # register code of the successor council, when it has ended


class GroupOut(Schema):
    code: str
    name: str
    built_in: bool
    period: str | None  # membership as at this period; None = today's councils
    members: list[str] | None  # GSS codes; None for "all" (it depends on the metric and period)
    member_areas: list[MemberOut] | None
    note: str


class MetricOut(Schema):
    code: str
    name: str
    unit: str
    polarity: str
    year_type: str
    source: str
    licence: str
    periods: list[str]


class StatsOut(Schema):
    n: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    min: float | None
    max: float | None
    mad: float | None


class AreaPositionOut(Schema):
    area_code: str
    area_name: str
    value: float | None
    rank: int | None
    quartile: str | None
    mads_from_median: float | None


class BenchmarkOut(Schema):
    metric: str
    period: str
    group: str
    stats: StatsOut
    areas: list[AreaPositionOut]


@router.get("/areas", response=list[AreaOut])
def areas(request, la_type: str = "", region: str = ""):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(la_type, region)
    found = Area.objects.all()
    if la_type:
        found = found.filter(la_type=la_type)
    if region:
        found = found.filter(region=region)
    return list(found.order_by("name"))


@router.get("/areas/{gss_code}", response=AreaOut)
def area(request, gss_code: str):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(gss_code)
    found = selectors.area_by_code(gss_code)
    if found is None:
        raise HttpError(404, f"no area with code {gss_code!r}")
    return found


def _period(label: str):
    if not label:
        return None
    try:
        return selectors.group_period(label)
    except PeriodError as exc:
        raise HttpError(422, f"period: {exc}") from exc


def _group_out(code: str, period=None) -> dict:
    grp = selectors.group(code)
    members = areas = None
    if code != "all":
        found = list(selectors.group_members(grp, period).order_by("gss_code"))
        members = [a.gss_code for a in found]
        areas = [
            {
                "gss_code": a.gss_code,
                "name": a.name,
                "la_type": a.la_type,
                "nation": a.nation,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "replaced_by": a.replaced_by,
            }
            for a in found
        ]
    return {
        "code": grp.code,
        "name": grp.name,
        "built_in": grp.user_defined is None,
        "period": period.label if period else None,
        "members": members,
        "member_areas": areas,
        "note": selectors.ALL_NATIONS_NOTE if code == "all" else "",
    }


@router.get("/groups", response=list[GroupOut])
def groups(request, period: str = ""):
    """Every group; with ``period`` ("2023-24", "2023-24 Q2") its members as at that period."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(period)
    when = _period(period)
    codes = [*selectors.builtin_group_codes(), *selectors.user_groups().values_list("code", flat=True)]
    return [_group_out(c, when) for c in codes]


@router.get("/groups/{code}", response=GroupOut)
def group(request, code: str, period: str = ""):
    """A group's members: councils that existed on some day of ``period`` (exact register dates;
    one that ended on 1 April 2023 is not in 2023-24), or today's councils without a period."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(code, period)
    when = _period(period)
    try:
        return _group_out(code, when)
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc


def _metric_out(m) -> dict:
    return {
        "code": m.code, "name": m.name, "unit": m.unit, "polarity": m.polarity, "year_type": m.year_type,
        "source": m.source, "licence": m.licence, "periods": selectors.metric_periods(m),
    }  # fmt: skip


@router.get("/metrics", response=list[MetricOut])
def metrics(request):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    return [_metric_out(m) for m in selectors.PublishedMetric.objects.order_by("code")]


@router.get("/metrics/{code}", response=MetricOut)
def metric(request, code: str):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(code)
    try:
        return _metric_out(selectors.metric(code))
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc


@router.get("/benchmarks/{metric_code}", response=BenchmarkOut)
def benchmark(request, metric_code: str, period: str, group: str = "all", area: str = ""):
    """The same JSON as `goldthread benchmark --format json`."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    _clean(metric_code, period, group, area)
    try:
        return selectors.benchmark(metric_code, period, group, area or None)
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from exc
