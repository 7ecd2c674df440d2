"""JSON API for the risk domain: registers, risks with scores, score history, controls and the
assurance map; reviews recorded and signed off. The same permission rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, represents
from goldthread.core.versioning import VersionRequired
from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError

from . import selectors, services
from .models import Register, Risk, RiskReview

router = Router(tags=["risk"])


class RegisterOut(Schema):
    id: int
    level: str
    name: str
    directorate: str | None
    service: str | None
    open_risks: int


class ScoreOut(Schema):
    likelihood: int
    impact: int
    score: int
    band: str | None


class RiskOut(Schema):
    reference: str
    title: str
    level: str
    register_name: str
    category: str
    appetite: int | None
    above_appetite: bool
    owner: str
    status: str
    closed_on: dt.date | None
    inherent: ScoreOut
    current: ScoreOut
    target: ScoreOut
    matrix_version: int
    is_example_score: bool
    next_review: dt.date | None
    review_frequency: str
    version: int


class ControlOut(Schema):
    description: str
    control_type: str
    effectiveness: str
    owner: str
    last_tested: dt.date | None
    version: int


class RiskDetailOut(RiskOut):
    cause: str
    event: str
    consequence: str
    priorities: list[str]
    measures: list[str]
    actions: list[str]
    controls: list[ControlOut]


class ReviewOut(Schema):
    period: str
    date: dt.date
    likelihood: int
    impact: int
    score: int
    band: str | None
    note: str
    status: str
    is_example: bool
    version: int


class SourceOut(Schema):
    line: int
    provider: str
    title: str
    date: dt.date
    opinion: str
    url: str
    review: str | None


class AssuranceRowOut(Schema):
    kind: str
    label: str
    line_1: list[SourceOut]
    line_2: list[SourceOut]
    line_3: list[SourceOut]
    latest_independent: dt.date | None
    gap: bool


def _score(risk: Risk, kind: str) -> ScoreOut:
    lk, im = getattr(risk, f"{kind}_likelihood"), getattr(risk, f"{kind}_impact")
    band = risk.matrix.band(lk, im)
    return ScoreOut(likelihood=lk, impact=im, score=lk * im, band=band.name if band else None)


def _risk_fields(r: Risk) -> dict:
    return {
        "reference": r.reference,
        "title": r.title,
        "level": r.register.level,
        "register_name": str(r.register),
        "category": r.category.name,
        "appetite": r.category.appetite,
        "above_appetite": r.above_appetite,
        "owner": r.owner_name,
        "status": r.status,
        "closed_on": r.closed_on,
        "inherent": _score(r, "inherent"),
        "current": _score(r, "current"),
        "target": _score(r, "target"),
        "matrix_version": r.matrix.version,
        "is_example_score": r.is_example_score,
        "next_review": r.next_review,
        "review_frequency": r.review_frequency,
        "version": r.version,
    }


@router.get("/risk/registers", response=list[RegisterOut])
def list_registers(request):
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    regs = Register.objects.filter(council=current_council()).select_related("directorate", "service")
    return [
        RegisterOut(
            id=r.pk,
            level=r.level,
            name=str(r),
            directorate=r.directorate.code if r.directorate else None,
            service=r.service.code if r.service else None,
            open_risks=r.risks.filter(status=Risk.Status.OPEN).count(),
        )
        for r in regs
    ]


@router.get("/risks", response=list[RiskOut])
def list_risks(
    request,
    status: str = "open",
    level: str = "",
    category: str = "",
    directorate: str = "",
    band: str = "",
    above_appetite: bool = False,
):
    """Risks, filtered as on the register pages; status is open, closed or all."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    params = {
        "status": status,
        "level": level,
        "category": category,
        "directorate": directorate,
        "band": band,
        "above_appetite": above_appetite,
    }
    return [RiskOut(**_risk_fields(r)) for r in selectors.filter_risks(selectors.risks(current_council()), params)]


def _get(request, reference: str) -> Risk:
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    return get_object_or_404(selectors.risks(current_council()), reference=reference)


@router.get("/risks/{reference}", response=RiskDetailOut)
def get_risk(request, reference: str):
    r = _get(request, reference)
    return RiskDetailOut(
        **_risk_fields(r),
        cause=r.cause,
        event=r.event,
        consequence=r.consequence,
        priorities=[p.code for p in r.priorities.all()],
        measures=[m.reference for m in r.measures.all()],
        actions=[a.reference for a in r.actions.all()],
        controls=_controls(r),
    )


def _controls(r: Risk) -> list[ControlOut]:
    return [
        ControlOut(
            description=c.description,
            control_type=c.control_type,
            effectiveness=c.effectiveness,
            owner=c.owner_name,
            last_tested=c.last_tested,
            version=c.version,
        )
        for c in r.controls.select_related("owner")
    ]


@router.get("/risks/{reference}/scores", response=list[ReviewOut])
def score_history(request, reference: str):
    """Every review's scores, oldest first: the figures behind the score history chart."""
    r = _get(request, reference)
    return [_review_out(v) for v in selectors.score_history(r)]


class ReviewIn(Schema):
    date: dt.date
    period: str
    likelihood: int
    impact: int
    note: str = ""
    version: int | None = None  # needed to correct a review returned for changes: the version you read


class ReviewDecisionIn(Schema):
    decision: str  # "approve" or "return"
    reason: str = ""
    version: int | None = None  # the version you decided on (required)


def _review_out(v) -> ReviewOut:
    return ReviewOut(
        period=v.period,
        date=v.date,
        likelihood=v.likelihood,
        impact=v.impact,
        score=v.score,
        band=v.band.name if v.band else None,
        note=v.note,
        status=v.status,
        is_example=v.is_example,
        version=v.version,
    )


@represents(RiskReview)
def _review_record(v) -> dict:
    return _review_out(v).dict()


@router.post("/risks/{reference}/reviews", response={201: ReviewOut, **CONFLICT_RESPONSES})
def record_review(request, reference: str, payload: ReviewIn):
    """Record the quarter's review: it is submitted for someone else to approve. Only approved reviews
    move the risk's score. A period that already has a review answers 409. Correcting a review
    returned for changes needs the `version` you read (428 without it, 409 if it changed since)."""
    r = _get(request, reference)
    perms.require(perms.can_edit_risk, request.user, r, message=perms.CANNOT_SEE)
    data = payload.dict()
    returned = r.reviews.filter(period=payload.period, status=RiskReview.Status.DRAFT).first()
    if returned is not None and payload.version is None:
        raise VersionRequired(returned)
    if returned is None:
        data["version"] = None
    review = services.review_record(risk=r, user=request.user, **data)
    return Status(201, _review_out(review))


@router.post("/risks/{reference}/reviews/{period}/decision", response={200: ReviewOut, **CONFLICT_RESPONSES})
def decide_review(request, reference: str, period: str, payload: ReviewDecisionIn):
    """The performance team approves a submitted review recorded by someone else, or returns it with a
    reason. Send the `version` you decided on: 428 without it, 409 (and the review as it is now) if
    it changed since."""
    r = _get(request, reference)
    perms.require(perms.can_approve, request.user, message=perms.CANNOT_SEE)
    review = r.reviews.filter(period=period).first()
    if review is None:
        raise HttpError(404, f"{r.reference} has no review for {period}")
    if payload.decision not in ("approve", "return"):
        raise HttpError(422, "The decision must be approve or return")
    if payload.version is None:
        raise VersionRequired(review)
    if payload.decision == "approve":
        review = services.review_approve(review=review, user=request.user, version=payload.version)
    else:
        review = services.review_return(
            review=review, user=request.user, reason=payload.reason, version=payload.version
        )
    return _review_out(review)


@router.get("/risks/{reference}/controls", response=list[ControlOut])
def list_controls(request, reference: str):
    return _controls(_get(request, reference))


def _source(s) -> SourceOut:
    return SourceOut(
        line=s.line,
        provider=s.provider,
        title=s.title,
        date=s.date,
        opinion=s.opinion,
        url=s.url,
        review=s.review.reference if s.review else None,
    )


@router.get("/risk/assurance-map", response=list[AssuranceRowOut])
def assurance_map(request, as_of: dt.date | None = None):
    """Key areas and open corporate risks with their sources of assurance by line; gap = no independent
    (third-line) assurance in the 12 months to ``as_of`` (default today)."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)
    return [
        AssuranceRowOut(
            kind=row.kind,
            label=row.label,
            line_1=[_source(s) for s in row.lines[1]],
            line_2=[_source(s) for s in row.lines[2]],
            line_3=[_source(s) for s in row.lines[3]],
            latest_independent=row.latest_independent,
            gap=row.has_gap,
        )
        for row in selectors.assurance_map(current_council(), as_of)
    ]


@router.get("/risk/summary", response=dict)
def summary(request, period: str = ""):
    """The corporate register in figures, as in the quarterly pack (heat map counts, movements, exceptions)."""
    perms.require(perms.can_read, request.user, message=perms.CANNOT_SEE)

    try:
        return selectors.risk_summary(current_council(), period or None).as_dict()
    except PeriodError as exc:
        raise HttpError(422, f"period: {exc}") from exc
