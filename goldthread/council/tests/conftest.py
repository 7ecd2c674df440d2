"""A real OpenID Connect provider on loopback, and Goldthread configured to sign in through it."""

import pytest

from goldthread.council.oidc import forget_discovery

from .oidc_provider import Provider


@pytest.fixture
def provider():
    running = Provider().start()
    running.add_user("sam", "provider-pass", email="Sam.Smith@testshire.gov.uk", given_name="Sam", family_name="Smith")
    yield running
    running.stop()


@pytest.fixture
def sso(settings, provider, council):
    """Sign-in with the provider switched on, as the environment variables would (see settings/base.py)."""
    settings.GOLDTHREAD_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_OP_DISCOVERY = provider.discovery_url
    settings.GOLDTHREAD_OIDC_PROVIDER_NAME = "Testshire Council"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "goldthread.council.oidc.CouncilOIDCBackend"]
    yield provider
    forget_discovery()
