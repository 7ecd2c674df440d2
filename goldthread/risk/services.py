"""Every change to risks, registers, matrices, controls, reviews and assurance: one named
function each, checking the permission (``user`` None is the server's own call, such as the example
loader), in one transaction, and each writes history."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # improvement imports risk at load time; here the type is enough
    from goldthread.improvement.models import Action
from django.db import transaction
from django.db.models import F

from goldthread.core import events
from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.signoff import decision_note
from goldthread.core.versioning import AlreadyExists, claim, creating, expect, save_versioned
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Directorate, Service, User
from goldthread.council.permissions import require_person
from goldthread.domain.periods import PeriodError, parse_period
from goldthread.domain.text import sentence_case
from goldthread.improvement.services import action_create

from .models import (
    FREQUENCY_MONTHS,
    PREFIX,
    AssuranceArea,
    AssuranceSource,
    Band,
    Category,
    Control,
    Level,
    MatrixLevel,
    ReferenceCounter,
    Register,
    Risk,
    RiskMatrix,
    RiskMovement,
    RiskReview,
)

RISK_FIELDS = [
    "title",
    "cause",
    "event",
    "consequence",
    "category",
    "owner",
    "owner_title",
    "register",
    "status",
    "closed_on",
    "matrix",
    "inherent_likelihood",
    "inherent_impact",
    "current_likelihood",
    "current_impact",
    "target_likelihood",
    "target_impact",
    "review_frequency",
    "next_review",
    "is_example_score",
]
CONTROL_FIELDS = ["description", "owner", "owner_title", "control_type", "effectiveness", "last_tested"]
REVIEW_FIELDS = ["date", "period", "matrix", "likelihood", "impact", "note", "reviewer", "status", "is_example"]
SOURCE_FIELDS = ["area", "risk", "line", "provider", "title", "date", "opinion", "url", "review", "note"]
LEVEL_RANK = {Level.SERVICE: 0, Level.DIRECTORATE: 1, Level.CORPORATE: 2}


class RiskError(ValueError):
    """A change that cannot be made, with the reason in words."""


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_after(day: date, frequency: str) -> date:
    return _add_months(day, FREQUENCY_MONTHS[frequency])


# --- registers and references --------------------------------------------------------------


def register_for(
    *, council: Council, level: str, directorate: Directorate | None = None, service: Service | None = None
) -> Register:
    """The one register for the council, a directorate or a service (made when first needed)."""
    if level == Level.CORPORATE:
        register, _ = Register.objects.get_or_create(council=council, level=level, directorate=None, service=None)
        return register
    if level == Level.DIRECTORATE:
        register, _ = Register.objects.get_or_create(council=council, level=level, directorate=directorate)
        return register
    register, _ = Register.objects.get_or_create(council=council, level=level, service=service)
    return register


def next_reference(level: str) -> str:
    """CR-001, DR-001, SR-001: the counter only goes up, so a reference is never reused."""
    with transaction.atomic():
        counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(level=level)
        ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db()
    return f"{PREFIX[Level(level)]}-{counter.last:03d}"


# --- matrix --------------------------------------------------------------------------------


def _check_scores(matrix: RiskMatrix, pairs: list[tuple[str, int | None, int | None]]) -> None:
    likelihoods, impacts = set(matrix.values("likelihood")), set(matrix.values("impact"))
    for name, lk, im in pairs:
        if lk not in likelihoods:
            raise RiskError(f"{name} likelihood must be one of {sorted(likelihoods)} on {matrix}.")
        if im not in impacts:
            raise RiskError(f"{name} impact must be one of {sorted(impacts)} on {matrix}.")


def matrix_create_default(*, user: Actor, version: int = 1) -> RiskMatrix:
    """The standard 5 × 5 matrix with four bands."""
    require_person(permissions.can_administer, user)
    likelihood = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
    impact = ["Negligible", "Minor", "Moderate", "Major", "Severe"]
    lk_words = ["Less than 5% chance", "5–25% chance", "25–50% chance", "50–80% chance", "More than 80% chance"]
    im_words = [
        "No noticeable effect on services or finances",
        "Minor disruption or cost absorbed within budget",
        "Service disruption or cost needing management action",
        "Serious failure of a service or significant unbudgeted cost",
        "Failure of statutory duty, harm to people or a threat to financial sustainability",
    ]
    with transaction.atomic():
        matrix = RiskMatrix.objects.create(version=version, name="Standard 5 × 5 matrix")
        for i in range(5):
            MatrixLevel.objects.create(
                matrix=matrix, axis="likelihood", value=i + 1, label=likelihood[i], description=lk_words[i]
            )
            MatrixLevel.objects.create(
                matrix=matrix, axis="impact", value=i + 1, label=impact[i], description=im_words[i]
            )
        for name, lo, hi, css in [
            ("low", 1, 4, "low"),
            ("medium", 5, 9, "medium"),
            ("high", 10, 15, "high"),
            ("very high", 16, 25, "very-high"),
        ]:
            Band.objects.create(
                matrix=matrix,
                name=name,
                label=f"{sentence_case(name)} risk",
                min_score=lo,
                max_score=hi,
                css_class=f"gt-band--{css}",
            )
        record_change(obj=matrix, user=user, action=Change.Action.CREATE, after=snapshot(matrix, ["version", "name"]))
    return matrix


def matrix_new_version(*, matrix: RiskMatrix, user: Actor) -> RiskMatrix:
    """Copy a matrix (in use or not) to the next version number, to edit the copy."""
    require_person(permissions.can_administer, user)
    with transaction.atomic():
        last = matrix.version
        newest = RiskMatrix.objects.order_by("-version").first()
        if newest is not None:  # there is at least ``matrix``
            last = newest.version
        copy = RiskMatrix.objects.create(version=last + 1, name=matrix.name)
        for lv in matrix.levels.all():
            MatrixLevel.objects.create(
                matrix=copy, axis=lv.axis, value=lv.value, label=lv.label, description=lv.description
            )
        for b in matrix.bands.all():
            Band.objects.create(
                matrix=copy,
                name=b.name,
                label=b.label,
                min_score=b.min_score,
                max_score=b.max_score,
                css_class=b.css_class,
            )
        record_change(
            obj=copy,
            user=user,
            action=Change.Action.CREATE,
            after=snapshot(copy, ["version", "name"]),
            reason=f"New version of {matrix}",
        )
    return copy


def matrix_update_band(*, band: Band, user: Actor, name: str, label: str, min_score: int, max_score: int) -> Band:
    """Change a band of a matrix not yet in use; the bands must still cover every score once."""
    require_person(permissions.can_administer, user)
    matrix = band.matrix
    if matrix.in_use:
        raise RiskError(f"{matrix} is in use by existing scores: create a new version and edit that instead.")
    before = snapshot(band, ["name", "label", "min_score", "max_score"])
    with transaction.atomic():
        band.name, band.label, band.min_score, band.max_score = name, label, min_score, max_score
        band.save()
        problems = matrix.problems()
        if problems:
            transaction.set_rollback(True)
            raise RiskError(" ".join(problems))
        record_change(
            obj=matrix,
            user=user,
            action=Change.Action.UPDATE,
            before={f"band {k}": v for k, v in before.items()},
            after={f"band {k}": v for k, v in snapshot(band, list(before)).items()},
        )
    return band


@transaction.atomic
def matrix_update_level(*, level: MatrixLevel, user: Actor, label: str, description: str) -> MatrixLevel:
    require_person(permissions.can_administer, user)
    if level.matrix.in_use:
        raise RiskError(f"{level.matrix} is in use by existing scores: create a new version and edit that instead.")
    before = snapshot(level, ["label", "description"])
    level.label, level.description = label, description
    level.save()
    record_change(
        obj=level.matrix,
        user=user,
        action=Change.Action.UPDATE,
        before={f"{level.axis} {level.value} {k}": v for k, v in before.items()},
        after={f"{level.axis} {level.value} {k}": v for k, v in snapshot(level, list(before)).items()},
    )
    return level


def current_matrix() -> RiskMatrix | None:
    """The newest matrix whose bands are complete: new risks are scored on it."""
    for matrix in RiskMatrix.objects.prefetch_related("levels", "bands"):
        if not matrix.problems() and matrix.levels.exists():
            return matrix
    return None


# --- risks ---------------------------------------------------------------------------------


def _scores(fields: dict[str, Any]) -> list[tuple[str, int | None, int | None]]:
    return [
        (sentence_case(k), fields.get(f"{k}_likelihood"), fields.get(f"{k}_impact"))
        for k in ("inherent", "current", "target")
    ]


def risk_create(
    *, register: Register, user: Actor, today: date | None = None, reference: str | None = None, **fields: Any
) -> Risk:
    require_person(permissions.can_edit_directorate, user, register.owning_directorate)
    if not str(fields.get("title", "")).strip():
        raise RiskError("Give the risk a title.")
    matrix = fields.setdefault("matrix", None) or current_matrix()
    if matrix is None:
        raise RiskError("There is no complete risk matrix to score on: set one up first.")
    fields["matrix"] = matrix
    _check_scores(matrix, _scores(fields))
    today = today or date.today()
    priorities, measures = fields.pop("priorities", []), fields.pop("measures", [])
    with transaction.atomic():
        risk = Risk(
            register=register, reference=reference or next_reference(register.level), created_on=today, **fields
        )
        if risk.next_review is None:
            risk.next_review = next_review_after(today, risk.review_frequency)
        risk.full_clean()
        risk.save()
        risk.priorities.set(priorities)
        risk.measures.set(measures)
        after = snapshot(risk, RISK_FIELDS) | _links(risk)
        record_change(obj=risk, user=user, action=Change.Action.CREATE, after=after)
    return risk


def _links(risk: Risk) -> dict[str, str]:
    return {
        "priorities": ", ".join(sorted(p.code for p in risk.priorities.all())),
        "measures": ", ".join(sorted(m.reference for m in risk.measures.all())),
        "actions": ", ".join(sorted(a.reference for a in risk.actions.all())),
    }


def risk_update(*, risk: Risk, user: Actor, reason: str = "", version: int | None = None, **fields: Any) -> Risk:
    """Change a risk's details or scores. The register changes only by escalation. ``version`` is the
    version of the risk the person changed: an older one is refused."""
    require_person(permissions.can_edit_risk, user, risk)
    expect(risk, version)
    fields.pop("register", None)
    priorities, measures = fields.pop("priorities", None), fields.pop("measures", None)
    merged = {
        f"{k}_{a}": fields.get(f"{k}_{a}", getattr(risk, f"{k}_{a}"))
        for k in ("inherent", "current", "target")
        for a in ("likelihood", "impact")
    }
    _check_scores(fields.get("matrix") or risk.matrix, _scores(merged))

    def set_links() -> None:
        if priorities is not None:
            risk.priorities.set(priorities)
        if measures is not None:
            risk.measures.set(measures)

    save_versioned(
        risk,
        user=user,
        version=version,
        fields=lambda r: snapshot(r, RISK_FIELDS) | _links(r),
        changes=fields,
        reason=reason,
        clean=True,
        then=set_links,
    )
    return risk


def risk_close(*, risk: Risk, user: Actor, reason: str, on: date | None = None) -> Risk:
    if risk.status == Risk.Status.CLOSED:
        raise RiskError(f"{risk.reference} is already closed.")
    if not reason.strip():
        raise RiskError("Say why the risk is being closed.")
    return risk_update(risk=risk, user=user, reason=reason, status=Risk.Status.CLOSED, closed_on=on or date.today())


def risk_reopen(*, risk: Risk, user: Actor, reason: str) -> Risk:
    if risk.status == Risk.Status.OPEN:
        raise RiskError(f"{risk.reference} is already open.")
    if not reason.strip():
        raise RiskError("Say why the risk is being reopened.")
    return risk_update(risk=risk, user=user, reason=reason, status=Risk.Status.OPEN, closed_on=None)


def risk_move(
    *, risk: Risk, to_register: Register, user: User | None, reason: str, on: date | None = None
) -> RiskMovement:
    """Escalate or de-escalate a risk to another register, keeping the reason and date."""
    require_person(permissions.can_edit_risk, user, risk)
    if to_register.pk == risk.register_id:
        raise RiskError(f"{risk.reference} is already on the {to_register}.")
    if not reason.strip():
        raise RiskError("Say why the risk is moving register.")
    old = risk.register
    rank_from, rank_to = LEVEL_RANK[Level(old.level)], LEVEL_RANK[Level(to_register.level)]
    direction = (
        RiskMovement.Direction.ESCALATED
        if rank_to > rank_from
        else RiskMovement.Direction.DEESCALATED
        if rank_to < rank_from
        else RiskMovement.Direction.MOVED
    )
    with transaction.atomic():
        move = RiskMovement.objects.create(
            risk=risk,
            from_register=old,
            to_register=to_register,
            direction=direction,
            reason=reason.strip(),
            date=on or date.today(),
            user=user,
        )
        risk.register = to_register
        risk.save(update_fields=["register"])
        record_change(
            obj=risk,
            user=user,
            action=Change.Action.UPDATE,
            before={"register": str(old)},
            after={"register": str(to_register)},
            reason=f"{move.get_direction_display()}: {reason.strip()}",
        )
    return move


@transaction.atomic
def risk_link_actions(*, risk: Risk, actions: Iterable[Action], user: Actor) -> Risk:
    require_person(permissions.can_edit_risk, user, risk)
    before = _links(risk)
    risk.actions.set(actions)
    record_change(obj=risk, user=user, action=Change.Action.UPDATE, before=before, after=_links(risk))
    return risk


def risk_add_action(
    *,
    risk: Risk,
    user: Actor,
    description: str,
    due_date: date | None = None,
    lead: User | None = None,
    lead_name: str = "",
    is_example: bool = False,
    reference: str | None = None,
) -> Action:
    """A new mitigating action, made by the improvement module (the one kind of action), linked to the risk."""
    require_person(permissions.can_edit_risk, user, risk)
    with transaction.atomic():
        action = action_create(
            description=description,
            user=user,
            lead=lead,
            lead_name=lead_name,
            directorate=risk.directorate,
            due_date=due_date,
            is_example=is_example,
            reference=reference,
        )
        before = _links(risk)
        risk.actions.add(action)
        record_change(obj=risk, user=user, action=Change.Action.UPDATE, before=before, after=_links(risk))
    return action


# --- controls and reviews ------------------------------------------------------------------


@transaction.atomic
def control_add(*, risk: Risk, user: Actor, **fields: Any) -> Control:
    require_person(permissions.can_edit_risk, user, risk)
    control = Control(risk=risk, **fields)
    control.full_clean()
    control.save()
    record_change(obj=control, user=user, action=Change.Action.CREATE, after=snapshot(control, CONTROL_FIELDS))
    record_change(obj=risk, user=user, action=Change.Action.OTHER, after={"control added": control.description[:200]})
    return control


def control_update(*, control: Control, user: Actor, version: int | None = None, **fields: Any) -> Control:
    """``version`` is the version of the control the person changed: an older one is refused."""
    require_person(permissions.can_edit_risk, user, control.risk)
    save_versioned(control, user=user, version=version, fields=CONTROL_FIELDS, changes=fields, clean=True)
    return control


def review_record(
    *,
    risk: Risk,
    user: Actor,
    date: date,
    period: str,
    likelihood: int,
    impact: int,
    note: str = "",
    reviewer: User | None = None,
    is_example: bool = False,
    version: int | None = None,
) -> RiskReview:
    """A review keeps the scores for the period. It is submitted for the performance team to approve
    (four eyes: someone other than whoever recorded it); only an approved review moves the risk's
    current score (what members see). Reviews the system loads (no user) are approved as they are.

    A review returned for changes is corrected by recording the period's review again, giving the
    ``version`` of the returned review that was corrected."""
    require_person(permissions.can_edit_risk, user, risk)
    try:
        label = parse_period(period).label
    except PeriodError as exc:
        raise RiskError(f"Period: {exc}") from exc
    if risk.status == Risk.Status.CLOSED:
        raise RiskError(f"{risk.reference} is closed: reopen it before reviewing it.")
    returned = risk.reviews.filter(period=label, status=RiskReview.Status.DRAFT).first()
    if returned is None and risk.reviews.filter(period=label).exists():
        raise AlreadyExists(f"{risk.reference} already has a review for {label}.")
    _check_scores(risk.matrix, [("Current", likelihood, impact)])
    # Only the system's own reviews (e.g. the example loader's) need no approval.
    status = RiskReview.Status.APPROVED if user is None else RiskReview.Status.SUBMITTED
    with transaction.atomic():
        if returned is not None and version is not None:
            claim(returned, version)
        fields = dict(
            date=date,
            matrix=risk.matrix,
            likelihood=likelihood,
            impact=impact,
            note=note,
            reviewer=reviewer or user,
            is_example=is_example,
            status=status,
        )
        if returned is not None:
            before = snapshot(returned, REVIEW_FIELDS)
            for name, value in fields.items():
                setattr(returned, name, value)
            returned.save()
            review = returned
            record_change(
                obj=review, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(review, REVIEW_FIELDS)
            )
        else:
            with creating(f"{risk.reference} already has a review for {label}: someone recorded it just now."):
                review = RiskReview.objects.create(risk=risk, period=label, **fields)
            record_change(obj=review, user=user, action=Change.Action.CREATE, after=snapshot(review, REVIEW_FIELDS))
        if status == RiskReview.Status.APPROVED:
            _apply_review(review, user)
        else:
            events.publish(events.SUBMITTED, obj=review, user=user)
    return review


def _apply_review(review: RiskReview, user: Actor) -> None:
    """The latest approved review sets the risk's current score and next review date."""
    risk = review.risk
    latest = risk.reviews.filter(status=RiskReview.Status.APPROVED).order_by("-date", "-pk").first()
    if latest is not None and latest.pk == review.pk:
        risk_update(
            risk=risk,
            user=user,
            reason=f"Review {review.period}",
            current_likelihood=review.likelihood,
            current_impact=review.impact,
            next_review=next_review_after(review.date, risk.review_frequency),
        )


def review_approve(*, review: RiskReview, user: Actor, version: int | None = None) -> RiskReview:
    """The performance team approves a submitted review, as it was when they saw it: the risk's score
    moves and members see it. Whoever recorded it does not approve it (unless the council allows it)."""
    permissions.require(permissions.can_approve, user)
    with transaction.atomic():
        expect(review, version)
        if review.status != RiskReview.Status.SUBMITTED:
            raise RiskError(
                f"Only a submitted review can be approved; this one is {review.get_status_display().lower()}."
            )
        note = decision_note(review, user, error=RiskError, verb="approve")
        if version is not None:
            claim(review, version)
        review.status = RiskReview.Status.APPROVED
        review.save(update_fields=["status"])
        record_change(
            obj=review,
            user=user,
            action=Change.Action.APPROVE,
            before={"status": "submitted"},
            after={"status": "approved"},
            reason=note,
        )
        _apply_review(review, user)
    return review


def review_return(*, review: RiskReview, user: Actor, reason: str, version: int | None = None) -> RiskReview:
    """Send a submitted review back to its directorate, saying why. It stays in history."""
    permissions.require(permissions.can_approve, user)
    if not (reason or "").strip():
        raise RiskError("Say why the review is being returned.")
    with transaction.atomic():
        expect(review, version)
        if review.status != RiskReview.Status.SUBMITTED:
            raise RiskError(
                f"Only a submitted review can be returned; this one is {review.get_status_display().lower()}."
            )
        note = decision_note(review, user, error=RiskError, verb="return")
        if version is not None:
            claim(review, version)
        review.status = RiskReview.Status.DRAFT
        review.save(update_fields=["status"])
        record_change(
            obj=review,
            user=user,
            action=Change.Action.RETURN,
            before={"status": "submitted"},
            after={"status": "draft"},
            reason=" ".join(filter(None, [reason.strip(), f"({note})" if note else ""])),
        )
        events.publish(events.RETURNED, obj=review, user=user, reason=reason)
    return review


# --- assurance -----------------------------------------------------------------------------


@transaction.atomic
def assurance_source_add(*, council: Council, user: Actor, **fields: Any) -> AssuranceSource:
    require_person(permissions.can_administer, user)
    if bool(fields.get("area")) == bool(fields.get("risk")):
        raise RiskError("Choose either a key area or a corporate risk, not both.")
    source = AssuranceSource(council=council, **fields)
    source.full_clean()
    source.save()
    record_change(obj=source, user=user, action=Change.Action.CREATE, after=snapshot(source, SOURCE_FIELDS))
    return source


CATEGORY_FIELDS = ["code", "name", "appetite"]


@transaction.atomic
def category_save(*, council: Council, user: Actor, category: Category | None = None, **fields: Any) -> Category:
    """Create or change a risk category and its appetite (the highest acceptable current score)."""
    require_person(permissions.can_administer, user)
    before = snapshot(category, CATEGORY_FIELDS) if category else {}
    category = category or Category(council=council)
    for name, value in fields.items():
        setattr(category, name, value)
    category.full_clean()
    category.save()
    record_change(
        obj=category,
        user=user,
        action=Change.Action.UPDATE if before else Change.Action.CREATE,
        before=before,
        after=snapshot(category, CATEGORY_FIELDS),
    )
    return category


@transaction.atomic
def assurance_area_add(*, council: Council, user: Actor, code: str, name: str) -> AssuranceArea:
    require_person(permissions.can_administer, user)
    area = AssuranceArea(
        council=council, code=code, name=name, order=AssuranceArea.objects.filter(council=council).count()
    )
    area.full_clean()
    area.save()
    record_change(obj=area, user=user, action=Change.Action.CREATE, after=snapshot(area, ["code", "name"]))
    return area
