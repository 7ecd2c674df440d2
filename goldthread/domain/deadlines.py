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


class Season(Enum):
    """The UK's meteorological seasons, for a source that says "in the summer of 2024"."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"


# First month and length in months of each season; winter starts in December and runs into the next year.
_SEASON_MONTHS = {Season.SPRING: 3, Season.SUMMER: 6, Season.AUTUMN: 9, Season.WINTER: 12}


def season_window(season: Season, year: int) -> tuple[date, date]:
    """First and last day of a season: summer 2024 is 1 June to 31 August 2024; winter 2024 is
    1 December 2024 to the end of February 2025."""
    first = date(year, _SEASON_MONTHS[season], 1)
    after = add_months(first, 3)
    return first, after - timedelta(days=1)


def deadline_window(
    anchor: date,
    *,
    months: int = 0,
    days: int = 0,
    latest_months: int | None = None,
    latest_days: int | None = None,
    season: Season | None = None,
    years_after: int = 0,
) -> tuple[date | None, date]:
    """(earliest, latest) for a deadline. A deadline on a day has no earliest (``None``); a window has
    both, from offsets ("6 to 9 months after") or from a season ("summer of the year after the visit")."""
    if season is not None:
        return season_window(season, anchor.year + years_after)
    due = due_date(anchor, months=months, days=days)
    if latest_months is None and latest_days is None:
        return None, due
    latest = due_date(anchor, months=latest_months or 0, days=latest_days or 0)
    return (due, latest) if latest >= due else (latest, due)


def days_left(due: date, today: date) -> int:
    """Days from ``today`` to ``due``: negative once it is overdue."""
    return (due - today).days


class DeadlineState(Enum):
    MET = "met"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    WINDOW_OPEN = "window_open"

    @property
    def label(self) -> str:
        return {
            "met": "Met",
            "overdue": "Overdue",
            "due_today": "Due today",
            "due_soon": "Due soon",
            "upcoming": "Upcoming",
            "window_open": "Due now",
        }[self.value]


SOON_DAYS = 28


@dataclass(frozen=True)
class DeadlineStatus:
    due: date  # the last day (for a window, its end)
    state: DeadlineState
    days: int  # days left (negative = overdue); for a met deadline, days early (negative = late)
    met_on: date | None = None
    earliest: date | None = None  # a window's first day; None for a deadline on one day

    @property
    def when(self) -> str:
        """The due date in words: a day, or a window ("between 1 June and 31 August 2024")."""
        if self.earliest is None:
            return f"{self.due:%-d %B %Y}"
        return f"between {self.earliest:%-d %B %Y} and {self.due:%-d %B %Y}"

    @property
    def words(self) -> str:
        """The status in words, for screens and reports (never colour alone)."""
        if self.state is DeadlineState.WINDOW_OPEN:
            return f"Window open: {_days(self.days)} left, until {self.due:%-d %B %Y}"
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


def deadline_status(
    due: date, today: date, met_on: date | None = None, soon_days: int = SOON_DAYS, earliest: date | None = None
) -> DeadlineStatus:
    """How a deadline stands on ``today``. With ``earliest`` it is a window: upcoming and due soon count to
    its first day, it is "due now" while open, and overdue only after its last day (``due``)."""
    if met_on is not None:
        return DeadlineStatus(due, DeadlineState.MET, days_left(due, met_on), met_on, earliest)
    if earliest is not None and earliest < due:
        if earliest <= today <= due:
            return DeadlineStatus(due, DeadlineState.WINDOW_OPEN, days_left(due, today), None, earliest)
        if today < earliest:
            ahead = days_left(earliest, today)
            state = DeadlineState.DUE_SOON if ahead <= soon_days else DeadlineState.UPCOMING
            return DeadlineStatus(due, state, days_left(due, today), None, earliest)
        return DeadlineStatus(due, DeadlineState.OVERDUE, days_left(due, today), None, earliest)
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
