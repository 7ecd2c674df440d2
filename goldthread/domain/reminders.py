"""Who is reminded of what, and when. Plain Python, no Django.

An ``Obligation`` is one piece of work with a due date: a directorate's values for a quarter, an
action, a risk review, a review deadline, a budget return. ``reminders_for`` turns obligations and
today's date into the reminders to make:

- nothing for work that is done;
- "due soon" to the people who must do it, from ``lead_days`` before the due date up to the due date;
- "overdue" to them from the day after the due date;
- once it is ``escalate_after_days`` or more days overdue, the same overdue reminder to their director
  too (unless the director is already one of the people reminded, or there is none);
- nothing for work more than ``horizon_days`` overdue: an old miss is the performance team's to chase.

Each reminder has a key (recipient, kind, subject, due date): the caller keeps the keys it has made and
never makes one twice, so running the rules again on the same or a later day repeats nothing.
``delivery_for`` and ``digest_due`` decide how and when a notification goes by email.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DEFAULT_LEAD_DAYS = 7
DEFAULT_ESCALATE_AFTER_DAYS = 14
HORIZON_DAYS = 90


class Family(StrEnum):
    """The kinds of work that have a due date."""

    VALUES = "values"
    ACTION = "action"
    RISK_REVIEW = "risk_review"
    REVIEW_DEADLINE = "review_deadline"
    BUDGET = "budget"


class Kind(StrEnum):
    VALUES_DUE = "values_due"
    VALUES_OVERDUE = "values_overdue"
    VALUE_SUBMITTED = "value_submitted"
    VALUE_RETURNED = "value_returned"
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"
    RISK_REVIEW_DUE = "risk_review_due"
    RISK_REVIEW_OVERDUE = "risk_review_overdue"
    REVIEW_DEADLINE_DUE = "review_deadline_due"
    REVIEW_DEADLINE_OVERDUE = "review_deadline_overdue"
    BUDGET_DUE = "budget_due"
    BUDGET_OVERDUE = "budget_overdue"


KIND_LABELS = {
    Kind.VALUES_DUE: "Values due soon",
    Kind.VALUES_OVERDUE: "Values overdue",
    Kind.VALUE_SUBMITTED: "Submitted and awaiting approval",
    Kind.VALUE_RETURNED: "Returned to you with a reason",
    Kind.ACTION_DUE: "Actions due soon",
    Kind.ACTION_OVERDUE: "Actions overdue",
    Kind.RISK_REVIEW_DUE: "Risk reviews due soon",
    Kind.RISK_REVIEW_OVERDUE: "Risk reviews overdue",
    Kind.REVIEW_DEADLINE_DUE: "Review deadlines coming",
    Kind.REVIEW_DEADLINE_OVERDUE: "Review deadlines missed",
    Kind.BUDGET_DUE: "Budget lines due soon",
    Kind.BUDGET_OVERDUE: "Budget lines overdue",
}

_STAGES = {
    Family.VALUES: (Kind.VALUES_DUE, Kind.VALUES_OVERDUE),
    Family.ACTION: (Kind.ACTION_DUE, Kind.ACTION_OVERDUE),
    Family.RISK_REVIEW: (Kind.RISK_REVIEW_DUE, Kind.RISK_REVIEW_OVERDUE),
    Family.REVIEW_DEADLINE: (Kind.REVIEW_DEADLINE_DUE, Kind.REVIEW_DEADLINE_OVERDUE),
    Family.BUDGET: (Kind.BUDGET_DUE, Kind.BUDGET_OVERDUE),
}


class Delivery(StrEnum):
    AT_ONCE = "at_once"
    DIGEST = "digest"
    APP_ONLY = "app_only"


DELIVERY_LABELS = {
    Delivery.AT_ONCE: "By email at once",
    Delivery.DIGEST: "In a daily digest email",
    Delivery.APP_ONLY: "In Goldthread only, no email",
}
DEFAULT_DELIVERY = Delivery.DIGEST


@dataclass(frozen=True, slots=True)
class Obligation:
    """Work due on ``due``. ``subject`` names it uniquely (e.g. "values:childrens:2023-24 Q2");
    ``recipients`` are the people who must do it; ``director`` is copied once it is long overdue."""

    family: Family
    subject: str
    due: date
    done: bool
    recipients: tuple[int, ...]
    director: int | None = None


@dataclass(frozen=True, slots=True)
class Reminder:
    recipient: int
    kind: Kind
    subject: str
    due: date
    copied_as_director: bool = False

    @property
    def key(self) -> tuple[int, str, str, date]:
        return (self.recipient, self.kind.value, self.subject, self.due)


def stage(family: Family, due: date, today: date, *, lead_days: int = DEFAULT_LEAD_DAYS) -> Kind | None:
    """The reminder kind for work of ``family`` due on ``due``, seen on ``today``; None if too early or too old."""
    days_left = (due - today).days
    due_kind, overdue_kind = _STAGES[family]
    if 0 <= days_left <= lead_days:
        return due_kind
    if -HORIZON_DAYS <= days_left < 0:
        return overdue_kind
    return None


def reminders_for(
    obligations: Iterable[Obligation],
    today: date,
    *,
    lead_days: int = DEFAULT_LEAD_DAYS,
    escalate_after_days: int = DEFAULT_ESCALATE_AFTER_DAYS,
    already_made: Iterable[tuple[int, str, str, date]] = (),
) -> list[Reminder]:
    """The reminders to make today, none of whose keys is in ``already_made``, each key once."""
    seen = set(already_made)
    made: list[Reminder] = []

    def add(reminder: Reminder) -> None:
        if reminder.key not in seen:
            seen.add(reminder.key)
            made.append(reminder)

    for ob in obligations:
        if ob.done:
            continue
        kind = stage(ob.family, ob.due, today, lead_days=lead_days)
        if kind is None:
            continue
        for person in sorted(set(ob.recipients)):
            add(Reminder(person, kind, ob.subject, ob.due))
        overdue_by = (today - ob.due).days
        if ob.director is not None and ob.director not in ob.recipients and overdue_by >= max(escalate_after_days, 1):
            add(Reminder(ob.director, kind, ob.subject, ob.due, copied_as_director=True))
    return made


def delivery_for(preferences: Mapping[str, str], kind: Kind) -> Delivery:
    """How a person wants notifications of ``kind``: their choice, or the daily digest."""
    try:
        return Delivery(preferences.get(kind.value, DEFAULT_DELIVERY))
    except ValueError:
        return DEFAULT_DELIVERY


def digest_due(last_digest_on: date | None, today: date) -> bool:
    """At most one digest email a day: none yet today (or ever)."""
    return last_digest_on is None or last_digest_on < today
