from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.working_days import add_working_days, is_working_day, on_time, share_on_time

CHRISTMAS_2024 = {date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
holiday_sets = st.frozensets(days, max_size=40)


def test_counts_over_a_weekend_and_christmas():
    # Monday 23 December 2024 + 3 working days: 24th, 27th, 30th
    assert add_working_days(date(2024, 12, 23), 3, CHRISTMAS_2024) == date(2024, 12, 30)
    # Friday + 1 is Monday
    assert add_working_days(date(2024, 11, 1), 1, set()) == date(2024, 11, 4)
    # ten working days from a Wednesday with no holidays: two weeks on
    assert add_working_days(date(2024, 11, 6), 10, set()) == date(2024, 11, 20)


def test_zero_days_moves_to_a_working_day_and_negative_is_refused():
    assert add_working_days(date(2024, 12, 25), 0, CHRISTMAS_2024) == date(2024, 12, 27)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2024, 1, 1), -1, set())


@given(days, st.integers(min_value=0, max_value=60), holiday_sets)
def test_never_lands_on_a_weekend_or_holiday(start, n, holidays):
    due = add_working_days(start, n, holidays)
    assert is_working_day(due, holidays)
    assert due >= start
    # exactly n working days lie after start up to and including due (when n > 0)
    if n > 0:
        between = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
        assert sum(is_working_day(d, holidays) for d in between) == n


@given(days, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60), holiday_sets)
def test_adding_more_days_is_never_earlier(start, a, b, holidays):
    low, high = sorted((a, b))
    assert add_working_days(start, low, holidays) <= add_working_days(start, high, holidays)


@given(days, days, st.integers(min_value=0, max_value=20), holiday_sets)
def test_a_later_start_is_never_due_earlier(first, second, n, holidays):
    early, late = sorted((first, second))
    assert add_working_days(early, n, holidays) <= add_working_days(late, n, holidays)


def test_share_on_time():
    due = date(2024, 5, 1)
    assert share_on_time([]) is None
    assert share_on_time([(due, due), (due, due + timedelta(days=1)), (due, None), (due, date(2024, 4, 1))]) == 50
    assert not on_time(due, None)
