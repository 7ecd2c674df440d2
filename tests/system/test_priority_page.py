"""A priority's page in a browser: a member opens it from the priorities list, sees how its measures stand
(counts, a chart and each measure's sparkline and narrative), its risks, actions and money, moves it to
another period, and every page passes axe. The home page's position at a glance links to it."""

import pytest
from django.conf import settings

from .conftest import axe, sign_in


@pytest.mark.browser
def test_a_member_reads_a_priority_as_at_a_period(example_council, live_server, page):
    base = live_server.url
    sign_in(page, base, "member", settings.GOLDTHREAD_DEMO_PASSWORD)
    glance = page.get_by_role("table", name="Measures by status for each priority")
    assert glance.get_by_role("img").count() >= 1  # the small charts, each with its counts in words
    axe(page)
    glance.get_by_role("link", name="Protect the most vulnerable").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Protect the most vulnerable"
    for heading in ("Measures", "Risks", "Improvement actions", "Money"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    measures = page.get_by_role("table", name="Measures for this priority")
    assert measures.get_by_role("row").count() > 1
    sparkline = measures.get_by_role("img").first
    assert "trend from" in sparkline.get_attribute("aria-label")
    assert page.get_by_role("img", name="measures by status against target").is_visible()
    assert page.get_by_text("From the figures:").first.is_visible()
    assert page.get_by_role("table", name="Risks linked to this priority").get_by_text("appetite").first.is_visible()
    axe(page)

    page.get_by_label("Show this priority as at the end of").select_option("2023-24 Q1")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "period=2023-24+Q1" in page.url
    assert page.get_by_text("As at 30 June 2023: measures for 2023-24 Q1").is_visible()
    assert page.get_by_text("No open risks were linked to this priority on 30 June 2023.").is_visible()
    axe(page)

    page.goto(f"{base}/council/priorities/protect-vulnerable/?period=2023-24+Q9")
    assert page.get_by_role("alert").is_visible()
    axe(page)
