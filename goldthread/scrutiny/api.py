"""JSON API for committees and scrutiny recommendations. Same permissions as the pages: a member sees the
committees they sit on (Cabinet sees all); every other role that reads sees all."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors

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


@router.get("/scrutiny/recommendations", response=list[RecommendationOut])
def recommendations(request):
    council = _reader(request)
    today = timezone.localdate()
    return [
        {
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
        for r in selectors.recommendations_for(council, request.user, today)
    ]
