"""Finance pages: who may see and do what, the review cycle, downloads, resilience."""

from decimal import Decimal

import pytest
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.finance import services
from goldthread.finance.models import BudgetLine, LineStatus, MtfpPlan, MtfpScenario, MtfpYear, ScenarioYear

READ_PAGES = ["index", "position", "trend", "savings", "capital", "mtfp", "reserves", "resilience"]


@pytest.fixture
def plan(council):
    plan = MtfpPlan.objects.create(
        council=council, code="plan", name="Plan 2024-27", base_year="2023-24", base_budget=Decimal(100),
        base_council_tax=Decimal(60), base_grants=Decimal(40),
    )  # fmt: skip
    for year in ("2024-25", "2025-26"):
        MtfpYear.objects.create(plan=plan, year=year, other_pressures=Decimal(5))
    scenario = MtfpScenario.objects.create(plan=plan, code="high", name="High council tax")
    for year in ("2024-25", "2025-26"):
        ScenarioYear.objects.create(scenario=scenario, year=year, core_increase=Decimal(4))
    return plan


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("page", READ_PAGES)
def test_every_role_can_read_the_finance_pages(client_for, role, page, plan):
    assert client_for(role).get(reverse(f"finance:{page}")).status_code == 200


@pytest.mark.parametrize("role,status", [(r, 200 if r == Role.PERFORMANCE else 403) for r in Role.values])
def test_only_the_performance_team_edits_scenarios_and_reserves(client_for, role, status, plan):
    client = client_for(role)
    assert client.get(reverse("finance:scenario-edit", args=["plan", "high"])).status_code == status
    assert client.get(reverse("finance:plan-year-edit", args=["plan", "2024-25"])).status_code == status
    assert client.get(reverse("finance:reserve-new")).status_code == status


@pytest.mark.parametrize(
    "role,status", [(Role.PERFORMANCE, 200), (Role.EDITOR, 200), (Role.MEMBER, 403), (Role.AUDITOR, 403),
                    (Role.HR, 403), (Role.OFFICER, 403)],
)  # fmt: skip
def test_who_may_enter_budget_lines(client_for, role, status):
    assert client_for(role).get(reverse("finance:item-new", args=["budget"])).status_code == status


def test_members_see_approved_lines_only(client_for, draft_line, users):
    url = reverse("finance:item", args=["budget", draft_line.pk])
    assert client_for(Role.MEMBER).get(url).status_code == 404
    position = client_for(Role.MEMBER).get(reverse("finance:position"))
    assert b"There are no budget lines approved yet" in position.content
    assert b"awaiting approval" not in position.content  # a draft nobody has submitted awaits nothing
    services.submit(obj=draft_line, user=users["editor"])
    position = client_for(Role.MEMBER).get(reverse("finance:position"))
    assert b"1 budget line is awaiting approval and not shown here" in position.content
    services.approve(obj=draft_line, user=users["performance"])
    page = client_for(Role.MEMBER).get(reverse("finance:position")).content.decode()
    assert "80.1" in page and "85.1" in page and "+5.0" in page and "Overspend" in page and "6.2%" in page


def test_the_review_cycle_through_the_pages(client_for, draft_line):
    editor = client_for(Role.EDITOR)
    editor.post(reverse("finance:item-review", args=["budget", draft_line.pk, "submit"]), {"version": 1})
    draft_line.refresh_from_db()
    assert draft_line.status == LineStatus.SUBMITTED
    # An editor cannot approve their own line.
    v = draft_line.version
    editor.post(reverse("finance:item-review", args=["budget", draft_line.pk, "approve"]), {"version": v})
    draft_line.refresh_from_db()
    assert draft_line.status == LineStatus.SUBMITTED
    perf = client_for(Role.PERFORMANCE)
    response = perf.post(
        reverse("finance:item-review", args=["budget", draft_line.pk, "return"]), {"reason": "", "version": v}
    )
    draft_line.refresh_from_db()
    assert draft_line.status == LineStatus.SUBMITTED and response.status_code == 302
    perf.post(
        reverse("finance:item-review", args=["budget", draft_line.pk, "return"]),
        {"reason": "Add commentary", "version": v},
    )
    draft_line.refresh_from_db()
    assert draft_line.status == LineStatus.RETURNED and draft_line.return_reason == "Add commentary"
    actions = [c.action for c in history_for(draft_line)]
    assert actions == ["return", "submit", "create"]


def test_changing_an_approved_line_needs_a_reason_and_goes_back_to_draft(council, directorate, draft_line, users):
    services.submit(obj=draft_line, user=users["editor"])
    services.approve(obj=draft_line, user=users["performance"])
    kwargs = dict(council=council, user=users["editor"], directorate=directorate, period_text="2023-06",
                  budget=Decimal("80100000"), forecast_outturn=Decimal("86000000"), line=draft_line)  # fmt: skip
    with pytest.raises(services.FinanceError, match="give a reason"):
        services.budget_line_save(**kwargs)
    services.budget_line_save(**kwargs, reason="Updated placements forecast")
    draft_line.refresh_from_db()
    assert draft_line.status == LineStatus.DRAFT and draft_line.forecast_outturn == 86000000
    change = history_for(draft_line).first()
    assert change.reason == "Updated placements forecast"
    assert change.changes["forecast_outturn"] == ["85100000", "86000000"]


def test_an_editor_cannot_enter_lines_for_another_directorate(council, other_directorate, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.budget_line_save(
            council=council, user=users["editor"], directorate=other_directorate, period_text="2023-06",
            budget=Decimal(1), forecast_outturn=None,
        )  # fmt: skip


def test_entering_a_line_through_the_form(client_for, directorate):
    response = client_for(Role.EDITOR).post(
        reverse("finance:item-new", args=["budget"]),
        {"directorate": directorate.pk, "period": "June 2023", "budget": "1000", "forecast_outturn": "900"},
    )
    line = BudgetLine.objects.get()
    assert response.status_code == 302 and line.period == "2023-06" and line.financial_year == "2023-24"
    assert line.variance == -100 and line.variance_words == "Underspend"


def test_a_bad_period_is_a_clear_error(client_for, directorate):
    response = client_for(Role.EDITOR).post(
        reverse("finance:item-new", args=["budget"]),
        {"directorate": directorate.pk, "period": "sometime", "budget": "1000"},
    )
    assert response.status_code == 200 and b"is not a period" in response.content
    assert not BudgetLine.objects.exists()


def test_trend_shows_a_chart_and_table(council, directorate, users, client_for):
    for month, forecast in (("2023-06", 82), ("2023-07", 84), ("2023-08", 85)):
        services.budget_line_save(
            council=council, user=users["performance"], directorate=directorate, period_text=month,
            budget=Decimal(80e6), forecast_outturn=Decimal(forecast * 10**6),
        )  # fmt: skip
    page = client_for(Role.PERFORMANCE).get(reverse("finance:trend")).content.decode()
    assert "<svg" in page and "2023-07" in page and "84.0" in page


def test_scenario_editing_saves_and_warns_of_a_referendum(client_for, plan, users):
    from goldthread.finance.models import ReferendumLimit

    ReferendumLimit.objects.create(year="2024-25", core_limit=3, precept_limit=2, source="Principles report")
    data = {"name": "High council tax", "description": "", "reason": "Cabinet asked"}
    for year in ("2024-25", "2025-26"):
        data |= {f"{year}__{k}": "0" for k in services.SCENARIO_YEAR_FIELDS}
    data["2024-25__core_increase"] = "3.5"
    data["version"] = MtfpScenario.objects.get(code="high").version
    response = client_for(Role.PERFORMANCE).post(reverse("finance:scenario-edit", args=["plan", "high"]), data)
    assert response.status_code == 302
    page = client_for(Role.MEMBER).get(reverse("finance:mtfp-plan", args=["plan"])).content.decode()
    assert "would need a referendum" in page and "Would need a referendum" in page
    scenario = MtfpScenario.objects.get(code="high")
    assert history_for(scenario).first().changes["2024-25 core_increase"] == ["4", "3.5"]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_downloads(client_for, draft_line, plan, fmt):
    client = client_for(Role.PERFORMANCE)
    budget = client.get(reverse("finance:budget-report", args=[fmt]))
    assert budget.status_code == 200 and budget["Content-Disposition"].endswith(f'.{fmt}"')
    mtfp = client.get(reverse("finance:mtfp-report", args=["plan", fmt]))
    assert mtfp.status_code == 200 and len(mtfp.content) > 1000


def test_finance_summary_for_the_quarterly_pack(council, draft_line, users):
    from goldthread.finance.documents import finance_summary

    assert finance_summary(council, "2023-24 Q2").forecast_by_directorate == ()  # not approved yet
    services.submit(obj=draft_line, user=users["editor"])
    services.approve(obj=draft_line, user=users["performance"])
    summary = finance_summary(council, "2023-24 Q2")
    assert summary.position_period == "2023-06"
    assert summary.forecast_by_directorate[0].variance == 5000000
    assert finance_summary(council, "2023-24 Q1").position_period == "2023-06"


def test_savings_and_capital_through_the_forms(client_for, directorate):
    from goldthread.finance.models import CapitalScheme, SavingsPlan

    editor = client_for(Role.EDITOR)
    response = editor.post(
        reverse("finance:item-new", args=["savings"]),
        {"directorate": directorate.pk, "financial_year": "2023/24", "description": "Agency reduction",
         "planned": "1000000", "delivered": "250000", "rag": "amber", "rag_reason": ""},
    )  # fmt: skip
    assert b"Give the reason for the delivery rating" in response.content and not SavingsPlan.objects.exists()
    editor.post(
        reverse("finance:item-new", args=["savings"]),
        {"directorate": directorate.pk, "financial_year": "2023/24", "description": "Agency reduction",
         "planned": "1000000", "delivered": "250000", "rag": "amber", "rag_reason": "Recruitment is slow"},
    )  # fmt: skip
    plan = SavingsPlan.objects.get()
    assert plan.financial_year == "2023-24" and plan.shortfall == 750000
    page = client_for(Role.PERFORMANCE).get(reverse("finance:savings")).content.decode()
    assert "At risk" in page and "Recruitment is slow" in page
    editor.post(
        reverse("finance:item-new", args=["capital"]),
        {"directorate": directorate.pk, "name": "Family hubs", "first_year": "2023-24", "last_year": "2025-26",
         "budget": "2000000", "spend_to_date": "", "forecast": ""},
    )  # fmt: skip
    assert CapitalScheme.objects.get().years == "2023-24 to 2025-26"


def test_reserves_are_entered_by_the_performance_team_with_history(client_for):
    from goldthread.finance.models import ReserveBalance

    perf = client_for(Role.PERFORMANCE)
    data = {"financial_year": "2023-24", "kind": "dsg_deficit", "amount": "24000000", "is_forecast": "on",
            "override_ends": "31 March 2026"}  # fmt: skip
    assert perf.post(reverse("finance:reserve-new"), data).status_code == 302
    duplicate = perf.post(reverse("finance:reserve-new"), data)
    assert b"already has a balance for that year" in duplicate.content
    reserve = ReserveBalance.objects.get()
    edit = {**data, "amount": "25000000", "reason": "Update", "version": reserve.version}
    perf.post(reverse("finance:reserve-edit", args=[reserve.pk]), edit)
    assert history_for(reserve).first().changes["amount"] == ["24000000", "25000000"]
    page = client_for(Role.MEMBER).get(reverse("finance:reserves")).content.decode()
    assert "Statutory override ends: 31 March 2026" in page and "£25.0m" in page


def test_setting_up_a_plan_and_a_referendum_limit(client_for):
    from goldthread.finance.models import ReferendumLimit

    perf = client_for(Role.PERFORMANCE)
    money = {k: "0" for k in ("base_business_rates", "pay_bill", "price_base", "demand_base")}
    data = {"code": "mtfp-2025-28", "name": "MTFP 2025-28", "base_year": "2024-25", "first_year": "2025-26",
            "last_year": "2027-28", "base_budget": "300000000", "base_council_tax": "170000000",
            "base_grants": "130000000", **money}  # fmt: skip
    assert perf.post(reverse("finance:plan-new"), data).status_code == 302
    plan = MtfpPlan.objects.get(code="mtfp-2025-28")
    assert list(plan.years.values_list("year", flat=True)) == ["2025-26", "2026-27", "2027-28"]
    bad = perf.post(reverse("finance:plan-new"), {**data, "code": "other", "first_year": "2023-24"})
    assert b"must start after the base year" in bad.content
    limit = {"year": "2026-27", "authority_class": "Social care authority", "core_limit": "3", "precept_limit": "2"}
    assert b"There is a problem" in perf.post(reverse("finance:limit-new"), {**limit, "source": " "}).content
    assert not ReferendumLimit.objects.exists()
    assert perf.post(reverse("finance:limit-new"), {**limit, "source": "Principles report 2026-27"}).status_code == 302
    assert ReferendumLimit.objects.get().year == "2026-27"
    assert client_for(Role.MEMBER).get(reverse("finance:limit-new")).status_code == 403
    assert client_for(Role.EDITOR).get(reverse("finance:plan-edit", args=["mtfp-2025-28"])).status_code == 403
    assert client_for(Role.PERFORMANCE).get(reverse("finance:plan-edit", args=["mtfp-2025-28"])).status_code == 200
