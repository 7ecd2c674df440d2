"""Reads for the improvement pages, the API and the quarterly pack."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from goldthread.domain.deadlines import DeadlineState, DeadlineStatus, deadline_status

from .models import Action, DeadlineMet, DeadlineRule, Milestone, ProgressUpdate, Recommendation, Review

# Status to RAG, always shown with the words of the status (never colour alone).
STATUS_RAG = {
    Action.Status.NOT_STARTED: "grey",
    Action.Status.ON_TRACK: "green",
    Action.Status.AT_RISK: "amber",
    Action.Status.OFF_TRACK: "red",
    Action.Status.COMPLETE: "green",
    Action.Status.BAU: "grey",
}
RAG_ORDER = [
    ("red", "Red (off track)"),
    ("amber", "Amber (at risk)"),
    ("green", "Green (on track or complete)"),
    ("grey", "Grey (not started or closed)"),
]
OPEN_STATUSES = [Action.Status.NOT_STARTED, Action.Status.ON_TRACK, Action.Status.AT_RISK, Action.Status.OFF_TRACK]


def action_rag(action: Action) -> str:
    return STATUS_RAG[action.status]


def reviews(council):
    return Review.objects.filter(council=council).prefetch_related("recommendations")


def council_actions(council):
    """Every action belonging to the council: under a review, in one of its directorates, or (made
    by another app without either) unattached. Goldthread runs one council per installation."""
    return Action.objects.filter(
        Q(recommendation__review__council=council)
        | Q(directorate__council=council)
        | Q(recommendation__isnull=True, directorate__isnull=True)
    ).distinct()


@dataclass
class DeadlineRow:
    review: Review
    rule: DeadlineRule
    status: DeadlineStatus

    @property
    def due(self) -> date:
        return self.status.due

    @property
    def tag(self) -> str:
        return {
            DeadlineState.MET: "green",
            DeadlineState.OVERDUE: "red",
            DeadlineState.DUE_TODAY: "amber",
            DeadlineState.DUE_SOON: "amber",
            DeadlineState.UPCOMING: "grey",
            DeadlineState.WINDOW_OPEN: "amber",
        }[self.status.state]


def review_deadlines(review: Review, today: date) -> list[DeadlineRow]:
    met = {m.rule_id: m.met_on for m in DeadlineMet.objects.filter(review=review)}
    rows = []
    for rule in DeadlineRule.objects.filter(review_type=review.review_type):
        anchor = getattr(review, rule.anchor)
        if anchor is None:
            continue
        earliest, due = rule.window(anchor)
        rows.append(DeadlineRow(review, rule, deadline_status(due, today, met.get(rule.pk), earliest=earliest)))
    return sorted(rows, key=lambda r: (r.due, r.rule.order))


def open_deadlines(council, today: date) -> list[DeadlineRow]:
    """Every deadline not yet met, across all the council's reviews, soonest (or most overdue) first."""
    rows = [row for review in reviews(council) for row in review_deadlines(review, today)]
    return sorted((r for r in rows if r.status.state is not DeadlineState.MET), key=lambda r: r.due)


def rag_counts(actions) -> list[tuple[str, str, int]]:
    counts = Counter(action_rag(a) for a in actions)
    return [(rag, words, counts.get(rag, 0)) for rag, words in RAG_ORDER]


@dataclass
class PlanRow:
    recommendation: Recommendation
    actions: list[Action]
    counts: list[tuple[str, str, int]]


def action_plan(review: Review) -> list[PlanRow]:
    recommendations = review.recommendations.prefetch_related("actions__lead", "priorities")
    return [PlanRow(r, list(r.actions.all()), rag_counts(r.actions.all())) for r in recommendations]


def my_actions(user):
    return Action.objects.filter(lead=user).select_related("recommendation__review", "directorate")


def overdue_actions(council, today: date):
    return (
        council_actions(council)
        .filter(due_date__lt=today, status__in=OPEN_STATUSES)
        .select_related("recommendation__review", "directorate", "lead")
        .order_by("due_date", "reference")
    )


def overdue_milestones(council, today: date):
    actions = council_actions(council).values("pk")
    return (
        Milestone.objects.filter(action__in=actions, due_date__lt=today, done_on__isnull=True)
        .select_related("action")
        .order_by("due_date")
    )


def review_since(review: Review) -> date | None:
    return review.onsite_end or review.onsite_start


@dataclass
class ProgressRow:
    recommendation: Recommendation
    actions: list[Action]
    updates: list[ProgressUpdate]
    milestones: list[Milestone]
    evidence: list


def progress_since_review(review: Review, since: date | None = None) -> list[ProgressRow]:
    """For each recommendation, what was done after the review: updates and completed milestones
    dated after ``since`` (the end of the visit unless given), with the evidence."""
    since = since or review_since(review) or date.min
    rows = []
    for recommendation in review.recommendations.prefetch_related("actions"):
        actions = list(recommendation.actions.all())
        rows.append(
            ProgressRow(
                recommendation,
                actions,
                list(
                    ProgressUpdate.objects.filter(action__in=actions, date__gt=since).select_related("action", "user")
                ),
                list(Milestone.objects.filter(action__in=actions, done_on__gt=since).select_related("action")),
                [e for a in actions for e in a.evidence.all() if e.added_on > since],
            )
        )
    return rows


def action_plan_summary(council, as_of: date) -> dict:
    """For the quarterly pack: counts by status and RAG, and the overdue and at-risk actions."""
    actions = list(council_actions(council).select_related("recommendation__review", "directorate", "lead"))
    overdue = [a for a in actions if a.due_date and a.due_date < as_of and a.status in OPEN_STATUSES]
    at_risk = [a for a in actions if a.status in (Action.Status.AT_RISK, Action.Status.OFF_TRACK)]

    def row(a: Action) -> dict:
        return {
            "reference": a.reference,
            "description": a.description,
            "review": a.recommendation.review.title if a.recommendation else "",
            "lead": lead_words(a),
            "due_date": a.due_date,
            "status": a.get_status_display(),
            "percent_complete": a.percent_complete,
            "is_example": a.is_example,
        }

    return {
        "as_of": as_of,
        "total": len(actions),
        "by_status": {label: sum(a.status == value for a in actions) for value, label in Action.Status.choices},
        "by_rag": {words: count for _, words, count in rag_counts(actions)},
        "overdue": [row(a) for a in overdue],
        "at_risk": [row(a) for a in at_risk],
        "open_deadlines": [
            {
                "review": d.review.title,
                "deadline": d.rule.name,
                "due": d.due,
                "when": d.status.when,
                "status": d.status.words,
                "basis": d.rule.basis_words,
            }
            for d in open_deadlines(council, as_of)
        ],
    }


def lead_words(action: Action) -> str:
    if action.lead_id:
        return str(action.lead) + (f" ({action.lead_name})" if action.lead_name else "")
    return action.lead_name or "Not yet assigned"
