"""JSON API for committees and scrutiny recommendations. Same permissions as the pages: a member sees the
committees they sit on (Cabinet sees all); every other role that reads sees all."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, conflict_body
from goldthread.core.versioning import Conflict
from goldthread.council import permissions
from goldthread.council.actors import SignedInRequest
from goldthread.council.models import Council, Directorate, User
from goldthread.council.selectors import current_council
from goldthread.improvement.models import Recommendation

from . import selectors, services

router = Router(tags=["scrutiny"])


def _reader(request):
    if not permissions.can_read(request.user):
        raise HttpError(403, "You do not have permission to do that.")
    return current_council()


class MemberOut(Schema):
    name: str
    role: str
    username: str | None
    is_example: bool


class MeetingOut(Schema):
    date: dt.date
    source: str
    note: str
    is_example: bool


class WorkItemOut(Schema):
    id: int
    topic: str
    type: str
    status: str
    lead_member: str
    start_date: dt.date | None
    meeting_date: dt.date | None
    end_date: dt.date | None
    priorities: list[str]
    measures: list[str]
    risks: list[str]
    review: str | None
    is_example: bool
    version: int


class CommitteeOut(Schema):
    slug: str
    name: str
    kind: str
    remit: str
    frequency: str
    members: list[MemberOut]
    meetings: list[MeetingOut]
    work_programme: list[WorkItemOut]
    is_example: bool
    version: int


@router.get("/committees", response=list[CommitteeOut])
def committees(request):
    council = _reader(request)
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "kind": c.kind,
            "remit": c.remit,
            "frequency": c.frequency,
            "members": [
                {
                    "name": s.display_name,
                    "role": s.role,
                    "username": s.user.username if s.user_id else None,
                    "is_example": s.is_example,
                }
                for s in c.members.all()
            ],
            "meetings": [
                {"date": m.date, "source": m.source, "note": m.note, "is_example": m.is_example}
                for m in selectors.meetings(c)
            ],
            "work_programme": [
                {
                    "id": i.pk,
                    "topic": i.topic,
                    "type": i.item_type,
                    "status": i.status,
                    "lead_member": i.lead_words,
                    "start_date": i.start_date,
                    "meeting_date": i.meeting_date,
                    "end_date": i.end_date,
                    "priorities": [p.code for p in i.priorities.all()],
                    "measures": [m.reference for m in i.measures.all()],
                    "risks": [r.reference for r in i.risks.all()],
                    "review": i.review.reference if i.review_id else None,
                    "is_example": i.is_example,
                    "version": i.version,
                }
                for i in selectors.programme(c)
            ],
            "is_example": c.is_example,
            "version": c.version,
        }
        for c in selectors.committees_for(council, request.user)
    ]


class ActionOut(Schema):
    reference: str
    description: str
    status: str
    status_by_dates: str
    percent_complete: int | None
    due_date: dt.date | None
    overdue: bool
    is_example: bool


class RecommendationOut(Schema):
    reference: str
    committee: str
    review: str
    title: str
    response: str
    reasons: str
    responded_on: dt.date | None
    responding_body: str
    response_due: dt.date | None
    state: str
    actions: list[ActionOut]
    is_example: bool
    version: int


def _recommendation_out(r: selectors.TrackerRow) -> dict:
    return {
        "reference": r.recommendation.reference,
        "committee": r.committee.slug,
        "review": r.recommendation.review.reference,
        "title": r.recommendation.title,
        "response": r.recommendation.response,
        "reasons": r.recommendation.response_text,
        "responded_on": r.response.responded_on if r.response else None,
        "responding_body": r.response.responding_body if r.response else "",
        "response_due": r.response_due,
        "state": r.state,
        "actions": [
            {
                "reference": a.reference,
                "description": a.description,
                "status": a.status,
                "status_by_dates": s.status,
                "percent_complete": pct,
                "due_date": s.due,
                "overdue": s.is_overdue,
                "is_example": a.is_example,
            }
            for a, s, pct in r.actions
        ],
        "is_example": r.item.is_example,
        "version": r.recommendation.version,
    }


@router.get("/scrutiny/recommendations", response=list[RecommendationOut])
def recommendations(request):
    council = _reader(request)
    today = timezone.localdate()
    return [_recommendation_out(r) for r in selectors.recommendations_for(council, request.user, today)]


# --- writes: the same service (and so the same permissions) as the response page -----------------------


class ResponseIn(Schema):
    response: Literal["accepted", "partly", "not_accepted"]  # as GET gives them: not_accepted is rejected
    reasons: str = ""  # needed when partly accepted or rejected
    responded_on: dt.date
    responding_body: str = "Cabinet"
    # The action that carries out what was accepted: needed when the recommendation is accepted or partly
    # accepted and has no action yet (an action it has already is tracked on its own).
    action_description: str = ""
    action_lead: str | None = None  # the lead officer's username
    action_directorate: str | None = None  # the directorate's code, e.g. corporate
    action_due: dt.date | None = None
    version: int | None = None  # the version you read: 428 without it, 409 if it changed since


def _visible_recommendation(request: HttpRequest, ref: str) -> Recommendation:
    """The scrutiny recommendation, or 404 when there is none or it is on a committee the person may not see
    (as it is missing from their GET)."""
    council = _reader(request)
    found = selectors.scrutiny_recommendation(council, ref)
    if found is None or not permissions.can_see_committee(request.user, found.review.scrutiny_item.committee):
        raise HttpError(404, "No such scrutiny recommendation")
    return found


def _row(recommendation: Recommendation) -> dict:
    """The recommendation as GET /api/scrutiny/recommendations shows it, read afresh."""
    committee = recommendation.review.scrutiny_item.committee
    rows = selectors.tracker(committee, timezone.localdate())
    return _recommendation_out(next(r for r in rows if r.recommendation.pk == recommendation.pk))


def _lead(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise HttpError(422, f"{username!r} is not the username of anyone who can sign in")
    return found


def _directorate(council: Council, code: str | None) -> Directorate | None:
    if not code:
        return None
    found = Directorate.objects.filter(council=council, code=code).first()
    if found is None:
        raise HttpError(422, f"directorate {code!r} is not one of this council's: give its code, e.g. corporate")
    return found


@router.post("/scrutiny/recommendations/{ref}/response", response={200: RecommendationOut, **CONFLICT_RESPONSES})
def respond_to_recommendation(request: SignedInRequest, ref: str, payload: ResponseIn) -> object:
    """Record (or correct) the executive's response: accepted, partly or not_accepted (rejected), with reasons
    and its date. An accepted or partly accepted recommendation with no action yet gets the action described,
    tracked to completion. Officers, editors, the performance team and members of Cabinet may respond. Send
    the `version` you read: 428 without it, 409 (and the recommendation as it is now) if it changed since."""
    recommendation = _visible_recommendation(request, ref)
    permissions.require(permissions.can_respond_to_scrutiny, request.user)
    council = recommendation.review.scrutiny_item.committee.council
    try:
        services.response_record(
            recommendation=recommendation,
            user=request.user,
            version=payload.version,
            response=payload.response,
            reasons=payload.reasons,
            responded_on=payload.responded_on,
            responding_body=payload.responding_body,
            action_description=payload.action_description,
            action_lead=_lead(payload.action_lead),
            action_directorate=_directorate(council, payload.action_directorate),
            action_due=payload.action_due,
        )
    except services.ScrutinyError as exc:
        raise HttpError(422, str(exc)) from exc
    except Conflict as exc:
        body = conflict_body(exc)
        current = getattr(exc, "current", None)
        if isinstance(current, Recommendation):
            body["current"] = _row(current)  # in the shape a GET gives
        return Status(exc.status, body)
    return _row(recommendation)
