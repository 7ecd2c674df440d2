"""Changes to the policy register, each kept in history with ``record_change``. Views and the API check
permissions first (council/permissions.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import claim, creating, expect
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Priority, User

from .models import EvidenceLink, FlagDecision, Policy, ThemeAssessment

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


def _snapshot(policy: Policy) -> dict[str, Any]:
    data = snapshot(policy, POLICY_FIELDS)
    data["priorities"] = sorted(p.code for p in policy.priorities.all()) if policy.pk else []
    return data


def policy_create(*, council: Council, user: Actor, priorities: Iterable[Priority] = (), **fields: Any) -> Policy:
    policy = Policy(council=council, **fields)
    policy.full_clean()
    with creating(f"A policy called {policy.title!r} is already in the register."), transaction.atomic():
        policy.save()
        policy.priorities.set(priorities)
        record_change(obj=policy, user=user, action=Change.Action.CREATE, after=_snapshot(policy))
    return policy


def policy_update(
    *,
    policy: Policy,
    user: Actor,
    version: int | None,
    reason: str = "",
    priorities: Iterable[Priority] | None = None,
    **fields: Any,
) -> Policy:
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


# --- Best Value self-assessment ------------------------------------------------------------------

THEME_FIELDS = ["rating", "narrative"]
FLAG_FIELDS = ["decision", "reason", "theme"]


def theme_save(
    *, council: Council, theme: str, user: Actor, version: int | None, rating: str, narrative: str
) -> ThemeAssessment:
    """Set a theme's rating and narrative; ``version`` 0 for a theme not yet assessed."""
    entry = ThemeAssessment.objects.filter(council=council, theme=theme).first()
    if entry is None:
        entry = ThemeAssessment(council=council, theme=theme, rating=rating, narrative=narrative)
        entry.full_clean()
        with creating(f"{entry} was assessed by someone else just now."), transaction.atomic():
            entry.save()
            record_change(obj=entry, user=user, action=Change.Action.CREATE, after=snapshot(entry, THEME_FIELDS))
        return entry
    expect(entry, version)
    before = snapshot(entry, THEME_FIELDS)
    entry.rating, entry.narrative = rating, narrative
    entry.full_clean()
    with transaction.atomic():
        claim(entry, version)
        entry.save()
        record_change(
            obj=entry, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(entry, THEME_FIELDS)
        )
    return entry


def _theme_entry(council: Council, theme: str, user: Actor) -> ThemeAssessment:
    entry = ThemeAssessment.objects.filter(council=council, theme=theme).first()
    return entry or theme_save(council=council, theme=theme, user=user, version=0, rating="", narrative="")


def evidence_add(
    *, council: Council, theme: str, user: Actor, kind: str, reference: str, title: str, url: str
) -> EvidenceLink:
    entry = _theme_entry(council, theme, user)
    link = EvidenceLink(assessment=entry, kind=kind, reference=reference.strip(), title=title[:300], url=url)
    link.full_clean()
    with creating(f"{link} is already evidence for this theme."), transaction.atomic():
        link.save()
        record_change(obj=entry, user=user, action=Change.Action.UPDATE, after={"evidence added": str(link)}, before={})
    return link


def evidence_remove(*, link: EvidenceLink, user: Actor) -> None:
    with transaction.atomic():
        record_change(
            obj=link.assessment, user=user, action=Change.Action.UPDATE, before={"evidence removed": str(link)}
        )
        link.delete()


def flag_decide(
    *, council: Council, key: str, theme: str, user: User | None, decision: str, reason: str, version: int | None
) -> FlagDecision:
    """Accept or dismiss (with a reason) a flag Goldthread proposed; a later decision replaces it, in history."""
    existing = FlagDecision.objects.filter(council=council, key=key).first()
    if existing is None:
        item = FlagDecision(council=council, key=key, theme=theme, decision=decision, reason=reason, decided_by=user)
        item.full_clean()
        with creating(f"Someone decided on flag {key} just now."), transaction.atomic():
            item.save()
            record_change(obj=item, user=user, action=Change.Action.CREATE, after=snapshot(item, FLAG_FIELDS))
        return item
    expect(existing, version)
    before = snapshot(existing, FLAG_FIELDS)
    existing.decision, existing.reason, existing.theme, existing.decided_by = decision, reason, theme, user
    existing.full_clean()
    with transaction.atomic():
        claim(existing, version)
        existing.save()
        record_change(
            obj=existing, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(existing, FLAG_FIELDS)
        )
    return existing
