"""Reads for the improvement pages, the API and the quarterly pack."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from goldthread.core.models import Change
from goldthread.council.models import Council, User
from goldthread.domain import action_status
from goldthread.domain.action_status import ActionAssessment, assess_action
from goldthread.domain.deadlines import DeadlineState, DeadlineStatus, deadline_status

from .models import (
    Action,
    DeadlineMet,
    DeadlineRule,
    EvidenceLink,
    Milestone,
    ProgressUpdate,
    Recommendation,
    Review,
)

# Status to RAG (goldthread.domain.action_status), always shown with the words of the status (never colour alone).
STATUS_RAG = action_status.STATUS_RAG
RAG_ORDER = [
    ("red", "Red (off track)"),
    ("amber", "Amber (at risk)"),
    ("green", "Green (on track or complete)"),
    ("grey", "Grey (not started or closed)"),
]
OPEN_STATUSES = [Action.Status.NOT_STARTED, Action.Status.ON_TRACK, Action.Status.AT_RISK, Action.Status.OFF_TRACK]


def action_rag(action: Action, as_of: date | None = None) -> str:
    """The RAG the dates give (off track once past its due date and not complete), not only the owner's."""
    return action_assessment(action, as_of).rag


# --- an action as at a date ------------------------------------------------------------------------
def _changes_after(actions: list[Action], as_of: date) -> dict[int, list[dict[str, Any]]]:
    """Recorded changes to these actions made after ``as_of``, oldest first, by action id: undoing them
    gives each action as it stood then."""
    from django.contrib.contenttypes.models import ContentType

    if not actions or as_of >= timezone.localdate():
        return {}
    kind = ContentType.objects.get_for_model(Action, for_concrete_model=False)
    found: dict[int, list[dict[str, Any]]] = {}
    later = Change.objects.filter(
        content_type=kind,
        object_id__in=[str(a.pk) for a in actions],
        action=Change.Action.UPDATE,
        at__date__gt=as_of,
    ).order_by("at", "pk")
    for change in later:
        found.setdefault(int(change.object_id), []).append(change.changes or {})
    return found


def _as_it_was(current: Any, name: str, later: list[dict[str, Any]]) -> Any:
    """A field's value before the first of the ``later`` changes that touched it (or the current one)."""
    for changes in later:
        if name in changes:
            return changes[name][0]
    return current


@dataclass
class ActionAsOf:
    """An action as it stood at the end of a day: what its owner had reported by then, and what the dates say."""

    action: Action
    reported: str
    percent_complete: int | None
    assessment: ActionAssessment
    as_of: date


def action_as_of(action: Action, as_of: date, later: list[dict[str, Any]] | None = None) -> ActionAsOf:
    """The owner's status as recorded by the end of ``as_of`` (changes recorded after it undone), or, when
    the latest progress update dated by then was entered afterwards (a backdated update), the status
    reported with it. Revised due dates count from the day they were agreed."""
    later = later or []
    reported = _as_it_was(action.status, "status", later) or Action.Status.NOT_STARTED
    percent = _as_it_was(action.percent_complete, "percent_complete", later)
    dated = [u for u in action.updates.all() if u.date <= as_of and u.status]
    if dated:
        latest = max(dated, key=lambda u: (u.date, u.created_at))
        if timezone.localtime(latest.created_at).date() > as_of:
            reported, percent = latest.status, latest.percent_complete
    revised = _revised_due_as_of(action, as_of, later)
    due = _day(_as_it_was(action.due_date, "due_date", later))
    assessment = assess_action(reported=reported, due=due, revised_due=revised, as_of=as_of)
    return ActionAsOf(action, reported, percent, assessment, as_of)


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _revised_due_as_of(action: Action, as_of: date, later: list[dict[str, Any]]) -> date | None:
    """The revised due date agreed by ``as_of``: it counts from the day it was agreed, and a revision
    agreed later does not hide the one agreed before it (kept in the history)."""
    agreed = [(action.revised_due_date, action.revised_due_agreed_on)]
    agreed += [
        (_day(c["revised_due_date"][0]), _day(c.get("revised_due_agreed_on", [None])[0]))
        for c in later
        if "revised_due_date" in c
    ]
    known = [(on, revised) for revised, on in agreed if revised and on and on <= as_of]
    return max(known)[1] if known else None


def action_assessment(action: Action, as_of: date | None = None) -> ActionAssessment:
    as_of = as_of or timezone.localdate()
    if as_of >= timezone.localdate():
        return assess_action(
            reported=action.status, due=action.due_date, revised_due=action.revised_due_date, as_of=as_of
        )
    return action_as_of(action, as_of, _changes_after([action], as_of).get(action.pk)).assessment


def existed_by(action: Action, as_of: date) -> bool:
    return action.raised_on is None or action.raised_on <= as_of


def as_they_were(actions: Iterable[Action], as_of: date) -> dict[int, ActionAsOf]:
    """Those of ``actions`` that existed at ``as_of``, each as it stood then, by id."""
    actions = [a for a in actions if existed_by(a, as_of)]
    later = _changes_after(actions, as_of)
    return {a.pk: action_as_of(a, as_of, later.get(a.pk)) for a in actions}


def actions_as_of(council: Council, as_of: date) -> list[ActionAsOf]:
    """Every action that existed at ``as_of``, as it stood then."""
    qs = council_actions(council).select_related("recommendation__review", "directorate", "lead")
    return list(as_they_were(qs.prefetch_related("updates"), as_of).values())


def reviews(council: Council) -> QuerySet[Review]:
    return Review.objects.filter(council=council).prefetch_related("recommendations")


def council_actions(council: Council) -> QuerySet[Action]:
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
    # A deadline met after ``today`` was still open then.
    met = {m.rule_id: m.met_on for m in DeadlineMet.objects.filter(review=review, met_on__lte=today)}
    rows = []
    for rule in DeadlineRule.objects.filter(review_type=review.review_type):
        anchor = getattr(review, rule.anchor)
        if anchor is None:
            continue
        earliest, due = rule.window(anchor)
        rows.append(DeadlineRow(review, rule, deadline_status(due, today, met.get(rule.pk), earliest=earliest)))
    return sorted(rows, key=lambda r: (r.due, r.rule.order))


def review_started_by(review: Review, day: date) -> bool:
    """Whether the review had begun by ``day`` (a review with no dates yet counts as begun)."""
    dates = [d for d in (getattr(review, f) for f in Review.DATE_FIELDS) if d]
    return not dates or min(dates) <= day


def open_deadlines(council: Council, today: date) -> list[DeadlineRow]:
    """Every deadline not yet met at ``today``, across the reviews begun by then, soonest (or most overdue) first."""
    rows = [
        row
        for review in reviews(council)
        if review_started_by(review, today)
        for row in review_deadlines(review, today)
    ]
    return sorted((r for r in rows if r.status.state is not DeadlineState.MET), key=lambda r: r.due)


def rag_counts(actions: Iterable[Action], as_of: date | None = None) -> list[tuple[str, str, int]]:
    as_of = as_of or timezone.localdate()
    counts = Counter(action_rag(a, as_of) for a in actions)
    return [(rag, words, counts.get(rag, 0)) for rag, words in RAG_ORDER]


@dataclass
class PlanRow:
    recommendation: Recommendation
    actions: list[Action]
    counts: list[tuple[str, str, int]]


def action_plan(review: Review, as_of: date | None = None) -> list[PlanRow]:
    """Each recommendation with its actions; given ``as_of``, only the actions raised by then."""
    recommendations = review.recommendations.prefetch_related("actions__lead", "actions__updates", "priorities")
    rows = []
    for r in recommendations:
        actions = [a for a in r.actions.all() if as_of is None or existed_by(a, as_of)]
        rows.append(PlanRow(r, actions, rag_counts(actions, as_of)))
    return rows


def my_actions(user: User) -> QuerySet[Action]:
    return Action.objects.filter(lead=user).select_related("recommendation__review", "directorate")


def overdue_actions(council: Council, today: date) -> QuerySet[Action]:
    """Open actions past the due date that counts: the agreed revised date if there is one."""
    return (
        council_actions(council)
        .filter(
            Q(revised_due_date__isnull=True, due_date__lt=today) | Q(revised_due_date__lt=today),
            status__in=OPEN_STATUSES,
        )
        .select_related("recommendation__review", "directorate", "lead")
        .order_by("due_date", "reference")
    )


def overdue_milestones(council: Council, today: date) -> QuerySet[Milestone]:
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
    evidence: list[EvidenceLink]


def progress_since_review(review: Review, since: date | None = None, until: date | None = None) -> list[ProgressRow]:
    """For each recommendation, what was done after the review: updates and completed milestones
    dated after ``since`` (the end of the visit unless given) and up to ``until`` (if given), with the evidence."""
    since = since or review_since(review) or date.min
    until = until or date.max
    rows = []
    for recommendation in review.recommendations.prefetch_related("actions"):
        actions = [a for a in recommendation.actions.all() if until == date.max or existed_by(a, until)]
        rows.append(
            ProgressRow(
                recommendation,
                actions,
                list(
                    ProgressUpdate.objects.filter(action__in=actions, date__gt=since, date__lte=until).select_related(
                        "action", "user"
                    )
                ),
                list(
                    Milestone.objects.filter(action__in=actions, done_on__gt=since, done_on__lte=until).select_related(
                        "action"
                    )
                ),
                [e for a in actions for e in a.evidence.all() if since < e.added_on <= until],
            )
        )
    return rows


@dataclass(frozen=True)
class LabelCount:
    label: str
    count: int


@dataclass(frozen=True)
class Tally:
    """How many actions have each status (or RAG), every label in its usual order, zeros included."""

    counts: tuple[LabelCount, ...]

    def of(self, label: str) -> int:
        for c in self.counts:
            if c.label == label:
                return c.count
        raise KeyError(label)  # every label is counted, so an unknown one is a mistake

    def as_dict(self) -> dict[str, int]:
        return {c.label: c.count for c in self.counts}


@dataclass(frozen=True)
class ActionLine:
    reference: str
    description: str
    review: str  # "" for an action that answers no review's recommendation
    lead: str
    due_date: date | None
    revised_due_date: date | None  # the agreed revised due date, if one counts
    status: str  # what the dates say
    reported_status: str  # what the owner had reported
    rag: str
    overdue_days: int
    percent_complete: int | None
    is_example: bool


@dataclass(frozen=True)
class OpenDeadline:
    review: str
    deadline: str
    due: date
    when: str
    status: str
    basis: str


@dataclass(frozen=True)
class ActionPlanSummary:
    """Every improvement plan's actions as at ``as_of``: plain values, no model objects."""

    as_of: date
    total: int
    by_status: Tally  # by the status the dates give
    by_reported_status: Tally  # by the status the owners had reported
    by_rag: Tally  # by the RAG words, e.g. "Red (off track)"
    overdue: tuple[ActionLine, ...]
    at_risk: tuple[ActionLine, ...]
    open_deadlines: tuple[OpenDeadline, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain data with the keys the summary has always had (the counts as mappings of label to count)."""
        out = asdict(self)
        out["by_status"] = self.by_status.as_dict()
        out["by_reported_status"] = self.by_reported_status.as_dict()
        out["by_rag"] = self.by_rag.as_dict()
        return out


def _action_line(r: ActionAsOf) -> ActionLine:
    a, status = r.action, r.assessment
    return ActionLine(
        reference=a.reference,
        description=a.description,
        review=a.recommendation.review.title if a.recommendation else "",
        lead=lead_words(a),
        due_date=a.due_date,
        revised_due_date=status.due if status.revised else None,
        status=status.words,
        reported_status=status.reported_words,
        rag=status.rag,
        overdue_days=status.overdue_days,
        percent_complete=r.percent_complete,
        is_example=a.is_example,
    )


def action_plan_summary(council: Council, as_of: date) -> ActionPlanSummary:
    """For the quarterly pack, as at ``as_of`` (the end of the quarter): only actions raised by then, each
    with the status its owner had reported by then beside the status the dates give; overdue counted
    against ``as_of``."""
    rows = sorted(actions_as_of(council, as_of), key=lambda r: r.action.reference)
    rags = Counter(r.assessment.rag for r in rows)
    return ActionPlanSummary(
        as_of=as_of,
        total=len(rows),
        by_status=Tally(
            tuple(
                LabelCount(label, sum(r.assessment.status == value for r in rows))
                for value, label in Action.Status.choices
            )
        ),
        by_reported_status=Tally(
            tuple(LabelCount(label, sum(r.reported == value for r in rows)) for value, label in Action.Status.choices)
        ),
        by_rag=Tally(tuple(LabelCount(words, rags.get(rag, 0)) for rag, words in RAG_ORDER)),
        overdue=tuple(_action_line(r) for r in rows if r.assessment.is_overdue),
        at_risk=tuple(
            _action_line(r) for r in rows if r.assessment.status in (Action.Status.AT_RISK, Action.Status.OFF_TRACK)
        ),
        open_deadlines=tuple(
            OpenDeadline(
                review=d.review.title,
                deadline=d.rule.name,
                due=d.due,
                when=d.status.when,
                status=d.status.words,
                basis=d.rule.basis_words,
            )
            for d in open_deadlines(council, as_of)
        ),
    )


def lead_words(action: Action) -> str:
    if action.lead_id:
        return str(action.lead) + (f" ({action.lead_name})" if action.lead_name else "")
    return action.lead_name or "Not yet assigned"
