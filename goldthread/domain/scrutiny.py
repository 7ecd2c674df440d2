"""Scrutiny rules: when the executive's response to a committee's recommendation is due, and where each
recommendation stands on the committee's tracker.

Plain functions, no Django. The Local Government Act 2000, section 9FE, gives the executive two months
from receiving an overview and scrutiny committee's report to respond to it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

RESPONSE_MONTHS = 2

# The responses a recommendation can have (the values of improvement's Recommendation.Response).
PENDING = "pending"
ACCEPTED = "accepted"
PARTLY = "partly"
REJECTED = "not_accepted"
TAKEN_FORWARD = frozenset({ACCEPTED, PARTLY})

# Where a recommendation stands on the tracker.
AWAITING = "awaiting"
RESPONSE_OVERDUE = "response_overdue"
NO_ACTION = "no_action"
IN_PROGRESS = "in_progress"
ACTION_OVERDUE = "action_overdue"
COMPLETE = "complete"
CLOSED_REJECTED = "rejected"

STATE_WORDS = {
    AWAITING: "Awaiting the executive's response",
    RESPONSE_OVERDUE: "Response overdue",
    NO_ACTION: "Accepted, no action yet",
    IN_PROGRESS: "Actions in progress",
    ACTION_OVERDUE: "An action is overdue",
    COMPLETE: "Complete",
    CLOSED_REJECTED: "Rejected",
}
STATE_COLOUR = {
    AWAITING: "grey",
    RESPONSE_OVERDUE: "red",
    NO_ACTION: "orange",
    IN_PROGRESS: "blue",
    ACTION_OVERDUE: "red",
    COMPLETE: "green",
    CLOSED_REJECTED: "grey",
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def response_due(received: date | None) -> date | None:
    """The last day for the executive's response: two months from the day it received the report."""
    return add_months(received, RESPONSE_MONTHS) if received else None


@dataclass(frozen=True)
class ActionState:
    closed: bool  # complete, or closed as business as usual
    overdue: bool  # past the due date that counts and not closed


def tracker_state(
    *, response: str, received: date | None, responded_on: date | None, actions: list[ActionState], today: date
) -> str:
    """Where a recommendation stands on ``today``: a response not yet given (overdue after two months), rejected,
    accepted with no action, actions under way (one overdue), or every action closed."""
    if response == PENDING or responded_on is None or responded_on > today:
        due = response_due(received)
        return RESPONSE_OVERDUE if due is not None and today > due else AWAITING
    if response not in TAKEN_FORWARD:
        return CLOSED_REJECTED
    if not actions:
        return NO_ACTION
    if all(a.closed for a in actions):
        return COMPLETE
    if any(a.overdue for a in actions):
        return ACTION_OVERDUE
    return IN_PROGRESS
