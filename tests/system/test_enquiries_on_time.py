"""A member raises an enquiry and is told when the answer is due (the council's working days); the
performance team routes it; the officer answers; the answer counts at once in the measure
MEMBER-ENQ-ON-TIME on the scorecard. Each page passes axe."""

import pytest
from django.conf import settings

from goldthread.enquiries import services
from goldthread.enquiries.models import Enquiry
from goldthread.performance.models import MeasureValue

from .conftest import axe, sign_in


@pytest.mark.browser
def test_an_answer_on_time_counts_on_the_scorecard(example_council, live_server, page):
    base, password = live_server.url, settings.GOLDTHREAD_DEMO_PASSWORD

    sign_in(page, base, "member", password)
    page.goto(f"{base}/member-enquiries/")
    page.get_by_role("link", name="Raise an enquiry").click()
    page.get_by_label("Ward").fill("Ainsdale")
    page.get_by_label("Subject").fill("Dune path signs missing")
    page.get_by_label("Your enquiry").fill("The signs on the dune path to the beach have gone.")
    page.get_by_role("button", name="Raise the enquiry").click()
    page.wait_for_load_state()
    enquiry = Enquiry.objects.get(subject="Dune path signs missing")
    due = services.due_date(enquiry.council, enquiry.raised_on)
    assert enquiry.due_on == due
    assert f"A response is due by {due:%-d %B %Y}" in page.locator("main").inner_text()
    axe(page)
    page.context.clear_cookies()

    sign_in(page, base, "performance", password)
    page.goto(f"{base}/member-enquiries/{enquiry.reference}/")
    page.get_by_label("Directorate").select_option(label="Corporate Resources and Customer Services")
    page.get_by_label("Officer").select_option(label="Olly Officer")
    page.get_by_role("button", name="Route").click()
    page.wait_for_load_state()
    page.context.clear_cookies()

    sign_in(page, base, "officer", password)
    page.goto(f"{base}/member-enquiries/")
    page.get_by_role("link", name=enquiry.reference).click()
    page.get_by_label("Response").fill("New signs go up on Monday.")
    page.get_by_role("button", name="Send the response").click()
    page.wait_for_load_state()
    assert "(on time)" in page.locator("main").inner_text()
    axe(page)
    page.context.clear_cookies()

    quarter = services.quarter_of(due)
    figure = MeasureValue.objects.get(measure__reference=services.TIMELINESS_REFERENCE, period=quarter.label)
    assert figure.value == 100 and figure.numerator == 1 and figure.status == "draft"
    sign_in(page, base, "performance", password)
    page.goto(f"{base}/performance/measures/{services.TIMELINESS_REFERENCE}/")
    main = page.locator("main").inner_text()
    assert "Member enquiries answered on time" in main and quarter.label in main
    axe(page)
