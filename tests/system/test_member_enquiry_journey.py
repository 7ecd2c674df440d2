"""A member raises an enquiry, the performance team routes it to an officer, the officer answers and the
member sees the answer and closes it; every page (and the complaints page) passes axe."""

import pytest
from django.conf import settings

from goldthread.enquiries.models import Enquiry

from .conftest import axe, sign_in


@pytest.mark.browser
def test_raise_route_and_answer_an_enquiry(example_council, live_server, page):
    base = live_server.url
    password = settings.GOLDTHREAD_DEMO_PASSWORD

    sign_in(page, base, "member", password)
    page.goto(f"{base}/")
    page.get_by_role("link", name="complaints and the Ombudsman").click()
    assert "165" in page.locator("main").inner_text()  # the seed's five-year total of referrals
    axe(page)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Member enquiries").click()
    axe(page)
    page.get_by_role("link", name="Raise an enquiry").click()
    page.get_by_role("button", name="Raise the enquiry").click()  # empty: refused with errors
    assert "There is a problem" in page.locator("main").inner_text()
    axe(page)
    page.get_by_label("Ward").fill("Netherton and Orrell")
    page.get_by_label("Subject").fill("Broken bench in the park")
    page.get_by_label("Your enquiry").fill("The bench by the pond has been broken for a month.")
    page.get_by_role("button", name="Raise the enquiry").click()
    page.wait_for_load_state()
    enquiry = Enquiry.objects.get(subject="Broken bench in the park")
    assert enquiry.reference in page.url
    axe(page)
    page.context.clear_cookies()

    sign_in(page, base, "performance", password)
    page.goto(f"{base}/member-enquiries/{enquiry.reference}/")
    page.get_by_label("Directorate").select_option(label="Corporate Resources and Customer Services")
    page.get_by_label("Officer").select_option(label="Olly Officer")
    page.get_by_role("button", name="Route").click()
    page.wait_for_load_state()
    axe(page)
    page.goto(f"{base}/member-enquiries/complaints/")  # with the form to enter a quarter's figure
    page.get_by_label("Period").fill("2024-25 Q1")
    page.get_by_label("Number of complaints").fill("12")
    page.get_by_role("button", name="Save the figure").click()
    page.wait_for_load_state()
    assert "Saved" in page.locator("main").inner_text()
    axe(page)
    page.context.clear_cookies()

    sign_in(page, base, "officer", password)
    page.goto(f"{base}/member-enquiries/")
    page.get_by_role("link", name=enquiry.reference).click()
    page.get_by_label("Response").fill("Parks have replaced the bench.")
    page.get_by_role("button", name="Send the response").click()
    page.wait_for_load_state()
    axe(page)
    page.context.clear_cookies()

    sign_in(page, base, "member", password)
    page.goto(f"{base}/member-enquiries/{enquiry.reference}/")
    main = page.locator("main").inner_text()
    assert "Parks have replaced the bench." in main and "Responded" in main
    page.get_by_role("button", name="Close the enquiry").click()
    page.wait_for_load_state()
    enquiry.refresh_from_db()
    assert enquiry.status == "closed"
    axe(page)
