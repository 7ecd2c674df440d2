"""JSON API: the reporting timetable for a year."""

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors
from .services import TimetableError, clean_year

router = Router(tags=["timetable"])


class QuarterOut(Schema):
    period: str
    values_due: date
    signoff: date | None
    cabinet: date | None
    scrutiny: date | None
    audit: date | None


class TimetableOut(Schema):
    year: str
    example: bool
    note: str
    quarters: list[QuarterOut]


@router.get("/timetable", response=TimetableOut)
def get_timetable(request, year: str):
    permissions.require(permissions.can_read_timetable, request.user)
    try:
        label = clean_year(year)
    except TimetableError as exc:
        raise HttpError(400, str(exc)) from exc
    ry = selectors.timetable_for(current_council(), label)
    if ry is None:
        raise HttpError(404, f"No reporting timetable for {label}")
    return TimetableOut(
        year=ry.year,
        example=ry.is_example,
        note=ry.note,
        quarters=[
            QuarterOut(
                period=row.period.label,
                values_due=row.values_due,
                signoff=row.signoff,
                cabinet=row.cabinet,
                scrutiny=row.scrutiny,
                audit=row.audit,
            )
            for row in ry.periods.all()
        ],
    )
