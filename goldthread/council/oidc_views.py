"""The two steps of signing in with the council's identity provider: off (404) unless it is configured."""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .oidc import DiscoveryError, oidc_enabled, oidc_setting, provider_name

log = logging.getLogger(__name__)


@method_decorator(login_not_required, name="dispatch")
class SignInWithProvider(OIDCAuthenticationRequestView):
    """Send the person to the provider with a fresh state, nonce and PKCE (S256) code challenge."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # The library reads the endpoint when the view is made; ours may need the discovery document.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_enabled():
            raise Http404("Sign-in with an identity provider is not set up.")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except DiscoveryError:
            messages.error(request, f"{provider_name()} cannot be reached just now. Try again in a few minutes.")
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = oidc_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class ProviderCallback(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code; the library checks state, then the backend
    exchanges the code (with the PKCE verifier) and checks the ID token."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not oidc_enabled():
            raise Http404("Sign-in with an identity provider is not set up.")
        try:
            return super().get(request)
        except (DiscoveryError, requests.RequestException) as exc:
            # The provider refused the code (used, expired, forged) or could not be reached: not a server error.
            log.warning("Sign-in with the identity provider failed: %s", exc)
            return self.login_failure()

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_failure(self):
        messages.error(
            self.request,
            f"Signing in with {provider_name()} did not work. Try again, or ask the performance team "
            "if your account has been deactivated.",
        )
        return super().login_failure()

    def login_success(self):
        response = super().login_success()
        messages.success(self.request, f"Signed in as {self.user}.")
        return response
