"""Writes for finance. One named function per state change; each checks permission and writes history.

Budget lines, savings plans and capital schemes share one review cycle: a directorate editor
(or the performance team) saves a draft and submits it; the performance team, acting for
finance, approves it or returns it with a reason. Changing an approved figure sends it back to
draft and needs a reason, so members never see an unchecked figure and nothing is lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from goldthread.core import events
from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.signoff import decision_note
from goldthread.core.versioning import AlreadyExists, claim, expect, save_versioned
from goldthread.core.versioning import creating as creating_row
from goldthread.council import permissions
from goldthread.council.models import Council, Directorate, Service, User
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period
from goldthread.domain.text import sentence_case

from .models import (
    BudgetLine,
    CapitalScheme,
    LineStatus,
    MtfpPlan,
    MtfpScenario,
    MtfpYear,
    ReferendumLimit,
    ReserveBalance,
    SavingsPlan,
    ScenarioYear,
)

#: An item that goes through the review cycle (draft, submitted, approved or returned).
Reviewed = TypeVar("Reviewed", BudgetLine, SavingsPlan, CapitalScheme)


class FinanceError(ValueError):
    """A change that cannot be made, with a message for the person who tried."""


BUDGET_FIELDS = ["directorate", "service", "period", "budget", "forecast_outturn", "commentary", "status"]
SAVINGS_FIELDS = ["directorate", "financial_year", "description", "planned", "delivered", "rag", "rag_reason", "status"]
CAPITAL_FIELDS = [
    "directorate",
    "name",
    "first_year",
    "last_year",
    "budget",
    "spend_to_date",
    "forecast",
    "notes",
    "status",
]
PLAN_FIELDS = [
    "name",
    "base_year",
    "base_budget",
    "base_council_tax",
    "base_business_rates",
    "base_grants",
    "pay_bill",
    "price_base",
    "demand_base",
    "derivation",
]
PLAN_YEAR_FIELDS = ["other_pressures", "business_rates_change", "grants_change", "savings", "reserves_use", "note"]
SCENARIO_YEAR_FIELDS = [
    "core_increase",
    "precept_increase",
    "tax_base_growth",
    "pay_inflation",
    "price_inflation",
    "demand_growth",
]
RESERVE_FIELDS = ["financial_year", "kind", "purpose", "amount", "is_forecast", "override_ends", "note", "source"]


def financial_year_label(text: str) -> str:
    try:
        period = parse_period(text, YearType.FINANCIAL, Granularity.YEAR)
    except PeriodError as exc:
        raise FinanceError(str(exc)) from exc
    if period.granularity is not Granularity.YEAR or period.year_type is not YearType.FINANCIAL:
        raise FinanceError(f"'{text}' is not a financial year: use one such as 2023-24")
    return period.label


def budget_period(text: str) -> tuple[Period, str]:
    """A month ("2023-06") or, when only the annual figure is known, a financial year ("2023-24")."""
    try:
        period = parse_period(text)
        if period.granularity is Granularity.MONTH:
            return period, period.year_containing(YearType.FINANCIAL).label
    except PeriodError as exc:
        raise FinanceError(str(exc)) from exc
    if period.granularity is Granularity.YEAR and period.year_type is YearType.FINANCIAL:
        return period, period.label
    raise FinanceError(f"'{text}' is not a month such as 2023-06 or a financial year such as 2023-24")


def _check_edit(user: User | None, directorate: Directorate | None) -> None:
    if not permissions.can_edit_directorate(user, directorate):
        raise PermissionDenied("You cannot enter figures for that directorate.")


def _reason_needed(obj: BudgetLine | SavingsPlan | CapitalScheme, reason: str) -> None:
    if obj.pk and obj.status == LineStatus.APPROVED and not reason.strip():
        raise FinanceError("This figure is approved: give a reason for changing it.")


# --- review cycle shared by budget lines, savings and capital -------------------------------------


def _save_reviewed(
    obj: Reviewed,
    *,
    user: User | None,
    fields: list[str],
    values: dict[str, Any],
    reason: str = "",
    version: int | None = None,
) -> Reviewed:
    """Create or change an item; ``version`` is the version the person changed (an older one is refused)."""
    creating = obj.pk is None
    if not creating:
        expect(obj, version)
    before = {} if creating else snapshot(obj, fields)
    if not creating:
        _reason_needed(obj, reason)
    for key, value in values.items():
        setattr(obj, key, value)
    if not creating and obj.status in (LineStatus.APPROVED, LineStatus.SUBMITTED, LineStatus.RETURNED):
        after_values = snapshot(obj, fields)
        if {k: v for k, v in after_values.items() if k != "status"} != {
            k: v for k, v in before.items() if k != "status"
        }:
            obj.status = LineStatus.DRAFT
    obj.updated_by = user
    if creating:
        with creating_row(f"{sentence_case(str(obj._meta.verbose_name))} already exists: someone entered it just now."):
            obj.save()
    else:
        if version is not None:
            claim(obj, version)
        obj.save()
    record_change(
        obj=obj,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=snapshot(obj, fields),
        reason=reason,
    )
    return obj


def submit(*, obj: Reviewed, user: User | None, version: int | None = None) -> Reviewed:
    _check_edit(user, obj.directorate)
    with transaction.atomic():
        expect(obj, version)
        if obj.status not in (LineStatus.DRAFT, LineStatus.RETURNED):
            raise FinanceError(
                f"Only a draft or returned item can be submitted; this one is {obj.get_status_display()}."
            )
        if version is not None:
            claim(obj, version)
        before = {"status": obj.status}
        obj.status, obj.updated_by = LineStatus.SUBMITTED, user
        obj.save(update_fields=["status", "updated_by", "updated_at"])
        record_change(obj=obj, user=user, action=Change.Action.SUBMIT, before=before, after={"status": obj.status})
        events.publish(events.SUBMITTED, obj=obj, user=user)
    return obj


def approve(*, obj: Reviewed, user: User | None, version: int | None = None) -> Reviewed:
    """Approve a submitted item, as it was when the approver saw it, entered by someone else (four eyes)."""
    permissions.require(permissions.can_approve, user)
    with transaction.atomic():
        expect(obj, version)
        if obj.status != LineStatus.SUBMITTED:
            raise FinanceError(f"Only a submitted item can be approved; this one is {obj.get_status_display()}.")
        note = decision_note(obj, user, error=FinanceError, verb="approve")
        if version is not None:
            claim(obj, version)
        before = {"status": obj.status}
        obj.status, obj.return_reason, obj.updated_by = LineStatus.APPROVED, "", user
        obj.save(update_fields=["status", "return_reason", "updated_by", "updated_at"])
        record_change(
            obj=obj, user=user, action=Change.Action.APPROVE, before=before, after={"status": obj.status}, reason=note
        )
    return obj


def return_for_changes(*, obj: Reviewed, user: User | None, reason: str, version: int | None = None) -> Reviewed:
    permissions.require(permissions.can_approve, user)
    if not reason.strip():
        raise FinanceError("Say why it is being returned.")
    with transaction.atomic():
        expect(obj, version)
        if obj.status != LineStatus.SUBMITTED:
            raise FinanceError(f"Only a submitted item can be returned; this one is {obj.get_status_display()}.")
        note = decision_note(obj, user, error=FinanceError, verb="return")
        if version is not None:
            claim(obj, version)
        before = {"status": obj.status}
        obj.status, obj.return_reason, obj.updated_by = LineStatus.RETURNED, reason.strip(), user
        obj.save(update_fields=["status", "return_reason", "updated_by", "updated_at"])
        record_change(
            obj=obj,
            user=user,
            action=Change.Action.RETURN,
            before=before,
            after={"status": obj.status},
            reason=" ".join(filter(None, [reason.strip(), f"({note})" if note else ""])),
        )
        events.publish(events.RETURNED, obj=obj, user=user, reason=reason)
    return obj


# --- budget lines ----------------------------------------------------------------------------


@transaction.atomic
def budget_line_save(
    *,
    council: Council,
    user: User | None,
    directorate: Directorate,
    period_text: str,
    budget: Decimal | None,
    forecast_outturn: Decimal | None,
    commentary: str = "",
    service: Service | None = None,
    line: BudgetLine | None = None,
    reason: str = "",
    is_example: bool = False,
    source: str = "",
    version: int | None = None,
) -> BudgetLine:
    _check_edit(user, directorate)
    if line is not None:
        _check_edit(user, line.directorate)
    if service is not None and service.directorate_id != directorate.pk:
        raise FinanceError(f"{service} is not a service of {directorate}.")
    period, year = budget_period(period_text)
    clash = BudgetLine.objects.filter(directorate=directorate, service=service, period=period.label)
    if line is not None:
        clash = clash.exclude(pk=line.pk)
    if clash.exists():
        raise AlreadyExists(f"There is already a budget line for {service or directorate} in {period.label}: edit it.")
    if budget is None:
        raise FinanceError("Enter the budget.")
    obj = line or BudgetLine(council=council)
    values: dict[str, Any] = {
        "directorate": directorate,
        "service": service,
        "financial_year": year,
        "budget": budget,
        "forecast_outturn": forecast_outturn,
        "commentary": commentary,
        "is_example": is_example,
        "source": source,
    }
    values.update({"period": period.label, "period_start": period.start, "period_end": period.end})
    return _save_reviewed(obj, user=user, fields=BUDGET_FIELDS, values=values, reason=reason, version=version)


@transaction.atomic
def savings_plan_save(
    *,
    council: Council,
    user: User | None,
    directorate: Directorate | None,
    financial_year: str,
    description: str,
    planned: Decimal | None,
    delivered: Decimal | None,
    rag: str,
    rag_reason: str,
    plan: SavingsPlan | None = None,
    reason: str = "",
    is_example: bool = False,
    source: str = "",
    version: int | None = None,
) -> SavingsPlan:
    if directorate is None:
        permissions.require(permissions.can_administer, user)
    else:
        _check_edit(user, directorate)
    if plan is not None and plan.directorate is not None:
        _check_edit(user, plan.directorate)
    if not rag_reason.strip() and rag != "grey":
        raise FinanceError("Give the reason for the delivery rating, in words.")
    if planned is None or planned < 0:
        raise FinanceError("Enter the planned saving as an amount of nil or more.")
    obj = plan or SavingsPlan(council=council)
    values = {
        "directorate": directorate,
        "financial_year": financial_year_label(financial_year),
        "description": description,
        "planned": planned,
        "delivered": delivered,
        "rag": rag,
        "rag_reason": rag_reason,
        "is_example": is_example,
        "source": source,
    }
    return _save_reviewed(obj, user=user, fields=SAVINGS_FIELDS, values=values, reason=reason, version=version)


@transaction.atomic
def capital_scheme_save(
    *,
    council: Council,
    user: User | None,
    directorate: Directorate | None,
    name: str,
    first_year: str,
    last_year: str | None,
    budget: Decimal | None,
    spend_to_date: Decimal | None,
    forecast: Decimal | None,
    notes: str = "",
    scheme: CapitalScheme | None = None,
    reason: str = "",
    is_example: bool = False,
    source: str = "",
    version: int | None = None,
) -> CapitalScheme:
    if directorate is None:
        permissions.require(permissions.can_administer, user)
    else:
        _check_edit(user, directorate)
    if scheme is not None and scheme.directorate is not None:
        _check_edit(user, scheme.directorate)
    first, last = financial_year_label(first_year), financial_year_label(last_year or first_year)
    if last < first:
        raise FinanceError("The last year cannot be before the first year.")
    obj = scheme or CapitalScheme(council=council)
    values = {
        "directorate": directorate,
        "name": name,
        "first_year": first,
        "last_year": last,
        "budget": budget,
        "spend_to_date": spend_to_date,
        "forecast": forecast,
        "notes": notes,
        "is_example": is_example,
        "source": source,
    }
    return _save_reviewed(obj, user=user, fields=CAPITAL_FIELDS, values=values, reason=reason, version=version)


# --- MTFP ---------------------------------------------------------------------------------------


@transaction.atomic
def plan_update(
    *, plan: MtfpPlan, user: User | None, values: dict[str, Any], reason: str = "", version: int | None = None
) -> MtfpPlan:
    """``version`` is the version of the plan the person changed: an older one is refused."""
    permissions.require(permissions.can_administer, user)
    changes = {key: value for key, value in values.items() if key in PLAN_FIELDS} | {"updated_by": user}
    save_versioned(plan, user=user, version=version, fields=PLAN_FIELDS, changes=changes, reason=reason)
    return plan


@transaction.atomic
def plan_year_update(
    *, year: MtfpYear, user: User | None, values: dict[str, Any], reason: str = "", version: int | None = None
) -> MtfpYear:
    """``version`` is the version of the year's row the person changed: an older one is refused."""
    permissions.require(permissions.can_administer, user)
    changes = {key: values[key] for key in PLAN_YEAR_FIELDS if key in values}
    save_versioned(year, user=user, version=version, fields=PLAN_YEAR_FIELDS, changes=changes, reason=reason)
    return year


@transaction.atomic
def scenario_save(
    *,
    plan: MtfpPlan,
    user: User | None,
    name: str,
    description: str,
    years: dict[str, dict[str, Any]],
    scenario: MtfpScenario | None = None,
    code: str = "",
    reason: str = "",
    version: int | None = None,
) -> MtfpScenario:
    """Create or change a scenario: its name and, per plan year, its assumptions. ``version`` is the
    version of the scenario that was changed: an older one is refused."""
    permissions.require(permissions.can_administer, user)
    from django.utils.text import slugify

    plan_years = list(plan.years.values_list("year", flat=True))
    unknown = set(years) - set(plan_years)
    if unknown:
        raise FinanceError(f"{', '.join(sorted(unknown))} is not a year of this plan")
    creating = scenario is None
    if scenario is None:
        code = slugify(code or name)[:40] or "scenario"
        if plan.scenarios.filter(code=code).exists():
            raise AlreadyExists(f"There is already a scenario called '{code}' in this plan.")
        scenario = MtfpScenario(plan=plan, code=code, order=plan.scenarios.count())
    else:
        expect(scenario, version)
    before = {} if creating else _scenario_snapshot(scenario)
    scenario.name, scenario.description, scenario.updated_by = name, description, user
    if creating:
        with creating_row(f"There is already a scenario called '{code}' in this plan: someone added it just now."):
            scenario.save()
    else:
        if version is not None:
            claim(scenario, version)
        scenario.save()
    for label in plan_years:
        row, _ = ScenarioYear.objects.get_or_create(scenario=scenario, year=label)
        for key, value in years.get(label, {}).items():
            if key in SCENARIO_YEAR_FIELDS:
                setattr(row, key, value)
        row.save()
    record_change(
        obj=scenario,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=_scenario_snapshot(scenario),
        reason=reason,
    )
    return scenario


def _scenario_snapshot(scenario: MtfpScenario) -> dict[str, Any]:
    snap = {"name": scenario.name, "description": scenario.description}
    for row in scenario.years.all():
        for key, value in snapshot(row, SCENARIO_YEAR_FIELDS).items():
            snap[f"{row.year} {key}"] = value
    return snap


# --- reserves -----------------------------------------------------------------------------------


@transaction.atomic
def reserve_save(
    *,
    council: Council,
    user: User | None,
    values: dict[str, Any],
    reserve: ReserveBalance | None = None,
    reason: str = "",
    version: int | None = None,
) -> ReserveBalance:
    """Create or change a balance; ``version`` is the version of the balance changed (an older one is refused)."""
    permissions.require(permissions.can_administer, user)
    if reserve is not None:
        expect(reserve, version)
    values = {**values, "financial_year": financial_year_label(values["financial_year"])}
    clash = ReserveBalance.objects.filter(
        council=council, financial_year=values["financial_year"], kind=values["kind"], purpose=values.get("purpose", "")
    )
    if reserve is not None:
        clash = clash.exclude(pk=reserve.pk)
    if clash.exists():
        raise FinanceError("That reserve already has a balance for that year: change it instead.")
    creating = reserve is None
    obj = reserve or ReserveBalance(council=council)
    before = {} if creating else snapshot(obj, RESERVE_FIELDS)
    for key, value in values.items():
        setattr(obj, key, value)
    obj.updated_by = user
    if not creating and version is not None:
        claim(obj, version)
    obj.save()
    record_change(
        obj=obj,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=snapshot(obj, RESERVE_FIELDS),
        reason=reason,
    )
    return obj


@transaction.atomic
def plan_create(
    *, council: Council, user: User | None, code: str, values: dict[str, Any], first_year: str, last_year: str
) -> MtfpPlan:
    """A new plan with one row per year from ``first_year`` to ``last_year`` (after the base year)."""
    permissions.require(permissions.can_administer, user)
    from django.utils.text import slugify

    code = slugify(code)[:40]
    if not code:
        raise FinanceError("Give the plan a short code, e.g. mtfp-2025-28.")
    if MtfpPlan.objects.filter(council=council, code=code).exists():
        raise FinanceError(f"There is already a plan with the code '{code}'.")
    base = financial_year_label(values["base_year"])
    first, last = financial_year_label(first_year), financial_year_label(last_year)
    if not base < first <= last:
        raise FinanceError("The plan's years must start after the base year and end no earlier than they start.")
    years = []
    label = first
    while label <= last:
        years.append(label)
        start = int(label[:4]) + 1
        label = f"{start}-{(start + 1) % 100:02d}"
    if len(years) > 10:
        raise FinanceError("A plan covers at most ten years.")
    plan = MtfpPlan(council=council, code=code, updated_by=user)
    for key in PLAN_FIELDS:
        if key in values:
            setattr(plan, key, values[key])
    plan.base_year = base
    plan.save()
    for label in years:
        MtfpYear.objects.create(plan=plan, year=label)
    record_change(obj=plan, user=user, action=Change.Action.CREATE, after=snapshot(plan, PLAN_FIELDS))
    return plan


LIMIT_FIELDS = ["year", "authority_class", "core_limit", "precept_limit", "source"]


@transaction.atomic
def referendum_limit_save(
    *, user: User | None, values: dict[str, Any], limit: ReferendumLimit | None = None, reason: str = ""
) -> ReferendumLimit:
    """Hold a year's council tax referendum principle as data (with its source)."""
    permissions.require(permissions.can_administer, user)
    values = {**values, "year": financial_year_label(values["year"])}
    if not values.get("source", "").strip():
        raise FinanceError("Say where the limit comes from (the principles report for the year).")
    clash = ReferendumLimit.objects.filter(year=values["year"], authority_class=values["authority_class"])
    if limit is not None:
        clash = clash.exclude(pk=limit.pk)
    if clash.exists():
        raise FinanceError(f"There is already a limit for {values['year']} and {values['authority_class']}.")
    creating = limit is None
    obj = limit or ReferendumLimit()
    before = {} if creating else snapshot(obj, LIMIT_FIELDS)
    for key in LIMIT_FIELDS:
        setattr(obj, key, values[key])
    obj.save()
    record_change(
        obj=obj,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=snapshot(obj, LIMIT_FIELDS),
        reason=reason,
    )
    return obj
