"""Two officers at once, in two browsers: a stale approval is refused and shows what changed; the
second of two corrections is refused, showing what changed and keeping what the second officer
typed. Every page passes axe."""

import pytest
from django.conf import settings

from goldthread.council.models import Role, User
from goldthread.performance import services
from goldthread.performance.models import Measure, MeasureValue

from .conftest import AXE_JS, axe, sign_in

MEASURE = "CYP-01"  # NEET: children's services, which the demo editor edits
PERIOD = "2023"  # a year the example holds no figure for
PASSWORD = "a-long-second-officer-password"


def _second_browser(browser):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", bypass_csp=True)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE_JS))
    return context, context.new_page()


def _entered(value="4.1", submit=True) -> MeasureValue:
    editor = User.objects.get(username="editor")
    measure = Measure.objects.get(reference=MEASURE)
    saved = services.value_record(
        measure=measure, period=PERIOD, value=value, commentary="As returned", user=editor, version=0
    )
    if submit:
        saved = services.value_submit(measure_value=saved, user=editor, version=saved.version)
    return saved


@pytest.mark.browser
def test_an_approval_of_a_figure_changed_since_the_page_was_opened_is_refused(
    example_council, live_server, page, browser
):
    base = live_server.url
    _entered("4.1")
    # The performance officer opens the measure: 4.1, submitted.
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/performance/measures/{MEASURE}/")
    row = page.get_by_role("row").filter(has_text=PERIOD).filter(has_text="Submitted")
    assert row.count() == 1

    # Meanwhile the editor, in another browser, corrects it to 9.9 (a draft again).
    context, editor_page = _second_browser(browser)
    try:
        sign_in(editor_page, base, "editor", settings.GOLDTHREAD_DEMO_PASSWORD)
        editor_page.goto(f"{base}/performance/measures/{MEASURE}/values/new/?period={PERIOD}")
        editor_page.get_by_label("Value", exact=True).fill("9.9")
        editor_page.get_by_role("button", name="Save value").click()
        editor_page.wait_for_load_state()
    finally:
        context.close()
    assert MeasureValue.objects.get(measure__reference=MEASURE, period=PERIOD).status == "draft"

    # The officer clicks Approve on the page as it was: refused, with what changed.
    row.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert f"{MEASURE} {PERIOD} was not approved" in main
    assert "Somebody else changed this since you opened it" in main
    assert "9.9" in main and "4.1" in main and "Editor" in main
    axe(page)
    value = MeasureValue.objects.get(measure__reference=MEASURE, period=PERIOD)
    assert value.status == "draft" and str(value.value).startswith("9.9")


@pytest.mark.browser
def test_the_second_of_two_corrections_is_refused_and_keeps_what_was_typed(example_council, live_server, page, browser):
    base = live_server.url
    _entered("4.1", submit=False)
    User.objects.create_user("second-officer", password=PASSWORD, role=Role.PERFORMANCE, first_name="Second")
    form = f"{base}/performance/measures/{MEASURE}/values/new/?period={PERIOD}"

    # Both officers open the same correction form.
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(form)
    context, second = _second_browser(browser)
    try:
        sign_in(second, base, "second-officer", PASSWORD)
        second.goto(form)

        # The first saves.
        page.get_by_label("Value", exact=True).fill("5")
        page.get_by_label("Commentary").fill("First officer's figure")
        page.get_by_role("button", name="Save value").click()
        page.wait_for_load_state()

        # The second saves: refused, shown what changed, with their own words still in the form.
        second.get_by_label("Value", exact=True).fill("6")
        second.get_by_label("Commentary").fill("Second officer's careful note")
        second.get_by_role("button", name="Save value").click()
        second.wait_for_load_state()
        main = second.locator("main").inner_text()
        assert "Somebody else changed this since you opened it" in main
        assert "First officer's figure" in main
        assert second.get_by_label("Commentary").input_value() == "Second officer's careful note"
        assert second.get_by_label("Value", exact=True).input_value() == "6"
        axe(second)
    finally:
        context.close()
    value = MeasureValue.objects.get(measure__reference=MEASURE, period=PERIOD)
    assert str(value.value).startswith("5") and value.commentary == "First officer's figure"
