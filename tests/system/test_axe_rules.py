"""The accessibility checks run axe-core's best-practice rules as well as WCAG 2.2 AA: a page with its
content outside any landmark and no main heading fails them, so the crawl would catch it."""

import pytest

from .conftest import AXE_TAGS, axe_violations


@pytest.mark.browser
def test_best_practice_rules_catch_content_outside_landmarks(page):
    assert "best-practice" in AXE_TAGS
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Bare</title></head><body><p>Loose</p></body></html>'
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"region", "page-has-heading-one", "landmark-one-main"} <= found


@pytest.mark.browser
def test_a_page_with_landmarks_and_a_heading_passes_them(page):
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Kept</title></head>'
        "<body><main><h1>Kept</h1><p>Inside the main landmark.</p></main></body></html>"
    )
    assert axe_violations(page) == []
