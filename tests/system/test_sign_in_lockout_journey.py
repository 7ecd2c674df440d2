"""Sign-in protection in a real browser: an editor guesses wrong until locked out and sees when they
can try again; a colleague from the same address still signs in; the performance team unlocks the
editor from Council settings; the editor signs in. Every page passes axe-core."""

import pytest
from django.conf import settings

from .conftest import axe, sign_in


@pytest.mark.browser
def test_locked_out_editor_is_unlocked_by_the_performance_team(example_council, live_server, page):
    base = live_server.url
    when_guessing_wrong(page, base, "editor", times=settings.AXES_FAILURE_LIMIT)
    then_the_lockout_page_says_when_and_who(page)
    axe(page)

    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)  # same address, another person
    when_opening_sign_in_lockouts(page)
    then_the_lockout_is_listed(page, "editor")
    axe(page)

    page.get_by_role("button", name="Unlock editor from 127.0.0.1").click()
    page.wait_for_load_state()
    assert page.get_by_text("editor can sign in from 127.0.0.1.").is_visible()
    assert page.get_by_role("cell", name="Pat Performance").is_visible()  # the history of unlocks
    axe(page)

    page.context.clear_cookies()
    sign_in(page, base, "editor", settings.GOLDTHREAD_DEMO_PASSWORD)


def when_guessing_wrong(page, base_url, username, times):
    for _ in range(times):
        page.goto(f"{base_url}/sign-in")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()


def then_the_lockout_page_says_when_and_who(page):
    assert page.get_by_role("heading", name="Sign-in is locked for now").is_visible()
    assert page.get_by_text("You can try again after").is_visible()
    assert page.get_by_text("Ask your council's performance team to unlock it").is_visible()


def when_opening_sign_in_lockouts(page):
    page.get_by_role("link", name="Council settings").click()
    page.get_by_role("link", name="See who is locked out and unlock them").click()
    page.wait_for_load_state()


def then_the_lockout_is_listed(page, username):
    row = page.get_by_role("row").filter(has_text=username)
    assert row.count() == 1
    assert "127.0.0.1" in row.inner_text()
