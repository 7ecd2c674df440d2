"""JSON API for finance (budget lines, savings, capital, MTFP and scenarios, reserves). Same permissions
and services as the pages: members and officers see approved figures only."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from goldthread.core.api_conflicts import CONFLICT_RESPONSES, represents
from goldthread.core.versioning import VersionRequired
from goldthread.council import permissions
from goldthread.council.models import Directorate, Service
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError, parse_period

from . import selectors, services
from .models import BudgetLine, LineStatus, MtfpScenario

router = Router(tags=["finance"])
CENT = Decimal("0.01")


def _read(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def _clean(*texts) -> None:
    """Refuse text no database can hold (a NUL character) before it reaches a query."""
    for text in texts:
        if isinstance(text, str) and "\x00" in text:
            raise HttpError(422, "Text must not contain a NUL character.")
        if isinstance(text, dict):
            _clean(*text.keys(), *text.values())


def _id(value: int) -> int:
    if not 0 < value < 2**31:
        raise HttpError(404, "Not found")
    return value


class BudgetLineOut(Schema):
    id: int
    directorate: str
    service: str | None
    period: str
    financial_year: str
    budget: Decimal
    forecast_outturn: Decimal | None
    variance: Decimal | None
    variance_words: str
    commentary: str
    status: str
    is_example: bool
    version: int


class BudgetLineIn(Schema):
    directorate: str
    service: str | None = None
    period: str
    budget: str
    forecast_outturn: str | None = None
    commentary: str = ""
    reason: str = ""


class ReviewIn(Schema):
    action: str  # submit, approve or return
    reason: str = ""
    version: int | None = None  # the version you decided on (required)


@represents(BudgetLine)
def _line_record(line: BudgetLine) -> dict:
    return _line_out(line).dict()


def _line_out(line: BudgetLine) -> BudgetLineOut:
    return BudgetLineOut(
        id=line.pk,
        directorate=line.directorate.code,
        service=line.service.code if line.service else None,
        period=line.period,
        financial_year=line.financial_year,
        budget=line.budget,
        forecast_outturn=line.forecast_outturn,
        variance=line.variance,
        variance_words=line.variance_words,
        commentary=line.commentary,
        status=line.status,
        is_example=line.is_example,
        version=line.version,
    )


def _money(text, field: str, required: bool = True) -> Decimal | None:
    if text is None or str(text).strip() == "":
        if required:
            raise HttpError(422, f"Enter the {field}.")
        return None
    try:
        value = Decimal(str(text).replace(",", "").replace("£", "").strip())
    except InvalidOperation as exc:
        raise HttpError(422, f"The {field} '{text}' is not an amount of money.") from exc
    if not value.is_finite() or abs(value) >= Decimal("1e14"):
        raise HttpError(422, f"The {field} '{text}' is not an amount of money we can hold.")
    return value.quantize(Decimal("0.01"))


@router.get("/finance/budget-lines", response=list[BudgetLineOut])
def list_budget_lines(request, year: str = "", period: str = ""):
    council = _read(request)
    _clean(year, period)
    qs = selectors.budget_lines(council, request.user)
    if year:
        qs = qs.filter(financial_year=year)
    if period:
        qs = qs.filter(period=period)
    return [_line_out(line) for line in qs]


@router.post("/finance/budget-lines", response={201: BudgetLineOut, **CONFLICT_RESPONSES})
def create_budget_line(request, payload: BudgetLineIn):
    """Enter a budget line as a draft (directorate editors for their directorate, the performance team).
    A line that already exists for the directorate or service and period answers 409."""
    council = _read(request)
    _clean(payload.directorate, payload.service, payload.period, payload.commentary, payload.reason)
    directorate = Directorate.objects.filter(council=council, code=payload.directorate).first()
    if directorate is None:
        raise HttpError(422, f"There is no directorate '{payload.directorate}'.")
    permissions.require(permissions.can_edit_directorate, request.user, directorate)
    service = None
    if payload.service:
        service = Service.objects.filter(directorate=directorate, code=payload.service).first()
        if service is None:
            raise HttpError(422, f"There is no service '{payload.service}' in {directorate}.")
    line = services.budget_line_save(
        council=council, user=request.user, directorate=directorate, service=service,
        period_text=payload.period, budget=_money(payload.budget, "budget"),
        forecast_outturn=_money(payload.forecast_outturn, "forecast outturn", required=False),
        commentary=payload.commentary, reason=payload.reason,
    )  # fmt: skip
    return Status(201, _line_out(line))


@router.post("/finance/budget-lines/{line_id}/review", response={200: BudgetLineOut, **CONFLICT_RESPONSES})
def review_budget_line(request, line_id: int, payload: ReviewIn):
    """Submit (editors), approve or return with a reason (the performance team; not a line they entered).
    Send the `version` you decided on: 428 without it, 409 with the line as it is now if it changed since."""
    council = _read(request)
    _clean(payload.action, payload.reason)
    line = get_object_or_404(BudgetLine, pk=_id(line_id), council=council)
    if line.status != LineStatus.APPROVED and not permissions.can_see_unapproved(request.user):
        raise HttpError(404, "Not found")
    seen = payload.version
    actions = {
        "submit": lambda: services.submit(obj=line, user=request.user, version=seen),
        "approve": lambda: services.approve(obj=line, user=request.user, version=seen),
        "return": lambda: services.return_for_changes(obj=line, user=request.user, reason=payload.reason, version=seen),
    }
    if payload.action not in actions:
        raise HttpError(422, "The action must be submit, approve or return.")
    if payload.action == "submit":
        permissions.require(permissions.can_edit_directorate, request.user, line.directorate)
    else:
        permissions.require(permissions.can_approve, request.user)
    if seen is None:
        raise VersionRequired(line)
    actions[payload.action]()
    return _line_out(line)


@router.get("/finance/savings", response=list[dict])
def list_savings(request, year: str = ""):
    council = _read(request)
    _clean(year)
    return [
        {
            "id": p.pk,
            "directorate": p.directorate.code if p.directorate else None,
            "financial_year": p.financial_year,
            "description": p.description,
            "planned": p.planned,
            "delivered": p.delivered,
            "rag": p.rag,
            "rag_words": p.get_rag_display(),
            "rag_reason": p.rag_reason,
            "status": p.status,
            "version": p.version,
        }
        for p in selectors.savings(council, request.user, year or None)
    ]


@router.get("/finance/capital", response=list[dict])
def list_capital(request):
    council = _read(request)
    return [
        {
            "id": s.pk,
            "name": s.name,
            "first_year": s.first_year,
            "last_year": s.last_year,
            "budget": s.budget,
            "spend_to_date": s.spend_to_date,
            "forecast": s.forecast,
            "status": s.status,
            "version": s.version,
        }
        for s in selectors.capital(council, request.user)
    ]


def _c(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def _projection_out(result, is_example: bool = False) -> dict:
    """A scenario's projection. Every figure in it is worked out from the plan's: an example plan's
    projections are examples too (``is_example``)."""
    return {
        "code": result.scenario.code,
        "is_example": is_example,
        "name": result.scenario.name,
        "version": result.scenario.version,
        "needs_referendum": result.needs_referendum,
        "referendum": [{"year": c.year, "needed": c.needed, "words": c.words} for c in result.checks],
        "years": [
            {
                "year": y.year,
                "budget_requirement": _c(y.budget_requirement),
                "pressures": _c(y.pressures),
                "council_tax": _c(y.council_tax),
                "business_rates": _c(y.business_rates),
                "grants": _c(y.grants),
                "annual_gap_before_mitigation": _c(y.annual_gap_before_mitigation),
                "cumulative_gap_before_mitigation": _c(y.cumulative_gap_before_mitigation),
                "council_tax_increase_yield": _c(y.council_tax_increase_yield),
                "cumulative_savings": _c(y.cumulative_savings),
                "reserves_use": _c(y.reserves_use),
                "annual_remaining_gap": _c(y.annual_remaining_gap),
                "cumulative_remaining_gap": _c(y.cumulative_remaining_gap),
            }
            for y in result.projection.years
        ],
    }


@router.get("/finance/mtfp", response=list[dict])
def list_plans(request):
    council = _read(request)
    return [
        {
            "code": p.code,
            "name": p.name,
            "base_year": p.base_year,
            "base_budget": p.base_budget,
            "version": p.version,
            "is_example": p.is_example,  # derived for illustration from the published figures: see "derivation"
        }
        for p in selectors.plans(council)
    ]


@router.get("/finance/mtfp/{code}", response=dict)
def get_plan(request, code: str):
    council = _read(request)
    _clean(code)
    plan = selectors.plan_by_code(council, code)
    return {
        "code": plan.code,
        "name": plan.name,
        "base_year": plan.base_year,
        "base_budget": plan.base_budget,
        "base_council_tax": plan.base_council_tax,
        "derivation": plan.derivation,
        "version": plan.version,
        "is_example": plan.is_example,
        "scenarios": [_projection_out(r, plan.is_example) for r in selectors.scenario_results(plan)],
    }


class ScenarioIn(Schema):
    name: str
    description: str = ""
    years: dict[str, dict[str, str]] = {}
    reason: str = ""
    version: int | None = None  # the scenario's version you read: needed to change an existing scenario


@router.put("/finance/mtfp/{code}/scenarios/{scenario_code}", response={200: dict, **CONFLICT_RESPONSES})
def put_scenario(request, code: str, scenario_code: str, payload: ScenarioIn):
    """Create or change a scenario (the performance team). ``years``: {"2024-25": {"core_increase": "2.99"}}."""
    council = _read(request)
    permissions.require(permissions.can_administer, request.user)
    _clean(code, scenario_code, payload.name, payload.description, payload.reason, payload.years)
    plan = selectors.plan_by_code(council, code)
    scenario = MtfpScenario.objects.filter(plan=plan, code=scenario_code).first()
    if scenario is not None and payload.version is None:
        raise VersionRequired(scenario)
    years: dict[str, dict[str, Decimal]] = {}
    for year, values in payload.years.items():
        years[year] = {}
        for key, text in values.items():
            if key not in services.SCENARIO_YEAR_FIELDS:
                raise HttpError(
                    422, f"{year}: '{key}' is not an assumption ({', '.join(services.SCENARIO_YEAR_FIELDS)})"
                )
            try:
                number = Decimal(str(text).strip().removesuffix("%"))
            except InvalidOperation as exc:
                raise HttpError(422, f"{year}: {key} '{text}' is not a percentage") from exc
            if not number.is_finite() or abs(number) > 100:
                raise HttpError(422, f"{year}: {key} '{text}' must be between -100 and 100")
            years[year][key] = number.quantize(Decimal("0.001"))
    if not payload.name.strip():
        raise HttpError(422, "Enter the scenario's name.")
    services.scenario_save(
        plan=plan, user=request.user, scenario=scenario, name=payload.name.strip()[:200],
        description=payload.description, years=years, code=scenario_code, reason=payload.reason,
        version=payload.version,
    )  # fmt: skip
    return get_plan(request, code)


@router.get("/finance/reserves", response=list[dict])
def list_reserves(request):
    council = _read(request)
    return [
        {
            "financial_year": b.financial_year,
            "kind": b.kind,
            "purpose": b.purpose,
            "amount": b.amount,
            "is_forecast": b.is_forecast,
            "override_ends": b.override_ends,
            "is_example": b.is_example,
            "version": b.version,
        }
        for b in selectors.reserves(council)
    ]


@router.get("/finance/summary", response=dict)
def summary(request, period: str):
    """Forecast outturn by directorate, savings delivery and reserves (approved figures) for a period."""
    council = _read(request)
    _clean(period)

    try:
        parsed = parse_period(period)
        return selectors.finance_summary(council, parsed).as_dict()
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from exc
