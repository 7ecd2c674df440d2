"""Every change to member enquiries and complaints figures, each writing history with ``record_change``.
Each function checks permission itself (council/permissions.py), so the pages and the API share it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import claim, creating, expect, save_versioned
from goldthread.council import permissions
from goldthread.council.models import Role, User
from goldthread.domain.periods import Granularity, Period, YearType
from goldthread.domain.working_days import add_working_days
from goldthread.performance import services as performance
from goldthread.performance.models import Frequency, Measure, Unit

from .holidays import bank_holidays
from .models import ComplaintCount, Enquiry, EnquirySettings, OmbudsmanDecisions

ENQUIRY_FIELDS = [
    "reference",
    "member",
    "ward",
    "subject",
    "text",
    "raised_on",
    "due_on",
    "directorate",
    "officer",
    "status",
    "response",
    "responded_on",
    "responded_by",
]
TIMELINESS_REFERENCE = "MEMBER-ENQ-ON-TIME"
SYSTEM_USERNAME = "goldthread-computed"


class EnquiryError(ValueError):
    """A change that cannot be made, with the reason in words."""


def enquiry_settings(council) -> EnquirySettings:
    found, _ = EnquirySettings.objects.get_or_create(council=council)
    return found


def due_date(council, raised_on: date) -> date:
    return add_working_days(raised_on, enquiry_settings(council).response_working_days, bank_holidays())


def _next_reference() -> str:
    last = Enquiry.objects.order_by("-id").values_list("reference", flat=True).first()
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"ME-{number:05d}"


def _required(**texts: str) -> None:
    for name, text in texts.items():
        if not (text or "").strip():
            raise EnquiryError(f"Enter the {name.replace('_', ' ')}")


def enquiry_raise(*, council, member, ward: str, subject: str, text: str, raised_on: date | None = None) -> Enquiry:
    """A member raises an enquiry; it is due a number of working days later (the council's setting)."""
    permissions.require(permissions.can_raise_enquiry, member)
    _required(ward=ward, subject=subject, text=text)
    raised_on = raised_on or timezone.localdate()
    with transaction.atomic(), creating("that enquiry reference was taken just now: try again"):
        enquiry = Enquiry.objects.create(
            council=council,
            reference=_next_reference(),
            member=member,
            ward=ward.strip(),
            subject=subject.strip(),
            text=text.strip(),
            raised_on=raised_on,
            due_on=due_date(council, raised_on),
        )
        record_change(obj=enquiry, user=member, action=Change.Action.CREATE, after=snapshot(enquiry, ENQUIRY_FIELDS))
    return enquiry


def _save(enquiry: Enquiry, *, user, version: int | None, changes: dict, reason: str = "") -> Enquiry:
    save_versioned(
        enquiry,
        user=user,
        version=version,
        fields=ENQUIRY_FIELDS,
        changes=changes,
        reason=reason,
        require_version=True,
    )
    return enquiry


def enquiry_route(*, enquiry: Enquiry, user, directorate, officer=None, version: int | None) -> Enquiry:
    """Triage: send the enquiry to a directorate and (optionally) an officer in it."""
    permissions.require(permissions.can_route_enquiry, user)
    expect(enquiry, version)
    if directorate is None or directorate.council_id != enquiry.council_id:
        raise EnquiryError("Choose a directorate of this council")
    if officer is not None and officer.role not in {Role.OFFICER, Role.EDITOR}:
        raise EnquiryError(f"{officer.get_full_name() or officer} is not an officer or editor: choose an officer")
    if enquiry.status == Enquiry.Status.CLOSED:
        raise EnquiryError(f"{enquiry.reference} is closed: it cannot be routed")
    return _save(enquiry, user=user, version=version, changes={"directorate": directorate, "officer": officer})


def enquiry_respond(
    *, enquiry: Enquiry, user, response: str, responded_on: date | None = None, version: int | None
) -> Enquiry:
    """The officer answers. The quarter's timeliness figure is recomputed at once."""
    permissions.require(permissions.can_respond_to_enquiry, user, enquiry)
    expect(enquiry, version)
    _required(response=response)
    if enquiry.status == Enquiry.Status.CLOSED:
        raise EnquiryError(f"{enquiry.reference} is closed: it cannot be answered")
    responded_on = responded_on or timezone.localdate()
    if responded_on < enquiry.raised_on:
        raise EnquiryError(f"The response date cannot be before the enquiry was raised ({enquiry.raised_on:%d %B %Y})")
    if responded_on > timezone.localdate():
        raise EnquiryError("The response date cannot be in the future")
    with transaction.atomic():
        _save(
            enquiry,
            user=user,
            version=version,
            changes={
                "response": response.strip(),
                "responded_on": responded_on,
                "responded_by": user,
                "status": Enquiry.Status.RESPONDED,
            },
        )
        record_timeliness(enquiry.council, quarter_of(enquiry.due_on))
    return enquiry


def enquiry_close(*, enquiry: Enquiry, user, version: int | None) -> Enquiry:
    """The member (or the performance team) closes an answered enquiry."""
    permissions.require(permissions.can_close_enquiry, user, enquiry)
    expect(enquiry, version)
    if enquiry.status != Enquiry.Status.RESPONDED:
        raise EnquiryError(f"{enquiry.reference} has not been answered yet: it can be closed once it is")
    return _save(enquiry, user=user, version=version, changes={"status": Enquiry.Status.CLOSED})


# --- timeliness: a measure on the scorecard ----------------------------------------------------------


def quarter_of(day: date) -> Period:
    return Period.containing(day, Granularity.QUARTER, YearType.FINANCIAL)


def system_user() -> User:
    """The account computed figures are written as (it cannot sign in): history says they were computed."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.PERFORMANCE, "first_name": "Goldthread", "last_name": "(computed)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def timeliness_measure(council) -> Measure:
    """The council's measure "Member enquiries answered on time", made the first time it is needed."""
    existing = Measure.objects.filter(council=council, reference=TIMELINESS_REFERENCE).first()
    if existing is not None:
        return existing
    chosen = enquiry_settings(council).measure_directorate or council.directorates.order_by("name").first()
    if chosen is None:
        raise EnquiryError(f"{council} has no directorate to own the member enquiries measure")
    return performance.measure_create(
        council=council,
        user=system_user(),
        reference=TIMELINESS_REFERENCE,
        title="Member enquiries answered on time",
        definition=(
            "Of the member enquiries due in the quarter that have been answered or are past their due date,"
            " the percentage answered by the due date (working days, excluding England and Wales bank holidays)."
        ),
        unit=Unit.PERCENT,
        polarity="higher",
        frequency=Frequency.QUARTERLY,
        year_type=YearType.FINANCIAL,
        directorate=chosen,
        data_source="Goldthread member enquiries (computed)",
        numerator_label="Answered by the due date",
        denominator_label="Due in the quarter, answered or past the due date",
        decimal_places=1,
    )


def record_timeliness(council, period: Period, *, today: date | None = None):
    """Write the quarter's value (a draft) computed from the enquiries due in it; None when none count yet."""
    from .selectors import timeliness  # reads live in selectors

    figures = timeliness(council, period, today=today)
    if figures.counted == 0:
        return None
    return performance.value_record(
        measure=timeliness_measure(council),
        period=period,
        value=Decimal(figures.percent).quantize(Decimal("0.1")),
        numerator=figures.on_time,
        denominator=figures.counted,
        source="Computed from member enquiries",
        user=system_user(),
        reason="Recomputed from member enquiries",
    )


# --- complaints and the Ombudsman ------------------------------------------------------------------


def complaint_count_save(
    *, council, user, period: str, stage: int, outcome: str, count: int, version: int | None = None
) -> ComplaintCount:
    permissions.require(permissions.can_edit_complaints, user)
    if count < 0:
        raise EnquiryError("The number of complaints cannot be negative")
    fields = ["period", "stage", "outcome", "count"]
    existing = ComplaintCount.objects.filter(council=council, period=period, stage=stage, outcome=outcome).first()
    with transaction.atomic():
        if existing is None:
            with creating(f"{period} stage {stage} {outcome} was entered just now by someone else"):
                obj = ComplaintCount.objects.create(
                    council=council, period=period, stage=stage, outcome=outcome, count=count
                )
            record_change(obj=obj, user=user, action=Change.Action.CREATE, after=snapshot(obj, fields))
            return obj
        before = snapshot(existing, fields)
        claim(existing, version)
        existing.count = count
        existing.save()
        record_change(
            obj=existing, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(existing, fields)
        )
        return existing


def ombudsman_decisions_save(
    *, council, user, span: str, referrals: int, upheld: int, source: str = "", is_example: bool = False
) -> OmbudsmanDecisions:
    permissions.require(permissions.can_edit_complaints, user)
    if upheld > referrals:
        raise EnquiryError(f"Upheld ({upheld}) cannot be more than the referrals decided ({referrals})")
    fields = ["span", "referrals", "upheld", "source", "is_example"]
    with transaction.atomic():
        obj, created = OmbudsmanDecisions.objects.get_or_create(
            council=council,
            span=span,
            defaults={"referrals": referrals, "upheld": upheld, "source": source, "is_example": is_example},
        )
        if created:
            record_change(obj=obj, user=user, action=Change.Action.CREATE, after=snapshot(obj, fields))
            return obj
        before = snapshot(obj, fields)
        obj.referrals, obj.upheld, obj.source, obj.is_example = referrals, upheld, source, is_example
        obj.save()
        record_change(obj=obj, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(obj, fields))
    return obj
