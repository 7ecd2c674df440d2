"""Every change to committees, their programmes and the executive's responses. Each function checks the
permission (council/permissions.py), writes in one transaction and keeps the change in history.

``user=None`` is the system loading the example council: nobody signed in, so no permission applies and
history says "the system". Recommendations and actions are written through improvement's own services,
so they are the same records, with the same references and history, as every other review's."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import VersionRequired, claim, creating, expect
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Directorate, Priority, User
from goldthread.domain import scrutiny as rules
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Recommendation, Review
from goldthread.performance.models import Measure
from goldthread.risk.models import Risk

from .models import Committee, CommitteeMember, ExecutiveResponse, Meeting, WorkItem

COMMITTEE_FIELDS = ["name", "slug", "kind", "remit", "frequency", "timetable_meeting", "is_example", "order"]
ITEM_FIELDS = [
    "topic",
    "description",
    "item_type",
    "status",
    "lead_member",
    "lead_member_name",
    "start_date",
    "meeting_date",
    "end_date",
    "review",
    "is_example",
]
ITEM_LINKS = ("priorities", "measures", "risks")
RESPONSE_FIELDS = ["responded_on", "responding_body"]


class ScrutinyError(ValueError):
    """A change that breaks a rule; the message says which and why. Nothing was changed."""


def _require(check: Callable[..., bool], user: Actor, *args: object) -> None:
    if user is not None:
        permissions.require(check, user, *args)


# --- committees ------------------------------------------------------------------------------------


def committee_create(*, council: Council, user: Actor, **fields: Any) -> Committee:
    _require(permissions.can_manage_scrutiny, user)
    committee = Committee(council=council, **fields)
    committee.full_clean()
    with creating(f"A committee called {committee.name!r} or with that address already exists."), transaction.atomic():
        committee.save()
        record_change(
            obj=committee, user=user, action=Change.Action.CREATE, after=snapshot(committee, COMMITTEE_FIELDS)
        )
    return committee


def committee_update(*, committee: Committee, user: Actor, version: int | None, **fields: Any) -> Committee:
    """Change ``committee`` from the ``version`` the person saw (an older one is refused, nothing changes)."""
    _require(permissions.can_manage_scrutiny, user)
    expect(committee, version)
    before = snapshot(committee, COMMITTEE_FIELDS)
    for name, value in fields.items():
        if name not in COMMITTEE_FIELDS:
            raise ValueError(f"{name} is not a field of a committee")
        setattr(committee, name, value)
    committee.full_clean()
    with transaction.atomic():
        claim(committee, version)
        committee.save()
        record_change(
            obj=committee,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(committee, COMMITTEE_FIELDS),
        )
    return committee


def member_add(
    *,
    committee: Committee,
    user: Actor,
    member: User | None = None,
    name: str = "",
    role: str = CommitteeMember.Role.MEMBER,
    is_example: bool = False,
) -> CommitteeMember:
    """Give someone a seat: ``member`` a person who signs in, or ``name`` for someone who does not."""
    _require(permissions.can_manage_scrutiny, user)
    seat = CommitteeMember(committee=committee, user=member, name=name.strip(), role=role, is_example=is_example)
    seat.full_clean(validate_constraints=False)
    with creating(f"{member} already sits on {committee}."), transaction.atomic():
        seat.save()
        record_change(
            obj=committee, user=user, action=Change.Action.UPDATE, before={"member": None}, after={"member": str(seat)}
        )
    return seat


def member_remove(*, seat: CommitteeMember, user: Actor) -> None:
    _require(permissions.can_manage_scrutiny, user)
    with transaction.atomic():
        record_change(
            obj=seat.committee,
            user=user,
            action=Change.Action.UPDATE,
            before={"member": str(seat)},
            after={"member": None},
        )
        seat.delete()


def meeting_add(*, committee: Committee, user: Actor, on: date, note: str = "", is_example: bool = False) -> Meeting:
    _require(permissions.can_manage_scrutiny, user)
    meeting = Meeting(committee=committee, date=on, note=note.strip(), is_example=is_example)
    meeting.full_clean(validate_constraints=False)
    with creating(f"{committee} already has a meeting on {on:%-d %B %Y}."), transaction.atomic():
        meeting.save()
        record_change(
            obj=committee,
            user=user,
            action=Change.Action.UPDATE,
            before={"meeting": None},
            after={"meeting": f"{on.isoformat()} {meeting.note}".strip()},
        )
    return meeting


def meeting_remove(*, meeting: Meeting, user: Actor) -> None:
    _require(permissions.can_manage_scrutiny, user)
    with transaction.atomic():
        record_change(
            obj=meeting.committee,
            user=user,
            action=Change.Action.UPDATE,
            before={"meeting": f"{meeting.date.isoformat()} {meeting.note}".strip()},
            after={"meeting": None},
        )
        meeting.delete()


# --- the work programme ------------------------------------------------------------------------------


def _item_snapshot(item: WorkItem) -> dict[str, Any]:
    data = snapshot(item, ITEM_FIELDS)
    for name in ITEM_LINKS:
        data[name] = sorted(str(v) for v in getattr(item, name).all()) if item.pk else []
    return data


def _set_links(item: WorkItem, links: dict[str, Iterable[Any] | None]) -> None:
    for name in ITEM_LINKS:
        if links.get(name) is not None:
            getattr(item, name).set(links[name])


def work_item_create(
    *,
    committee: Committee,
    user: Actor,
    priorities: Iterable[Priority] = (),
    measures: Iterable[Measure] = (),
    risks: Iterable[Risk] = (),
    **fields: Any,
) -> WorkItem:
    _require(permissions.can_manage_scrutiny, user)
    item = WorkItem(committee=committee, **fields)
    item.full_clean()
    with transaction.atomic():
        item.save()
        _set_links(item, {"priorities": priorities, "measures": measures, "risks": risks})
        record_change(obj=item, user=user, action=Change.Action.CREATE, after=_item_snapshot(item))
    return item


def work_item_update(
    *,
    item: WorkItem,
    user: Actor,
    version: int | None,
    priorities: Iterable[Priority] | None = None,
    measures: Iterable[Measure] | None = None,
    risks: Iterable[Risk] | None = None,
    **fields: Any,
) -> WorkItem:
    _require(permissions.can_manage_scrutiny, user)
    expect(item, version)
    before = _item_snapshot(item)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise ValueError(f"{name} is not a field of a work programme item")
        setattr(item, name, value)
    item.full_clean()
    with transaction.atomic():
        claim(item, version)
        item.save()
        _set_links(item, {"priorities": priorities, "measures": measures, "risks": risks})
        record_change(obj=item, user=user, action=Change.Action.UPDATE, before=before, after=_item_snapshot(item))
    return item


# --- scrutiny reviews and their recommendations --------------------------------------------------------


def review_start(
    *, item: WorkItem, user: Actor, reference: str, title: str, report_received: date | None = None, prefix: str = ""
) -> Review:
    """Make the work programme item a scrutiny review: an improvement review of type "scrutiny", so its
    recommendations and actions are tracked with every other review's."""
    _require(permissions.can_manage_scrutiny, user)
    if item.review_id:
        # review_id is set, so review is not None
        raise ScrutinyError(f"{item.topic} is already the review {item.review.reference}.")  # type: ignore[union-attr]
    if Review.objects.filter(reference=reference).exists():
        raise ScrutinyError(f"The reference {reference} is already used by another review: choose another.")
    with transaction.atomic():
        review = improvement.review_create(
            council=item.committee.council,
            user=user,
            reference=reference,
            title=title.strip(),
            review_type=Review.Type.SCRUTINY,
            reviewing_body=item.committee.name,
            report_received=report_received,
            summary=item.description,
            recommendation_prefix=prefix.strip().upper(),
        )
        version = item.version
        work_item_update(item=item, user=user, version=version, review=review)
    return review


def recommendation_add(*, item: WorkItem, user: Actor, number: str, title: str, text: str = "") -> Recommendation:
    _require(permissions.can_manage_scrutiny, user)
    if not item.review_id:
        raise ScrutinyError(f"{item.topic} is not a scrutiny review yet: start the review first.")
    if not number.strip():
        raise ScrutinyError("Give the recommendation its number, as the committee's report numbers it.")
    # review_id is set (checked above), so review is not None
    if item.review.recommendations.filter(number=number.strip()).exists():  # type: ignore[union-attr]
        raise ScrutinyError(f"The review already has a recommendation {number.strip()}.")
    with transaction.atomic():
        try:
            return improvement.recommendation_create(
                review=item.review,  # type: ignore[arg-type]  # not None: review_id checked above
                user=user,
                number=number.strip(),
                title=title,
                text=text,
            )
        except improvement.ImprovementError as exc:
            raise ScrutinyError(str(exc)) from exc


def response_record(
    *,
    recommendation: Recommendation,
    user: User | None,
    version: int | None,
    response: str,
    reasons: str,
    responded_on: date,
    responding_body: str = "Cabinet",
    action_description: str = "",
    action_lead: User | None = None,
    action_lead_name: str = "",
    action_directorate: Directorate | None = None,
    action_due: date | None = None,
    is_example: bool = False,
) -> Recommendation:
    """The executive's response: accepted, partly accepted or rejected, with reasons and a date. An accepted or
    partly accepted recommendation with no action yet gets one (improvement's Action), which is then tracked
    to completion. ``version`` is the version of the recommendation the person saw: it must be given."""
    _require(permissions.can_respond_to_scrutiny, user)
    if version is None:  # improvement's update would take None as "not checked"; a response is a decision
        raise VersionRequired(recommendation)
    expect(recommendation, version)
    if response not in (rules.ACCEPTED, rules.PARTLY, rules.REJECTED):
        raise ScrutinyError("Choose accepted, partly accepted or rejected.")
    if response != rules.ACCEPTED and not reasons.strip():
        raise ScrutinyError("Give the reasons: a recommendation partly accepted or rejected needs them.")
    if responded_on > timezone.localdate():
        raise ScrutinyError("The date of the response cannot be in the future.")
    received = recommendation.review.report_received
    if received and responded_on < received:
        raise ScrutinyError(f"The response cannot come before the report was received ({received:%-d %B %Y}).")
    needs_action = response in rules.TAKEN_FORWARD and not recommendation.actions.exists()
    if needs_action and not action_description.strip():
        raise ScrutinyError("Describe the action that will carry out what was accepted.")
    if needs_action and action_due and action_due < responded_on:
        raise ScrutinyError("The action cannot be due before the response that agreed it.")
    with transaction.atomic():
        try:
            improvement.recommendation_respond(
                recommendation=recommendation,
                user=user,
                version=version,
                reason=f"Response of {responding_body.strip() or 'Cabinet'}",
                response=response,
                response_text=reasons.strip(),
            )
        except improvement.ImprovementError as exc:
            raise ScrutinyError(str(exc)) from exc
        except ValidationError as exc:
            raise ScrutinyError("; ".join(exc.messages)) from exc
        _save_response_date(recommendation, user, responded_on, responding_body.strip() or "Cabinet")
        if needs_action:
            improvement.action_create(
                recommendation=recommendation,
                user=user,
                description=action_description,
                lead=action_lead,
                lead_name=action_lead_name,
                directorate=action_directorate,
                start_date=responded_on,
                due_date=action_due,
                raised_on=responded_on,
                is_example=is_example,
            )
    return recommendation


def _save_response_date(recommendation: Recommendation, user: User | None, responded_on: date, body: str) -> None:
    entry = ExecutiveResponse.objects.filter(recommendation=recommendation).first()
    if entry is None:
        entry = ExecutiveResponse.objects.create(
            recommendation=recommendation, responded_on=responded_on, responding_body=body, recorded_by=user
        )
        record_change(obj=entry, user=user, action=Change.Action.CREATE, after=snapshot(entry, RESPONSE_FIELDS))
        return
    before = snapshot(entry, RESPONSE_FIELDS)
    entry.responded_on, entry.responding_body = responded_on, body
    if user is not None:
        entry.recorded_by = user
    entry.save()
    record_change(
        obj=entry, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(entry, RESPONSE_FIELDS)
    )
