"""Settings for the test suite."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "goldthread-tests-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
GOLDTHREAD_DEMO_SIGNINS = False
# Playwright's sync API runs an event loop in the test thread; Django's ORM is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# WhiteNoise serves straight from the app folders in tests; it warns if STATIC_ROOT is missing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
