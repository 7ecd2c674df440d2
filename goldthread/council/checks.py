"""`goldthread check` (and every management command) reports a sign-in setting it cannot read."""

from django.conf import settings
from django.core.checks import Error, register

from .oidc import role_map


@register()
def oidc_role_map(app_configs, **kwargs):
    if not getattr(settings, "GOLDTHREAD_OIDC_ROLE_MAP", ""):
        return []
    try:
        role_map()
    except Exception as exc:  # ImproperlyConfigured, with the entry and why
        return [Error(str(exc), id="goldthread.E101")]
    if not settings.GOLDTHREAD_OIDC_ROLE_CLAIM:
        return [Error("GOLDTHREAD_OIDC_ROLE_MAP is set but GOLDTHREAD_OIDC_ROLE_CLAIM is not.", id="goldthread.E102")]
    return []
