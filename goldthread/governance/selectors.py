"""Reads for the policy register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from goldthread.council.models import Council, User
from goldthread.domain.policy_review import DUE_SOON, OVERDUE, review_state

from .models import Policy

ACTIVE = (Policy.Status.DRAFT, Policy.Status.CURRENT)


def state_of(policy: Policy, today: date) -> str:
    """Only a draft or current document can need review; expired and superseded ones are history."""
    if policy.status not in ACTIVE:
        return ""
    return review_state(review_date=policy.review_date, period_end=policy.period_end, today=today)


def _with_state(policies: Iterable[Policy], today: date) -> list[Policy]:
    policies = list(policies)
    for policy in policies:
        policy.review_state = state_of(policy, today)
    order = {OVERDUE: 0, DUE_SOON: 1}
    return sorted(policies, key=lambda p: order.get(p.review_state, 2))


def register(council: Council, today: date) -> list[Policy]:
    """Every policy of the council, each with ``review_state`` set, needing attention first."""
    return _with_state(
        Policy.objects.filter(council=council).select_related("owner").prefetch_related("priorities").order_by("title"),
        today,
    )


def needing_review(council: Council, today: date) -> list[Policy]:
    """The council's policies overdue or due soon for review."""
    return [p for p in register(council, today) if p.review_state in (OVERDUE, DUE_SOON)]


def owned_needing_review(owner: User, today: date) -> list[Policy]:
    """One person's own policies overdue or due soon for review (their home page panel)."""
    rows = _with_state(Policy.objects.filter(owner=owner, status__in=ACTIVE).order_by("title"), today)
    return [p for p in rows if p.review_state in (OVERDUE, DUE_SOON)]
