"""Notifications in a real browser: the editor's reminder shows in the header count and the list, is marked
read, and the editor chooses how to be told; the performance team sees the timetable and reminder settings.
Each page passes axe."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from goldthread.notifications.models import Preference

from .conftest import axe, sign_in


@pytest.mark.browser
def test_the_editor_reads_a_reminder_and_chooses_how_to_be_told(example_council, live_server, page):
    call_command("send_reminders", "--date", "2023-10-15", stdout=io.StringIO())
    base = live_server.url
    sign_in(page, base, "editor", settings.GOLDTHREAD_DEMO_PASSWORD)
    header_link = page.get_by_role("link", name="Notifications", exact=False).first
    expect(header_link).to_contain_text("unread")
    header_link.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(
        page.get_by_role("link", name="Overdue: Children's Social Care and Education's budget lines for 2023-06")
    ).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Mark all as read").click()
    page.wait_for_load_state()
    expect(page.get_by_text("marked as read")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()  # no count left
    axe(page)

    page.get_by_role("link", name="Choose how you are told").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("group", name="Values due soon").get_by_label("By email at once").check()
    page.get_by_role("button", name="Save your choices").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Your choices were saved.")).to_be_visible()
    axe(page)
    assert Preference.objects.get(user__username="editor", kind="values_due").delivery == "at_once"


@pytest.mark.browser
def test_the_performance_team_sees_the_timetable_and_sets_reminders(example_council, live_server, page):
    base = live_server.url
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/timetable/?year=2023-24")
    expect(page.get_by_text("Example dates.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Change the dates for 2023-24").click()
    page.wait_for_load_state()
    axe(page)
    page.goto(f"{base}/notifications/settings/")
    page.get_by_label("Copy the director after this many days overdue").fill("0")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
