"""Working days: Monday to Friday, not a bank holiday. Member enquiries are due a number of working
days after they are raised; the holidays come from data (goldthread/data/bank-holidays)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The working day ``days`` working days after ``start`` (``start`` itself does not count, so an
    enquiry raised on a Saturday and one raised on the Friday before are due the same day). Zero
    days gives ``start`` if it is a working day, else the next working day."""
    if days < 0:
        raise ValueError("a number of working days cannot be negative")
    day = start
    if days == 0:
        while not is_working_day(day, holidays):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def on_time(due: date, answered: date | None) -> bool:
    """Answered on or before the due date."""
    return answered is not None and answered <= due


def share_on_time(items: list[tuple[date, date | None]]) -> float | None:
    """Percentage of (due, answered) pairs answered by the due date; None when there are none."""
    if not items:
        return None
    return 100 * sum(on_time(due, answered) for due, answered in items) / len(items)
