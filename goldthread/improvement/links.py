"""What a priority's page shows from this app: linked recommendations and actions."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from goldthread.council import permissions
from goldthread.council.links import LinkedItem, LinkedSection

from .models import Action, Recommendation


def priority_recommendations(priority, user) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    items = [
        LinkedItem(
            label=f"{r.reference}: {r.title}",
            url=reverse("improvement:recommendation", args=[r.review.reference, r.reference]),
            detail=f"{r.review.title}. Response: {r.get_response_display()}",
        )
        for r in Recommendation.objects.filter(priorities=priority).select_related("review")
    ]
    return LinkedSection("Review recommendations", items, order=60)


def priority_actions(priority, user) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    actions = (
        Action.objects.filter(Q(priorities=priority) | Q(recommendation__priorities=priority))
        .distinct()
        .order_by("reference")
    )
    items = [
        LinkedItem(
            label=f"{a.reference}: {a.description[:120]}" + (" (Example)" if a.is_example else ""),
            url=reverse("improvement:action", args=[a.reference]),
            detail=f"{a.get_status_display()}" + (f", due {a.due_date:%-d %B %Y}" if a.due_date else ""),
        )
        for a in actions
    ]
    return LinkedSection("Improvement actions", items, order=61)
