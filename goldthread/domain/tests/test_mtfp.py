"""MTFP arithmetic: the gap computed two ways agrees, council tax never widens it, referendum boundary."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldthread.domain.mtfp import (
    Assumptions,
    Base,
    PlanError,
    PlanYear,
    ReferendumRule,
    annual_gap_in_year,
    council_tax_yield_needed,
    first_year_gap,
    project,
    referendum_check,
)

money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
signed_money = st.decimals(min_value=-(10**5), max_value=10**5, places=2, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=0, max_value=10, places=2, allow_nan=False, allow_infinity=False)

bases = st.builds(
    Base,
    year=st.just("2023-24"),
    budget=money,
    council_tax=money,
    business_rates=money,
    grants=money,
    pay_bill=money,
    price_base=money,
    demand_base=money,
)
plan_years = st.builds(
    PlanYear,
    year=st.just("year"),
    other_pressures=signed_money,
    business_rates_change=signed_money,
    grants_change=signed_money,
    savings=money,
    reserves_use=money,
)
assumption = st.builds(
    Assumptions,
    core_increase=percent,
    precept_increase=percent,
    tax_base_growth=percent,
    pay_inflation=percent,
    price_inflation=percent,
    demand_growth=percent,
)


@st.composite
def plans(draw):
    n = draw(st.integers(min_value=1, max_value=5))
    return (
        draw(bases),
        draw(st.lists(plan_years, min_size=n, max_size=n)),
        draw(st.lists(assumption, min_size=n, max_size=n)),
    )


@given(plans())
@settings(max_examples=60)
def test_the_gap_is_the_same_year_by_year_or_cumulatively(plan):
    base, years, assumptions = plan
    result = project(base, years, assumptions).years
    by_year = [first_year_gap(base, result[0])] + [
        annual_gap_in_year(prev, cur) for prev, cur in zip(result, result[1:], strict=False)
    ]
    running = Decimal(0)
    for computed, row in zip(by_year, result, strict=True):
        running += computed
        assert abs(computed - row.annual_gap_before_mitigation) < Decimal("0.0001")
        assert abs(running - row.cumulative_gap_before_mitigation) < Decimal("0.0001")
    assert abs(sum(r.annual_remaining_gap for r in result) - result[-1].cumulative_remaining_gap) < Decimal("0.0001")


@given(plans(), percent, percent)
@settings(max_examples=60)
def test_raising_council_tax_never_increases_the_gap(plan, low, extra):
    base, years, assumptions = plan
    lower = [Assumptions(**{**a.__dict__, "core_increase": low}) for a in assumptions]
    higher = [Assumptions(**{**a.__dict__, "core_increase": low + extra}) for a in assumptions]
    a, b = project(base, years, lower), project(base, years, higher)
    for x, y in zip(a.years, b.years, strict=True):
        assert y.cumulative_remaining_gap <= x.cumulative_remaining_gap
        # Council tax is mitigation: the gap before mitigation does not move.
        assert y.cumulative_gap_before_mitigation == x.cumulative_gap_before_mitigation


@given(plans(), money)
@settings(max_examples=40)
def test_savings_reduce_the_remaining_gap_pound_for_pound(plan, extra):
    base, years, assumptions = plan
    more = [PlanYear(**{**years[0].__dict__, "savings": years[0].savings + extra}), *years[1:]]
    a, b = project(base, years, assumptions), project(base, more, assumptions)
    assert abs((a.total_remaining_gap - b.total_remaining_gap) - extra) < Decimal("0.0001")


def test_pressures_and_funding_make_the_gap():
    base = Base("2023-24", Decimal(100), council_tax=Decimal(60), grants=Decimal(40), pay_bill=Decimal(50))
    years = [PlanYear("2024-25", other_pressures=Decimal(3), grants_change=Decimal(-1))]
    row = project(base, years, [Assumptions(pay_inflation=Decimal(4), core_increase=Decimal(5))]).years[0]
    assert row.pay_pressure == 2
    assert row.budget_requirement == 105
    assert row.cumulative_gap_before_mitigation == 6  # 2 pay + 3 other + 1 grant lost
    assert row.council_tax == 63
    assert row.cumulative_remaining_gap == 3


def test_the_scenario_must_cover_every_year():
    with pytest.raises(PlanError, match="1 years of assumptions but the plan has 2"):
        project(Base("2023-24", Decimal(1), Decimal(1)), [PlanYear("a"), PlanYear("b")], [Assumptions()])


def test_yield_needed_inverts_compound_growth():
    ct = council_tax_yield_needed(Decimal("25.2"), Decimal("4.99"), 3)
    assert round(ct * ((1 + Decimal("0.0499")) ** 3 - 1), 6) == Decimal("25.2")


RULE = ReferendumRule("2024-25", core_limit=Decimal("3"), precept_limit=Decimal("2"))


@pytest.mark.parametrize(
    "core,precept,needed",
    [
        ("2.99", "2", False),
        ("3", "0", True),
        ("3", "2", True),
        ("2.99", "2.01", True),
        ("0", "0", False),
        ("2.5", "2.5", True),
        ("1.99", "1", False),
    ],
)
def test_referendum_boundary(core, precept, needed):
    check = referendum_check("2024-25", Decimal(core), Decimal(precept), RULE)
    assert check.needed is needed
    assert ("would need a referendum" in check.words) is needed


@given(st.decimals(min_value=0, max_value=20, places=2), st.decimals(min_value=0, max_value=5, places=2))
def test_referendum_needed_exactly_at_or_above_the_limits(core, precept):
    needed = referendum_check("y", core, precept, RULE).needed
    assert needed is (core >= 3 or core + precept >= 5)


def test_no_limit_held_cannot_be_checked():
    check = referendum_check("2026-27", Decimal("2.99"), Decimal(2), None)
    assert check.needed is None and "no referendum limit is held" in check.words
