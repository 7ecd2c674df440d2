"""The example council reproduces the seed's money figures (seed 000, section 4.4)."""

from decimal import Decimal

import pytest

from goldthread.council import example as council_example
from goldthread.finance import example, selectors
from goldthread.finance.models import BudgetLine, ReserveBalance, SavingsPlan

M = Decimal(1_000_000)


@pytest.fixture
def sefton(db):
    council = council_example.load(council=None, log=lambda *_: None, options={})
    example.load(council=council, log=lambda *_: None, options={"skip_benchmarks": True})
    return council


def _results(council):
    plan = selectors.plan_by_code(council, example.PLAN_CODE)
    return {r.scenario.code: r for r in selectors.scenario_results(plan)}


def test_gaps_before_mitigation_are_the_published_ones(sefton):
    before = _results(sefton)["before-mitigation"].projection
    annual = [(y.year, round(y.annual_gap_before_mitigation / M, 1)) for y in before.years]
    assert annual == [("2024-25", Decimal("14.3")), ("2025-26", Decimal("13.2")), ("2026-27", Decimal("16.7"))]
    assert round(before.total_gap_before_mitigation / M, 1) == Decimal("44.2")
    assert before.total_remaining_gap == before.total_gap_before_mitigation
    # written as the committee pack writes money ("£14.3m", never "£14.3 m")
    notes = [y.note for y in selectors.plan_by_code(sefton, example.PLAN_CODE).years.order_by("year")]
    assert notes[0].startswith("Gap before mitigation of £14.3m in 2024-25")


def test_council_tax_at_2_99_plus_2_percent_leaves_about_19_million(sefton):
    result = _results(sefton)["ct-2-99-precept-2"]
    assert round(result.projection.total_remaining_gap / M, 1) == Decimal("19.0")
    # Within the referendum limits held for 2024-25 and 2025-26; 2026-27 has no limit held.
    assert [c.needed for c in result.checks] == [False, False, None]
    assert not result.needs_referendum


def test_example_figures_keep_their_context(sefton):
    childrens = BudgetLine.objects.get(directorate__code="childrens", period="2023-24")
    assert (childrens.budget, childrens.forecast_outturn, childrens.variance) == (
        Decimal("80.1") * M,
        Decimal("85.1") * M,
        5 * M,
    )
    assert BudgetLine.objects.get(directorate__code="childrens", period="2022-23").budget == Decimal("52.9") * M
    assert SavingsPlan.objects.get(financial_year="2023-24").planned == Decimal("7.6") * M
    general = dict(ReserveBalance.objects.filter(kind="general").values_list("financial_year", "amount"))
    assert general == {"2021-22": Decimal("14.3") * M, "2022-23": Decimal(12) * M}
    dsg = ReserveBalance.objects.get(kind="dsg_deficit")
    assert dsg.amount == 24 * M and dsg.is_forecast and "2025-26" in dsg.override_ends


def test_loading_twice_changes_nothing(sefton):
    counts = [m.objects.count() for m in (BudgetLine, SavingsPlan, ReserveBalance)]
    example.load(council=sefton, log=lambda *_: None, options={"skip_benchmarks": True})
    assert [m.objects.count() for m in (BudgetLine, SavingsPlan, ReserveBalance)] == counts
