"""The scrutiny rules in goldthread/domain/scrutiny.py: the two-month response deadline and the tracker state."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain import scrutiny as rules

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
action_states = st.lists(st.builds(rules.ActionState, closed=st.booleans(), overdue=st.booleans()), max_size=5)


def test_two_months_from_the_report():
    assert rules.response_due(date(2024, 3, 7)) == date(2024, 5, 7)
    assert rules.response_due(date(2023, 12, 31)) == date(2024, 2, 29)  # no 31 February: the month's last day
    assert rules.response_due(None) is None


@given(days)
def test_the_deadline_is_about_two_months_later(received):
    due = rules.response_due(received)
    assert timedelta(days=59) <= due - received <= timedelta(days=62)
    assert (due.year * 12 + due.month) - (received.year * 12 + received.month) == 2


@given(days, days)
def test_no_response_is_awaited_until_the_deadline_then_overdue(received, today):
    state = rules.tracker_state(response=rules.PENDING, received=received, responded_on=None, actions=[], today=today)
    assert state == (rules.RESPONSE_OVERDUE if today > rules.response_due(received) else rules.AWAITING)


@given(days, action_states)
def test_a_rejected_recommendation_is_closed_whatever_its_actions(today, actions):
    state = rules.tracker_state(
        response=rules.REJECTED, received=None, responded_on=today, actions=actions, today=today
    )
    assert state == rules.CLOSED_REJECTED


@given(st.sampled_from(sorted(rules.TAKEN_FORWARD)), days, action_states)
def test_an_accepted_recommendation_follows_its_actions(response, today, actions):
    state = rules.tracker_state(response=response, received=None, responded_on=today, actions=actions, today=today)
    if not actions:
        assert state == rules.NO_ACTION
    elif all(a.closed for a in actions):
        assert state == rules.COMPLETE
    elif any(a.overdue for a in actions):
        assert state == rules.ACTION_OVERDUE
    else:
        assert state == rules.IN_PROGRESS


def test_a_response_dated_after_the_tracker_date_is_not_yet_given():
    state = rules.tracker_state(
        response=rules.ACCEPTED,
        received=date(2024, 3, 7),
        responded_on=date(2024, 4, 25),
        actions=[],
        today=date(2024, 4, 1),
    )
    assert state == rules.AWAITING
