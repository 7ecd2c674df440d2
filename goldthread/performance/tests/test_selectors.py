"""The scorecard: figures, rollups, RAG and directions, what members see, and query counts."""

from decimal import Decimal

import pytest

from goldthread.domain.periods import parse_period
from goldthread.domain.rag import Direction, Rag
from goldthread.performance import selectors
from goldthread.performance.models import Status

from .conftest import add_target, add_value

Q2 = parse_period("2023-24 Q2")


def _row(card, reference):
    return next(r for r in card.rows if r.measure.reference == reference)


def test_rag_and_both_directions(measure, users):
    add_value(measure, "2022-23 Q2", 70)
    add_value(measure, "2023-24 Q1", 88)
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 86)
    measure.amber_tolerance = Decimal(2)
    measure.save()
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "CS-01")
    assert row.figure.value == Decimal(85)
    assert row.rag is Rag.AMBER
    assert row.since_previous is Direction.DECLINING
    assert row.since_last_year is Direction.IMPROVING
    assert row.trend[-3:] == [None, Decimal(88), Decimal(85)]


def test_lower_is_better_and_no_meaningful_change(make_measure, users):
    m = make_measure("LB-1", polarity="lower", change_tolerance=Decimal(1))
    add_value(m, "2023-24 Q1", 17.5)
    add_value(m, "2023-24 Q2", 17)
    add_value(m, "2022-23 Q2", 20)
    add_target(m, "2023-24 Q2", 6)
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "LB-1")
    assert row.rag is Rag.RED
    assert row.since_previous is Direction.NO_CHANGE
    assert row.since_last_year is Direction.IMPROVING


@pytest.mark.parametrize("rollup,expected", [("sum", Decimal(30)), ("average", Decimal(10)), ("latest", Decimal(12))])
def test_monthly_measures_roll_up_to_the_quarter(make_measure, users, rollup, expected):
    m = make_measure("MO-1", frequency="monthly", rollup=rollup)
    for label, value in [("2023-07", 8), ("2023-08", 10), ("2023-09", 12), ("2023-10", 99)]:
        add_value(m, label, value)
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "MO-1")
    assert row.figure.value == expected
    assert row.figure.period_label == "2023-24 Q2"


def test_ratio_of_sums_uses_numerators_and_denominators(make_measure, users):
    m = make_measure("MO-2", frequency="monthly", rollup="ratio")
    add_value(m, "2023-07", 10, numerator=Decimal(1), denominator=Decimal(10))
    add_value(m, "2023-08", 50, numerator=Decimal(9), denominator=Decimal(18))
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "MO-2")
    assert row.figure.value == Decimal(10) / Decimal(28) * 100


def test_monthly_measures_roll_up_to_the_year(make_measure, users):
    m = make_measure("MO-3", frequency="monthly", rollup="sum")
    add_value(m, "2023-04", 1)
    add_value(m, "2024-03", 2)
    add_value(m, "2024-04", 50)
    card = selectors.scorecard(user=users["performance"], period=parse_period("2023-24"))
    assert _row(card, "MO-3").figure.value == Decimal(3)


def test_an_annual_measure_shows_its_latest_year_labelled_with_that_year(make_measure, users):
    m = make_measure("AN-1", frequency="annual")
    add_value(m, "2021-22", 30)
    add_value(m, "2022-23", 33)
    add_value(m, "2024-25", 40)
    add_target(m, "2022-23", 37, is_example=True)
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "AN-1")
    assert row.figure.value == Decimal(33) and row.figure.period_label == "2022-23"
    assert row.figure_period_differs
    assert row.target.value == Decimal(37) and row.target.is_example
    assert row.rag is Rag.RED
    assert row.since_previous is Direction.IMPROVING  # against 2021-22, its own previous year
    assert row.previous_label == "2021-22"


def test_members_see_only_approved_figures_with_a_marker(measure, users):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 85, status=Status.SUBMITTED)
    member_row = _row(selectors.scorecard(user=users["member"], period=Q2), "CS-01")
    assert member_row.figure is None
    assert member_row.awaiting_approval
    assert member_row.trend[-2:] == [Decimal(80), None]
    team_row = _row(selectors.scorecard(user=users["performance"], period=Q2), "CS-01")
    assert team_row.figure.value == Decimal(85) and not team_row.figure.is_approved
    assert not team_row.awaiting_approval


def test_grouping_by_priority_and_filters(measure, other_measure, second_priority, users, directorate):
    measure.priorities.add(second_priority)
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 80)
    card = selectors.scorecard(user=users["performance"], period=Q2)
    assert [g.title for g in card.groups] == [
        "Protect the most vulnerable",
        "Cleaner and greener",
        selectors.NOT_LINKED,
    ]
    assert [r.measure.reference for r in card.groups[2].rows] == ["PL-01"]
    green = selectors.scorecard(user=users["performance"], period=Q2, filters=selectors.ScorecardFilters(rag="green"))
    assert [r.measure.reference for r in green.rows] == ["CS-01"]
    by_directorate = selectors.scorecard(
        user=users["performance"], period=Q2, filters=selectors.ScorecardFilters(directorate="place")
    )
    assert [r.measure.reference for r in by_directorate.rows] == ["PL-01"]
    unknown = selectors.scorecard(
        user=users["performance"], period=Q2, filters=selectors.ScorecardFilters(previous="improving")
    )
    assert unknown.rows == []


def test_latest_quarter_is_the_latest_with_data_the_user_can_see(measure, users):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q3", 85, status=Status.DRAFT)
    assert selectors.latest_quarter(users["performance"]).label == "2023-24 Q3"
    assert selectors.latest_quarter(users["member"]).label == "2023-24 Q1"


def test_the_scorecard_costs_the_same_queries_for_many_measures(
    make_measure, users, priority, django_assert_max_num_queries
):
    for n in range(40):
        m = make_measure(f"M-{n:02d}")
        m.priorities.add(priority)
        add_value(m, "2023-24 Q1", n)
        add_value(m, "2023-24 Q2", n + 1)
        add_target(m, "2023-24 Q2", 10)
    with django_assert_max_num_queries(7):
        card = selectors.scorecard(user=users["performance"], period=Q2)
    assert len(card.rows) == 40


def test_home_summary_counts_and_lists(measure, other_measure, users):
    add_value(measure, "2023-24 Q2", 85, status=Status.SUBMITTED)
    add_target(measure, "2023-24 Q2", 80)
    summary = selectors.home_summary(users["performance"])["performance_summary"]
    assert summary["period"].label == "2023-24 Q2"
    counts = {c["rag"]: c["count"] for c in summary["rag_counts"]}
    assert counts[Rag.GREEN] == 1 and counts[Rag.GREY] == 1
    assert summary["awaiting_approval"] == 1
    editor = selectors.home_summary(users["editor"])["performance_summary"]
    assert editor["awaiting_approval"] is None
    assert editor["needing_value"] == []  # CS-01 has a figure; PL-01 is not theirs
    member = selectors.home_summary(users["member"])["performance_summary"]
    assert {c["rag"]: c["count"] for c in member["rag_counts"]}[Rag.GREY] == 2


def test_the_scorecard_carries_the_benchmark_read_from_imported_data(measure, users, settings):
    """Real imported recycling figures and the register: the row's benchmark is the benchmarking app's own
    reading, and the presenter says it in words with the band ("top quartile"), never a number."""
    from goldthread.benchmarking import selectors as benchmarking
    from goldthread.benchmarking.areas import import_areas
    from goldthread.benchmarking.metric_import import MetricSpec, import_metric_file
    from goldthread.benchmarking.models import MeasureBenchmark
    from goldthread.performance import presenters

    data = settings.GOLDTHREAD_SHARED_DATA
    import_areas(data / "register" / "uk_local_authorities.csv")
    path = data / "recycling" / "recycling.csv"
    import_metric_file(path.read_bytes(), path.name, "tidy", MetricSpec(code="RECYCLING", polarity="higher"))
    MeasureBenchmark.objects.create(measure=measure, metric=benchmarking.metric("RECYCLING"), group_code="MD")
    add_value(measure, "2023-24 Q2", 85)
    row = _row(selectors.scorecard(user=users["member"], period=Q2), "CS-01")
    alone = benchmarking.benchmark_for_measure(measure, Q2)
    assert row.benchmark["rank"] == alone["rank"] and row.benchmark["n"] == 36
    assert row.benchmark["period"] == alone["period"]
    words = presenters.benchmark_text(row)
    median = measure.format_value(Decimal(str(alone["median"])))
    assert words == f"{alone['rank_text']} (median {median}, {alone['quartile']} quartile)"
    assert alone["quartile"] in {"top", "upper middle", "lower middle", "bottom"}


def test_year_to_date_rolls_up_months_from_april(make_measure, users):
    m = make_measure("MO-4", frequency="monthly", rollup="sum")
    for label, value in [("2023-03", 100), ("2023-04", 1), ("2023-05", 2), ("2023-08", 4), ("2023-10", 50)]:
        add_value(m, label, value)
    ytd = selectors.year_to_date(m, Q2, users["performance"])
    assert ytd.value == Decimal(7)
    assert ytd.period_label == "April 2023 to September 2023"
    assert selectors.year_to_date(make_measure("QU-1"), Q2, users["performance"]) is None


def test_the_trend_carries_the_target_of_each_period_and_none_before_one_was_set(measure, users):
    add_value(measure, "2023-24 Q1", 88)
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q1", 80)
    add_target(measure, "2023-24 Q2", 86)
    row = _row(selectors.scorecard(user=users["performance"], period=Q2), "CS-01")
    assert row.trend_labels[-3:] == ["2022-23 Q4", "2023-24 Q1", "2023-24 Q2"]
    assert row.trend_targets[-3:] == [None, Decimal(80), Decimal(86)]
