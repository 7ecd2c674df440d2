"""Reads: the enquiries a person may see, timeliness figures and the complaints summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from goldthread.council import permissions
from goldthread.council.models import Council, Directorate, Role, User
from goldthread.domain.periods import Period
from goldthread.domain.working_days import share_on_time
from goldthread.performance.models import Measure

from .measures import COMPLAINTS, OMBUDSMAN_DECIDED, OMBUDSMAN_UPHELD, OMBUDSMAN_UPHELD_RATE
from .models import ComplaintCount, Enquiry, OmbudsmanDecisions

# The seed's five-year Ombudsman totals are measures of the example council (performance/example.py).
FIVE_YEAR_TOTALS = ("GOV-01", "GOV-02")


def enquiries_for(user: User, council: Council) -> QuerySet[Enquiry]:
    """The enquiries ``user`` may see (the same rule as ``permissions.can_see_enquiry``)."""
    found = Enquiry.objects.filter(council=council).select_related("member", "officer", "directorate")
    role = permissions.role_of(user)
    if permissions.can_see_all_enquiries(user):
        return found
    if role == Role.MEMBER:
        return found.filter(member=user)
    if role == Role.OFFICER:
        return found.filter(officer=user)
    if role == Role.EDITOR and user.directorate_id:
        return found.filter(directorate_id=user.directorate_id)
    return found.none()


@dataclass(frozen=True)
class Timeliness:
    counted: int
    on_time: int
    percent: float | None


def _counted(enquiries: Iterable[Enquiry], today: date) -> list[tuple[date, date | None]]:
    """Answered, or past the due date: an enquiry still inside its time does not count yet."""
    return [(e.due_on, e.responded_on) for e in enquiries if e.responded_on is not None or e.due_on < today]


def timeliness(
    council: Council, period: Period, *, today: date | None = None, directorate: Directorate | None = None
) -> Timeliness:
    """The enquiries due in ``period``: how many count and how many were answered by the due date."""
    today = today or timezone.localdate()
    due = Enquiry.objects.filter(council=council, due_on__gte=period.start, due_on__lte=period.end)
    if directorate is not None:
        due = due.filter(directorate=directorate)
    pairs = _counted(due.only("due_on", "responded_on"), today)
    percent = share_on_time(pairs)
    on_time = sum(1 for d, r in pairs if r is not None and r <= d)
    return Timeliness(counted=len(pairs), on_time=on_time, percent=percent)


def timeliness_by_directorate(
    council: Council, period: Period, *, today: date | None = None
) -> list[tuple[str, Timeliness]]:
    today = today or timezone.localdate()
    rows = (
        Enquiry.objects.filter(council=council, due_on__gte=period.start, due_on__lte=period.end)
        .select_related("directorate")
        .only("due_on", "responded_on", "directorate__name")
    )
    groups: dict[str, list[Enquiry]] = defaultdict(list)
    for enquiry in rows:
        groups[enquiry.directorate.name if enquiry.directorate else "Not yet routed"].append(enquiry)
    result = []
    for name in sorted(groups):
        pairs = _counted(groups[name], today)
        on_time = sum(1 for d, r in pairs if r is not None and r <= d)
        result.append((name, Timeliness(len(pairs), on_time, share_on_time(pairs))))
    return result


def overdue(enquiries: QuerySet[Enquiry], today: date | None = None) -> QuerySet[Enquiry]:
    today = today or timezone.localdate()
    return enquiries.filter(Q(status=Enquiry.Status.OPEN) & Q(due_on__lt=today))


@dataclass(frozen=True)
class ComplaintsSummary:
    periods: list[str]
    rows: list[dict[str, Any]]  # one per period: {"period", "stage_1": {outcome: n}, "stage_2": {...}, "total"}
    ombudsman: list[OmbudsmanDecisions]
    has_example: bool


def complaint_count(council: Council, *, period: str, stage: int, outcome: str) -> ComplaintCount | None:
    return ComplaintCount.objects.filter(council=council, period=period, stage=stage, outcome=outcome).first()


def complaints_summary(council: Council) -> ComplaintsSummary:
    counts = ComplaintCount.objects.filter(council=council)
    table: dict[str, dict[str, Any]] = {}
    for c in counts:
        row = table.setdefault(
            c.period, {"period": c.period, "stage_1": {}, "stage_2": {}, "total": 0, "is_example": False}
        )
        row[f"stage_{c.stage}"][c.outcome] = c.count
        row["total"] += c.count
        row["is_example"] = row["is_example"] or c.is_example
    decisions = list(OmbudsmanDecisions.objects.filter(council=council))
    periods = sorted(table)
    return ComplaintsSummary(
        periods=periods,
        rows=[table[p] for p in periods],
        ombudsman=decisions,
        has_example=any(r["is_example"] for r in table.values()) or any(d.is_example for d in decisions),
    )


def computed_measures(council: Council) -> list[Measure]:
    """The scorecard measures made from complaints and Ombudsman figures that the council has so far."""
    order = [
        *(spec.reference for pair in COMPLAINTS.values() for spec in pair),
        OMBUDSMAN_DECIDED.reference,
        OMBUDSMAN_UPHELD.reference,
        OMBUDSMAN_UPHELD_RATE.reference,
        *FIVE_YEAR_TOTALS,
    ]
    found = {m.reference: m for m in Measure.objects.filter(council=council, reference__in=order)}
    return [found[r] for r in order if r in found]
