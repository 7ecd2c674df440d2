"""Reads of the reporting timetable, and the due date every return takes from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from goldthread.core.models import Change
from goldthread.council.models import Council
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period

from .models import ReportingYear, TimetablePeriod

# The returns whose due dates come from the timetable. Values, risk reviews and budget lines are all
# collected for the quarterly pack, so all three fall due on the quarter's "values due" date.
TIMETABLE_KINDS = ("values", "risk_review", "budget")


def years(council: Council) -> QuerySet[ReportingYear]:
    return ReportingYear.objects.filter(council=council).prefetch_related("periods")


def timetable_for(council: Council, year: str) -> ReportingYear | None:
    return years(council).filter(year=year).first()


def quarter_of(period: Period | str) -> Period | None:
    """The financial quarter a return for ``period`` belongs to: a month's quarter, a year's last quarter."""
    if isinstance(period, str):
        try:
            period = parse_period(period)
        except PeriodError:
            return None
    if period.granularity is Granularity.QUARTER and period.year_type is YearType.FINANCIAL:
        return period
    if period.granularity is Granularity.MONTH:
        return period.quarter_containing(YearType.FINANCIAL)
    if period.granularity is Granularity.YEAR and period.year_type is YearType.FINANCIAL:
        return Period.financial_quarter(period.year, 4)
    return None


def due_date_for(council: Council, period: Period | str, kind: str) -> date | None:
    """When a return (``kind``: values, risk_review or budget) for ``period`` is due; None if no timetable says."""
    if kind not in TIMETABLE_KINDS:
        raise ValueError(f"{kind} is not one of {', '.join(TIMETABLE_KINDS)}")
    quarter = quarter_of(period)
    if quarter is None:
        return None
    row = (
        TimetablePeriod.objects.filter(
            reporting_year__council=council,
            reporting_year__year=quarter.year_containing().label,
            quarter=quarter.number,
        )
        .only("values_due")
        .first()
    )
    return row.values_due if row else None


MEETING_FIELDS = {"cabinet": "cabinet", "scrutiny": "scrutiny", "audit": "audit"}


def meeting_for(council: Council, period: Period | str, audience: str) -> tuple[date, bool] | None:
    """The date of the meeting (Cabinet, Scrutiny or Audit) that receives the pack for ``period``, and
    whether it is an example date; None when no timetable gives one."""
    field_name = MEETING_FIELDS.get(audience)
    quarter = quarter_of(period)
    if field_name is None or quarter is None:
        return None
    row = (
        TimetablePeriod.objects.filter(
            reporting_year__council=council,
            reporting_year__year=quarter.year_containing().label,
            quarter=quarter.number,
        )
        .select_related("reporting_year")
        .first()
    )
    day = getattr(row, field_name) if row else None
    return (day, row.reporting_year.is_example) if row and day else None


@dataclass(frozen=True)
class DueQuarter:
    period: Period
    due: date
    is_example: bool


def quarters_due_between(council: Council, first: date, last: date) -> list[DueQuarter]:
    """The quarters whose returns fall due from ``first`` to ``last``, earliest first."""
    rows = TimetablePeriod.objects.filter(
        reporting_year__council=council, values_due__gte=first, values_due__lte=last
    ).select_related("reporting_year")
    return sorted((DueQuarter(r.period, r.values_due, r.reporting_year.is_example) for r in rows), key=lambda q: q.due)


def next_due(council: Council, today: date) -> DueQuarter | None:
    """The next quarter's due date on or after today (for the home page)."""
    row = (
        TimetablePeriod.objects.filter(reporting_year__council=council, values_due__gte=today)
        .select_related("reporting_year")
        .order_by("values_due")
        .first()
    )
    return DueQuarter(row.period, row.values_due, row.reporting_year.is_example) if row else None


def timetable_history(ry: ReportingYear) -> QuerySet[Change]:
    kinds = ContentType.objects.get_for_models(ReportingYear, TimetablePeriod, for_concrete_models=False)
    period_ids = [str(pk) for pk in ry.periods.values_list("pk", flat=True)]
    return (
        (
            Change.objects.filter(content_type=kinds[ReportingYear], object_id=str(ry.pk))
            | Change.objects.filter(content_type=kinds[TimetablePeriod], object_id__in=period_ids)
        )
        .select_related("user")
        .order_by("-pk")
    )


def returns_due(council: Council, period: Period) -> dict[str, date | DueQuarter | None]:
    """For the home page's due panel: when ``period``'s values are (or were) due, and the next date anything is due."""
    return {
        "values_due_on": due_date_for(council, period, "values"),
        "next_returns_due": next_due(council, timezone.localdate()),
    }
