"""Scrutiny in a browser: the member sees their committee's programme and tracker (and not others'); an
officer records Cabinet's response accepting a recommendation, with its action, and sees the action on the
committee's tracker; every page passes axe."""

import pytest
from django.conf import settings

from goldthread.improvement.models import Action

from .conftest import axe, sign_in


@pytest.mark.browser
def test_record_a_response_and_see_the_action_on_the_tracker(example_council, live_server, page):
    base = live_server.url
    password = settings.GOLDTHREAD_DEMO_PASSWORD

    sign_in(page, base, "member", password)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Scrutiny").click()
    main = page.locator("main")
    assert "Regulatory, Compliance and Corporate Services" in main.inner_text()
    assert "Audit and Governance Committee" not in main.inner_text()  # the member does not sit on it
    axe(page)
    page.get_by_role(
        "link",
        name="Overview and Scrutiny Committee (Regulatory, Compliance and Corporate Services) (example)",
        exact=True,
    ).click()
    assert "Performance reporting to Scrutiny and all members" in main.inner_text()
    assert "Reporting timetable" in main.inner_text()  # its quarterly meetings, read from the timetable
    axe(page)
    page.get_by_role("link", name="Recommendation tracker").click()
    assert "Record the response" not in main.inner_text()  # a member who is not in Cabinet does not respond
    axe(page)
    page.context.clear_cookies()

    sign_in(page, base, "officer", password)
    page.goto(f"{base}/scrutiny/committees/corporate-services/tracker/")
    row = page.get_by_role("row").filter(has_text="OSC24-R03")
    assert "Response overdue" in row.inner_text()
    row.get_by_role("link", name="Record the response").click()
    axe(page)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Date of the response").fill("2024-05-02")
    page.get_by_role("button", name="Record the response").click()  # no action described: refused
    assert "Describe the action" in page.locator("main").inner_text()
    axe(page)
    page.get_by_label("Action", exact=True).fill("Offer the external scrutiny training to every committee")
    page.get_by_label("Directorate").select_option(label="Corporate Resources and Customer Services")
    page.get_by_label("Action due").fill("2099-03-31")
    page.get_by_role("button", name="Record the response").click()
    page.wait_for_url("**/tracker/")
    action = Action.objects.get(recommendation__reference="OSC24-R03")
    row = page.get_by_role("row").filter(has_text="OSC24-R03")
    assert action.reference in row.inner_text()
    assert "Actions in progress" in row.inner_text()
    axe(page)
    row.get_by_role("link", name=action.reference).click()
    assert "Offer the external scrutiny training" in page.locator("main").inner_text()
    page.context.clear_cookies()

    # the performance team's pages, with their forms, pass axe too
    sign_in(page, base, "performance", password)
    page.goto(f"{base}/scrutiny/committees/corporate-services/")
    axe(page)
    page.get_by_role("link", name="Performance reporting to Scrutiny and all members (example review)").click()
    assert action.reference in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("link", name="Change", exact=True).click()
    axe(page)
    page.goto(f"{base}/scrutiny/committees/audit-governance/")
    assert "Independent Person" in page.locator("main").inner_text()
    page.get_by_role("link", name="Change the committee").click()
    axe(page)
