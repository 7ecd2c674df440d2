"""Email settings come from the environment: SMTP whenever EMAIL_HOST is set, the console locally without it."""

import os
import subprocess
import sys

import pytest

PRINT = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)"
PRODUCTION = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "goldthread.example.org"}


def backend(module: str, **env) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    environ |= {"DJANGO_SETTINGS_MODULE": module, **env}
    code = f"import django; django.setup(); {PRINT}"
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    ("module", "extra"), [("goldthread.settings.local", {}), ("goldthread.settings.production", PRODUCTION)]
)
def test_email_host_means_smtp_whatever_the_settings_module(module, extra):
    out = backend(module, EMAIL_HOST="smtp.example.org", EMAIL_PORT="2525", **extra)
    assert out.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "2525"]


def test_without_email_host_local_settings_print_to_the_console():
    assert backend("goldthread.settings.local").split()[0] == "django.core.mail.backends.console.EmailBackend"
