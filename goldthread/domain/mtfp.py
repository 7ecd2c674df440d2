"""Medium-term financial plan arithmetic: plain functions, no Django.

A plan starts from a base year whose budget was set balanced (a council must set a balanced
budget), so the gap in the base year is nil. Each later year adds pressures (pay, prices,
demand, other) to the budget requirement and changes funding (council tax, business rates,
grants). The cumulative gap in a year is the budget requirement less funding; the annual gap
is what is new in that year. Both are laid out as councils publish them: one row per year.

"Before mitigation" means before any council tax increase, savings or use of reserves, but
with the tax base as assumed (growth in the number of band D equivalent homes is a funding
assumption, not a decision). Percentages are per cent (2.99 means 2.99%); money is in pounds
(or any one unit, used throughout).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class PlanError(ValueError):
    """Inputs that do not make a plan (with a message for the person who entered them)."""


@dataclass(frozen=True)
class Base:
    """The base year as budgeted: its budget requirement and how it is funded."""

    year: str
    budget: Decimal
    council_tax: Decimal
    business_rates: Decimal = ZERO
    grants: Decimal = ZERO
    pay_bill: Decimal = ZERO  # the part of the budget that pay inflation applies to
    price_base: Decimal = ZERO  # the part that price inflation applies to
    demand_base: Decimal = ZERO  # demand-led budgets that demand growth applies to

    @property
    def funding(self) -> Decimal:
        return self.council_tax + self.business_rates + self.grants


@dataclass(frozen=True)
class PlanYear:
    """What the plan says about one later year, in money."""

    year: str
    other_pressures: Decimal = ZERO  # new recurring pressures not modelled as pay, prices or demand
    business_rates_change: Decimal = ZERO  # change on the previous year
    grants_change: Decimal = ZERO
    savings: Decimal = ZERO  # new recurring savings agreed for this year
    reserves_use: Decimal = ZERO  # one-off use of reserves in this year


@dataclass(frozen=True)
class Assumptions:
    """A scenario's assumptions for one year, in per cent."""

    core_increase: Decimal = ZERO
    precept_increase: Decimal = ZERO  # adult social care precept
    tax_base_growth: Decimal = ZERO
    pay_inflation: Decimal = ZERO
    price_inflation: Decimal = ZERO
    demand_growth: Decimal = ZERO

    @property
    def council_tax_increase(self) -> Decimal:
        return self.core_increase + self.precept_increase


@dataclass(frozen=True)
class YearResult:
    year: str
    pay_pressure: Decimal
    price_pressure: Decimal
    demand_pressure: Decimal
    other_pressures: Decimal
    budget_requirement: Decimal
    council_tax_before_increase: Decimal
    council_tax: Decimal
    business_rates: Decimal
    grants: Decimal
    cumulative_gap_before_mitigation: Decimal
    annual_gap_before_mitigation: Decimal
    council_tax_increase_yield: Decimal  # cumulative extra council tax from increases
    cumulative_savings: Decimal
    reserves_use: Decimal
    cumulative_remaining_gap: Decimal
    annual_remaining_gap: Decimal

    @property
    def pressures(self) -> Decimal:
        return self.pay_pressure + self.price_pressure + self.demand_pressure + self.other_pressures

    @property
    def total_funding(self) -> Decimal:
        return self.council_tax + self.business_rates + self.grants


@dataclass(frozen=True)
class Projection:
    base: Base
    years: list[YearResult] = field(default_factory=list)

    @property
    def total_gap_before_mitigation(self) -> Decimal:
        return self.years[-1].cumulative_gap_before_mitigation if self.years else ZERO

    @property
    def total_remaining_gap(self) -> Decimal:
        return self.years[-1].cumulative_remaining_gap if self.years else ZERO


def pct(value: Decimal, percent: Decimal) -> Decimal:
    return value * percent / HUNDRED


def grow(value: Decimal, percent: Decimal) -> Decimal:
    return value + pct(value, percent)


def project(base: Base, years: list[PlanYear], assumptions: list[Assumptions]) -> Projection:
    """The plan year by year under one scenario's assumptions (one ``Assumptions`` per year)."""
    if len(years) != len(assumptions):
        raise PlanError(f"the scenario has {len(assumptions)} years of assumptions but the plan has {len(years)}")
    pay, prices, demand = base.pay_bill, base.price_base, base.demand_base
    requirement = base.budget
    ct_frozen = ct = base.council_tax
    rates, grants = base.business_rates, base.grants
    savings = ZERO
    previous_gap = previous_remaining = ZERO
    results = []
    for plan_year, a in zip(years, assumptions, strict=True):
        pay_p, price_p, demand_p = (
            pct(pay, a.pay_inflation),
            pct(prices, a.price_inflation),
            pct(demand, a.demand_growth),
        )
        pay, prices, demand = pay + pay_p, prices + price_p, demand + demand_p
        requirement += pay_p + price_p + demand_p + plan_year.other_pressures
        ct_frozen = grow(ct_frozen, a.tax_base_growth)
        ct = grow(grow(ct, a.council_tax_increase), a.tax_base_growth)
        rates += plan_year.business_rates_change
        grants += plan_year.grants_change
        savings += plan_year.savings
        # The gap is measured from the balanced base year, so it does not depend on whether the
        # base funding was split exactly between business rates and grants.
        gap = (requirement - base.budget) - ((ct_frozen + rates + grants) - base.funding)
        remaining = gap - (ct - ct_frozen) - savings - plan_year.reserves_use
        results.append(
            YearResult(
                year=plan_year.year,
                pay_pressure=pay_p,
                price_pressure=price_p,
                demand_pressure=demand_p,
                other_pressures=plan_year.other_pressures,
                budget_requirement=requirement,
                council_tax_before_increase=ct_frozen,
                council_tax=ct,
                business_rates=rates,
                grants=grants,
                cumulative_gap_before_mitigation=gap,
                annual_gap_before_mitigation=gap - previous_gap,
                council_tax_increase_yield=ct - ct_frozen,
                cumulative_savings=savings,
                reserves_use=plan_year.reserves_use,
                cumulative_remaining_gap=remaining,
                annual_remaining_gap=remaining - previous_remaining,
            )
        )
        previous_gap, previous_remaining = gap, remaining
    return Projection(base=base, years=results)


def annual_gap_in_year(previous: YearResult | None, current: YearResult) -> Decimal:
    """The new gap in one year computed from that year's own movements (new pressures less new
    funding), not from the cumulative figures: the two must agree."""
    if previous is None:
        raise PlanError("the first year's movements need the base year")
    new_spend = current.budget_requirement - previous.budget_requirement
    new_funding = (
        current.council_tax_before_increase
        - previous.council_tax_before_increase
        + current.business_rates
        - previous.business_rates
        + current.grants
        - previous.grants
    )
    return new_spend - new_funding


def first_year_gap(base: Base, first: YearResult) -> Decimal:
    new_spend = first.budget_requirement - base.budget
    new_funding = first.council_tax_before_increase + first.business_rates + first.grants - base.funding
    return new_spend - new_funding


def council_tax_yield_needed(gap_to_close: Decimal, yearly_increase: Decimal, years: int) -> Decimal:
    """The base-year council tax yield at which ``yearly_increase`` per cent a year, compounded for
    ``years`` years, raises ``gap_to_close``. Used to derive the example plan from published gaps."""
    if years < 1 or yearly_increase <= 0:
        raise PlanError("need at least one year and an increase above nil")
    factor = (1 + yearly_increase / HUNDRED) ** years - 1
    return gap_to_close / factor


# --- council tax referendum ----------------------------------------------------------------


@dataclass(frozen=True)
class ReferendumRule:
    """The referendum principle for one year and class of authority: an increase in the core
    of ``core_limit`` per cent *or more* is excessive, and so is a total increase of
    ``core_limit + precept_limit`` or more (the adult social care precept adds up to
    ``precept_limit``)."""

    year: str
    core_limit: Decimal
    precept_limit: Decimal = ZERO


@dataclass(frozen=True)
class ReferendumCheck:
    year: str
    needed: bool | None  # None: no principle is held for that year
    words: str


def referendum_check(year: str, core: Decimal, precept: Decimal, rule: ReferendumRule | None) -> ReferendumCheck:
    total = core + precept
    if core <= 0 and precept <= 0:
        return ReferendumCheck(year, False, f"{year}: no increase, so no referendum is needed.")
    if rule is None:
        return ReferendumCheck(
            year, None, f"{year}: no referendum limit is held for this year, so this increase cannot be checked."
        )
    if core >= rule.core_limit or total >= rule.core_limit + rule.precept_limit:
        return ReferendumCheck(
            year,
            True,
            f"{year}: an increase of {_p(core)} core plus {_p(precept)} precept ({_p(total)} in all) would need a "
            f"referendum: the limit is below {_p(rule.core_limit)} core plus {_p(rule.precept_limit)} precept.",
        )
    return ReferendumCheck(
        year,
        False,
        f"{year}: {_p(total)} in all is within the referendum limit (below {_p(rule.core_limit)} core plus "
        f"{_p(rule.precept_limit)} precept).",
    )


def _p(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value != value.to_integral() else format(value.to_integral(), "f")
    return f"{text}%"
