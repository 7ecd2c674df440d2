"""Finance API: same permissions as the pages."""

from decimal import Decimal

import pytest

from goldthread.council.models import Role
from goldthread.finance.models import BudgetLine, MtfpPlan, MtfpScenario, MtfpYear


def test_an_editor_enters_a_line_and_members_do_not_see_it_until_approved(client_for, directorate):
    editor = client_for(Role.EDITOR)
    response = editor.post(
        "/api/finance/budget-lines",
        {"directorate": "childrens", "period": "2023-06", "budget": "80,100,000", "forecast_outturn": "85100000"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["variance"] == "5000000.00" and body["variance_words"] == "Overspend" and body["status"] == "draft"
    line_id = body["id"]
    assert client_for(Role.MEMBER).get("/api/finance/budget-lines").json() == []
    editor = client_for(Role.EDITOR)
    assert editor.post(f"/api/finance/budget-lines/{line_id}/review", {"action": "submit", "version": 1},
                       content_type="application/json").status_code == 200  # fmt: skip
    assert editor.post(f"/api/finance/budget-lines/{line_id}/review", {"action": "approve", "version": 2},
                       content_type="application/json").status_code == 403  # fmt: skip
    perf = client_for(Role.PERFORMANCE)
    assert perf.post(f"/api/finance/budget-lines/{line_id}/review", {"action": "approve", "version": 2},
                     content_type="application/json").json()["status"] == "approved"  # fmt: skip
    assert [r["period"] for r in client_for(Role.MEMBER).get("/api/finance/budget-lines").json()] == ["2023-06"]


@pytest.mark.parametrize(
    "payload,message",
    [
        ({"directorate": "nowhere", "period": "2023-06", "budget": "1"}, "no directorate 'nowhere'"),
        ({"directorate": "childrens", "period": "someday", "budget": "1"}, "is not a period"),
        ({"directorate": "childrens", "period": "2023-06", "budget": "lots"}, "is not an amount of money"),
    ],
)
def test_bad_input_is_a_clear_error(client_for, directorate, payload, message):
    response = client_for(Role.EDITOR).post("/api/finance/budget-lines", payload, content_type="application/json")
    assert response.status_code == 422 and message in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_members_cannot_enter_lines(client_for, directorate):
    response = client_for(Role.MEMBER).post(
        "/api/finance/budget-lines", {"directorate": "childrens", "period": "2023-06", "budget": "1"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403


def test_scenarios_through_the_api(client_for, council):
    plan = MtfpPlan.objects.create(council=council, code="p", name="P", base_year="2023-24", base_budget=100,
                                   base_council_tax=60, base_grants=40)  # fmt: skip
    MtfpYear.objects.create(plan=plan, year="2024-25", other_pressures=10)
    payload = {"name": "Max council tax", "years": {"2024-25": {"core_increase": "2.99", "precept_increase": "2"}}}
    assert client_for(Role.MEMBER).put("/api/finance/mtfp/p/scenarios/max", payload,
                                       content_type="application/json").status_code == 403  # fmt: skip
    response = client_for(Role.PERFORMANCE).put("/api/finance/mtfp/p/scenarios/max", payload,
                                                content_type="application/json")  # fmt: skip
    assert response.status_code == 200
    year = response.json()["scenarios"][0]["years"][0]
    assert year["cumulative_gap_before_mitigation"] == "10.00"
    assert MtfpScenario.objects.get(code="max").years.get().core_increase == Decimal("2.99")
    bad = {"name": "x", "years": {"2024-25": {"core_increase": "lots"}}}
    response = client_for(Role.PERFORMANCE).put("/api/finance/mtfp/p/scenarios/x", bad, content_type="application/json")
    assert response.status_code == 422 and "is not a percentage" in response.content.decode()


def test_reserves_and_summary_read(client_for):
    assert client_for(Role.OFFICER).get("/api/finance/reserves").status_code == 200
    assert client_for(Role.MEMBER).get("/api/finance/summary?period=2023-24").status_code == 200
    assert client_for(Role.MEMBER).get("/api/finance/summary?period=nope").status_code == 422


def test_the_summary_json_keeps_its_keys(client_for, draft_line, users):
    """The summary is a dataclass in Python; its JSON has the keys it always had."""
    from goldthread.finance import services

    services.submit(obj=draft_line, user=users["editor"])
    services.approve(obj=draft_line, user=users["performance"])
    body = client_for(Role.MEMBER).get("/api/finance/summary?period=2023-24 Q2").json()
    assert list(body) == [
        "financial_year",
        "position_period",
        "forecast_by_directorate",
        "savings",
        "reserves",
        "sources",
    ]
    assert (body["financial_year"], body["position_period"]) == ("2023-24", "2023-06")
    [line] = body["forecast_by_directorate"]
    assert list(line) == [
        "directorate",
        "service",
        "budget",
        "forecast_outturn",
        "variance",
        "variance_words",
        "commentary",
        "is_example",
    ]
    assert (line["variance"], line["commentary"], line["is_example"]) == ("5000000.00", "Placements", False)
    assert body["savings"] == {"planned": "0", "delivered": None, "by_rag": []}
    assert body["reserves"] == [] and body["sources"] == {"forecast": [], "reserves": []}
