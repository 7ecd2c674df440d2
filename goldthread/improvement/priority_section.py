"""What the improvement app shows on a priority's page, as at the end of the page's period: the review
recommendations linked to it, and its actions (linked directly or through a recommendation) as they stood
then: the status the dates give beside what the owner reported, and how far past due an open one is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.urls import reverse

from goldthread.council import permissions
from goldthread.council.links import AsAt, LinkedItem, LinkedSection
from goldthread.domain.numbers import count

from .models import Action, Recommendation
from .selectors import RAG_ORDER, ActionAsOf, as_they_were, lead_words, review_started_by


def priority_recommendations(priority, user, as_at: AsAt) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    found = Recommendation.objects.filter(priorities=priority).select_related("review")
    items = [
        LinkedItem(
            label=f"{r.reference}: {r.title}",
            url=reverse("improvement:recommendation", args=[r.review.reference, r.reference]),
            detail=f"{r.review.title}. Response: {r.get_response_display()}",
        )
        for r in found
        if review_started_by(r.review, as_at.at)
    ]
    return LinkedSection("Review recommendations", items, order=60)


@dataclass
class ActionEntry:
    now: ActionAsOf

    @property
    def action(self) -> Action:
        return self.now.action

    @property
    def lead(self) -> str:
        return lead_words(self.action)


@dataclass
class ActionsData:
    as_at: date
    entries: list[ActionEntry] = field(default_factory=list)

    @property
    def by_rag(self) -> list[tuple[str, str, int]]:
        found = Counter(e.now.assessment.rag for e in self.entries)
        return [(rag, words, found.get(rag, 0)) for rag, words in RAG_ORDER]

    @property
    def overdue(self) -> int:
        return sum(1 for e in self.entries if e.now.assessment.is_overdue)


def actions_data(priority, as_at: AsAt) -> ActionsData:
    actions = (
        Action.objects.filter(Q(priorities=priority) | Q(recommendation__priorities=priority))
        .distinct()
        .select_related("recommendation__review", "lead")
        .prefetch_related("updates")
        .order_by("reference")
    )
    then = as_they_were(list(actions), as_at.at)
    return ActionsData(as_at.at, [ActionEntry(then[a.pk]) for a in actions if a.pk in then])


def summary(data: ActionsData) -> str:
    if not data.entries:
        return ""
    rags = "; ".join(f"{n} {words.lower()}" for _rag, words, n in data.by_rag if n)
    text = f"{count(len(data.entries), 'action')} for this priority as at {data.as_at:%-d %B %Y}: {rags}."
    if data.overdue:
        verb = "is" if data.overdue == 1 else "are"
        text += f" {data.overdue} {verb} past the due date and not complete."
    return text


def priority_actions(priority, user, as_at: AsAt) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    data = actions_data(priority, as_at)
    return LinkedSection(
        heading="Improvement actions",
        summary=summary(data),
        template="improvement/_priority_actions.html",
        data=data,
        empty_text=f"No improvement actions for this priority had been raised by {as_at.at:%-d %B %Y}.",
        order=30,
    )
