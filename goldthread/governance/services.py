"""Changes to the policy register and the Best Value self-assessment: each checks the permission
(council/permissions.py; ``user`` None is the server's own call, such as the example loader), runs in
one transaction and is kept in history with ``record_change``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import creating, save_versioned
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Priority, User
from goldthread.council.permissions import require_person

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
    require_person(permissions.can_edit_policies, user)
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
    """Change ``policy`` from the ``version`` the person saw (an older one is refused, nothing changes).
    A policy's owner changes only the review fields of their own policy."""
    require_person(permissions.can_review_policy, user, policy)
    for name in fields:
        if name not in POLICY_FIELDS:
            raise ValueError(f"{name} is not a field of the register")
    owner_only = user is not None and not permissions.can_edit_policies(user)
    if owner_only and (set(fields) - set(REVIEW_FIELDS) or priorities is not None):
        raise PermissionDenied("A policy's owner may change only its review date, status, document and notes.")

    def set_priorities() -> None:
        if priorities is not None:
            policy.priorities.set(priorities)

    save_versioned(
        policy,
        user=user,
        version=version,
        fields=_snapshot,
        changes=fields,
        reason=reason,
        clean=True,
        require_version=True,
        then=set_priorities,
    )
    return policy


# --- Best Value self-assessment ------------------------------------------------------------------

THEME_FIELDS = ["rating", "narrative"]
FLAG_FIELDS = ["decision", "reason", "theme"]


def theme_save(
    *, council: Council, theme: str, user: Actor, version: int | None, rating: str, narrative: str
) -> ThemeAssessment:
    """Set a theme's rating and narrative; ``version`` 0 for a theme not yet assessed."""
    require_person(permissions.can_assess_best_value, user)
    entry = ThemeAssessment.objects.filter(council=council, theme=theme).first()
    if entry is None:
        entry = ThemeAssessment(council=council, theme=theme, rating=rating, narrative=narrative)
        entry.full_clean()
        with creating(f"{entry} was assessed by someone else just now."), transaction.atomic():
            entry.save()
            record_change(obj=entry, user=user, action=Change.Action.CREATE, after=snapshot(entry, THEME_FIELDS))
        return entry
    save_versioned(
        entry,
        user=user,
        version=version,
        fields=THEME_FIELDS,
        changes={"rating": rating, "narrative": narrative},
        clean=True,
        require_version=True,
    )
    return entry


def _theme_entry(council: Council, theme: str, user: Actor) -> ThemeAssessment:
    entry = ThemeAssessment.objects.filter(council=council, theme=theme).first()
    return entry or theme_save(council=council, theme=theme, user=user, version=0, rating="", narrative="")


def evidence_add(
    *, council: Council, theme: str, user: Actor, kind: str, reference: str, title: str, url: str
) -> EvidenceLink:
    require_person(permissions.can_assess_best_value, user)
    entry = _theme_entry(council, theme, user)
    link = EvidenceLink(assessment=entry, kind=kind, reference=reference.strip(), title=title[:300], url=url)
    link.full_clean()
    with creating(f"{link} is already evidence for this theme."), transaction.atomic():
        link.save()
        record_change(obj=entry, user=user, action=Change.Action.UPDATE, after={"evidence added": str(link)}, before={})
    return link


def evidence_remove(*, link: EvidenceLink, user: Actor) -> None:
    require_person(permissions.can_assess_best_value, user)
    with transaction.atomic():
        record_change(
            obj=link.assessment, user=user, action=Change.Action.UPDATE, before={"evidence removed": str(link)}
        )
        link.delete()


def flag_decide(
    *, council: Council, key: str, theme: str, user: User | None, decision: str, reason: str, version: int | None
) -> FlagDecision:
    """Accept or dismiss (with a reason) a flag Goldthread proposed; a later decision replaces it, in history."""
    require_person(permissions.can_assess_best_value, user)
    existing = FlagDecision.objects.filter(council=council, key=key).first()
    if existing is None:
        item = FlagDecision(council=council, key=key, theme=theme, decision=decision, reason=reason, decided_by=user)
        item.full_clean()
        with creating(f"Someone decided on flag {key} just now."), transaction.atomic():
            item.save()
            record_change(obj=item, user=user, action=Change.Action.CREATE, after=snapshot(item, FLAG_FIELDS))
        return item
    save_versioned(
        existing,
        user=user,
        version=version,
        fields=FLAG_FIELDS,
        changes={"decision": decision, "reason": reason, "theme": theme, "decided_by": user},
        clean=True,
        require_version=True,
    )
    return existing
