"""MTFP plans, plan years, scenarios and reserves: of two people editing the same record, the second is
refused (409) with what changed since, keeping what they typed, and nothing is overwritten."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from goldthread.council.models import Role
from goldthread.finance import services
from goldthread.finance.models import MtfpPlan, MtfpScenario, MtfpYear, ScenarioYear

YEARS = ("2024-25", "2025-26")


@pytest.fixture
def plan(council):
    plan = MtfpPlan.objects.create(
        council=council, code="plan", name="Plan 2024-27", base_year="2023-24", base_budget=Decimal(100),
        base_council_tax=Decimal(60), base_grants=Decimal(40),
    )  # fmt: skip
    for year in YEARS:
        MtfpYear.objects.create(plan=plan, year=year, other_pressures=Decimal(5))
    scenario = MtfpScenario.objects.create(plan=plan, code="high", name="High council tax")
    for year in YEARS:
        ScenarioYear.objects.create(scenario=scenario, year=year, core_increase=Decimal(4))
    return plan


@pytest.fixture
def two_people(make_user):
    clients = []
    for name in ("first", "second"):
        client = Client()
        client.user = make_user(Role.PERFORMANCE, username=name)
        client.force_login(client.user)
        clients.append(client)
    return clients


def _race(two_people, url, first: dict, second: dict):
    one, two = two_people
    assert one.post(url, first).status_code == 302
    response = two.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Somebody else changed this since you opened it" in html and f"changed by {one.user}" in html
    return html


def test_a_plan_edited_by_two_people_keeps_the_first_and_the_second_typed_text(plan, two_people):
    url = reverse("finance:plan-edit", args=["plan"])
    data = {"base_year": "2023-24", "base_budget": "100", "base_council_tax": "60", "base_grants": "40"}
    data |= {"base_business_rates": "0", "pay_bill": "0", "price_base": "0", "demand_base": "0"}
    data["version"] = plan.version
    html = _race(two_people, url, {**data, "name": "Plan (first)"}, {**data, "name": "Plan typed by the second person"})
    assert "Plan typed by the second person" in html and "Plan (first)" in html
    plan.refresh_from_db()
    assert plan.name == "Plan (first)"


def test_a_plan_year_edited_by_two_people_keeps_the_first(plan, two_people):
    row = plan.years.get(year="2024-25")
    url = reverse("finance:plan-year-edit", args=["plan", "2024-25"])
    data = {"business_rates_change": "0", "grants_change": "0", "savings": "0", "reserves_use": "0"}
    data["version"] = row.version
    html = _race(
        two_people,
        url,
        {**data, "other_pressures": "7", "note": "first note"},
        {**data, "other_pressures": "9", "note": "Typed by the second person"},
    )
    assert "Typed by the second person" in html
    row.refresh_from_db()
    assert (row.other_pressures, row.note) == (Decimal(7), "first note")


def test_a_scenario_edited_by_two_people_keeps_the_first(plan, two_people):
    scenario = plan.scenarios.get(code="high")
    url = reverse("finance:scenario-edit", args=["plan", "high"])
    data = {"description": "", "version": scenario.version}
    for year in YEARS:
        data |= {f"{year}__{k}": "0" for k in services.SCENARIO_YEAR_FIELDS}
    html = _race(two_people, url, {**data, "name": "High (first)"}, {**data, "name": "Very high, typed by the second"})
    assert "Very high, typed by the second" in html
    scenario.refresh_from_db()
    assert scenario.name == "High (first)"


def test_a_reserve_edited_by_two_people_keeps_the_first(council, users, two_people):
    reserve = services.reserve_save(
        council=council,
        user=users[Role.PERFORMANCE],
        values={"financial_year": "2023-24", "kind": "general", "amount": Decimal(1000)},
    )
    url = reverse("finance:reserve-edit", args=[reserve.pk])
    data = {"financial_year": "2023-24", "kind": "general", "version": reserve.version}
    html = _race(
        two_people,
        url,
        {**data, "amount": "2000", "note": "first"},
        {**data, "amount": "3000", "note": "Second's note"},
    )
    assert "Second&#x27;s note" in html or "Second's note" in html
    reserve.refresh_from_db()
    assert reserve.amount == Decimal(2000)
