"""JSON API for the policy register (and the Best Value self-assessment). Same permissions as the pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain.policy_review import DUE_SOON, OVERDUE

from . import best_value as best_value_selectors
from . import selectors

router = Router(tags=["governance"])


class PolicyOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    owner: str | None
    owner_title: str
    approving_body: str
    approved_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    review_date: dt.date | None
    overdue: bool
    due_soon: bool
    priorities: list[str]
    document_url: str
    is_example: bool
    version: int


@router.get("/policies", response=list[PolicyOut])
def policies(request):
    permissions.require(permissions.can_read, request.user)
    rows = selectors.register(current_council(), timezone.localdate())
    return [
        {
            "id": p.pk,
            "title": p.title,
            "kind": p.kind,
            "status": p.status,
            "owner": p.owner.username if p.owner else None,
            "owner_title": p.owner_title,
            "approving_body": p.approving_body,
            "approved_on": p.approved_on,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "review_date": p.review_date,
            "overdue": p.review_state == OVERDUE,
            "due_soon": p.review_state == DUE_SOON,
            "priorities": [pr.code for pr in p.priorities.all()],
            "document_url": p.document_url,
            "is_example": p.is_example,
            "version": p.version,
        }
        for p in rows
    ]


class EvidenceOut(Schema):
    kind: str
    reference: str
    title: str
    url: str


class FlagOut(Schema):
    key: str
    title: str
    detail: str
    url: str
    decision: str | None
    reason: str


class ThemeOut(Schema):
    code: str
    name: str
    rating: str
    narrative: str
    evidence: list[EvidenceOut]
    flags: list[FlagOut]
    version: int


@router.get("/best-value", response=list[ThemeOut])
def best_value(request):
    permissions.require(permissions.can_read, request.user)
    rows = best_value_selectors.assessment(current_council(), request.user, timezone.localdate())
    return [
        {
            "code": r.theme.code,
            "name": r.theme.name,
            "rating": r.assessment.rating,
            "narrative": r.assessment.narrative,
            "evidence": [
                {"kind": e.kind, "reference": e.reference, "title": e.title, "url": e.url} for e in r.evidence
            ],
            "flags": [
                {
                    "key": f.key,
                    "title": f.title,
                    "detail": f.detail,
                    "url": f.url,
                    "decision": f.decision.decision if f.decision else None,
                    "reason": f.decision.reason if f.decision else "",
                }
                for f in r.flags
            ],
            "version": r.assessment.version,
        }
        for r in rows
    ]
