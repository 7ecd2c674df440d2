"""`goldthread oidc_discover [URL]`: read the identity provider's discovery document and print its endpoints."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from goldthread.council.oidc import DISCOVERED_SETTINGS, DiscoveryError, discovery_document


class Command(BaseCommand):
    help = (
        "Read the OpenID Connect discovery document (URL, or OIDC_OP_DISCOVERY) and print the endpoints as "
        "environment variables. Goldthread reads the document itself when OIDC_OP_DISCOVERY is set; use this "
        "to check the provider is reachable, or to pin the endpoints."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="The discovery document's address (…/.well-known/openid-configuration)"
        )

    def handle(self, *args, url=None, **options):
        url = url or settings.OIDC_OP_DISCOVERY
        if not url:
            raise CommandError("Give the discovery document's address, or set OIDC_OP_DISCOVERY.")
        try:
            document = discovery_document(url, refresh=True)
        except DiscoveryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"# {document['issuer']}")
        for name, key in DISCOVERED_SETTINGS.items():
            self.stdout.write(f"{name}={document[key]}")
        algorithms = document.get("id_token_signing_alg_values_supported", [])
        if "RS256" not in algorithms:
            self.stderr.write(
                f"Warning: the provider does not list RS256 among its ID token algorithms ({algorithms})."
            )
        if "S256" not in document.get("code_challenge_methods_supported", ["S256"]):
            self.stderr.write("Warning: the provider does not list PKCE with S256.")
