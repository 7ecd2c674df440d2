"""The performance team manages people in a real browser: from Council settings to People and roles, a
newcomer with no role is given one (and it shows in history), a person is invited (a mistake is explained
first), the team's last account cannot demote itself, and the invited person chooses a password from the
emailed link and signs in. Every page passes axe-core."""

import re

import pytest
from django.core import mail

from goldthread.council.models import NO_ROLE, Council, Directorate, Role, User

from .conftest import axe, sign_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def council_with_people(transactional_db):
    council = Council.objects.create(name="Testshire Council", short_name="Testshire Council", gss_code="E08000014")
    Directorate.objects.create(council=council, code="place", name="Place")
    User.objects.create_user("lead", password=PASSWORD, role=Role.PERFORMANCE, first_name="Lee", last_name="Lead")
    User.objects.create_user("newcomer", email="nia@testshire.gov.uk", role=NO_ROLE, first_name="Nia", last_name="New")


@pytest.mark.browser
def test_the_performance_team_gives_roles_and_invites_people(council_with_people, live_server, page):
    sign_in(page, live_server.url, "lead", PASSWORD)
    page.get_by_role("link", name="Council settings").click()
    page.get_by_role("link", name="Invite people, give or change roles and deactivate accounts").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="People and roles").is_visible()
    assert page.get_by_role("row").filter(has_text="Nia New").get_by_text("No role yet").is_visible()
    axe(page)

    page.get_by_role("link", name="Nia New").click()
    page.get_by_label("Role").select_option(label="Directorate editor")
    page.get_by_role("button", name="Save role and directorate").click()
    page.wait_for_load_state()
    assert page.get_by_text("Choose the directorate a directorate editor enters figures for.").first.is_visible()
    axe(page)
    page.get_by_label("Directorate").select_option(label="Place")
    page.get_by_role("button", name="Save role and directorate").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nia New's role and directorate were saved.").is_visible()
    assert page.get_by_role("cell", name="Lee Lead").is_visible()  # who, in the history
    axe(page)
    assert User.objects.get(username="newcomer").role == Role.EDITOR

    page.get_by_role("link", name="People and roles").click()
    page.get_by_role("button", name="Invite a person").click()
    page.get_by_label("Email address").fill("ola@testshire.gov.uk")
    page.get_by_label("First name").fill("Ola")
    page.get_by_label("Last name").fill("Okoro")
    page.get_by_label("Role").select_option(label="Auditor")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ola Okoro was invited").is_visible()
    assert [m.to for m in mail.outbox] == [["ola@testshire.gov.uk"]]
    axe(page)

    page.get_by_role("link", name="Lee Lead").click()
    page.get_by_label("Role").select_option(label="Member (Cabinet or Scrutiny)")
    page.get_by_role("button", name="Save role and directorate").click()
    page.wait_for_load_state()
    assert page.get_by_text("is the last active performance-team account").first.is_visible()
    axe(page)
    assert User.objects.get(username="lead").role == Role.PERFORMANCE

    # The invited person follows the link in their email, chooses a password and signs in.
    link = re.search(r"(http://\S+/account/set-password/\S+)", mail.outbox[0].body).group(1)
    page.context.clear_cookies()
    page.goto(link)
    assert page.get_by_role("heading", name="Choose your password").is_visible()
    axe(page)
    page.get_by_label("New password", exact=True).fill("ola's own long password")
    page.get_by_label("New password confirmation").fill("ola's own long password")
    page.get_by_role("button", name="Set password").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your password was set.").is_visible()
    sign_in(page, live_server.url, "ola@testshire.gov.uk", "ola's own long password")
    assert page.get_by_text("Signed in as Ola Okoro (Auditor)").is_visible()
