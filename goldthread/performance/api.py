"""JSON API for measures, values, targets and the scorecard. Same permissions and services as the pages."""

from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, responses
from ninja.errors import HttpError

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, represents
from goldthread.core.versioning import VersionRequired
from goldthread.council import permissions

from . import selectors, services
from .models import Measure, MeasureValue, Status

router = Router(tags=["performance"])


class MeasureOut(Schema):
    reference: str
    title: str
    definition: str
    unit: str
    rate_per: int | None
    polarity: str
    frequency: str
    year_type: str
    directorate: str
    owner: str | None
    data_source: str
    rollup: str
    decimal_places: int
    amber_tolerance: Decimal | None
    change_tolerance: Decimal | None
    minimum: Decimal | None  # the lowest value accepted (a percentage: 0 unless the measure says otherwise)
    maximum: Decimal | None  # the highest (a percentage: 100 unless the measure says otherwise)
    priorities: list[str]
    is_active: bool


class ValueOut(Schema):
    period: str
    period_start: str
    period_end: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    source: str
    status: str
    version: int


class ValueIn(Schema):
    """A value as a number or text ("85", 85, "yes" for a yes/no measure)."""

    period: str
    value: int | float | str
    numerator: int | float | str | None = None
    denominator: int | float | str | None = None
    commentary: str = ""
    source: str = ""
    reason: str = ""
    version: int | None = None  # the version you read; needed to correct an existing value


class TargetOut(Schema):
    period: str
    period_start: str
    period_end: str
    value: Decimal
    is_example: bool
    until_changed: bool  # applies to later periods without a target of their own
    note: str
    version: int


class ScorecardRowOut(Schema):
    reference: str
    title: str
    directorate: str
    value: Decimal | None
    value_text: str
    value_period: str | None
    target: Decimal | None
    target_is_example: bool
    rag: str
    rag_words: str
    since_previous: str
    since_last_year: str
    awaiting_approval: bool


class ScorecardGroupOut(Schema):
    priority: str | None
    title: str
    measures: list[ScorecardRowOut]


class ScorecardOut(Schema):
    period: str
    approved_only: bool
    groups: list[ScorecardGroupOut]


def _measure(reference: str) -> Measure:
    try:
        return selectors.measure_by_reference(reference)
    except Http404 as exc:
        raise HttpError(404, f"No measure has the reference {reference}") from exc


def _measure_out(m: Measure) -> dict:
    return {
        "reference": m.reference,
        "title": m.title,
        "definition": m.definition,
        "unit": m.unit,
        "rate_per": m.rate_per,
        "polarity": m.polarity,
        "frequency": m.frequency,
        "year_type": m.year_type,
        "directorate": m.directorate.code,
        "owner": str(m.owner) if m.owner else None,
        "data_source": m.data_source,
        "rollup": m.rollup,
        "decimal_places": m.decimal_places,
        "amber_tolerance": m.amber_tolerance,
        "change_tolerance": m.change_tolerance,
        "minimum": m.bounds.minimum,
        "maximum": m.bounds.maximum,
        "priorities": [p.code for p in m.priorities.all()],
        "is_active": m.is_active,
    }


@represents(MeasureValue)
def _value_out(v) -> dict:
    return {
        "period": v.period,
        "period_start": v.period_start.isoformat(),
        "period_end": v.period_end.isoformat(),
        "value": v.value,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "commentary": v.commentary,
        "source": v.source,
        "status": v.status,
        "version": v.version,
    }


@router.get("/measures", response=list[MeasureOut])
def list_measures(request):
    permissions.require(permissions.can_read, request.user)
    from goldthread.council.selectors import current_council

    qs = Measure.objects.filter(council=current_council()).select_related("directorate", "owner")
    return [_measure_out(m) for m in qs.prefetch_related("priorities")]


@router.get("/measures/{reference}", response=MeasureOut)
def get_measure(request, reference: str):
    permissions.require(permissions.can_read, request.user)
    return _measure_out(_measure(reference))


@router.get("/measures/{reference}/values", response=list[ValueOut])
def list_values(request, reference: str):
    """Values by period. Members see approved values only."""
    permissions.require(permissions.can_read, request.user)
    qs = _measure(reference).values.order_by("period_start")
    if not permissions.can_see_unapproved(request.user):
        qs = qs.filter(status=Status.APPROVED)
    return [_value_out(v) for v in qs]


@router.post("/measures/{reference}/values", response={201: ValueOut, 200: ValueOut, **CONFLICT_RESPONSES})
def record_value(request, reference: str, payload: ValueIn):
    """Enter or correct a value (editors of the measure's directorate and the performance team).
    A correction goes back to draft; correcting an approved value needs a reason.

    Correcting an existing value needs the `version` you read: without it the answer is 428, and if
    the value changed since, 409 with the value as it is now. Nothing is changed either way."""
    measure = _measure(reference)
    permissions.require(permissions.can_edit_measure, request.user, measure)
    existing = _existing_value(measure, payload.period)
    if existing is not None and payload.version is None:
        raise VersionRequired(existing)
    saved = services.value_record(
        measure=measure,
        period=payload.period,
        value=payload.value,
        numerator=payload.numerator,
        denominator=payload.denominator,
        commentary=payload.commentary,
        source=payload.source,
        user=request.user,
        reason=payload.reason,
        version=payload.version if existing is not None else 0,  # 0: a new value; one made meanwhile is a conflict
    )
    return responses.Status(200 if existing is not None else 201, _value_out(saved))


def _existing_value(measure: Measure, period: str) -> MeasureValue | None:
    """The value already held for ``period`` as the client wrote it or in its canonical form."""
    try:
        label = services.period_for(measure, period).label
    except services.PerformanceError:
        label = period
    return measure.values.filter(period__in={period, label}).first()


@router.get("/measures/{reference}/targets", response=list[TargetOut])
def list_targets(request, reference: str):
    permissions.require(permissions.can_read, request.user)
    return [
        {
            "period": t.period,
            "period_start": t.period_start.isoformat(),
            "period_end": t.period_end.isoformat(),
            "value": t.value,
            "is_example": t.is_example,
            "until_changed": t.until_changed,
            "note": t.note,
            "version": t.version,
        }
        for t in _measure(reference).targets.order_by("period_start")
    ]


@router.get("/scorecard", response=ScorecardOut)
def get_scorecard(request, period: str = ""):
    """The scorecard for a financial year or quarter (default: the latest quarter with data)."""
    permissions.require(permissions.can_read, request.user)
    try:
        chosen = selectors.parse_scorecard_period(period, request.user)
    except Http404 as exc:
        raise HttpError(400, f"'{period}' is not a financial year or quarter, such as 2023-24 Q2") from exc
    card = selectors.scorecard(user=request.user, period=chosen)
    return {
        "period": chosen.label,
        "approved_only": card.approved_only,
        "groups": [
            {
                "priority": g.priority.code if g.priority else None,
                "title": g.title,
                "measures": [_row_out(r) for r in g.rows],
            }
            for g in card.groups
        ],
    }


def _row_out(r) -> dict:
    return {
        "reference": r.measure.reference,
        "title": r.measure.title,
        "directorate": r.measure.directorate.code,
        "value": r.figure.value if r.figure else None,
        "value_text": r.value_text,
        "value_period": r.figure.period_label if r.figure else None,
        "target": r.target.value if r.target else None,
        "target_is_example": bool(r.target and r.target.is_example),
        "rag": r.rag.value,
        "rag_words": r.rag.words,
        "since_previous": r.since_previous.value,
        "since_last_year": r.since_last_year.value,
        "awaiting_approval": r.awaiting_approval,
    }


# --- sign-off -------------------------------------------------------------------------------------
class DecisionIn(Schema):
    decision: str  # "submit", "approve" or "return"
    reason: str = ""
    version: int | None = None  # the version you decided on (required)


@router.post("/measures/{reference}/values/{period}/decision", response={200: ValueOut, **CONFLICT_RESPONSES})
def decide_value(request, reference: str, period: str, payload: DecisionIn):
    """Move a value through sign-off: an editor submits a draft; the performance team approves a
    submitted value entered by someone else, or returns it to draft with a reason.

    Send the `version` you decided on: without it the answer is 428; if the value changed since,
    409 with the value as it is now, and nothing is decided."""
    measure = _measure(reference)
    # Refuse before looking: a reader must not learn whether an unapproved value exists.
    if not (permissions.can_edit_measure(request.user, measure) or permissions.can_approve(request.user)):
        raise HttpError(403, "You do not have permission to do that.")
    value = measure.values.filter(period=period).first()
    if value is None:
        raise HttpError(404, f"{measure.reference} has no value for {period}")
    seen = payload.version
    actions = {
        "submit": lambda: services.value_submit(measure_value=value, user=request.user, version=seen),
        "approve": lambda: services.value_approve(measure_value=value, user=request.user, version=seen),
        "return": lambda: services.value_return(
            measure_value=value, user=request.user, reason=payload.reason, version=seen
        ),
    }
    if payload.decision not in actions:
        raise HttpError(422, "The decision must be submit, approve or return")
    if payload.decision == "submit":
        permissions.require(permissions.can_edit_measure, request.user, measure)
    else:
        permissions.require(permissions.can_approve, request.user)
    if seen is None:
        raise VersionRequired(value)
    saved = actions[payload.decision]()
    return _value_out(saved)


# --- reported periods -------------------------------------------------------------------------------
class ReportedFigureOut(Schema):
    measure: str
    figure_period: str
    value: Decimal | None
    target: Decimal | None
    rag: str
    commentary: str
    revisions: list[dict]


class ReportedPeriodOut(Schema):
    period: str
    reported_to: str
    locked_at: str
    figures: list[ReportedFigureOut] | None = None


@router.get("/reported-periods", response=list[ReportedPeriodOut])
def list_reported_periods(request):
    """Periods locked once their figures were reported to Cabinet or Scrutiny."""
    permissions.require(permissions.can_read, request.user)
    from goldthread.council.selectors import current_council

    from .models import ReportedPeriod

    return [
        {"period": p.period, "reported_to": p.reported_to, "locked_at": p.locked_at.isoformat()}
        for p in ReportedPeriod.objects.filter(council=current_council())
    ]


@router.get("/reported-periods/{period}", response=ReportedPeriodOut)
def get_reported_period(request, period: str):
    """The figures exactly as reported, each with any revision made since (number, before, after, reason)."""
    permissions.require(permissions.can_read, request.user)
    from goldthread.council.selectors import current_council

    from .models import ReportedPeriod, ValueRevision

    lock = ReportedPeriod.objects.filter(council=current_council(), period=period).first()
    if lock is None:
        raise HttpError(404, f"{period} has not been reported and locked")
    figures = list(lock.figures.select_related("measure").order_by("measure__reference"))
    approved_only = not permissions.can_see_unapproved(request.user)

    def shown(r, value, reported: bool) -> str | None:
        """A revision's before or after figure; for members (approved figures only) null unless it is the
        figure as reported or the value's current, approved figure (a correction awaiting approval is not)."""
        if value is None:
            return None
        current = r.measure_value.status == Status.APPROVED and value == r.measure_value.value
        return str(value) if reported or current or not approved_only else None

    revisions: dict[tuple[int, str], list[dict]] = {}
    for r in ValueRevision.objects.filter(
        measure_value__measure_id__in=[f.measure_id for f in figures],
        measure_value__period__in={f.figure_period for f in figures},
    ).select_related("measure_value", "made_by"):
        revisions.setdefault((r.measure_value.measure_id, r.measure_value.period), []).append(
            {
                "number": r.number,
                "previous_value": shown(r, r.previous_value, reported=r.number == 1),
                "new_value": shown(r, r.new_value, reported=False),
                "reason": r.reason,
                "made_by": str(r.made_by) if r.made_by else None,
                "made_at": r.made_at.isoformat(),
            }
        )
    return {
        "period": lock.period,
        "reported_to": lock.reported_to,
        "locked_at": lock.locked_at.isoformat(),
        "figures": [
            {
                "measure": f.measure.reference,
                "figure_period": f.figure_period,
                "value": f.value,
                "target": f.target,
                "rag": f.rag,
                "commentary": f.commentary,
                "revisions": revisions.get((f.measure_id, f.figure_period), []),
            }
            for f in figures
        ],
    }
