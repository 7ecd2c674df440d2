"""JSON API for member enquiries and the complaints summary. Same permissions as the pages: a member
sees only their own enquiries, an officer those routed to them, an editor their directorate's."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as _Answer

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, represents
from goldthread.council import permissions
from goldthread.council.actors import SignedInRequest
from goldthread.council.models import Council, Directorate, Role, User
from goldthread.council.selectors import current_council

from . import selectors, services
from .models import Enquiry

router = Router(tags=["enquiries"])


def _council(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


class EnquiryOut(Schema):
    reference: str
    ward: str
    subject: str
    text: str
    member: str
    raised_on: dt.date
    due_on: dt.date
    directorate: str | None
    officer: str | None
    status: str
    response: str
    responded_on: dt.date | None
    answered_on_time: bool | None
    version: int


def _full_name(user: User) -> str:
    return user.get_full_name() or user.username


def _name(user: User | None) -> str | None:
    return _full_name(user) if user else None


def _enquiry_out(e: Enquiry) -> EnquiryOut:
    return EnquiryOut(
        reference=e.reference,
        ward=e.ward,
        subject=e.subject,
        text=e.text,
        member=_full_name(e.member),
        raised_on=e.raised_on,
        due_on=e.due_on,
        directorate=e.directorate.name if e.directorate else None,
        officer=_name(e.officer),
        status=e.status,
        response=e.response,
        responded_on=e.responded_on,
        answered_on_time=e.answered_on_time,
        version=e.version,
    )


@represents(Enquiry)
def _enquiry_record(e: Enquiry) -> dict:
    return _enquiry_out(e).dict()


@router.get("/member-enquiries", response=list[EnquiryOut])
def member_enquiries(request, status: str | None = None):
    """The enquiries you may see, newest first (``status``: open, responded or closed)."""
    found = selectors.enquiries_for(request.user, _council(request))
    if status:
        if status not in {"open", "responded", "closed"}:
            raise HttpError(422, f"unknown status {status!r}: use open, responded or closed")
        found = found.filter(status=status)
    return [_enquiry_out(e) for e in found.select_related("responded_by")]


# --- writes: the same services (and so the same permissions) as the pages -----------------------------


class RaiseIn(Schema):
    ward: str
    subject: str
    text: str


class RouteIn(Schema):
    directorate: str  # the directorate's code, e.g. corporate
    officer: str | None = None  # the officer's username; none lets the directorate's editors answer
    version: int | None = None  # the version you read: 428 without it, 409 if it changed since


class ResponseIn(Schema):
    response: str
    responded_on: dt.date | None = None  # default: today
    version: int | None = None


class CloseIn(Schema):
    version: int | None = None


def _enquiry(request: HttpRequest, ref: str) -> Enquiry:
    """The enquiry, or 404 when it does not exist or the person may not see it (as on the pages)."""
    council = _council(request)
    enquiry = (
        Enquiry.objects.filter(council=council, reference=ref)
        .select_related("member", "officer", "directorate")
        .first()
    )
    if enquiry is None or not permissions.can_see_enquiry(request.user, enquiry):
        raise HttpError(404, "No such enquiry")
    return enquiry


def _refuse(error: services.EnquiryError) -> HttpError:
    return HttpError(422, str(error))


@router.get("/member-enquiries/{ref}", response=EnquiryOut)
def member_enquiry(request: HttpRequest, ref: str) -> EnquiryOut:
    """One enquiry you may see (404 otherwise), with the `version` to send back with a change."""
    return _enquiry_out(_enquiry(request, ref))


@router.post("/member-enquiries", response={201: EnquiryOut, **CONFLICT_RESPONSES})
def raise_enquiry(request: SignedInRequest, payload: RaiseIn) -> object:
    """A member raises an enquiry about their ward; it is due the council's number of working days later."""
    council = _council(request)
    try:
        enquiry = services.enquiry_raise(
            council=council, member=request.user, ward=payload.ward, subject=payload.subject, text=payload.text
        )
    except services.EnquiryError as exc:
        raise _refuse(exc) from exc
    return _Answer(201, _enquiry_out(enquiry))


def _directorate(council: Council, code: str) -> Directorate:
    found = Directorate.objects.filter(council=council, code=code).first()
    if found is None:
        raise HttpError(422, f"directorate {code!r} is not one of this council's: give its code, e.g. corporate")
    return found


def _officer(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username, is_active=True, role__in=[Role.OFFICER, Role.EDITOR]).first()
    if found is None:
        raise HttpError(422, f"{username!r} is not an officer or editor who can sign in")
    return found


@router.patch("/member-enquiries/{ref}", response={200: EnquiryOut, **CONFLICT_RESPONSES})
def route_enquiry(request: HttpRequest, ref: str, payload: RouteIn) -> EnquiryOut:
    """The performance team routes the enquiry to a directorate (by code) and, optionally, an officer
    (by username). Send the `version` you read: 428 without it, 409 (and the enquiry as it is now) if
    it changed since."""
    enquiry = _enquiry(request, ref)
    if not permissions.can_route_enquiry(request.user):
        raise HttpError(403, "You do not have permission to do that.")
    directorate = _directorate(enquiry.council, payload.directorate)
    try:
        services.enquiry_route(
            enquiry=enquiry,
            user=request.user,
            directorate=directorate,
            officer=_officer(payload.officer),
            version=payload.version,
        )
    except services.EnquiryError as exc:
        raise _refuse(exc) from exc
    return _enquiry_out(enquiry)


@router.post("/member-enquiries/{ref}/response", response={200: EnquiryOut, **CONFLICT_RESPONSES})
def respond_to_enquiry(request: HttpRequest, ref: str, payload: ResponseIn) -> EnquiryOut:
    """The officer it is routed to (or an editor of its directorate, or the performance team) answers,
    or corrects the answer. The quarter's timeliness measure is recomputed at once."""
    enquiry = _enquiry(request, ref)
    try:
        services.enquiry_respond(
            enquiry=enquiry,
            user=request.user,
            response=payload.response,
            responded_on=payload.responded_on,
            version=payload.version,
        )
    except services.EnquiryError as exc:
        raise _refuse(exc) from exc
    return _enquiry_out(enquiry)


@router.post("/member-enquiries/{ref}/close", response={200: EnquiryOut, **CONFLICT_RESPONSES})
def close_enquiry(request: HttpRequest, ref: str, payload: CloseIn) -> EnquiryOut:
    """The member who raised it (or the performance team) closes an answered enquiry."""
    enquiry = _enquiry(request, ref)
    try:
        services.enquiry_close(enquiry=enquiry, user=request.user, version=payload.version)
    except services.EnquiryError as exc:
        raise _refuse(exc) from exc
    return _enquiry_out(enquiry)


class OmbudsmanOut(Schema):
    span: str
    referrals: int
    upheld: int
    source: str
    is_example: bool


class ComplaintsQuarterOut(Schema):
    period: str
    stage_1: dict[str, int]
    stage_2: dict[str, int]
    total: int
    is_example: bool


class ComplaintsOut(Schema):
    quarters: list[ComplaintsQuarterOut]
    ombudsman: list[OmbudsmanOut]


@router.get("/complaints", response=ComplaintsOut)
def complaints(request):
    """Complaints closed per quarter by stage and outcome, and Ombudsman decisions."""
    summary = selectors.complaints_summary(_council(request))
    return {
        "quarters": summary.rows,
        "ombudsman": [
            {
                "span": d.span,
                "referrals": d.referrals,
                "upheld": d.upheld,
                "source": d.source,
                "is_example": d.is_example,
            }
            for d in summary.ombudsman
        ],
    }
