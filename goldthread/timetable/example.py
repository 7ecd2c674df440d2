"""The example council's reporting timetable for 2023-24.

No 2023-24 timetable is published in the seeds. They give two dates: a quarterly performance report to
Cabinet on 28 July 2022, and the LGA peer challenge onsite on 21-24 November 2023. Every date below is an
example that follows that pattern (a quarter's report reaches Cabinet two to three months after it ends,
on a Thursday) and keeps clear of the peer challenge week; the timetable is marked example throughout."""

from datetime import date

from .models import DATE_FIELDS, ReportingYear, TimetablePeriod

YEAR = "2023-24"
NOTE = (
    "Example dates: Sefton has not published a 2023-24 reporting timetable. They follow the pattern of the "
    "quarterly performance report to Cabinet on 28 July 2022 and keep clear of the LGA peer challenge onsite "
    "on 21 to 24 November 2023."
)
# quarter: (values due, sign-off, Cabinet, Scrutiny, Audit)
QUARTERS = {
    1: (date(2023, 7, 21), date(2023, 8, 4), date(2023, 9, 7), date(2023, 9, 12), date(2023, 9, 20)),
    2: (date(2023, 10, 20), date(2023, 11, 3), date(2023, 11, 30), date(2023, 12, 5), date(2023, 12, 13)),
    3: (date(2024, 1, 19), date(2024, 2, 2), date(2024, 2, 29), date(2024, 3, 5), date(2024, 3, 13)),
    4: (date(2024, 4, 26), date(2024, 5, 10), date(2024, 6, 27), date(2024, 7, 2), date(2024, 7, 17)),
}


def load(*, council, log, options=None):
    """Idempotent: the example timetable is set to these dates each time (written by the system, not a person)."""
    ry, _ = ReportingYear.objects.update_or_create(
        council=council, year=YEAR, defaults={"is_example": True, "note": NOTE}
    )
    for quarter, dates in QUARTERS.items():
        TimetablePeriod.objects.update_or_create(
            reporting_year=ry, quarter=quarter, defaults=dict(zip(DATE_FIELDS, dates, strict=True))
        )
    log(f"  reporting timetable: {YEAR} (example dates)")
    return council
