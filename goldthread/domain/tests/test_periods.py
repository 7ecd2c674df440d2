"""Periods: parsing the ways people write them, ordering, navigation, dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.periods import (
    Granularity,
    Period,
    PeriodError,
    YearType,
    granularity_of,
    parse_period,
    periods_between,
    periods_due,
    try_parse_period,
)

years = st.integers(min_value=1030, max_value=9960)
quarters = st.integers(min_value=1, max_value=4)
months = st.integers(min_value=1, max_value=12)


@st.composite
def any_period(draw):
    kind = draw(st.sampled_from(["fy", "fq", "cy", "cq", "ay", "m"]))
    year = draw(years)
    return {
        "fy": lambda: Period.financial_year(year),
        "fq": lambda: Period.financial_quarter(year, draw(quarters)),
        "cy": lambda: Period.calendar_year(year),
        "cq": lambda: Period.calendar_quarter(year, draw(quarters)),
        "ay": lambda: Period.academic_year(year),
        "m": lambda: Period.month(year, draw(months)),
    }[kind]()


@pytest.mark.parametrize(
    "text,label",
    [
        ("2023/24", "2023-24"),
        ("2023-24", "2023-24"),
        ("2023/2024", "2023-24"),
        ("FY2023/24", "2023-24"),
        ("2023-24 Q2", "2023-24 Q2"),
        ("2023/24 Q2", "2023-24 Q2"),
        ("Q2 2023/24", "2023-24 Q2"),
        ("q2 2023-24", "2023-24 Q2"),
        ("2023/24 quarter 2", "2023-24 Q2"),
        ("1999/00", "1999-00"),
        ("2023", "2023"),
        ("2023 Q2", "2023 Q2"),
        ("Q2 2023", "2023 Q2"),
        ("AY 2023-24", "AY 2023-24"),
        ("2023/24 (academic)", "AY 2023-24"),
        ("2023-06", "2023-06"),
        ("June 2023", "2023-06"),
        ("Jun 2023", "2023-06"),
        ("Sept 2023", "2023-09"),
        ("  2023–24  ", "2023-24"),
    ],
)
def test_parses_the_ways_people_write_periods(text, label):
    assert parse_period(text).label == label


def test_a_split_year_is_academic_when_the_caller_says_so():
    assert parse_period("2023/24", YearType.ACADEMIC) == Period.academic_year(2023)


@pytest.mark.parametrize(
    "text", ["", "   ", "2023/25", "2023-24 Q5", "Q0 2023/24", "next year", "2023-13x", "AY 2023-24 Q1"]
)
def test_rejects_what_is_not_a_period_with_a_clear_error(text):
    with pytest.raises(PeriodError):
        parse_period(text)
    assert try_parse_period(text) is None


def test_a_label_that_is_both_a_month_and_a_financial_year_follows_the_hint():
    assert parse_period("2011-12") == Period.month(2011, 12)
    assert parse_period("2011-12", granularity=Granularity.YEAR) == Period.financial_year(2011)
    assert parse_period("2023-06", granularity=Granularity.YEAR) == Period.month(2023, 6)


@given(any_period())
def test_every_label_parses_back_to_its_own_period(period):
    assert parse_period(period.label, period.year_type, period.granularity) == period


@given(years, quarters)
def test_all_spellings_of_a_financial_quarter_agree(year, quarter):
    short = f"{(year + 1) % 100:02d}"
    expected = Period.financial_quarter(year, quarter)
    for text in (f"{year}-{short} Q{quarter}", f"{year}/{short} Q{quarter}", f"Q{quarter} {year}/{short}"):
        assert parse_period(text) == expected


@given(any_period())
def test_consecutive_periods_are_contiguous(period):
    assert period.next().start == period.end + timedelta(days=1)
    assert period.previous().end == period.start - timedelta(days=1)


@given(any_period(), st.integers(min_value=-20, max_value=20))
def test_shifting_there_and_back_returns_the_same_period(period, steps):
    assert period.shifted(steps).shifted(-steps) == period


@given(any_period())
def test_previous_is_earlier_and_next_is_later(period):
    assert period.previous() < period < period.next()
    assert period.previous().next() == period


@given(any_period())
def test_same_period_last_year_is_a_year_earlier(period):
    last = period.same_period_last_year()
    assert (last.granularity, last.year_type, last.number) == (period.granularity, period.year_type, period.number)
    assert last.start.year == period.start.year - 1
    assert last.start.month == period.start.month


@given(any_period(), any_period())
def test_ordering_follows_dates(a, b):
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert sorted([a, b])[0].start <= sorted([a, b])[1].start


@given(any_period())
def test_months_cover_the_period_exactly(period):
    ms = period.months()
    assert ms[0].start == period.start
    assert ms[-1].end == period.end
    assert len(ms) == {Granularity.YEAR: 12, Granularity.QUARTER: 3, Granularity.MONTH: 1}[period.granularity]


@given(st.dates(min_value=date(1001, 1, 1), max_value=date(9990, 12, 31)), st.sampled_from(list(YearType)))
def test_the_year_containing_a_day_contains_it(day, year_type):
    assert Period.containing(day, Granularity.YEAR, year_type).contains(day)
    if year_type is not YearType.ACADEMIC:
        assert Period.containing(day, Granularity.QUARTER, year_type).contains(day)


def test_financial_year_runs_april_to_march():
    fy = parse_period("2023-24")
    assert (fy.start, fy.end) == (date(2023, 4, 1), date(2024, 3, 31))
    q2 = parse_period("2023-24 Q2")
    assert (q2.start, q2.end) == (date(2023, 7, 1), date(2023, 9, 30))
    assert parse_period("2023-24 Q1").previous().label == "2022-23 Q4"
    assert parse_period("2023-24 Q3").same_period_last_year().label == "2022-23 Q3"
    assert parse_period("AY 2023-24").start == date(2023, 9, 1)


def test_year_to_date_months_run_from_april():
    labels = [m.label for m in Period.month(2023, 6).year_to_date_months()]
    assert labels == ["2023-04", "2023-05", "2023-06"]


def test_periods_between_lists_every_period_and_refuses_mixed_kinds():
    labels = [p.label for p in periods_between(parse_period("2022-23 Q3"), parse_period("2023-24 Q2"))]
    assert labels == ["2022-23 Q3", "2022-23 Q4", "2023-24 Q1", "2023-24 Q2"]
    with pytest.raises(PeriodError):
        periods_between(parse_period("2022-23"), parse_period("2023-24 Q2"))


# --- a measure's frequency and the periods its figures cover -----------------------------------
def test_each_frequency_has_one_granularity_and_an_unknown_one_is_named():
    assert [granularity_of(f) for f in ("monthly", "quarterly", "annual")] == [
        Granularity.MONTH,
        Granularity.QUARTER,
        Granularity.YEAR,
    ]
    with pytest.raises(PeriodError, match="'weekly'"):
        granularity_of("weekly")


@given(years, quarters)
def test_a_quarterly_return_covers_the_quarter_and_a_monthly_one_its_three_months(year, q):
    quarter = Period.financial_quarter(year, q)
    assert periods_due(quarter, "quarterly", "financial") == [quarter]
    months_due = periods_due(quarter, "monthly", "calendar")
    assert [m.granularity for m in months_due] == [Granularity.MONTH] * 3
    assert (months_due[0].start, months_due[-1].end) == (quarter.start, quarter.end)


@given(years, st.sampled_from(list(YearType)))
def test_an_annual_figure_is_due_once_in_the_quarter_its_year_ends_in(year, year_type):
    quarters_of_two_years = periods_between(Period.financial_quarter(year, 1), Period.financial_quarter(year + 1, 4))
    due = {q: periods_due(q, "annual", year_type) for q in quarters_of_two_years}
    for quarter, periods in due.items():
        assert all(p.granularity is Granularity.YEAR and p.year_type is year_type for p in periods)
        assert all(quarter.contains(p.end) for p in periods)
    assert sum(len(p) for p in due.values()) == 2  # two years' worth of quarters, two years' figures
    assert len({p for periods in due.values() for p in periods}) == 2


def test_annual_figures_fall_due_at_q4_for_financial_q3_for_calendar_and_q2_for_academic_years():
    by_type = {
        t: [q.label for q in periods_between(Period.financial_quarter(2023, 1), Period.financial_quarter(2023, 4))
            if periods_due(q, "annual", t)]
        for t in YearType
    }  # fmt: skip
    assert by_type == {YearType.FINANCIAL: ["2023-24 Q4"], YearType.CALENDAR: ["2023-24 Q3"],
                       YearType.ACADEMIC: ["2023-24 Q2"]}  # fmt: skip
