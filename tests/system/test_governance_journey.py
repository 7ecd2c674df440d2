"""The policy register and the Best Value self-assessment in a browser: the performance officer sees the
example register with its overdue ICT strategy, rates a theme and dismisses a flag with a reason; every
page passes axe."""

import pytest
from django.conf import settings

from goldthread.governance.models import FlagDecision, ThemeAssessment

from .conftest import axe, sign_in


@pytest.mark.browser
def test_register_and_best_value_pages(example_council, live_server, page):
    base = live_server.url
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/governance/policies/")
    row = page.get_by_role("row").filter(has_text="ICT strategy 2021-2023")
    assert "Overdue for review" in row.inner_text()
    axe(page)
    page.get_by_role("link", name="ICT strategy 2021-2023").click()
    axe(page)

    page.goto(f"{base}/governance/best-value/")
    axe(page)
    page.get_by_role("link", name="Governance", exact=True).click()
    axe(page)
    page.get_by_label("Rating").select_option("needs_improvement")
    page.get_by_role("button", name="Save rating and narrative").click()
    assert ThemeAssessment.objects.get(theme="governance").rating == "needs_improvement"
    card = page.locator(".govuk-summary-card").filter(has_text="ICT strategy 2021-2023 is past its review date")
    card.get_by_label("Dismissed").check()
    card.get_by_label("Reason").fill("A new digital strategy goes to Cabinet next month")
    card.get_by_role("button", name="Record decision").click()
    assert FlagDecision.objects.get(key__startswith="policy:").decision == "dismissed"
    assert "A new digital strategy goes to Cabinet next month" in page.content()
    axe(page)
