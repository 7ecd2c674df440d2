"""JSON API for member enquiries and the complaints summary. Same permissions as the pages: a member
sees only their own enquiries, an officer those routed to them, an editor their directorate's."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors

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


def _name(user) -> str | None:
    return (user.get_full_name() or user.username) if user else None


@router.get("/member-enquiries", response=list[EnquiryOut])
def member_enquiries(request, status: str | None = None):
    """The enquiries you may see, newest first (``status``: open, responded or closed)."""
    found = selectors.enquiries_for(request.user, _council(request))
    if status:
        if status not in {"open", "responded", "closed"}:
            raise HttpError(422, f"unknown status {status!r}: use open, responded or closed")
        found = found.filter(status=status)
    return [
        EnquiryOut(
            reference=e.reference,
            ward=e.ward,
            subject=e.subject,
            text=e.text,
            member=_name(e.member),
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
        for e in found.select_related("responded_by")
    ]


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
