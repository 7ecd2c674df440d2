"""Writes to the reporting timetable. Every change is kept in history."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council
from goldthread.domain.periods import Granularity, PeriodError, YearType, parse_period

from .models import DATE_FIELDS, DATE_LABELS, ReportingYear, TimetablePeriod

YEAR_FIELDS = ["year", "is_example", "note"]


class TimetableError(ValueError):
    """Dates that cannot stand: the message says which quarter and which date, and why."""


def clean_year(text: str) -> str:
    try:
        period = parse_period(text)
    except PeriodError as exc:
        raise TimetableError(f"'{text}' is not a financial year such as 2023-24") from exc
    if period.granularity is not Granularity.YEAR or period.year_type is not YearType.FINANCIAL:
        raise TimetableError(f"'{text}' is not a financial year such as 2023-24")
    return period.label


def check_quarter(year_label: str, quarter: int, dates: dict[str, date | None]) -> None:
    """Values fall due after the quarter ends; sign-off comes on or after that; the meetings after sign-off."""
    label = f"{year_label} Q{quarter}"
    due = dates.get("values_due")
    if due is None:
        raise TimetableError(f"{label}: enter the date values are due")
    quarter_end = parse_period(label).end
    if due <= quarter_end:
        raise TimetableError(f"{label}: values can only be due after the quarter ends on {quarter_end:%-d %B %Y}")
    signoff = dates.get("signoff")
    if signoff is not None and signoff < due:
        raise TimetableError(f"{label}: the performance team cannot sign off before values are due")
    after = signoff or due
    for field in ("cabinet", "scrutiny", "audit"):
        day = dates.get(field)
        if day is not None and day < after:
            raise TimetableError(f"{label}: {DATE_LABELS[field]} meets before the figures are signed off")


def timetable_save(
    *,
    council: Council,
    year: str,
    quarters: dict[int, dict[str, date | None]],
    user: Actor,
    is_example: bool = False,
    note: str = "",
) -> ReportingYear:
    """Create or change a year's timetable: all four quarters are checked before anything is written."""
    permissions.require(permissions.can_edit_timetable, user)
    year = clean_year(year)
    if sorted(quarters) != [1, 2, 3, 4]:
        raise TimetableError("give the dates for all four quarters")
    for quarter, dates in quarters.items():
        check_quarter(year, quarter, dates)
    with transaction.atomic():
        ry = ReportingYear.objects.filter(council=council, year=year).first()
        if ry is None:
            ry = ReportingYear.objects.create(council=council, year=year, is_example=is_example, note=note)
            record_change(obj=ry, user=user, action=Change.Action.CREATE, after=snapshot(ry, YEAR_FIELDS))
        else:
            before = snapshot(ry, YEAR_FIELDS)
            ry.is_example, ry.note = is_example, note
            ry.save()
            record_change(
                obj=ry, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(ry, YEAR_FIELDS)
            )
        for quarter, dates in sorted(quarters.items()):
            _save_quarter(ry, quarter, dates, user)
    return ry


def _save_quarter(ry: ReportingYear, quarter: int, dates: dict[str, date | None], user: Actor) -> None:
    row = TimetablePeriod.objects.filter(reporting_year=ry, quarter=quarter).first()
    values = {f: dates.get(f) for f in DATE_FIELDS}
    if row is None:
        row = TimetablePeriod.objects.create(reporting_year=ry, quarter=quarter, **values)
        record_change(obj=row, user=user, action=Change.Action.CREATE, after=snapshot(row, DATE_FIELDS))
        return
    before = snapshot(row, DATE_FIELDS)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    record_change(obj=row, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(row, DATE_FIELDS))
