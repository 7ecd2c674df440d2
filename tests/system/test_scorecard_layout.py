"""The scorecard on a 1280 x 800 screen, in a real browser: the tables fit without scrolling sideways, no
status badge or tag runs into another or out of its cell, each priority's group collapses and opens, a
filter chosen is kept in the address through a reload, and the page passes axe."""

import re

import pytest
from django.conf import settings
from django.db.models import Count

from goldthread.risk.models import Register

from .conftest import axe, sign_in

PERIOD = "2023-24 Q2"
VIEWPORT = {"width": 1280, "height": 800}

# Every badge's box, and the box of the cell it sits in, in page coordinates.
BADGE_BOXES = """() => [...document.querySelectorAll(
    '.gt-scorecard .gt-rag, .gt-scorecard .govuk-tag, .gt-scorecard .gt-direction')]
  .filter(el => el.getClientRects().length)
  .map(el => {
    const box = el.getBoundingClientRect(), cell = el.closest('td, th').getBoundingClientRect();
    return {text: el.textContent.trim(), box: [box.left, box.top, box.right, box.bottom],
            cell: [cell.left, cell.top, cell.right, cell.bottom]};
  })"""

TABLE_WIDTHS = """() => [...document.querySelectorAll('table.gt-scorecard')]
  .filter(t => t.getClientRects().length)
  .map(t => ({scroll: t.scrollWidth, client: t.clientWidth, right: t.getBoundingClientRect().right,
              main: document.querySelector('main').getBoundingClientRect().right}))"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.browser
def test_the_scorecard_fits_1280_pixels_and_keeps_its_filters(example_council, live_server, page):
    page.set_viewport_size(VIEWPORT)
    sign_in(page, live_server.url, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/performance/scorecard/?period={PERIOD}")

    # Nothing scrolls sideways: not the page, not any table.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORT["width"]
    tables = page.evaluate(TABLE_WIDTHS)
    assert len(tables) > 1
    for table in tables:
        assert table["scroll"] <= table["client"] + 1 and table["right"] <= table["main"] + 1, table

    # Each badge stays inside its own cell, and no two badges overlap.
    badges = page.evaluate(BADGE_BOXES)
    assert any(b["text"] for b in badges)
    for badge in badges:
        box, cell = badge["box"], badge["cell"]
        inside = box[0] >= cell[0] - 0.5 and box[2] <= cell[2] + 0.5
        assert inside, f"{badge['text']!r} runs out of its cell: {box} in {cell}"
    for i, first in enumerate(badges):
        for second in badges[i + 1 :]:
            assert not _overlap(first["box"], second["box"]), (first, second)
    axe(page)

    # A priority's group collapses and opens from its summary, which gives its counts.
    group = page.locator("details.gt-scorecard-group").first
    summary = group.locator("summary.gt-scorecard-group__summary")
    assert re.search(r"\d+ measures?: \d+ on target", summary.inner_text())
    table = group.locator("table")
    assert table.is_visible()
    summary.click()
    assert not table.is_visible() and group.get_attribute("open") is None
    summary.click()
    assert table.is_visible()

    # A filter goes into the address as it is chosen (htmx pushes it), and a reload keeps it.
    page.get_by_label("Status against target").select_option("red")
    page.wait_for_url(re.compile(r"rag=red"))
    page.wait_for_function("() => document.getElementById('scorecard-results').textContent.includes('match the')")
    page.reload()
    assert page.get_by_label("Status against target").input_value() == "red"
    assert page.get_by_label("Period", exact=True).input_value() == PERIOD
    statuses = page.locator("table.gt-scorecard .gt-rag").all_inner_texts()
    assert statuses and all(s.startswith("Off target") for s in statuses), statuses
    assert "that match the filters" in page.locator("#scorecard-results").inner_text()
    axe(page)

    # A second filter, then Back: the address, the form and the tables are those of the first filter again.
    page.get_by_label("Since the previous period").select_option("improving")
    page.wait_for_url(re.compile(r"previous=improving"))
    page.go_back()
    page.wait_for_url(lambda url: "rag=red" in url and "previous=" not in url.replace("previous=&", ""))
    page.wait_for_load_state()
    assert page.get_by_label("Status against target").input_value() == "red"
    assert page.get_by_label("Since the previous period").input_value() == ""
    assert page.locator("h1").inner_text() == "Scorecard"
    statuses = page.locator("table.gt-scorecard .gt-rag").all_inner_texts()
    assert statuses and all(s.startswith("Off target") for s in statuses), statuses


@pytest.mark.browser
@pytest.mark.parametrize("which", ["every risk", "the busiest register"])
def test_the_risk_register_shows_next_review_and_status_at_1280_pixels(example_council, live_server, page, which):
    page.set_viewport_size(VIEWPORT)
    sign_in(page, live_server.url, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    busiest = Register.objects.annotate(n=Count("risks")).order_by("-n").first()
    path = "/risk/risks/" if which == "every risk" else busiest.get_absolute_url()
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORT["width"]
    table = page.locator("table.gt-risk-table").first
    assert page.evaluate("t => t.scrollWidth <= t.clientWidth + 1", table.element_handle())
    for name in ("Next review", "Status"):
        box = table.get_by_role("columnheader", name=name, exact=True).bounding_box()
        assert box and box["x"] + box["width"] <= VIEWPORT["width"], (name, box)
    assert table.locator("tbody tr").count() > 1
    axe(page)
