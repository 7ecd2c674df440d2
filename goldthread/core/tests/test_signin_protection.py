"""Sign-in protection with django-axes, through the real sign-in forms.

Lockouts are by username *and* client address (AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]):
guesses at one account from one client lock that account from that client only. Behind the reverse
proxy (GOLDTHREAD_TRUSTED_PROXIES = 1) the client is the last X-Forwarded-For entry, the one the proxy
wrote; every request here comes from the same proxy address, as it would in production."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from django.test import Client
from django.utils import timezone

from goldthread.council.models import Role
from goldthread.settings.base import _env_count

PROXY = "10.0.0.2"
PASSWORD = "a-long-test-password"
LIMIT = 5


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.GOLDTHREAD_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(username, password, client_ip, *, path="/sign-in", forwarded_for=None):
    """One sign-in attempt from ``client_ip`` as the proxy passes it on, in a fresh browser."""
    header = forwarded_for if forwarded_for is not None else client_ip
    data = {"username": username, "password": password}
    if path.startswith("/django-admin/"):
        data["next"] = "/django-admin/"
    return Client().post(path, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def signed_in(response) -> bool:
    return response.status_code == 302 and "/sign-in" not in response["Location"]


def guess_wrong(username, client_ip, times=LIMIT, **kwargs):
    return [sign_in(username, "wrong-password-guess", client_ip, **kwargs) for _ in range(times)]


@pytest.fixture
def pat(make_user):
    return make_user(Role.PERFORMANCE, username="pat")


@pytest.fixture
def sam(make_user):
    return make_user(Role.MEMBER, username="sam")


def test_bad_guesses_lock_that_username_from_that_client_only(pat, sam):
    responses = guess_wrong("pat", "203.0.113.7")
    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    assert "Please enter a correct username and password" in responses[0].content.decode()

    # The right password is refused too while locked, and a forged entry left of the proxy's changes nothing.
    assert sign_in("pat", PASSWORD, "203.0.113.7").status_code == 429
    assert sign_in("pat", PASSWORD, "203.0.113.7", forwarded_for="198.51.100.9, 203.0.113.7").status_code == 429
    # Another person behind the same proxy, from the same client even, still signs in...
    assert signed_in(sign_in("sam", PASSWORD, "203.0.113.7"))
    # ...and so does the same person from another client.
    assert signed_in(sign_in("pat", PASSWORD, "198.51.100.9"))
    assert list(AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")) == [
        ("pat", "203.0.113.7", LIMIT)
    ]


def test_with_no_trusted_proxy_a_forged_header_cannot_spread_the_guesses(settings, pat):
    settings.GOLDTHREAD_TRUSTED_PROXIES = 0
    for n in range(LIMIT):
        response = sign_in("pat", "wrong-password-guess", f"198.51.100.{n}")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == PROXY


def test_the_django_admin_sign_in_is_throttled_too(pat):
    pat.is_staff = pat.is_superuser = True
    pat.save()
    responses = guess_wrong("pat", "203.0.113.7", path="/django-admin/login/")
    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    assert "Sign-in is locked" in responses[-1].content.decode()
    # One lockout for the person, whichever sign-in page the guesses came through.
    assert sign_in("pat", PASSWORD, "203.0.113.7", path="/django-admin/login/").status_code == 429
    assert sign_in("pat", PASSWORD, "203.0.113.7").status_code == 429
    assert signed_in(sign_in("pat", PASSWORD, "198.51.100.9", path="/django-admin/login/"))


def test_the_lockout_page_says_until_when_and_who_can_unlock(pat):
    response = guess_wrong("pat", "203.0.113.7")[-1]
    page = response.content.decode()
    assert response.status_code == 429
    assert "text/html" in response["Content-Type"]
    attempt = AccessAttempt.objects.get()
    until = timezone.localtime(attempt.attempt_time + timedelta(minutes=15))
    assert f"You can try again after {until:%H:%M}" in page
    assert "<strong>pat</strong>" in page
    assert "performance team" in page and "Council settings" in page
    assert 'href="/sign-in"' in page
    assert response["Content-Security-Policy"]  # the page goes through every middleware like any other


def test_a_username_is_shown_escaped_on_the_lockout_page(db):
    page = guess_wrong("<script>x</script>", "203.0.113.7")[-1].content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_the_lockout_ends_when_the_cool_off_has_passed(pat):
    guess_wrong("pat", "203.0.113.7")
    # Move the clock by moving the stored attempt back: a minute short of the cool-off, still locked.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert sign_in("pat", PASSWORD, "203.0.113.7").status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=1, seconds=1))
    assert signed_in(sign_in("pat", PASSWORD, "203.0.113.7"))
    assert not AccessAttempt.objects.exists()  # expired attempts are cleared, not kept


def test_a_successful_sign_in_forgets_earlier_failures(pat):
    guess_wrong("pat", "203.0.113.7", times=LIMIT - 1)
    assert signed_in(sign_in("pat", PASSWORD, "203.0.113.7"))
    assert [r.status_code for r in guess_wrong("pat", "203.0.113.7", times=LIMIT - 1)] == [200] * (LIMIT - 1)


def test_the_limit_and_window_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GOLDTHREAD_TEST_COUNT", " 7 ")
    assert _env_count("GOLDTHREAD_TEST_COUNT", 5, minimum=1) == 7
    monkeypatch.setenv("GOLDTHREAD_TEST_COUNT", "")
    assert _env_count("GOLDTHREAD_TEST_COUNT", 5, minimum=1) == 5
    monkeypatch.setenv("GOLDTHREAD_TEST_COUNT", "five")
    with pytest.raises(ImproperlyConfigured, match="GOLDTHREAD_TEST_COUNT must be a whole number, not 'five'"):
        _env_count("GOLDTHREAD_TEST_COUNT", 5, minimum=1)
    monkeypatch.setenv("GOLDTHREAD_TEST_COUNT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        _env_count("GOLDTHREAD_TEST_COUNT", 0, minimum=0)
