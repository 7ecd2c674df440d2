"""JSON API for the improvement domain: reviews, recommendations, actions and deadlines.
Same permissions and services as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, represents
from goldthread.core.versioning import expect
from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors, services
from .models import Action, Recommendation, Review

router = Router(tags=["improvement"])


def _council(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


class TeamMemberOut(Schema):
    name: str
    role: str
    organisation: str


class ReviewOut(Schema):
    reference: str
    title: str
    review_type: str
    reviewing_body: str
    onsite_start: dt.date | None
    onsite_end: dt.date | None
    feedback_session: dt.date | None
    report_received: dt.date | None
    report_published: dt.date | None
    scope_themes: list[str]
    recommendations: list[str]


class ReviewDetailOut(ReviewOut):
    team: list[TeamMemberOut]


class RecommendationOut(Schema):
    reference: str
    review: str
    number: str
    title: str
    text: str
    theme: str
    response: str
    response_text: str
    priorities: list[str]
    risks: list[str]
    actions: list[str]
    version: int


class ProgressOut(Schema):
    date: dt.date
    text: str
    by: str
    version: int


class ActionOut(Schema):
    reference: str
    recommendation: str | None
    description: str
    lead: str
    directorate: str | None
    start_date: dt.date | None
    due_date: dt.date | None
    status: str
    status_words: str
    rag: str  # from the status the dates give (dated_status), not only the owner's
    percent_complete: int
    is_example: bool
    revised_due_date: dt.date | None = None
    dated_status: str = ""  # off_track once past the due date that counts and not complete
    dated_status_words: str = ""
    overdue_days: int = 0
    version: int


class ActionDetailOut(ActionOut):
    updates: list[ProgressOut]


class ProgressIn(Schema):
    text: str
    date: dt.date | None = None
    status: str | None = None
    percent_complete: int | None = None
    version: int | None = None  # the action's version you read: a change since answers 409


class DeadlineOut(Schema):
    review: str
    deadline: str
    due: dt.date  # the last day; for a window, its end
    earliest: dt.date | None  # a window's first day ("in the summer of 2024"); None for a single day
    state: str
    days: int
    words: str
    basis: str  # "source" (quoted in source_quote) or "council" (the council's own rule)
    source_title: str
    source_quote: str


def _review_out(r: Review, cls=ReviewOut):
    extra = {"team": [TeamMemberOut(name=m.name, role=m.role, organisation=m.organisation) for m in r.team.all()]}
    return cls(
        reference=r.reference,
        title=r.title,
        review_type=r.review_type,
        reviewing_body=r.reviewing_body,
        onsite_start=r.onsite_start,
        onsite_end=r.onsite_end,
        feedback_session=r.feedback_session,
        report_received=r.report_received,
        report_published=r.report_published,
        scope_themes=r.scope_themes,
        recommendations=[x.reference for x in r.recommendations.all()],
        **(extra if cls is ReviewDetailOut else {}),
    )


def _rec_out(r: Recommendation) -> RecommendationOut:
    return RecommendationOut(
        reference=r.reference,
        review=r.review.reference,
        number=r.number,
        title=r.title,
        text=r.text,
        theme=r.theme,
        response=r.response,
        response_text=r.response_text,
        priorities=[p.code for p in r.priorities.all()],
        risks=[x.reference for x in r.risks.all()],
        actions=[a.reference for a in r.actions.all()],
        version=r.version,
    )


@represents(Action)
def _action_record(a: Action) -> dict:
    return _action_out(a, ActionDetailOut).dict()


def _action_out(a: Action, cls=ActionOut):
    extra = {}
    if cls is ActionDetailOut:
        extra["updates"] = [
            ProgressOut(date=u.date, text=u.text, by=str(u.user or ""), version=u.version) for u in a.updates.all()
        ]
    dated = selectors.action_assessment(a)
    return cls(
        reference=a.reference,
        recommendation=a.recommendation.reference if a.recommendation else None,
        description=a.description,
        lead=selectors.lead_words(a),
        directorate=a.directorate.code if a.directorate else None,
        start_date=a.start_date,
        due_date=a.due_date,
        status=a.status,
        status_words=a.get_status_display(),
        rag=dated.rag,
        percent_complete=a.percent_complete,
        is_example=a.is_example,
        revised_due_date=a.revised_due_date,
        dated_status=dated.status,
        dated_status_words=dated.words,
        overdue_days=dated.overdue_days,
        version=a.version,
        **extra,
    )


@router.get("/reviews", response=list[ReviewOut])
def list_reviews(request):
    return [_review_out(r) for r in selectors.reviews(_council(request))]


@router.get("/reviews/{ref}", response=ReviewDetailOut)
def get_review(request, ref: str):
    review = get_object_or_404(Review, council=_council(request), reference=ref)
    return _review_out(review, ReviewDetailOut)


@router.get("/reviews/{ref}/deadlines", response=list[DeadlineOut])
def review_deadlines(request, ref: str):
    review = get_object_or_404(Review, council=_council(request), reference=ref)
    return [_deadline_out(d) for d in selectors.review_deadlines(review, timezone.localdate())]


def _deadline_out(d) -> DeadlineOut:
    return DeadlineOut(
        review=d.review.reference,
        deadline=d.rule.name,
        due=d.due,
        earliest=d.status.earliest,
        state=d.status.state.value,
        days=d.status.days,
        words=d.status.words,
        basis=d.rule.basis,
        source_title=d.rule.source_title,
        source_quote=d.rule.source_quote,
    )


@router.get("/deadlines", response=list[DeadlineOut])
def list_deadlines(request):
    """Every deadline not yet met, across all reviews."""
    return [_deadline_out(d) for d in selectors.open_deadlines(_council(request), timezone.localdate())]


@router.get("/recommendations", response=list[RecommendationOut])
def list_recommendations(request, review: str | None = None):
    qs = Recommendation.objects.filter(review__council=_council(request)).select_related("review")
    if review:
        qs = qs.filter(review__reference=review)
    return [_rec_out(r) for r in qs.prefetch_related("priorities", "risks", "actions")]


@router.get("/recommendations/{ref}", response=RecommendationOut)
def get_recommendation(request, ref: str):
    return _rec_out(get_object_or_404(Recommendation, review__council=_council(request), reference=ref))


@router.get("/actions", response=list[ActionOut])
def list_actions(request, review: str | None = None, status: str | None = None, overdue: bool = False):
    council = _council(request)
    qs = selectors.overdue_actions(council, timezone.localdate()) if overdue else selectors.council_actions(council)
    if review:
        qs = qs.filter(recommendation__review__reference=review)
    if status:
        qs = qs.filter(status=status)
    return [_action_out(a) for a in qs.select_related("recommendation", "lead", "directorate")]


def _action(request, ref) -> Action:
    council = _council(request)
    action = get_object_or_404(Action, reference=ref)
    if not selectors.council_actions(council).filter(pk=action.pk).exists():
        raise HttpError(404, "No such action")
    return action


@router.get("/actions/{ref}", response=ActionDetailOut)
def get_action(request, ref: str):
    return _action_out(_action(request, ref), ActionDetailOut)


@router.post("/actions/{ref}/progress", response={201: ActionDetailOut, **CONFLICT_RESPONSES})
def post_progress(request, ref: str, payload: ProgressIn):
    """Add a dated progress update (a new record). Send the action's `version` you read to have the
    update refused (409, with the action as it is now) if the action changed since."""
    action = _action(request, ref)
    permissions.require(permissions.can_update_action_progress, request.user, action)
    expect(action, payload.version)
    if payload.status is not None and payload.status not in Action.Status.values:
        raise HttpError(422, f"status must be one of: {', '.join(Action.Status.values)}")
    if payload.percent_complete is not None and not 0 <= payload.percent_complete <= 100:
        raise HttpError(422, "percent_complete must be between 0 and 100")
    services.action_add_progress(
        action=action,
        user=request.user,
        text=payload.text,
        on=payload.date,
        status=payload.status,
        percent_complete=payload.percent_complete,
        version=payload.version,  # claimed in the transaction: of two racing updates one is refused
    )
    action.refresh_from_db()
    return Status(201, _action_out(action, ActionDetailOut))
