"""Changes to the policy register, each kept in history with ``record_change``. Views and the API check
permissions first (council/permissions.py)."""

from __future__ import annotations

from django.db import transaction

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import claim, creating, expect

from .models import Policy

POLICY_FIELDS = [
    "title",
    "kind",
    "owner",
    "owner_title",
    "approving_body",
    "approved_on",
    "period_start",
    "period_end",
    "review_date",
    "status",
    "document_url",
    "notes",
]
# What a policy's owner may change on their own policy.
REVIEW_FIELDS = ["review_date", "status", "document_url", "notes"]


def _snapshot(policy: Policy) -> dict:
    data = snapshot(policy, POLICY_FIELDS)
    data["priorities"] = sorted(p.code for p in policy.priorities.all()) if policy.pk else []
    return data


def policy_create(*, council, user, priorities=(), **fields) -> Policy:
    policy = Policy(council=council, **fields)
    policy.full_clean()
    with creating(f"A policy called {policy.title!r} is already in the register."), transaction.atomic():
        policy.save()
        policy.priorities.set(priorities)
        record_change(obj=policy, user=user, action=Change.Action.CREATE, after=_snapshot(policy))
    return policy


def policy_update(*, policy: Policy, user, version: int | None, reason: str = "", priorities=None, **fields) -> Policy:
    """Change ``policy`` from the ``version`` the person saw (an older one is refused, nothing changes)."""
    expect(policy, version)
    before = _snapshot(policy)
    for name, value in fields.items():
        if name not in POLICY_FIELDS:
            raise ValueError(f"{name} is not a field of the register")
        setattr(policy, name, value)
    policy.full_clean()
    with transaction.atomic():
        claim(policy, version)
        policy.save()
        if priorities is not None:
            policy.priorities.set(priorities)
        record_change(
            obj=policy, user=user, action=Change.Action.UPDATE, before=before, after=_snapshot(policy), reason=reason
        )
    return policy
