"""The quarterly cycle in a real browser: an editor submits a value, the performance team approves
it, opens the Cabinet report from the scorecard, locks the period as reported, and a later
correction shows as a revision beside what Cabinet saw. Every page passes axe."""

import pytest
from django.conf import settings

from goldthread.performance.models import MeasureValue, ValueRevision

from .conftest import axe, sign_in

MEASURE = "CYP-01"  # NEET: children's services, which the demo editor edits
# CYP-01 is a calendar-year measure: its 2023 figure is the position only once 2023 has ended, so the
# journey reports 2023-24 Q4 (to 31 March 2024), whose pack shows it, as at that quarter.
PERIOD = "2023-24 Q4"


def _open_measure(page, base_url, reference):
    page.goto(f"{base_url}/performance/measures/{reference}/")
    page.wait_for_load_state()


@pytest.mark.browser
def test_submit_approve_report_lock_and_revise(example_council, live_server, page):
    base = live_server.url

    # An editor enters and submits a value.
    sign_in(page, base, "editor", settings.GOLDTHREAD_DEMO_PASSWORD)
    _open_measure(page, base, MEASURE)
    page.get_by_role("link", name="Enter a value").click()
    page.get_by_label("Period", exact=True).fill("2023")
    page.get_by_label("Value", exact=True).fill("2.8")
    page.get_by_role("button", name="Save value").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Submit").first.click()
    page.wait_for_load_state()
    assert MeasureValue.objects.get(measure__reference=MEASURE, period="2023").status == "submitted"
    page.context.clear_cookies()

    # The performance team approves it from the list of values awaiting approval.
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/performance/")
    page.get_by_role("row").filter(has_text=MEASURE).get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    assert MeasureValue.objects.get(measure__reference=MEASURE, period="2023").status == "approved"

    # The scorecard offers the Cabinet report for its period; its preview passes axe.
    page.goto(f"{base}/performance/scorecard/?period={PERIOD}")
    page.get_by_role("link", name=f"Quarterly report to Cabinet for {PERIOD}").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Appendix A – Performance scorecard by priority" in main and "Exceptions" in main
    axe(page)

    # Lock the period as reported.
    page.goto(f"{base}/performance/reported/")
    page.get_by_label("Period reported").fill(PERIOD)
    page.get_by_label("Reported to").fill("Cabinet, 7 December 2023")
    axe(page)
    page.get_by_role("button", name="Lock the period").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"{PERIOD} as reported to Cabinet")
    axe(page)

    # A correction without a reason is refused; with one it is a visible revision. (The correction form
    # carries the version of the value it shows, so it is opened from the value's own row.)
    _open_measure(page, base, MEASURE)
    page.get_by_role("link", name="Correct the 2023 value").click()
    page.get_by_label("Value", exact=True).fill("2.9")
    page.get_by_role("button", name="Save value").click()
    page.wait_for_load_state()
    assert "reported and is locked" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.get_by_label("Reason for the change").fill("DfE revised the NEET figure")
    page.get_by_role("button", name="Save value").click()
    page.wait_for_load_state()
    assert ValueRevision.objects.get().reason == "DfE revised the NEET figure"
    main = page.locator("main").inner_text()
    assert "Revisions after reporting" in main and "DfE revised the NEET figure" in main
    axe(page)
