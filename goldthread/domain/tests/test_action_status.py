"""Action status follows the dates: past due and not complete is off track unless a revised date was agreed."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.action_status import (
    CLOSED,
    OFF_TRACK,
    ON_TRACK,
    STATUS_WORDS,
    assess_action,
)

statuses = st.sampled_from(sorted(STATUS_WORDS))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
maybe_days = st.none() | days


def test_the_example_973_days_past_due_is_off_track_and_red():
    a = assess_action(reported=ON_TRACK, due=date(2023, 1, 28), as_of=date(2025, 9, 28))
    assert (a.status, a.rag, a.reported_words) == (OFF_TRACK, "red", "On track")
    assert a.overdue_days == 974 and a.differs
    assert a.reason == "974 days past its due date and not complete"


def test_an_agreed_revised_date_keeps_it_on_track_until_that_date_passes():
    due, revised = date(2023, 6, 30), date(2023, 12, 31)
    assert assess_action(reported=ON_TRACK, due=due, revised_due=revised, as_of=date(2023, 9, 30)).status == ON_TRACK
    late = assess_action(reported=ON_TRACK, due=due, revised_due=revised, as_of=date(2024, 1, 2))
    assert late.status == OFF_TRACK and late.overdue_days == 2 and "revised due date" in late.reason


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown action status"):
        assess_action(reported="done", due=None, as_of=date(2024, 1, 1))


@given(statuses, maybe_days, maybe_days, days)
def test_off_track_exactly_when_past_the_date_that_counts_and_not_closed(reported, due, revised, as_of):
    a = assess_action(reported=reported, due=due, revised_due=revised, as_of=as_of)
    counts = revised or due
    past = counts is not None and counts < as_of and reported not in CLOSED
    assert a.is_overdue == past
    assert a.status == (OFF_TRACK if past else reported)
    assert a.reported == reported
    assert a.overdue_days == ((as_of - counts).days if past else 0)
    assert a.rag == ("red" if past else a.rag)


@given(statuses, days, st.integers(min_value=0, max_value=3000))
def test_on_or_before_the_due_date_the_owner_status_stands(reported, due, before):
    as_of = due - timedelta(days=before) if due.toordinal() - before > 1 else due
    assert assess_action(reported=reported, due=due, as_of=as_of).status == reported


@given(st.sampled_from(sorted(CLOSED)), maybe_days, days)
def test_complete_or_closed_is_never_overdue(reported, due, as_of):
    assert not assess_action(reported=reported, due=due, as_of=as_of).is_overdue
