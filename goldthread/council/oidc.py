"""Sign-in with the council's identity provider (OpenID Connect) through mozilla-django-oidc.

mozilla-django-oidc wants each endpoint in settings; most providers (Entra ID, Google, Keycloak) publish
them in a discovery document instead. ``oidc_setting`` answers the library's settings, filling any endpoint
left unset from the document at OIDC_OP_DISCOVERY, fetched once per process when first needed (not at
start-up, so an unreachable provider never stops password sign-in or the server from starting)."""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from goldthread.domain.sign_in_roles import groups_in_claim, parse_role_map, role_for_groups

from .models import NO_ROLE, Role
from .services import account_create_at_first_sign_in, account_update

log = logging.getLogger(__name__)

# Setting name -> key in the provider's discovery document (OpenID Connect Discovery 1.0, section 3).
DISCOVERED_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}

_documents: dict[str, dict] = {}


class DiscoveryError(Exception):
    """The provider's discovery document could not be read, or lacks what sign-in needs."""


def oidc_enabled() -> bool:
    return bool(getattr(settings, "GOLDTHREAD_OIDC_ENABLED", False))


def password_sign_in_allowed() -> bool:
    return bool(getattr(settings, "GOLDTHREAD_PASSWORD_SIGN_IN", True))


def provider_name() -> str:
    return settings.GOLDTHREAD_OIDC_PROVIDER_NAME


def discovery_document(url: str, *, refresh: bool = False) -> dict:
    """The provider's discovery document at ``url`` (kept for the life of the process)."""
    if url in _documents and not refresh:
        return _documents[url]
    try:
        response = requests.get(
            url, timeout=settings.OIDC_TIMEOUT, verify=import_from_settings("OIDC_VERIFY_SSL", True)
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"Could not read the identity provider's discovery document at {url}: {exc}") from exc
    if not isinstance(document, dict):
        raise DiscoveryError(f"The discovery document at {url} is not a JSON object.")
    missing = [key for key in ["issuer", *DISCOVERED_SETTINGS.values()] if not document.get(key)]
    if missing:
        raise DiscoveryError(f"The discovery document at {url} has no {', '.join(missing)}.")
    _documents[url] = document
    return document


def oidc_setting(name: str, *default):
    """A mozilla-django-oidc setting, with unset endpoints taken from the discovery document."""
    value = getattr(settings, name, "")
    if name in DISCOVERED_SETTINGS and not value and settings.OIDC_OP_DISCOVERY:
        return discovery_document(settings.OIDC_OP_DISCOVERY)[DISCOVERED_SETTINGS[name]]
    return import_from_settings(name, *default)


def expected_issuer() -> str | None:
    """The issuer ID tokens must name: from the discovery document, or OIDC_OP_ISSUER if set."""
    issuer = getattr(settings, "OIDC_OP_ISSUER", "")
    if issuer:
        return issuer
    if settings.OIDC_OP_DISCOVERY:
        return discovery_document(settings.OIDC_OP_DISCOVERY)["issuer"]
    return None


def role_map() -> list[tuple[str, str]]:
    try:
        return parse_role_map(settings.GOLDTHREAD_OIDC_ROLE_MAP, Role.values)
    except ValueError as exc:
        raise ImproperlyConfigured(f"GOLDTHREAD_OIDC_ROLE_MAP: {exc}") from exc


def role_from_claims(claims: dict) -> str | None:
    """The role the provider's group claim gives, if GOLDTHREAD_OIDC_ROLE_CLAIM is set and a group matches."""
    claim = settings.GOLDTHREAD_OIDC_ROLE_CLAIM
    if not claim:
        return None
    return role_for_groups(groups_in_claim(claims.get(claim)), role_map())


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with endpoints from discovery, the ID token's issuer and audience
    checked too, accounts matched by email, and roles from group claims when the council maps them."""

    def __init__(self, *args, **kwargs):
        # The library reads every endpoint here; ours are read when a sign-in needs them (see module doc).
        self.UserModel = get_user_model()

    get_settings = staticmethod(oidc_setting)

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = property(lambda self: getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None))

    def authenticate(self, request, **kwargs):
        # Only the provider's callback may sign in this way: never a password form that carries ?code=.
        if not oidc_enabled() or request is None or "password" in kwargs or "username" in kwargs:
            return None
        if request.path != reverse("oidc_authentication_callback"):
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks the signature, expiry and nonce; the issuer and audience are checked here."""
        payload = super().verify_token(token, **kwargs)
        issuer = expected_issuer()
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token was issued by another provider.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client.")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("email"))

    def filter_users_by_claims(self, claims):
        # Demo accounts are never reached through the provider.
        return self.UserModel.objects.filter(email__iexact=claims["email"], is_demo=False)

    def create_user(self, claims):
        """A first sign-in: an account with the role the groups give, or none until the performance team gives one."""
        email = claims["email"].strip()
        username = email.lower()[:150]
        if self.UserModel.objects.filter(username=username).exists():
            username = self.get_username(claims)
        role = role_from_claims(claims) or NO_ROLE
        return account_create_at_first_sign_in(
            username=username,
            email=email,
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
            role=role,
            provider=provider_name(),
        )

    def update_user(self, user, claims):
        """When the council maps groups to roles, a change of group changes the role at the next sign-in."""
        role = role_from_claims(claims)
        if role and role != user.role:
            try:
                account_update(
                    account=user,
                    data={"role": role},
                    user=None,
                    reason=f"Groups from {provider_name()}",
                )
            except ValueError as exc:  # the last performance-team account keeps its role
                log.warning("Role from groups not applied to %s: %s", user, exc)
        return user


def forget_discovery() -> None:
    """Read the discovery document afresh next time (after the provider's settings change)."""
    _documents.clear()


def axes_username(request, credentials=None) -> str | None:
    """The username django-axes counts failures against (AXES_USERNAME_CALLABLE).

    A password sign-in: the username typed, as django-axes does by default. A sign-in coming back from the
    identity provider has no username until the ID token is checked; counting all of them against one blank
    username would let a few failures lock everyone at the same address out of the provider, so each is
    counted against its own one-time state. Guessing passwords is the provider's to stop, not ours."""
    if credentials and credentials.get("username") is not None:
        return credentials["username"]
    if credentials and "nonce" in credentials and request is not None:
        return f"identity provider sign-in {request.GET.get('state', '')[:12]}"
    return getattr(request, "data", request.POST).get("username") if request is not None else None
