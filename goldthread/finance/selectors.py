"""Reads for finance: what members may see (approved only), positions, trends, plans, reserves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council
from goldthread.domain import mtfp
from goldthread.domain.finance_indicators import variance, variance_percent, variance_words
from goldthread.domain.periods import Granularity, Period, YearType, parse_period

from .models import (
    Borrowing,
    BudgetLine,
    CapitalScheme,
    DeliveryRag,
    LineStatus,
    MtfpPlan,
    MtfpScenario,
    ReferendumLimit,
    ReserveBalance,
    ReserveKind,
    SavingsPlan,
)

ZERO = Decimal(0)
M = TypeVar("M", bound=Model)


def visible(queryset: QuerySet[M], user: Actor) -> QuerySet[M]:
    """Members and officers see approved figures only; those who enter or check them see all."""
    if permissions.can_see_unapproved(user):
        return queryset
    return queryset.filter(status=LineStatus.APPROVED)


def lines_awaiting_approval(council: Council, year: str | None) -> int:
    """How many budget lines of the year are submitted and waiting for approval (members are told, not
    shown). Drafts are not counted: nobody has asked for them to be approved yet."""
    lines = BudgetLine.objects.filter(council=council, status=LineStatus.SUBMITTED)
    return (lines.filter(financial_year=year) if year else lines).count()


def budget_lines(council: Council, user: Actor) -> QuerySet[BudgetLine]:
    return visible(BudgetLine.objects.filter(council=council), user).select_related("directorate", "service")


def financial_years(council: Council, user: Actor) -> list[str]:
    years = set(budget_lines(council, user).values_list("financial_year", flat=True))
    years |= set(visible(SavingsPlan.objects.filter(council=council), user).values_list("financial_year", flat=True))
    return sorted(years, reverse=True)


def periods_in_year(council: Council, user: Actor, year: str) -> list[str]:
    """The periods with lines in a financial year, latest first (the year itself if only annual)."""
    qs = budget_lines(council, user).filter(financial_year=year).order_by("-period_end", "period")
    return list(dict.fromkeys(qs.values_list("period", flat=True)))


@dataclass
class PositionRow:
    label: str
    budget: Decimal
    forecast: Decimal | None
    lines: list[BudgetLine] = field(default_factory=list)

    @property
    def variance(self) -> Decimal | None:
        return variance(self.budget, self.forecast)

    @property
    def variance_percent(self) -> Decimal | None:
        return variance_percent(self.budget, self.forecast)

    @property
    def words(self) -> str:
        return variance_words(self.budget, self.forecast)


@dataclass
class Position:
    period: str
    rows: list[PositionRow]
    total: PositionRow
    has_example: bool = False


def monthly_position(council: Council, user: Actor, period: str) -> Position:
    lines = list(budget_lines(council, user).filter(period=period).order_by("directorate__name", "service__name"))
    by_directorate: dict[int, PositionRow] = {}
    for line in lines:
        row = by_directorate.setdefault(line.directorate_id, PositionRow(str(line.directorate), ZERO, ZERO))
        row.lines.append(line)
        row.budget += line.budget
        row.forecast = (
            None if row.forecast is None or line.forecast_outturn is None else row.forecast + line.forecast_outturn
        )
    rows = list(by_directorate.values())
    total_forecast = (
        None
        if any(r.forecast is None for r in rows)
        else sum((r.forecast for r in rows if r.forecast is not None), ZERO)
    )
    total = PositionRow("Total", sum((r.budget for r in rows), ZERO), total_forecast)
    return Position(period, rows, total, any(line.is_example for line in lines))


def forecast_trend(
    council: Council, user: Actor, year: str
) -> tuple[list[str], dict[str, list[Decimal | None]], dict[str, list[Decimal | None]]]:
    """Per directorate, the forecast outturn and budget in each month of the year that has lines."""
    lines = list(budget_lines(council, user).filter(financial_year=year).order_by("period_start"))
    months = list(dict.fromkeys(line.period for line in lines))
    forecasts: dict[str, dict[str, Decimal | None]] = {}
    budgets: dict[str, dict[str, Decimal]] = {}
    for line in lines:
        name = str(line.directorate)
        f = forecasts.setdefault(name, {})
        b = budgets.setdefault(name, {})
        f[line.period] = (
            (f.get(line.period) or ZERO) + line.forecast_outturn
            if line.forecast_outturn is not None
            else f.get(line.period)
        )
        b[line.period] = b.get(line.period, ZERO) + line.budget
    series = {name: [values.get(m) for m in months] for name, values in forecasts.items()}
    budget_series = {name: [values.get(m) for m in months] for name, values in budgets.items()}
    return months, series, budget_series


def savings(council: Council, user: Actor, year: str | None = None) -> QuerySet[SavingsPlan]:
    qs = visible(SavingsPlan.objects.filter(council=council), user).select_related("directorate")
    return qs.filter(financial_year=year) if year else qs


def savings_summary(plans: Iterable[SavingsPlan]) -> dict[str, Any]:
    plans = list(plans)
    planned = sum((p.planned for p in plans), ZERO)
    delivered_known = [p.delivered for p in plans if p.delivered is not None]
    by_rag = {rag: sum((p.planned for p in plans if p.rag == rag), ZERO) for rag in DeliveryRag.values}
    return {
        "planned": planned,
        "delivered": sum(delivered_known, ZERO) if delivered_known else None,
        "by_rag": [(DeliveryRag(r).label, r, v) for r, v in by_rag.items() if v],
        "count": len(plans),
    }


def _savings_as_at(council: Council, year: str, end: date) -> list[SavingsPlan]:
    """The year's savings plans as they stood at the end of ``end``: each recorded change made after that
    day (the audit trail holds before and after) is undone, so a plan revised later shows its value then.
    Plans first recorded after ``end`` are left out; only plans approved by then count."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    plans = list(SavingsPlan.objects.filter(council=council, financial_year=year))
    if end >= timezone.localdate():
        return [p for p in plans if p.status == LineStatus.APPROVED]
    kind = ContentType.objects.get_for_model(SavingsPlan, for_concrete_model=False)
    later = Change.objects.filter(
        content_type=kind, object_id__in=[str(p.pk) for p in plans], at__date__gt=end
    ).order_by("-at", "-pk")
    by_plan: dict[int, list[Change]] = {}
    for change in later:
        by_plan.setdefault(int(change.object_id), []).append(change)
    kept = []
    plan: SavingsPlan | None
    for plan in plans:
        for change in by_plan.get(plan.pk, []):  # newest first: undo each in turn
            if change.action == Change.Action.CREATE:
                plan = None
                break
            for name, (before, _after) in (change.changes or {}).items():
                if name in ("planned", "delivered"):
                    before = None if before in (None, "") else Decimal(str(before))
                if hasattr(plan, name):
                    setattr(plan, name, before)
        if plan is not None and plan.status == LineStatus.APPROVED:
            kept.append(plan)
    return kept


def capital(council: Council, user: Actor) -> QuerySet[CapitalScheme]:
    return visible(CapitalScheme.objects.filter(council=council), user).select_related("directorate")


def awaiting_approval(council: Council) -> dict[str, QuerySet[Any]]:
    return {
        "budget": BudgetLine.objects.filter(council=council, status=LineStatus.SUBMITTED).select_related("directorate"),
        "savings": SavingsPlan.objects.filter(council=council, status=LineStatus.SUBMITTED),
        "capital": CapitalScheme.objects.filter(council=council, status=LineStatus.SUBMITTED),
    }


# --- MTFP ---------------------------------------------------------------------------------------


def plans(council: Council) -> QuerySet[MtfpPlan]:
    return MtfpPlan.objects.filter(council=council).prefetch_related("years", "scenarios")


def plan_by_code(council: Council, code: str) -> MtfpPlan:
    plan = MtfpPlan.objects.filter(council=council, code=code).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


def base_of(plan: MtfpPlan) -> mtfp.Base:
    return mtfp.Base(
        year=plan.base_year,
        budget=plan.base_budget,
        council_tax=plan.base_council_tax,
        business_rates=plan.base_business_rates,
        grants=plan.base_grants,
        pay_bill=plan.pay_bill,
        price_base=plan.price_base,
        demand_base=plan.demand_base,
    )


def plan_years(plan: MtfpPlan) -> list[mtfp.PlanYear]:
    return [
        mtfp.PlanYear(
            year=y.year,
            other_pressures=y.other_pressures,
            business_rates_change=y.business_rates_change,
            grants_change=y.grants_change,
            savings=y.savings,
            reserves_use=y.reserves_use,
        )
        for y in plan.years.order_by("year")
    ]


def assumptions_of(scenario: MtfpScenario, years: list[str]) -> list[mtfp.Assumptions]:
    rows = {r.year: r for r in scenario.years.all()}
    out = []
    for label in years:
        r = rows.get(label)
        out.append(
            mtfp.Assumptions()
            if r is None
            else mtfp.Assumptions(
                core_increase=r.core_increase,
                precept_increase=r.precept_increase,
                tax_base_growth=r.tax_base_growth,
                pay_inflation=r.pay_inflation,
                price_inflation=r.price_inflation,
                demand_growth=r.demand_growth,
            )
        )
    return out


@dataclass
class ScenarioResult:
    scenario: MtfpScenario
    projection: mtfp.Projection
    assumptions: list[mtfp.Assumptions]
    checks: list[mtfp.ReferendumCheck]

    @property
    def needs_referendum(self) -> bool:
        return any(c.needed for c in self.checks)

    @property
    def unchecked(self) -> list[str]:
        return [c.year for c in self.checks if c.needed is None and self._increase(c.year)]

    def _increase(self, year: str) -> bool:
        for row, a in zip(self.projection.years, self.assumptions, strict=True):
            if row.year == year:
                return a.council_tax_increase > 0
        return False


def referendum_rules(authority_class: str = "Social care authority") -> dict[str, mtfp.ReferendumRule]:
    return {
        r.year: mtfp.ReferendumRule(r.year, r.core_limit, r.precept_limit)
        for r in ReferendumLimit.objects.filter(authority_class=authority_class)
    }


def scenario_results(plan: MtfpPlan) -> list[ScenarioResult]:
    base, years = base_of(plan), plan_years(plan)
    labels = [y.year for y in years]
    rules = referendum_rules()
    out = []
    for scenario in plan.scenarios.prefetch_related("years").order_by("order", "name"):
        assumptions = assumptions_of(scenario, labels)
        projection = mtfp.project(base, years, assumptions)
        checks = [
            mtfp.referendum_check(label, a.core_increase, a.precept_increase, rules.get(label))
            for label, a in zip(labels, assumptions, strict=True)
        ]
        out.append(ScenarioResult(scenario, projection, assumptions, checks))
    return out


# --- reserves -----------------------------------------------------------------------------------


def reserves(council: Council) -> QuerySet[ReserveBalance]:
    return ReserveBalance.objects.filter(council=council)


def reserves_table(council: Council) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per reserve (kind and purpose), one column per year; and the years."""
    balances = list(reserves(council))
    years = sorted({b.financial_year for b in balances})
    order = {k: i for i, k in enumerate(ReserveKind.values)}
    keyed: dict[tuple[str, str], dict[str, Any]] = {}
    for b in sorted(balances, key=lambda b: (order[b.kind], b.purpose)):
        row = keyed.setdefault(
            (b.kind, b.purpose),
            {"kind": b.kind, "label": b.get_kind_display() + (f": {b.purpose}" if b.purpose else ""), "cells": {}},
        )
        row["cells"][b.financial_year] = b
    rows = []
    for row in keyed.values():
        row["values"] = [row["cells"].get(y) for y in years]
        rows.append(row)
    return years, rows


def dsg_deficits(council: Council) -> QuerySet[ReserveBalance]:
    return reserves(council).filter(kind=ReserveKind.DSG_DEFICIT).order_by("financial_year")


def borrowing(council: Council) -> QuerySet[Borrowing]:
    return Borrowing.objects.filter(council=council)


# --- the quarterly pack -------------------------------------------------------------------------


def _previous_year(label: str) -> str:
    """ "2023-24" -> "2022-23"."""
    start = int(label[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class ForecastLine:
    directorate: str
    service: str  # "" for a directorate's own line
    budget: Decimal
    forecast_outturn: Decimal | None
    variance: Decimal | None
    variance_words: str
    commentary: str
    is_example: bool


@dataclass(frozen=True)
class SavingsRag:
    rag: str
    words: str
    planned: Decimal


@dataclass(frozen=True)
class SavingsDelivery:
    planned: Decimal
    delivered: Decimal | None  # None when no plan has a delivered figure yet
    by_rag: tuple[SavingsRag, ...]  # only the ratings with planned savings


@dataclass(frozen=True)
class ReserveLine:
    kind: str
    label: str
    purpose: str
    amount: Decimal
    is_forecast: bool
    financial_year: str
    is_example: bool


@dataclass(frozen=True)
class FinanceSources:
    """Where the figures come from, as the records say (a source line under each table in the pack)."""

    forecast: tuple[str, ...]
    reserves: tuple[str, ...]


@dataclass(frozen=True)
class FinanceSummary:
    """Approved figures for the quarterly pack: plain values, no model objects."""

    financial_year: str
    position_period: str | None  # the latest approved monitoring period up to the period's end; None if none
    forecast_by_directorate: tuple[ForecastLine, ...]
    savings: SavingsDelivery
    reserves: tuple[ReserveLine, ...]
    sources: FinanceSources

    def as_dict(self) -> dict[str, Any]:
        """The API's JSON (the keys it has always had)."""
        return asdict(self)


def finance_summary(council: Council, period: Period | str) -> FinanceSummary:
    """Forecast outturn by directorate, savings delivery and reserves for the quarterly report.
    ``period`` is a Period or label; the latest approved position in its financial year is used.
    Only approved figures (the pack goes to members)."""
    p = parse_period(str(period)) if not isinstance(period, Period) else period
    if p.granularity is Granularity.YEAR and p.year_type is YearType.FINANCIAL:
        year = p.label
    else:
        year = p.year_containing(YearType.FINANCIAL).label
    approved = BudgetLine.objects.filter(council=council, status=LineStatus.APPROVED, financial_year=year)
    if p.granularity is not Granularity.YEAR:
        approved = approved.filter(period_end__lte=p.end)
    latest = approved.order_by("-period_end").values_list("period", flat=True).first()
    lines: list[BudgetLine] = []
    if latest:
        lines = list(approved.filter(period=latest).select_related("directorate").order_by("directorate__name"))
    summary = savings_summary(_savings_as_at(council, year, p.end))
    # A year's reserves are a position only once the year has ended: at Q2 2023-24, the 2022-23 balances.
    reserve_years = year if p.end >= Period.financial_year(int(year[:4])).end else _previous_year(year)
    latest_reserves = reserves(council).filter(financial_year__lte=reserve_years).order_by("-financial_year")
    reserve_year = latest_reserves.values_list("financial_year", flat=True).first()
    reserve_records = list(latest_reserves.filter(financial_year=reserve_year)) if reserve_year else []
    return FinanceSummary(
        financial_year=year,
        position_period=latest,
        forecast_by_directorate=tuple(
            ForecastLine(
                directorate=str(line.directorate),
                service=str(line.service) if line.service else "",
                budget=line.budget,
                forecast_outturn=line.forecast_outturn,
                variance=line.variance,
                variance_words=line.variance_words,
                commentary=line.commentary,
                is_example=line.is_example,
            )
            for line in lines
        ),
        savings=SavingsDelivery(
            planned=summary["planned"],
            delivered=summary["delivered"],
            by_rag=tuple(SavingsRag(rag=r, words=w, planned=v) for w, r, v in summary["by_rag"]),
        ),
        reserves=tuple(
            ReserveLine(
                kind=b.kind,
                label=str(b.get_kind_display()),
                purpose=b.purpose,
                amount=b.amount,
                is_forecast=b.is_forecast,
                financial_year=b.financial_year,
                is_example=b.is_example,
            )
            for b in reserve_records
        ),
        sources=FinanceSources(forecast=tuple(_sources(lines)), reserves=tuple(_sources(reserve_records))),
    )


def _sources(records: Iterable[BudgetLine] | Iterable[ReserveBalance]) -> list[str]:
    return sorted({r.source.strip() for r in records if r.source.strip()})
