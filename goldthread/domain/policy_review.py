"""When a plan, strategy or policy needs attention: past its review date or its period, or soon to be."""

from __future__ import annotations

from datetime import date

DUE_SOON_DAYS = 60

OVERDUE = "overdue"
DUE_SOON = "due soon"
IN_DATE = "in date"


def review_state(*, review_date: date | None, period_end: date | None, today: date) -> str:
    """Overdue when the review date or the end of the period covered has passed; due soon when either
    falls within the next ``DUE_SOON_DAYS`` days; otherwise in date. A missing date decides nothing."""
    dates = [d for d in (review_date, period_end) if d is not None]
    if any(d < today for d in dates):
        return OVERDUE
    if any((d - today).days <= DUE_SOON_DAYS for d in dates):
        return DUE_SOON
    return IN_DATE
