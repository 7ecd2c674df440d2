"""Review deadlines: a due date from an anchor date plus an offset in months and days,
and how it stands today. Plain Python, no Django: the rules themselves are data
(improvement.DeadlineRule); this module only does the date arithmetic."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of a shorter month
    (31 January + 1 month = 28 or 29 February, never 3 March)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def due_date(anchor: date, *, months: int = 0, days: int = 0) -> date:
    """Months first, then days: "3 months and 1 day after 30 November" is 1 March."""
    return add_months(anchor, months) + timedelta(days=days)


def days_left(due: date, today: date) -> int:
    """Days from ``today`` to ``due``: negative once it is overdue."""
    return (due - today).days


class DeadlineState(Enum):
    MET = "met"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return {
            "met": "Met",
            "overdue": "Overdue",
            "due_today": "Due today",
            "due_soon": "Due soon",
            "upcoming": "Upcoming",
        }[self.value]


SOON_DAYS = 28


@dataclass(frozen=True)
class DeadlineStatus:
    due: date
    state: DeadlineState
    days: int  # days left (negative = overdue); for a met deadline, days early (negative = late)
    met_on: date | None = None

    @property
    def words(self) -> str:
        """The status in words, for screens and reports (never colour alone)."""
        if self.state is DeadlineState.MET:
            if self.days >= 0:
                return f"Met on {self.met_on:%-d %B %Y}"
            return f"Met on {self.met_on:%-d %B %Y}, {_days(-self.days)} late"
        if self.state is DeadlineState.OVERDUE:
            return f"{_days(-self.days)} overdue"
        if self.state is DeadlineState.DUE_TODAY:
            return "Due today"
        return f"{_days(self.days)} left"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def deadline_status(due: date, today: date, met_on: date | None = None, soon_days: int = SOON_DAYS) -> DeadlineStatus:
    if met_on is not None:
        return DeadlineStatus(due, DeadlineState.MET, days_left(due, met_on), met_on)
    left = days_left(due, today)
    if left < 0:
        state = DeadlineState.OVERDUE
    elif left == 0:
        state = DeadlineState.DUE_TODAY
    elif left <= soon_days:
        state = DeadlineState.DUE_SOON
    else:
        state = DeadlineState.UPCOMING
    return DeadlineStatus(due, state, left)
