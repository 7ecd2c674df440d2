"""Sign-in with the council's identity provider in a real browser, end to end: Goldthread's sign-in page,
the provider's own sign-in page (a real OpenID Connect provider on loopback, PKCE and all), and back.
A first sign-in lands on the page that says the account has no role yet; with groups mapped to roles,
the person goes straight in. Every Goldthread page passes axe-core."""

import pytest

from goldthread.council.models import Council, Role, User
from goldthread.council.oidc import forget_discovery
from goldthread.council.tests.oidc_provider import Provider

from .conftest import axe


@pytest.fixture
def provider(transactional_db, settings):
    Council.objects.create(name="Testshire Council", short_name="Testshire Council", gss_code="E08000014")
    running = Provider().start()
    running.add_user(
        "sam", "provider-pass", email="sam@testshire.gov.uk", given_name="Sam", family_name="Smith", groups=[]
    )
    settings.GOLDTHREAD_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = running.client_id
    settings.OIDC_RP_CLIENT_SECRET = running.client_secret
    settings.OIDC_OP_DISCOVERY = running.discovery_url
    settings.GOLDTHREAD_OIDC_PROVIDER_NAME = "Testshire Council"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "goldthread.council.oidc.CouncilOIDCBackend"]
    yield running
    running.stop()
    forget_discovery()


@pytest.mark.browser
def test_a_first_sign_in_through_the_provider_waits_for_a_role(provider, live_server, page, settings):
    settings.GOLDTHREAD_PASSWORD_SIGN_IN = False
    page.goto(f"{live_server.url}/sign-in")
    assert page.get_by_label("Password").count() == 0  # password sign-in is off: only the provider's button
    axe(page)

    when_signing_in_with_the_provider(page, "sam", "provider-pass")
    assert page.get_by_role("heading", name="Your account has no role yet").is_visible()
    assert page.get_by_text("Signed in as Sam Smith").is_visible()
    axe(page)
    assert User.objects.get(email="sam@testshire.gov.uk").role == "none"


@pytest.mark.browser
def test_a_person_in_a_mapped_group_goes_straight_in(provider, live_server, page, settings):
    settings.GOLDTHREAD_OIDC_ROLE_CLAIM = "groups"
    settings.GOLDTHREAD_OIDC_ROLE_MAP = "gt-performance=performance,gt-members=member"
    provider.users["sam"].claims["groups"] = ["gt-members"]
    page.goto(f"{live_server.url}/council/priorities/")  # asks to sign in, then comes back here
    when_signing_in_with_the_provider(page, "sam", "provider-pass")
    assert page.url == f"{live_server.url}/council/priorities/"
    assert page.get_by_text("Signed in as Sam Smith (Member").is_visible()
    assert User.objects.get(email="sam@testshire.gov.uk").role == Role.MEMBER


def when_signing_in_with_the_provider(page, username, password):
    page.get_by_role("button", name="Sign in with Testshire Council").click()
    page.wait_for_load_state()
    assert page.url.startswith("http://127.0.0.1:")  # the provider's own page, not Goldthread's
    page.get_by_label("Provider username").fill(username)
    page.get_by_label("Provider password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
