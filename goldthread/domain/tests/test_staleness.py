from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.staleness import months_between, staleness

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


def test_an_annual_figure_two_years_behind_is_stale():
    current = staleness(date(2023, 3, 31), date(2023, 9, 30), "annual")
    assert current.age_months == 6 and not current.is_stale and current.words == ""
    old = staleness(date(2022, 3, 31), date(2023, 9, 30), "annual")
    assert old.age_months == 18 and old.is_stale
    assert old.words == "Out of date: 18 months old (a new figure is expected every year)"
    assert staleness(date(2022, 3, 31), date(2024, 3, 31), "annual").age_words == "2 years old"
    assert staleness(date(2023, 3, 31), date(2024, 3, 31), "annual").is_stale is False


def test_a_quarterly_figure_is_stale_after_a_quarter():
    assert not staleness(date(2023, 6, 30), date(2023, 9, 30), "quarterly").is_stale
    assert staleness(date(2023, 3, 31), date(2023, 9, 30), "quarterly").words.startswith("Out of date: 6 months")


@given(dates, dates)
def test_months_between_never_negative_and_grows_with_time(a, b):
    earlier, later = min(a, b), max(a, b)
    months = months_between(earlier, later)
    assert months >= 0 and months_between(later, earlier) == 0
    assert months_between(earlier, later + timedelta(days=40)) >= months
    assert months <= (later - earlier).days / 28


@given(dates, dates, st.sampled_from(["monthly", "quarterly", "annual"]))
def test_stale_exactly_when_older_than_expected(figure_end, report_end, frequency):
    s = staleness(figure_end, report_end, frequency)
    assert s.is_stale == (s.age_months > {"monthly": 1, "quarterly": 3, "annual": 12}[frequency])
    assert bool(s.words) == s.is_stale
