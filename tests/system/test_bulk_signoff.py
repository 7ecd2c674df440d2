"""Sign off a period in the browser: an editor's values and budget line, submitted in one go, are
approved together by the performance team from the sign-off page; the page passes axe."""

from decimal import Decimal

import pytest
from django.conf import settings

from goldthread.council.models import Directorate, User
from goldthread.finance import services as finance
from goldthread.finance.models import BudgetLine
from goldthread.performance import services
from goldthread.performance.models import Measure, MeasureValue

from .conftest import axe, sign_in

PERIOD = "2023-24 Q2"


def _editor_entries():
    editor = User.objects.get(username="editor")
    childrens = Directorate.objects.get(code="childrens")
    for i in (1, 2):
        measure = Measure.objects.create(
            council=childrens.council, reference=f"BULK-0{i}", title=f"Bulk measure {i}", directorate=childrens
        )
        services.value_record(measure=measure, period=PERIOD, value=str(10 * i), user=editor, version=0)
    finance.budget_line_save(
        council=childrens.council, user=editor, directorate=childrens, period_text="2023-08",
        budget=Decimal("1000000"), forecast_outturn=Decimal("1100000"),
    )  # fmt: skip


@pytest.mark.browser
def test_an_editor_submits_and_the_team_approves_a_period_in_one_go(example_council, live_server, page):
    base = live_server.url
    _editor_entries()

    sign_in(page, base, "editor", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/performance/")
    page.get_by_role("link", name="Sign off a period").click()
    page.get_by_label("Period").fill(PERIOD)
    page.get_by_role("button", name="Show this period").click()
    page.wait_for_load_state()
    axe(page)
    for label in ("BULK-01", "BULK-02", "Budget line"):
        page.get_by_role("checkbox", name=label).first.check()
    page.get_by_role("button", name="Submit the chosen items").click()
    page.wait_for_load_state()
    assert "3 submitted" in page.locator("main").inner_text()
    assert set(MeasureValue.objects.filter(measure__reference__startswith="BULK").values_list("status", flat=True)) == {
        "submitted"
    }
    page.context.clear_cookies()

    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/performance/sign-off/?period={PERIOD}")
    for label in ("BULK-01", "BULK-02", "Budget line"):
        page.get_by_role("checkbox", name=label).first.check()
    page.get_by_role("button", name="Approve the chosen items").click()
    page.wait_for_load_state()
    assert "3 approved" in page.locator("main").inner_text()
    axe(page)
    assert set(MeasureValue.objects.filter(measure__reference__startswith="BULK").values_list("status", flat=True)) == {
        "approved"
    }
    assert BudgetLine.objects.get(period="2023-08", directorate__code="childrens").status == "approved"
