import csv
import json
import statistics
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goldthread.benchmarking import selectors, services
from goldthread.benchmarking.models import Area, MeasureBenchmark
from goldthread.performance.models import Measure

from .conftest import DATA


def independent(values, polarity):
    """Statistics by the standard library, ranks by counting, written separately from domain.stats."""
    xs = sorted(values.values())
    med = statistics.median(xs)
    q1, _, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    mad = statistics.median([abs(x - med) for x in xs])
    sign = -1 if polarity == "lower" else 1
    ranks = {k: 1 + sum(1 for o in xs if sign * o > sign * v) for k, v in values.items()}
    return {
        "n": len(xs),
        "mean": statistics.fmean(xs),
        "median": med,
        "q1": q1,
        "q3": q3,
        "min": xs[0],
        "max": xs[-1],
        "mad": mad,
    }, ranks


def check(result, values, polarity):
    expected, ranks = independent(values, polarity)
    for key, value in expected.items():
        assert result["stats"][key] == pytest.approx(value, abs=1e-9), key
    assert {a["area_code"]: a["rank"] for a in result["areas"]} == ranks
    for a in result["areas"]:
        if expected["mad"]:
            assert a["mads_from_median"] == pytest.approx((a["value"] - expected["median"]) / expected["mad"])


def test_asc5_2022_23_all_agrees_with_statistics_module(asc):
    rows = csv.DictReader(StringIO((DATA / "oflog-asc" / "asc_values.csv").read_text(encoding="utf-8-sig")))
    values = {
        r["Local authority code"]: float(r["Value"])
        for r in rows
        if r["Code"] == "ASC5" and r["Financial year"] == "2022-23" and r["Value"]
    }
    result = selectors.benchmark("ASC5", "2022-23", "all")
    assert result["stats"]["n"] == len(values) == 151
    check(result, values, "higher")


def test_recycling_2022_23_md_agrees_with_statistics_module(recycling):
    md = set(Area.objects.filter(la_type="MD").values_list("gss_code", flat=True))
    rows = csv.DictReader(StringIO((DATA / "recycling" / "recycling.csv").read_text(encoding="utf-8-sig")))
    values = {r["area_code"]: float(r["value"]) for r in rows if r["period"] == "2022/23" and r["area_code"] in md}
    result = selectors.benchmark("RECYCLING", "2022/23", "MD")
    assert result["stats"]["n"] == 36 and result["period"] == "2022-23"
    check(result, values, "higher")


def test_groups(recycling):
    assert selectors.benchmark("RECYCLING", "2022-23", "LBO")["stats"]["n"] == 32
    nw = selectors.benchmark("RECYCLING", "2022-23", "REGION:North West")
    assert all(Area.objects.get(gss_code=a["area_code"]).region == "North West" for a in nw["areas"])
    upper = selectors.benchmark("RECYCLING", "2022-23", "UPPER")
    assert {Area.objects.get(gss_code=a["area_code"]).la_type for a in upper["areas"]} <= {"MD", "UA", "LBO", "CTY"}
    everything = selectors.benchmark("RECYCLING", "2022-23", "all")
    assert not any(a["area_code"].startswith(("E92", "E12")) for a in everything["areas"])
    with pytest.raises(LookupError):
        selectors.benchmark("RECYCLING", "2022-23", "REGION:Atlantis")
    with pytest.raises(LookupError):
        selectors.benchmark("NOPE", "2022-23", "MD")


def test_only_areas_current_at_the_period_count(asc):
    # Northamptonshire (county) ended in 2021; it is in CTY for 2019-20 but not 2022-23
    ended = Area.objects.get(gss_code="E10000021")
    assert ended.end_date is not None
    early = {a["area_code"] for a in selectors.benchmark("ASC5", "2019-20", "CTY")["areas"]}
    late = {a["area_code"] for a in selectors.benchmark("ASC5", "2022-23", "CTY")["areas"]}
    assert "E10000021" in early and "E10000021" not in late


def test_user_group_with_history(recycling, users):
    members = services.parse_member_lines("E08000014\nWirral\nLiverpool")
    group = services.group_create(
        code="NN", name="Neighbours", description="", members=members, user=users["performance"]
    )
    result = selectors.benchmark("RECYCLING", "2022-23", "NN")
    assert result["stats"]["n"] == 3
    services.group_update(
        group=group, name="Neighbours", description="", members=members[:2], user=users["performance"]
    )
    from goldthread.core.audit import history_for

    assert [c.action for c in history_for(group)] == ["create", "update"] or len(history_for(group)) == 2
    with pytest.raises(ValueError):
        services.group_create(code="MD", name="x", description="", members=members, user=users["performance"])


def test_member_file_reports_every_bad_row(register):
    from goldthread.core.tabular import ImportRejected

    with pytest.raises(ImportRejected) as caught:
        services.parse_member_file(b"area_code\nE08000014\nE99999999\nE08000014\n", "g.csv")
    assert [(e.row, e.message.split()[-1]) for e in caught.value.errors] == [(3, "register"), (4, "twice")]


def test_benchmark_command_json_shape(recycling):
    out = StringIO()
    call_command("benchmark", metric="RECYCLING", period="2022-23", group="MD", output_format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["metric", "period", "group", "stats", "areas"]
    assert list(data["stats"]) == ["n", "mean", "median", "q1", "q3", "min", "max", "mad"]
    assert list(data["areas"][0]) == ["area_code", "area_name", "value", "rank", "quartile", "mads_from_median"]
    out = StringIO()
    call_command(
        "benchmark",
        "--metric",
        "RECYCLING",
        "--period",
        "2022/23",
        "--group",
        "MD",
        "--format",
        "json",
        "--area",
        "E08000014",
        stdout=out,
    )
    one = json.loads(out.getvalue())
    assert [a["area_name"] for a in one["areas"]] == ["Sefton"]
    out = StringIO()
    call_command(
        "benchmark", "--metric", "RECYCLING", "--period", "2022-23", "--group", "MD", "--format", "table", stdout=out
    )
    assert "Sefton" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("benchmark", "--metric", "RECYCLING", "--period", "2022-23", "--group", "XX", stdout=StringIO())


def test_import_commands(register):
    out = StringIO()
    call_command(
        "import_metric",
        str(DATA / "fingertips" / "neets.csv"),
        "--format",
        "tidy",
        "--code",
        "NEET",
        "--polarity",
        "lower",
        "--year-type",
        "calendar",
        stdout=out,
    )
    assert "462 created" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "import_metric",
            str(DATA / "fingertips" / "neets.csv"),
            "--format",
            "tidy",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    out = StringIO()
    call_command("import_areas", str(DATA / "register" / "uk_local_authorities.csv"), stdout=out)
    assert "0 created, 0 updated" in out.getvalue()


@pytest.fixture
def linked_measure(council, directorate, recycling):
    measure = Measure.objects.create(council=council, reference="ENV-01", title="Recycling", directorate=directorate)
    MeasureBenchmark.objects.create(measure=measure, metric=selectors.metric("RECYCLING"), group_code="MD")
    return measure


def test_benchmark_for_measure(linked_measure):
    from goldthread.domain.periods import Period

    got = selectors.benchmark_for_measure(linked_measure, Period.financial_quarter(2024, 2))
    mine = selectors.benchmark("RECYCLING", "2023-24", "MD", "E08000014")["areas"][0]
    assert got["period"] == "2023-24" and got["n"] == 36 and got["rank"] == mine["rank"]
    assert got["rank_text"].endswith("of 36 metropolitan districts")
    assert set(got) == {
        "metric",
        "period",
        "group",
        "group_name",
        "group_plural",
        "n",
        "median",
        "rank",
        "quartile",
        "rank_text",
        "mads_from_median",
        "value",
    }
    older = selectors.benchmark_for_measure(linked_measure, Period.financial_year(2019))
    assert older["period"] == "2019-20"
    assert selectors.benchmark_for_measure(linked_measure, Period.financial_year(2000)) is None


def _trend_one_period_at_a_time(link, area, group_code):
    """The trend as benchmark_result gives it, period by period (the reference for measure_trend)."""
    points = []
    for label in selectors.metric_periods(link.metric):
        result = selectors.benchmark_result(link.metric.code, label, group_code)
        if result.summary.n:
            pos = selectors._position(result, area)
            points.append((label, pos["value"], result.summary.median, pos["rank_text"], pos["quartile"]))
    return points


@pytest.mark.parametrize("group_code", ["MD", "CTY", "LBO", "UPPER", "REGION:North West", "all"])
def test_measure_trend_agrees_with_each_period_computed_alone(asc, council, directorate, group_code):
    # ASC5: lower is better in places, areas that ended part-way (Northamptonshire), Sefton outside CTY and LBO
    measure = Measure.objects.create(council=council, reference="ASC-05", title="ASC5", directorate=directorate)
    link = MeasureBenchmark.objects.create(measure=measure, metric=selectors.metric("ASC5"), group_code=group_code)
    sefton = Area.objects.get(gss_code="E08000014")
    trend = selectors.measure_trend(link, sefton)
    expected = _trend_one_period_at_a_time(link, sefton, group_code)
    assert len(trend) == len(expected) > 1
    for point, (label, value, median, text, quartile) in zip(trend, expected, strict=True):
        assert (point.period, point.value, point.rank_text, point.quartile) == (label, value, text, quartile)
        assert point.median == pytest.approx(median, rel=1e-12)


def test_measure_trend_of_an_unknown_group_is_empty(linked_measure):
    link = linked_measure.benchmark
    assert selectors.measure_trend(link, Area.objects.get(gss_code="E08000014"), "NO-SUCH-GROUP") == []
