"""Every change to reviews, recommendations and actions: one named function per change, each
checking the permission (council/permissions.py; ``user`` None is the server's own call, such as
the example loader), running in one transaction and writing history with ``record_change``.
``action_create`` is also called by the risk app for its own actions, so it leaves the permission
check to its caller (each checks its own)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import Versioned, claim, expect, save_versioned
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Directorate, Priority, User
from goldthread.council.permissions import require_person
from goldthread.performance.models import Measure

from .models import (
    Action,
    DeadlineMet,
    DeadlineRule,
    EvidenceLink,
    Milestone,
    ProgressUpdate,
    Recommendation,
    Review,
    ReviewDocument,
    ReviewMember,
)

if TYPE_CHECKING:  # for annotations only: risk sits above improvement and imports it
    from goldthread.risk.models import Risk

REVIEW_FIELDS = [
    "reference",
    "title",
    "review_type",
    "reviewing_body",
    "parent",
    "onsite_start",
    "onsite_end",
    "feedback_session",
    "report_received",
    "report_published",
    "summary",
    "scope_themes",
    "recommendation_prefix",
]
RECOMMENDATION_FIELDS = ["reference", "number", "title", "text", "theme", "response", "response_text", "order"]
ACTION_FIELDS = [
    "reference",
    "recommendation",
    "description",
    "lead",
    "lead_name",
    "directorate",
    "start_date",
    "due_date",
    "status",
    "percent_complete",
    "is_example",
    "raised_on",
    "revised_due_date",
    "revised_due_reason",
    "revised_due_agreed_by",
    "revised_due_agreed_on",
]


class ImprovementError(ValueError):
    """A change that breaks a rule, with a message that says which and why."""


def _save_with_history(
    obj: Versioned | DeadlineRule,
    *,
    fields: list[str],
    user: Actor,
    changes: dict[str, Any],
    reason: str = "",
    version: int | None = None,
) -> bool:
    """Change ``obj``; ``version`` is the version the person changed (an older one is refused)."""
    entry = save_versioned(obj, user=user, version=version, fields=fields, changes=changes, reason=reason, clean=True)
    return entry is not None


# --- reviews ----------------------------------------------------------------------------------


@transaction.atomic
def review_create(*, council: Council, user: Actor, **fields: Any) -> Review:
    require_person(permissions.can_administer, user)
    review = Review(council=council, **fields)
    review.full_clean()
    review.save()
    record_change(obj=review, user=user, action=Change.Action.CREATE, after=snapshot(review, REVIEW_FIELDS))
    return review


@transaction.atomic
def review_update(
    *, review: Review, user: Actor, reason: str = "", version: int | None = None, **fields: Any
) -> Review:
    require_person(permissions.can_administer, user)
    _save_with_history(review, fields=REVIEW_FIELDS, user=user, changes=fields, reason=reason, version=version)
    return review


@transaction.atomic
def review_delete(*, review: Review, user: Actor) -> None:
    """Only a review without recommendations: their references must never be reused."""
    require_person(permissions.can_administer, user)
    if review.recommendations.exists():
        raise ImprovementError("A review with recommendations cannot be deleted.")
    record_change(obj=review, user=user, action=Change.Action.DELETE, before=snapshot(review, REVIEW_FIELDS))
    review.delete()


@transaction.atomic
def review_member_add(*, review: Review, user: Actor, name: str, role: str, organisation: str = "") -> ReviewMember:
    require_person(permissions.can_administer, user)
    order = review.team.count() + 1
    member = ReviewMember.objects.create(review=review, name=name, role=role, organisation=organisation, order=order)
    record_change(
        obj=review,
        user=user,
        action=Change.Action.UPDATE,
        before={"team member": None},
        after={"team member": str(member)},
    )
    return member


@transaction.atomic
def review_member_remove(*, member: ReviewMember, user: Actor) -> None:
    require_person(permissions.can_administer, user)
    review, label = member.review, str(member)
    member.delete()
    record_change(
        obj=review, user=user, action=Change.Action.UPDATE, before={"team member": label}, after={"team member": None}
    )


@transaction.atomic
def review_document_add(*, review: Review, user: Actor, title: str, url: str) -> ReviewDocument:
    require_person(permissions.can_administer, user)
    document = ReviewDocument(review=review, title=title, url=url)
    document.full_clean()
    document.save()
    record_change(
        obj=review,
        user=user,
        action=Change.Action.UPDATE,
        before={"document": None},
        after={"document": f"{title} <{url}>"},
    )
    return document


# --- deadlines ----------------------------------------------------------------------------------

RULE_FIELDS = [
    "review_type",
    "name",
    "anchor",
    "months",
    "days",
    "latest_months",
    "latest_days",
    "season",
    "years_after",
    "basis",
    "source_title",
    "source_quote",
    "order",
]


@transaction.atomic
def deadline_rule_save(*, rule: DeadlineRule | None, user: Actor, reason: str = "", **fields: Any) -> DeadlineRule:
    require_person(permissions.can_administer, user)
    if rule is None:
        rule = DeadlineRule(**fields)
        rule.full_clean()
        rule.save()
        record_change(
            obj=rule, user=user, action=Change.Action.CREATE, after=snapshot(rule, RULE_FIELDS), reason=reason
        )
        return rule
    _save_with_history(rule, fields=RULE_FIELDS, user=user, changes=fields, reason=reason)
    return rule


@transaction.atomic
def deadline_mark_met(*, review: Review, rule: DeadlineRule, met_on: date, user: Actor, note: str = "") -> DeadlineMet:
    require_person(permissions.can_administer, user)
    if rule.review_type != review.review_type:
        raise ImprovementError(f"'{rule.name}' is a deadline for another type of review.")
    if met_on > timezone.localdate():
        raise ImprovementError("The date a deadline was met cannot be in the future.")
    met, created = DeadlineMet.objects.get_or_create(
        review=review, rule=rule, defaults={"met_on": met_on, "note": note}
    )
    before = None if created else met.met_on
    met.met_on, met.note = met_on, note
    met.save()
    record_change(
        obj=review,
        user=user,
        action=Change.Action.UPDATE,
        before={f"{rule.name} met on": before},
        after={f"{rule.name} met on": met_on.isoformat()},
        reason=note,
    )
    return met


# --- recommendations ------------------------------------------------------------------------------


def review_prefix(review: Review) -> str:
    return (review.recommendation_prefix or re.sub(r"[^A-Za-z0-9]+", "", review.reference)).upper()


def next_recommendation_reference(review: Review) -> str:
    """Never reused: recommendations are not deleted, and the number only goes up."""
    prefix = review_prefix(review)
    number = Recommendation.objects.filter(reference__startswith=f"{prefix}-R").count() + 1
    while Recommendation.objects.filter(reference=f"{prefix}-R{number:02d}").exists():
        number += 1
    return f"{prefix}-R{number:02d}"


def _check_response(response: str, response_text: str) -> None:
    if response in {Recommendation.Response.PARTLY, Recommendation.Response.NOT_ACCEPTED} and not response_text.strip():
        label = Recommendation.Response(response).label.lower()
        raise ImprovementError(f"Give the council's reasons: a recommendation {label} needs them.")


def recommendation_create(
    *,
    review: Review,
    user: Actor,
    number: str,
    title: str,
    text: str = "",
    theme: str = "",
    response: str = Recommendation.Response.PENDING,
    response_text: str = "",
    reference: str | None = None,
    order: int | None = None,
) -> Recommendation:
    require_person(permissions.can_administer, user)
    _check_response(response, response_text)
    if not title.strip():
        raise ImprovementError(f"Recommendation {number}: the title is empty.")
    recommendation = Recommendation(
        review=review,
        reference=reference or next_recommendation_reference(review),
        number=number,
        title=title.strip(),
        text=text.strip(),
        theme=theme,
        response=response,
        response_text=response_text.strip(),
        order=order if order is not None else review.recommendations.count() + 1,
    )
    recommendation.full_clean()
    with transaction.atomic():
        recommendation.save()
        record_change(
            obj=recommendation,
            user=user,
            action=Change.Action.CREATE,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def recommendation_update(
    *, recommendation: Recommendation, user: Actor, reason: str = "", version: int | None = None, **fields: Any
) -> Recommendation:
    require_person(permissions.can_administer, user)
    return _recommendation_change(recommendation=recommendation, user=user, reason=reason, version=version, **fields)


def recommendation_respond(
    *,
    recommendation: Recommendation,
    user: Actor,
    response: str,
    response_text: str,
    reason: str = "",
    version: int | None = None,
) -> Recommendation:
    """Record the council's response to a recommendation (for a scrutiny review, the executive's response,
    which those who answer scrutiny may record as well as the performance team)."""
    require_person(permissions.can_respond_to_recommendation, user, recommendation)
    return _recommendation_change(
        recommendation=recommendation,
        user=user,
        reason=reason,
        version=version,
        response=response,
        response_text=response_text,
    )


def _recommendation_change(
    *, recommendation: Recommendation, user: Actor, reason: str = "", version: int | None = None, **fields: Any
) -> Recommendation:
    if "reference" in fields and fields["reference"] != recommendation.reference:
        raise ImprovementError("A recommendation's reference never changes.")
    _check_response(
        fields.get("response", recommendation.response), fields.get("response_text", recommendation.response_text)
    )
    _save_with_history(
        recommendation, fields=RECOMMENDATION_FIELDS, user=user, changes=fields, reason=reason, version=version
    )
    return recommendation


@transaction.atomic
def recommendation_set_links(
    *,
    recommendation: Recommendation,
    user: Actor,
    priorities: Iterable[Priority] | None = None,
    measures: Iterable[Measure] | None = None,
    risks: Iterable[Risk] | None = None,
) -> None:
    require_person(permissions.can_administer, user)
    for name, values in (("priorities", priorities), ("measures", measures), ("risks", risks)):
        if values is None:
            continue
        manager = getattr(recommendation, name)
        before = sorted(str(v) for v in manager.all())
        manager.set(values)
        after = sorted(str(v) for v in manager.all())
        record_change(
            obj=recommendation, user=user, action=Change.Action.UPDATE, before={name: before}, after={name: after}
        )


def recommendations_import(*, review: Review, items: list[dict[str, Any]], user: Actor) -> list[Recommendation]:
    """All or nothing: every item is checked first. An item whose number the review already has
    is skipped, so importing the same document twice changes nothing."""
    require_person(permissions.can_administer, user)
    errors = []
    existing = set(review.recommendations.values_list("number", flat=True))
    for n, item in enumerate(items, start=1):
        if not str(item.get("ref", "")).strip():
            errors.append(f"Recommendation {n}: the reference (number or letter) is empty.")
        if not str(item.get("title", "")).strip():
            errors.append(f"Recommendation {n}: the title is empty.")
        try:
            _check_response(item.get("response_status", Recommendation.Response.PENDING), item.get("response", ""))
        except ImprovementError as exc:
            errors.append(f"Recommendation {n}: {exc}")
    refs = [str(i.get("ref", "")).strip() for i in items]
    duplicates = sorted({r for r in refs if r and refs.count(r) > 1})
    if duplicates:
        errors.append(f"These references appear more than once: {', '.join(duplicates)}.")
    if errors:
        raise ImprovementError(" ".join(errors))
    created = []
    with transaction.atomic():
        for item in items:
            ref = str(item["ref"]).strip()
            if ref in existing:
                continue
            created.append(
                recommendation_create(
                    review=review,
                    user=user,
                    number=ref,
                    title=item["title"],
                    text=item.get("text", ""),
                    theme=item.get("theme", ""),
                    response=item.get("response_status")
                    or (Recommendation.Response.ACCEPTED if item.get("response") else Recommendation.Response.PENDING),
                    response_text=item.get("response", ""),
                )
            )
    return created


# --- actions ----------------------------------------------------------------------------------------


def next_action_reference(recommendation: Recommendation | None) -> str:
    if recommendation is not None:
        stem, width = f"{recommendation.reference}-A", 2
    else:
        stem, width = "ACT-", 4
    number = Action.objects.filter(reference__startswith=stem).count() + 1
    while Action.objects.filter(reference=f"{stem}{number:0{width}d}").exists():
        number += 1
    return f"{stem}{number:0{width}d}"


def action_create(
    *,
    description: str,
    user: Actor,
    recommendation: Recommendation | None = None,
    lead: User | None = None,
    lead_name: str = "",
    directorate: Directorate | None = None,
    start_date: date | None = None,
    due_date: date | None = None,
    status: str = Action.Status.NOT_STARTED,
    percent_complete: int = 0,
    is_example: bool = False,
    reference: str | None = None,
    raised_on: date | None = None,
) -> Action:
    """The one way to make an Action, here and in the risk and people apps. The reference is
    made once (CPC23-R01-A01, or ACT-0001 without a recommendation) and never changes."""
    if not description.strip():
        raise ImprovementError("Describe the action.")
    if start_date and due_date and due_date < start_date:
        raise ImprovementError("The due date is before the start date.")
    action = Action(
        reference=reference or next_action_reference(recommendation),
        recommendation=recommendation,
        description=description.strip(),
        lead=lead,
        lead_name=lead_name,
        directorate=directorate,
        start_date=start_date,
        due_date=due_date,
        status=status,
        percent_complete=percent_complete,
        is_example=is_example,
        raised_on=raised_on or start_date or timezone.localdate(),
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        record_change(obj=action, user=user, action=Change.Action.CREATE, after=snapshot(action, ACTION_FIELDS))
    return action


def _check_action(action: Action, fields: dict[str, Any]) -> None:
    percent = fields.get("percent_complete", action.percent_complete)
    if percent is not None and not 0 <= percent <= 100:
        raise ImprovementError("Per cent complete must be between 0 and 100.")
    start, due = fields.get("start_date", action.start_date), fields.get("due_date", action.due_date)
    if start and due and due < start:
        raise ImprovementError("The due date is before the start date.")
    if "reference" in fields and fields["reference"] != action.reference:
        raise ImprovementError("An action's reference never changes.")


def action_update(
    *, action: Action, user: Actor, reason: str = "", version: int | None = None, **fields: Any
) -> Action:
    require_person(permissions.can_edit_action, user, action)
    return _action_change(action=action, user=user, reason=reason, version=version, **fields)


def _action_change(
    *, action: Action, user: Actor, reason: str = "", version: int | None = None, **fields: Any
) -> Action:
    """``action_update`` once the permission is checked: a progress update may move the status too."""
    _check_action(action, fields)
    if fields.get("status") == Action.Status.COMPLETE and "percent_complete" not in fields:
        fields["percent_complete"] = 100
    _save_with_history(action, fields=ACTION_FIELDS, user=user, changes=fields, reason=reason, version=version)
    return action


def action_add_progress(
    *,
    action: Action,
    user: User | None,
    text: str,
    on: date | None = None,
    status: str | None = None,
    percent_complete: int | None = None,
    version: int | None = None,
) -> ProgressUpdate:
    """A dated progress update; it may also move the status and per cent complete. ``version`` is the
    version of the ACTION the person saw: an update written against an older one is refused."""
    require_person(permissions.can_update_action_progress, user, action)
    expect(action, version)
    if not text.strip():
        raise ImprovementError("Say what progress has been made.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ImprovementError("A progress update cannot be dated in the future.")
    with transaction.atomic():
        if version is not None:
            claim(action, version)
        update = ProgressUpdate.objects.create(
            action=action,
            text=text.strip(),
            date=on,
            user=user,
            status=status or action.status,
            percent_complete=action.percent_complete if percent_complete is None else percent_complete,
        )
        record_change(
            obj=action,
            user=user,
            action=Change.Action.UPDATE,
            before={"progress update": None},
            after={"progress update": f"{on.isoformat()}: {text.strip()}"},
        )
        changes: dict[str, Any] = {}
        if status and status != action.status:
            changes["status"] = status
        if percent_complete is not None and percent_complete != action.percent_complete:
            changes["percent_complete"] = percent_complete
        if changes:
            _action_change(action=action, user=user, reason="Progress update", **changes)
    return update


def action_revise_due_date(
    *, action: Action, user: Actor, revised_due_date: date, agreed_by: str, agreed_on: date, reason: str
) -> Action:
    """Agree a later due date: who agreed it, when and why. The original due date stays; history keeps
    every revision (before and after)."""
    require_person(permissions.can_edit_action, user, action)
    if not reason.strip():
        raise ImprovementError("Say why the due date was revised.")
    if not agreed_by.strip():
        raise ImprovementError("Say who agreed the revised due date.")
    if agreed_on > timezone.localdate():
        raise ImprovementError("The date the revision was agreed cannot be in the future.")
    if action.due_date is None:
        raise ImprovementError("This action has no due date to revise: set its due date instead.")
    if revised_due_date <= action.due_date:
        raise ImprovementError(
            f"The revised due date must be after the original due date ({action.due_date:%-d %B %Y})."
        )
    _save_with_history(
        action,
        fields=ACTION_FIELDS,
        user=user,
        changes={
            "revised_due_date": revised_due_date,
            "revised_due_agreed_by": agreed_by.strip(),
            "revised_due_agreed_on": agreed_on,
            "revised_due_reason": reason.strip(),
        },
        reason=f"Revised due date agreed by {agreed_by.strip()}: {reason.strip()}",
    )
    return action


def milestone_add(
    *, action: Action, user: Actor, title: str, due_date: date | None = None, version: int | None = None
) -> Milestone:
    """``version`` is the version of the action the person saw: its milestones are part of it."""
    require_person(permissions.can_edit_action, user, action)
    expect(action, version)
    if not title.strip():
        raise ImprovementError("Name the milestone.")
    with transaction.atomic():
        if version is not None:
            claim(action, version)
        milestone = Milestone.objects.create(action=action, title=title.strip(), due_date=due_date)
        record_change(
            obj=action,
            user=user,
            action=Change.Action.UPDATE,
            before={"milestone": None},
            after={"milestone": f"{milestone.title} (due {due_date or 'no date'})"},
        )
    return milestone


def milestone_mark_done(*, milestone: Milestone, user: Actor, done_on: date, version: int | None = None) -> Milestone:
    """``version`` is the version of the milestone the person saw (someone may have marked it first)."""
    require_person(permissions.can_update_action_progress, user, milestone.action)
    expect(milestone, version)
    if done_on > timezone.localdate():
        raise ImprovementError("A milestone cannot be done on a date in the future.")
    before = milestone.done_on
    with transaction.atomic():
        if version is not None:
            claim(milestone, version)
        milestone.done_on = done_on
        milestone.save()
        record_change(
            obj=milestone,
            user=user,
            action=Change.Action.UPDATE,
            before={"done on": before},
            after={"done on": done_on.isoformat()},
        )
        record_change(
            obj=milestone.action,
            user=user,
            action=Change.Action.UPDATE,
            before={f"milestone '{milestone.title}' done on": before},
            after={f"milestone '{milestone.title}' done on": done_on.isoformat()},
        )
    return milestone


@transaction.atomic
def evidence_add(*, action: Action, user: Actor, title: str, url: str, added_on: date | None = None) -> EvidenceLink:
    require_person(permissions.can_update_action_progress, user, action)
    link = EvidenceLink(action=action, title=title.strip(), url=url, added_on=added_on or timezone.localdate())
    link.full_clean()
    link.save()
    record_change(
        obj=action,
        user=user,
        action=Change.Action.UPDATE,
        before={"evidence": None},
        after={"evidence": f"{title} <{url}>"},
    )
    return link
