"""The performance team's Sign-in lockouts page: who is locked out, unlock, and the history of unlocks.

Lockouts are made the real way, by failed sign-ins through the sign-in form behind the proxy."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.test import Client

from goldthread.core.models import Change
from goldthread.council.models import Role

PROXY = "10.0.0.2"
PASSWORD = "a-long-test-password"
URL = "/council/sign-in-lockouts/"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.GOLDTHREAD_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(username, password, client_ip):
    return Client().post(
        "/sign-in", {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip
    )


def lock_out(username, client_ip, times=5):
    for _ in range(times):
        response = sign_in(username, "wrong-password-guess", client_ip)
    return response


def unlock_url(username, address):
    return f"{URL}{AccessAttempt.objects.filter(username=username, ip_address=address).latest('id').pk}/unlock"


@pytest.fixture
def locked(users):
    """The member locked out from one address; the editor short of the limit from another."""
    assert lock_out(users[Role.MEMBER].username, "203.0.113.7").status_code == 429
    lock_out(users[Role.EDITOR].username, "198.51.100.9", times=4)
    return users


def test_the_page_lists_current_lockouts_only(client_for, locked):
    page = client_for(Role.PERFORMANCE).get(URL).content.decode()
    member, editor = locked[Role.MEMBER].username, locked[Role.EDITOR].username
    assert f"<code>{member}</code>" in page and "203.0.113.7" in page
    assert f"<code>{editor}</code>" not in page  # four failures: not locked
    assert page.count("Unlock<span") == 1
    assert "No sign-in has been unlocked yet." in page


def test_an_expired_lockout_is_not_listed(client_for, locked):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert "No one is locked out." in client_for(Role.PERFORMANCE).get(URL).content.decode()


def test_unlocking_lets_the_person_sign_in_and_keeps_history(client_for, locked):
    member = locked[Role.MEMBER]
    assert sign_in(member.username, PASSWORD, "203.0.113.7").status_code == 429
    client = client_for(Role.PERFORMANCE)

    response = client.post(unlock_url(member.username, "203.0.113.7"), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{member.username} can sign in from 203.0.113.7." in page
    assert "No one is locked out." in page
    assert not AccessAttempt.objects.filter(username=member.username).exists()
    assert AccessAttempt.objects.filter(username=locked[Role.EDITOR].username).exists()  # others untouched
    change = Change.objects.get(content_type=ContentType.objects.get_for_model(AccessAttempt))
    assert change.user == locked[Role.PERFORMANCE]
    assert change.action == Change.Action.DELETE
    assert change.changes["username"] == [member.username, None]
    assert change.changes["address"] == ["203.0.113.7", None]
    assert change.changes["failures"] == [5, None]
    # The history table on the page: who unlocked whom, from where, after how many failures.
    history = page[page.index("Unlocked recently") :]
    assert str(locked[Role.PERFORMANCE]) in history and member.username in history and "203.0.113.7" in history
    assert sign_in(member.username, PASSWORD, "203.0.113.7").status_code == 302


def test_unlocking_a_lockout_that_has_ended_changes_nothing(client_for, locked):
    url = unlock_url(locked[Role.MEMBER].username, "203.0.113.7")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = client_for(Role.PERFORMANCE).post(url, follow=True)
    assert "That lockout had already ended or been unlocked: nothing was changed." in response.content.decode()
    assert not Change.objects.exists()
    for attempt_id in ("999999", "99999999999999999999"):  # gone, and past what the column can hold
        missing = client_for(Role.PERFORMANCE).post(f"{URL}{attempt_id}/unlock", follow=True)
        assert missing.status_code == 200 and not Change.objects.exists()


def test_the_editor_short_of_the_limit_cannot_be_unlocked(client_for, locked):
    client_for(Role.PERFORMANCE).post(unlock_url(locked[Role.EDITOR].username, "198.51.100.9"))
    assert AccessAttempt.objects.filter(username=locked[Role.EDITOR].username).exists()
    assert not Change.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PERFORMANCE])
def test_only_the_performance_team_sees_or_unlocks(client_for, locked, role):
    client = client_for(role)
    assert client.get(URL).status_code == 403
    assert client.post(unlock_url(locked[Role.MEMBER].username, "203.0.113.7")).status_code == 403
    assert AccessAttempt.objects.filter(username=locked[Role.MEMBER].username).exists()
    assert not Change.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")


def test_unlock_is_post_only(client_for, locked):
    assert client_for(Role.PERFORMANCE).get(unlock_url(locked[Role.MEMBER].username, "203.0.113.7")).status_code == 405


def test_council_settings_links_to_the_page(client_for, council):
    page = client_for(Role.PERFORMANCE).get("/council-settings").content.decode()
    assert f'href="{URL}"' in page
