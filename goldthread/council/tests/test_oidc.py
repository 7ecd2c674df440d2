"""Sign-in through a real OpenID Connect provider on loopback (see oidc_provider.py): discovery, the code flow
with PKCE through Django's test client, the ID token's signature, state and nonce, and the accounts it makes."""

import base64
import hashlib
import io
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import CommandError, call_command
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import NO_ROLE, Role, User
from goldthread.council.oidc import DiscoveryError, discovery_document, oidc_setting


def start(client, next_url: str = ""):
    """Ask Goldthread to sign in with the provider: the redirect to the provider's authorization endpoint."""
    response = client.get(reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302
    return response["Location"]


def provider_sign_in(authorize_url: str, username: str, password: str) -> str:
    """The person signs in on the provider's own page; the provider redirects back with a code."""
    page = requests.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text
    params = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
    back = requests.post(
        authorize_url.split("?")[0],
        data={**params, "username": username, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    assert back.status_code == 302, back.text
    return back.headers["Location"]


def come_back(client, callback_url: str):
    """Follow the provider's redirect back into Goldthread, and Goldthread's redirects after it."""
    parts = urlsplit(callback_url)
    assert parts.netloc == "testserver"
    return client.get(f"{parts.path}?{parts.query}", follow=True)


def sign_in(client, provider, username="sam", password="provider-pass", next_url=""):
    return come_back(client, provider_sign_in(start(client, next_url), username, password))


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_discovery_fills_the_endpoints(sso):
    assert oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT") == f"{sso.issuer}/authorize"
    assert oidc_setting("OIDC_OP_TOKEN_ENDPOINT") == f"{sso.issuer}/token"
    assert oidc_setting("OIDC_OP_USER_ENDPOINT") == f"{sso.issuer}/userinfo"
    assert oidc_setting("OIDC_OP_JWKS_ENDPOINT") == f"{sso.issuer}/jwks"


def test_an_endpoint_in_settings_wins_over_discovery(sso, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.gov.uk/token"
    assert oidc_setting("OIDC_OP_TOKEN_ENDPOINT") == "https://login.example.gov.uk/token"


def test_an_unreachable_discovery_document_is_a_clear_error(sso):
    sso.stop()
    with pytest.raises(DiscoveryError, match="Could not read the identity provider's discovery document"):
        discovery_document(sso.discovery_url, refresh=True)


def test_oidc_discover_prints_the_endpoints(sso):
    out = io.StringIO()
    call_command("oidc_discover", stdout=out)
    assert f"OIDC_OP_JWKS_ENDPOINT={sso.issuer}/jwks" in out.getvalue()
    with pytest.raises(CommandError, match="Could not read"):
        call_command("oidc_discover", "http://127.0.0.1:9/.well-known/openid-configuration", stdout=io.StringIO())


def test_the_request_carries_state_nonce_and_a_pkce_s256_challenge(client, sso):
    params = parse_qs(urlsplit(start(client)).query)
    state = params["state"][0]
    saved = client.session["oidc_states"][state]
    assert params["nonce"] == [saved["nonce"]]
    assert params["code_challenge_method"] == ["S256"]
    verifier = saved["code_verifier"]
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert params["code_challenge"] == [expected]
    assert params["redirect_uri"] == ["http://testserver/sign-in/provider/callback"]


def test_a_first_sign_in_makes_an_account_with_no_role(client, sso):
    response = sign_in(client, sso)
    user = signed_in_user(client)
    assert user is not None
    assert (user.username, user.email, user.first_name, user.role) == (
        "sam.smith@testshire.gov.uk",
        "Sam.Smith@testshire.gov.uk",
        "Sam",
        NO_ROLE,
    )
    assert response.status_code == 403
    assert "Your account has no role yet" in response.content.decode()
    assert client.get(reverse("council:priorities")).status_code == 403
    change = history_for(user).get()
    assert change.action == "create" and change.reason == "First sign-in with Testshire Council"


def test_sign_in_returns_to_the_page_asked_for(client, sso, make_user):
    make_user(Role.MEMBER, username="sam-member", email="sam.smith@testshire.gov.uk")
    response = sign_in(client, sso, next_url="/council/priorities/")
    assert response.redirect_chain[-1][0] == "/council/priorities/"
    assert response.status_code == 200
    assert signed_in_user(client).username == "sam-member"


def test_an_existing_account_is_matched_by_email_and_keeps_its_role(client, sso, make_user):
    member = make_user(Role.MEMBER, username="smiths", email="SAM.SMITH@testshire.gov.uk")
    sign_in(client, sso)
    assert signed_in_user(client) == member
    assert User.objects.get(pk=member.pk).role == Role.MEMBER


def test_a_deactivated_account_is_refused(client, sso, make_user):
    make_user(Role.MEMBER, username="smiths", email="sam.smith@testshire.gov.uk", is_active=False)
    response = sign_in(client, sso)
    assert signed_in_user(client) is None
    assert "did not work" in response.content.decode()


def test_a_wrong_state_is_refused(client, sso, caplog):
    callback = provider_sign_in(start(client), "sam", "provider-pass")
    forged = callback.replace("state=", "state=forged")
    response = come_back(client, forged)
    assert response.status_code == 400 and "OIDC callback state not found" in caplog.text
    assert signed_in_user(client) is None
    assert not User.objects.filter(email__iexact="sam.smith@testshire.gov.uk").exists()


def test_a_callback_without_a_sign_in_started_here_is_refused(client, sso):
    callback = provider_sign_in(start(client), "sam", "provider-pass")
    client.cookies.clear()  # another browser: the state is not in its session
    come_back(client, callback)
    assert signed_in_user(client) is None


def test_an_id_token_with_another_nonce_is_refused(client, sso, caplog):
    sso.id_token_overrides = {"nonce": "replayed-from-an-earlier-sign-in"}
    response = sign_in(client, sso)
    assert response.status_code == 400 and "JWT Nonce verification failed" in caplog.text
    assert signed_in_user(client) is None


def test_an_id_token_with_a_changed_signature_is_refused(client, sso, caplog):
    sso.tamper_signature = True
    response = sign_in(client, sso)
    assert response.status_code == 400 and "JWS token verification failed" in caplog.text
    assert signed_in_user(client) is None
    assert not User.objects.filter(email__iexact="sam.smith@testshire.gov.uk").exists()


def test_an_id_token_signed_by_another_key_is_refused(client, sso, caplog):
    from joserfc.jwk import RSAKey

    published = sso.jwks()
    sso.jwks = lambda: published
    sso.key = RSAKey.generate_key(2048, parameters={"kid": "test-1", "use": "sig"})  # same kid, unpublished key
    response = sign_in(client, sso)
    assert response.status_code == 400 and "JWS token verification failed" in caplog.text
    assert signed_in_user(client) is None


@pytest.mark.parametrize(
    "claim,value,reason",
    [("aud", "another-client", "for another client"), ("iss", "https://impostor.example", "by another provider")],
)
def test_an_id_token_for_another_client_or_from_another_issuer_is_refused(client, sso, claim, value, reason, caplog):
    sso.id_token_overrides = {claim: value}
    response = sign_in(client, sso)
    assert response.status_code == 400 and f"The ID token was issued {reason}" in caplog.text
    assert signed_in_user(client) is None


def test_group_claims_give_a_role_when_mapped(client, sso, settings):
    settings.GOLDTHREAD_OIDC_ROLE_CLAIM = "groups"
    settings.GOLDTHREAD_OIDC_ROLE_MAP = "gt-performance=performance, gt-members=member"
    sso.users["sam"].claims["groups"] = ["all-staff", "gt-members"]
    response = sign_in(client, sso)
    user = signed_in_user(client)
    assert user.role == Role.MEMBER
    assert response.status_code == 200

    # Moved into the performance group at the provider: the next sign-in changes the role, with history.
    client.logout()
    sso.users["sam"].claims["groups"] = ["gt-performance", "gt-members"]
    sign_in(client, sso)
    user.refresh_from_db()
    assert user.role == Role.PERFORMANCE
    change = history_for(user).first()
    assert change.changes["role"] == ["member", "performance"]
    assert change.reason == "Groups from Testshire Council"


def test_groups_that_match_nothing_leave_no_role(client, sso, settings):
    settings.GOLDTHREAD_OIDC_ROLE_CLAIM = "groups"
    settings.GOLDTHREAD_OIDC_ROLE_MAP = "gt-members=member"
    sso.users["sam"].claims["groups"] = ["all-staff"]
    sign_in(client, sso)
    assert signed_in_user(client).role == NO_ROLE


def test_password_sign_in_still_works_beside_the_provider(client, sso, make_user):
    make_user(Role.MEMBER, username="pat")
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Testshire Council" in page
    assert 'name="password"' in page
    client.post(reverse("login"), {"username": "pat", "password": "a-long-test-password"})
    assert signed_in_user(client).username == "pat"


def test_a_password_post_carrying_a_code_is_not_a_provider_sign_in(client, sso, make_user):
    make_user(Role.MEMBER, username="pat")
    client.post(reverse("login") + "?code=stolen&state=x", {"username": "pat", "password": "wrong"})
    assert signed_in_user(client) is None


def test_password_sign_in_turned_off_refuses_the_form(client, sso, settings, make_user):
    settings.GOLDTHREAD_PASSWORD_SIGN_IN = False
    make_user(Role.MEMBER, username="pat")
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Testshire Council" in page
    assert 'name="password"' not in page
    response = client.post(reverse("login"), {"username": "pat", "password": "a-long-test-password"})
    assert response.status_code == 403
    assert "turned off" in response.content.decode()
    assert signed_in_user(client) is None
    sign_in(client, sso)
    assert signed_in_user(client) is not None


def test_without_a_provider_there_is_no_button_and_no_provider_sign_in(client, council):
    assert "Sign in with" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback") + "?code=a&state=b").status_code == 404


def test_a_bad_role_map_is_reported_by_the_system_check(settings):
    from goldthread.council.checks import oidc_role_map

    settings.GOLDTHREAD_OIDC_ROLE_CLAIM = "groups"
    settings.GOLDTHREAD_OIDC_ROLE_MAP = "gt-members=member,gt-boss=overlord"
    (error,) = oidc_role_map(None)
    assert "GOLDTHREAD_OIDC_ROLE_MAP: Entry 2 ('gt-boss=overlord') names role 'overlord'" in error.msg
    settings.GOLDTHREAD_OIDC_ROLE_MAP = "gt-members=member"
    assert oidc_role_map(None) == []


def test_django_axes_sees_provider_sign_ins_without_locking_out_colleagues(client, sso, settings):
    """A provider account Goldthread cannot use (no email) fails; repeated failures must not lock others out."""
    from axes.models import AccessAttempt

    sso.add_user("noemail", "pw", given_name="No")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = sign_in(client, sso, username="noemail", password="pw")
        assert "did not work" in response.content.decode()
    assert AccessAttempt.objects.exists()  # axes recorded the failures
    sign_in(client, sso)
    assert signed_in_user(client) is not None


def test_password_sign_in_turned_off_refuses_passwords_everywhere(client, settings, make_user):
    settings.GOLDTHREAD_PASSWORD_SIGN_IN = False
    make_user(Role.PERFORMANCE, username="admin", is_staff=True, is_superuser=True)
    client.post("/django-admin/login/", {"username": "admin", "password": "a-long-test-password"})
    assert signed_in_user(client) is None


def test_the_environment_switches_the_provider_on_after_django_axes(tmp_path):
    """Read the settings afresh, as the server does: the provider's backend comes after django-axes."""
    import os
    import subprocess
    import sys

    script = (
        "import goldthread.settings.production as s; "
        "print(s.GOLDTHREAD_OIDC_ENABLED, s.GOLDTHREAD_PASSWORD_SIGN_IN, ' '.join(s.AUTHENTICATION_BACKENDS))"
    )
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "goldthread.example.gov.uk",
        "GOLDTHREAD_VAR_DIR": str(tmp_path),
        "OIDC_RP_CLIENT_ID": "goldthread",
        "OIDC_OP_DISCOVERY": "https://login.example.gov.uk/.well-known/openid-configuration",
        "GOLDTHREAD_PASSWORD_SIGN_IN": "0",
    }
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    enabled, passwords, backends = out.stdout.strip().split(" ", 2)
    assert (enabled, passwords) == ("True", "False")
    assert backends.split() == [
        "axes.backends.AxesStandaloneBackend",
        "goldthread.council.backends.CouncilBackend",
        "goldthread.council.oidc.CouncilOIDCBackend",
    ]
    env.pop("OIDC_RP_CLIENT_ID")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.startswith("False") and "CouncilOIDCBackend" not in out.stdout


def test_a_code_the_provider_refuses_is_a_failed_sign_in_not_a_server_error(client, sso, caplog):
    callback = provider_sign_in(start(client), "sam", "provider-pass")
    forged = callback.replace("code=", "code=forged")
    response = come_back(client, forged)
    assert response.status_code == 200
    assert "did not work" in response.content.decode()
    assert "invalid_grant" in caplog.text
    assert signed_in_user(client) is None


def test_an_unreachable_provider_at_sign_in_is_explained(client, sso):
    sso.stop()
    response = client.get(reverse("oidc_authentication_init"), follow=True)
    assert "Testshire Council cannot be reached just now" in response.content.decode()
