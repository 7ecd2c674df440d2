"""The foundation's "done means", in a real browser: every role sees the Sefton scorecard for a
2023-24 quarter; the performance team opens a measure, enters a value, uploads a file with a bad
row and is told which row and why (with nothing saved), and finds the change in history."""

import pytest
from django.conf import settings

from goldthread.council.demo import DEMO_ACCOUNTS
from goldthread.performance.models import MeasureValue

from .conftest import axe, sign_in

QUARTER_OF = "2023-24 Q"  # any quarter of 2023-24 that the period list offers
MEASURE = "ENV-01"  # Household waste sent for reuse, recycling or composting (real Sefton series)


@pytest.mark.browser
@pytest.mark.parametrize("username", [a[0] for a in DEMO_ACCOUNTS])
def test_every_role_sees_the_sefton_scorecard_for_a_quarter(example_council, live_server, page, username):
    given_signed_in_as(page, live_server.url, username)
    quarter = when_choosing_a_scorecard_quarter(page, QUARTER_OF)
    then_the_scorecard_shows_sefton_measures(page, quarter)
    axe(page)


@pytest.mark.browser
def test_performance_team_enters_a_value_is_refused_a_bad_upload_and_finds_the_change(
    example_council, live_server, page
):
    given_signed_in_as(page, live_server.url, "performance")
    when_opening_the_measure(page, MEASURE)
    when_entering_a_value(page, period="2024-25", value="39.5", commentary="Browser journey: provisional figure")
    then_the_measure_shows_the_value(page, "39.5")

    when_uploading(page, "values.csv", _csv_with_a_bad_row())
    then_the_upload_is_refused_naming_the_row_and_why(page)
    then_nothing_from_the_upload_was_saved()

    when_opening_the_history(page, MEASURE)
    then_the_history_shows_the_change(page, "39.5", "Pat Performance")


def _csv_with_a_bad_row() -> bytes:
    return (
        "measure_reference,period,value,commentary\n"
        f"{MEASURE},2025-26,41.2,good row\n"
        f"{MEASURE},2026-27,not a number,bad row\n"
    ).encode()


def given_signed_in_as(page, base_url, username):
    sign_in(page, base_url, username, settings.GOLDTHREAD_DEMO_PASSWORD)


def when_choosing_a_scorecard_quarter(page, prefix) -> str:
    page.get_by_role("link", name="Scorecard", exact=True).first.click()
    page.wait_for_url("**/performance/scorecard/**")
    periods = page.get_by_label("Period", exact=True)
    periods.locator("option").first.wait_for(state="attached")  # reading options does not wait for them
    offered = periods.locator("option").evaluate_all("options => options.map(o => o.value)")
    label = next((p for p in offered if p.startswith(prefix)), None)
    assert label, f"no {prefix}* quarter offered: {offered}"
    periods.select_option(label)
    page.get_by_role("button", name="Show measures").click()
    page.wait_for_load_state()
    return label


def then_the_scorecard_shows_sefton_measures(page, label):
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Scorecard"
    assert page.get_by_label("Period", exact=True).input_value() == label
    body = page.locator("main").inner_text()
    assert "recycling" in body.lower(), body[:2000]
    assert "ENV-01" in body


def when_opening_the_measure(page, reference):
    page.get_by_role("link", name="Measures", exact=True).first.click()
    page.get_by_role("row").filter(has_text=reference).get_by_role("link").first.click()
    page.wait_for_load_state()
    assert f"/performance/measures/{reference}/" in page.url
    axe(page)


def when_entering_a_value(page, *, period, value, commentary):
    page.get_by_role("link", name="Enter a value").click()
    page.get_by_label("Period", exact=True).fill(period)
    page.get_by_label("Value", exact=True).fill(value)
    page.get_by_label("Commentary").fill(commentary)
    axe(page)
    page.get_by_role("button", name="Save value").click()
    page.wait_for_load_state()


def then_the_measure_shows_the_value(page, value):
    assert f"/performance/measures/{MEASURE}/" in page.url, page.url
    assert value in page.locator("main").inner_text()
    assert MeasureValue.objects.filter(measure__reference=MEASURE, period="2024-25").exists()


def when_uploading(page, filename, content: bytes):
    page.get_by_role("link", name="Upload values").click()
    axe(page)
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": filename, "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()


def then_the_upload_is_refused_naming_the_row_and_why(page):
    assert page.get_by_role("heading", level=1).inner_text().strip() == "The upload was not saved"
    problems = page.locator("#problems tbody tr")
    rows = [problems.nth(i).locator("td").all_inner_texts() for i in range(problems.count())]
    assert any(r[0] == "3" and r[1] == "value" and r[2] for r in rows), rows
    assert all(r[0] != "2" for r in rows), f"the good row was reported as bad: {rows}"
    axe(page)


def then_nothing_from_the_upload_was_saved():
    assert not MeasureValue.objects.filter(measure__reference=MEASURE, period__in=["2025-26", "2026-27"]).exists()


def when_opening_the_history(page, reference):
    page.goto(page.url.split("/performance/")[0] + f"/performance/measures/{reference}/")
    page.get_by_role("link", name="History of changes").click()
    page.wait_for_load_state()
    assert f"/performance/measures/{reference}/history/" in page.url


def then_the_history_shows_the_change(page, value, who):
    table = page.locator("main table").first.inner_text()
    assert value in table and who in table, table[:2000]
    axe(page)
