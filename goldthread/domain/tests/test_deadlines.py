from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.deadlines import (
    DeadlineState,
    Season,
    add_months,
    days_left,
    deadline_status,
    deadline_window,
    due_date,
    season_window,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def test_cpc_2023_deadlines_from_24_november_2023():
    visit = date(2023, 11, 24)
    assert due_date(visit, months=3) == date(2024, 2, 24)
    assert due_date(visit, months=5) == date(2024, 4, 24)
    assert due_date(visit, months=10) == date(2024, 9, 24)
    assert due_date(visit, months=12) == date(2024, 11, 24)
    assert due_date(visit, months=60) == date(2028, 11, 24)


def test_month_ends_are_clamped():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 8, 31), 1) == date(2023, 9, 30)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 1) == date(2024, 1, 15)


@given(dates, st.integers(min_value=-600, max_value=600))
def test_add_months_moves_exactly_that_many_months(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    if moved.day < day.day:  # clamped only when the target month is too short
        assert (moved + timedelta(days=1)).day == 1


@given(dates, st.integers(min_value=0, max_value=120))
def test_adding_then_subtracting_months_never_goes_past_the_start(day, months):
    assert add_months(add_months(day, months), -months) <= day


@given(dates, dates)
def test_days_left_is_negative_exactly_when_overdue(due, today):
    status = deadline_status(due, today)
    assert status.days == days_left(due, today) == (due - today).days
    assert (status.state is DeadlineState.OVERDUE) == (today > due)
    assert ("overdue" in status.words) == (today > due)


@given(dates, dates, dates)
def test_a_met_deadline_is_never_overdue(due, today, met_on):
    status = deadline_status(due, today, met_on=met_on)
    assert status.state is DeadlineState.MET
    assert status.words.startswith("Met on")
    assert ("late" in status.words) == (met_on > due)


def test_words():
    assert deadline_status(date(2024, 2, 24), date(2024, 2, 14)).words == "10 days left"
    assert deadline_status(date(2024, 2, 24), date(2024, 2, 25)).words == "1 day overdue"
    assert deadline_status(date(2024, 2, 24), date(2024, 2, 24)).words == "Due today"
    assert deadline_status(date(2024, 2, 24), date(2024, 3, 1), date(2024, 2, 20)).words == "Met on 20 February 2024"


# --- windows: a source that says "in the summer of 2024" gives a window, not a day ---------------------


def test_summer_after_the_november_2023_visit_is_june_to_august_2024():
    earliest, latest = deadline_window(date(2023, 11, 24), season=Season.SUMMER, years_after=1)
    assert (earliest, latest) == (date(2024, 6, 1), date(2024, 8, 31))
    assert season_window(Season.WINTER, 2024) == (date(2024, 12, 1), date(2025, 2, 28))


def test_a_day_deadline_has_no_earliest_and_offset_windows_are_ordered():
    assert deadline_window(date(2023, 11, 24), months=5) == (None, date(2024, 4, 24))
    assert deadline_window(date(2023, 11, 24), months=9, latest_months=6) == (date(2024, 5, 24), date(2024, 8, 24))


def test_progress_review_window_states():
    earliest, latest = date(2024, 6, 1), date(2024, 8, 31)
    before = deadline_status(latest, date(2024, 3, 1), earliest=earliest)
    assert before.state is DeadlineState.UPCOMING and before.when == "between 1 June 2024 and 31 August 2024"
    assert deadline_status(latest, date(2024, 5, 20), earliest=earliest).state is DeadlineState.DUE_SOON
    inside = deadline_status(latest, date(2024, 7, 1), earliest=earliest)
    assert inside.state is DeadlineState.WINDOW_OPEN and "until 31 August 2024" in inside.words
    # 24 September 2024 (ten months after the visit) is after the summer: overdue, not due that day
    after = deadline_status(latest, date(2024, 9, 24), earliest=earliest)
    assert after.state is DeadlineState.OVERDUE and after.words == "24 days overdue"


@given(dates, st.sampled_from(list(Season)), st.integers(min_value=0, max_value=3), dates)
def test_a_window_is_overdue_only_after_its_last_day(anchor, season, years_after, today):
    earliest, latest = deadline_window(anchor, season=season, years_after=years_after)
    assert earliest is not None and earliest < latest and (latest - earliest).days in range(89, 93)
    status = deadline_status(latest, today, earliest=earliest)
    assert (status.state is DeadlineState.OVERDUE) == (today > latest)
    assert (status.state is DeadlineState.WINDOW_OPEN) == (earliest <= today <= latest)
