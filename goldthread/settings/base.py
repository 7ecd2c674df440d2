"""Settings shared by every environment. Environment variables choose the rest."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GOLDTHREAD_VAR_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "goldthread.core",
    "goldthread.council",
    "goldthread.performance",
    "goldthread.benchmarking",
    "goldthread.improvement",
    "goldthread.enquiries",
    "goldthread.governance",
    "goldthread.scrutiny",
    "goldthread.risk",
    "goldthread.finance",
    "goldthread.people",
    "goldthread.reports",
    "goldthread.search",
    "axes",
    "goldthread.jobs",
    "goldthread.timetable",
    "goldthread.notifications",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "goldthread.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "goldthread.core.middleware.LoginRequiredMiddleware",
    "goldthread.council.middleware.NoRoleYetMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "goldthread.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goldthread.urls"
WSGI_APPLICATION = "goldthread.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "goldthread.core.context_processors.council",
                "goldthread.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'goldthread.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite's default page cache is 2 MB: too small for a national metric's indexes, so an import
    # of a million values spent most of its time re-reading pages (measured by bench/import_tidy.py).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA cache_size = -65536"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (report packs, imports): django-tasks with its database backend. The queue is a table in
# DATABASES["default"], so every `goldthread db_worker` process on any machine shares it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A performance values upload larger than this many bytes runs as a background job; smaller ones at once.
GOLDTHREAD_BACKGROUND_UPLOAD_BYTES = int(os.environ.get("GOLDTHREAD_BACKGROUND_UPLOAD_BYTES", str(256 * 1024)))

AUTH_USER_MODEL = "council.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024


def _env_count(name: str, default: int, minimum: int) -> int:
    """A whole number from the environment, refused with the variable's name if it is not one."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


# Sign-in protection (django-axes). This many failed sign-ins for one username from one client address
# locks that username out from that address until the window has passed since the last failure, or
# until the performance team unlocks it (Council settings, then Sign-in lockouts).
LOGIN_FAILURE_LIMIT = _env_count("GOLDTHREAD_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = _env_count("GOLDTHREAD_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60, minimum=1)
# How many reverse proxies in front of Goldthread append to X-Forwarded-For. 0: the connection's own
# address is the client's (no proxy, or a proxy that does not pass the client on).
GOLDTHREAD_TRUSTED_PROXIES = _env_count("GOLDTHREAD_TRUSTED_PROXIES", 0, minimum=0)

AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW_SECONDS)
# Lock the pair, not either half: one person's typos never lock out colleagues behind the same proxy or
# network address, and guesses from one address never lock the real person out from their own.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "goldthread.core.signin.client_address"
AXES_LOCKOUT_CALLABLE = "goldthread.core.signin.lockout_response"
# A lockout ends a fixed time after the failure that caused it, so the page can say when.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful sign-in forgets that username and address's earlier failures.
AXES_RESET_ON_SUCCESS = True
# Successful sign-ins are not logged: nothing reads that log, and it would grow without end.
AXES_DISABLE_ACCESS_LOG = True

# Limits on uploaded and imported files (goldthread.core.tabular), so that a hostile file is refused
# before it can take the server's memory or time. Rows: value, staff, survey and group-member uploads;
# national metric files (import_metric and its page) are larger. An .xlsx or .docx is a zip archive:
# the sum of its parts' sizes once expanded, and how many times each part over 1 MB is compressed.
GOLDTHREAD_UPLOAD_MAX_ROWS = _env_count("GOLDTHREAD_UPLOAD_MAX_ROWS", 50_000, minimum=1)
GOLDTHREAD_IMPORT_MAX_ROWS = _env_count("GOLDTHREAD_IMPORT_MAX_ROWS", 1_000_000, minimum=1)
GOLDTHREAD_UPLOAD_MAX_COLUMNS = _env_count("GOLDTHREAD_UPLOAD_MAX_COLUMNS", 500, minimum=1)
GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES = _env_count("GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES", 50 * 1024 * 1024, minimum=1)
GOLDTHREAD_UPLOAD_MAX_COMPRESSION_RATIO = _env_count("GOLDTHREAD_UPLOAD_MAX_COMPRESSION_RATIO", 200, minimum=1)

# Demo sign-ins are offered only while DEBUG is on (see goldthread.council.demo).
GOLDTHREAD_DEMO_PASSWORD = "goldthread-demo"

# The published data the example council, the tests and the benchmarks read: bundled in the package
# (goldthread/data); the environment variable may point at another folder of the same layout.
GOLDTHREAD_SHARED_DATA = Path(os.environ.get("GOLDTHREAD_SHARED_DATA", BASE_DIR / "data"))
# The two source documents (the seeds). Nothing needs them at run time; only the test that runs the
# recommendation importer on the real documents reads them, where they are (beside the checkout).
GOLDTHREAD_SHARED_SEEDS = Path(os.environ.get("GOLDTHREAD_SHARED_SEEDS", PROJECT_DIR.parent / "shared" / "seeds"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "goldthread.council.backends.CouncilBackend"]

# --- Email (notifications and reminders) -------------------------------------------------------------
# With EMAIL_HOST set, email goes out by SMTP whatever the settings module; without it, local settings
# print emails to the console and production uses Django's default (SMTP to localhost).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = _env_count("EMAIL_PORT", 587 if EMAIL_HOST else 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1" if EMAIL_HOST else "0") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "goldthread@localhost")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Absolute links in emails start with this (no trailing slash), e.g. https://goldthread.example.gov.uk
GOLDTHREAD_BASE_URL = os.environ.get("GOLDTHREAD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Sign-in with the council's identity provider (OpenID Connect, mozilla-django-oidc): off unless a client
# id and either the provider's discovery document (OIDC_OP_DISCOVERY, read when first needed) or its
# endpoints are set. An endpoint set here wins over the discovery document. See docs/deploy.md.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_DISCOVERY = os.environ.get("OIDC_OP_DISCOVERY", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True  # S256 code challenge on every sign-in
OIDC_USE_NONCE = True
OIDC_TIMEOUT = _env_count("OIDC_TIMEOUT", 10, minimum=1)
OIDC_AUTHENTICATE_CLASS = "goldthread.council.oidc_views.SignInWithProvider"
OIDC_CALLBACK_CLASS = "goldthread.council.oidc_views.ProviderCallback"
LOGIN_REDIRECT_URL_FAILURE = "login"
GOLDTHREAD_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and (OIDC_OP_DISCOVERY or OIDC_OP_AUTHORIZATION_ENDPOINT))
# The name on the sign-in button: "Sign in with <name>".
GOLDTHREAD_OIDC_PROVIDER_NAME = os.environ.get("GOLDTHREAD_OIDC_PROVIDER_NAME", "your council account")
# Optional: the claim holding the person's groups, and which group gives which role (first match wins).
GOLDTHREAD_OIDC_ROLE_CLAIM = os.environ.get("GOLDTHREAD_OIDC_ROLE_CLAIM", "")
GOLDTHREAD_OIDC_ROLE_MAP = os.environ.get("GOLDTHREAD_OIDC_ROLE_MAP", "")
# GOLDTHREAD_PASSWORD_SIGN_IN=0 turns Goldthread's own passwords off: only the provider's button is offered.
GOLDTHREAD_PASSWORD_SIGN_IN = os.environ.get("GOLDTHREAD_PASSWORD_SIGN_IN", "1").strip() != "0"
# django-axes counts a provider sign-in's failures against its own state, not one blank username.
AXES_USERNAME_CALLABLE = "goldthread.council.oidc.axes_username"
if GOLDTHREAD_OIDC_ENABLED:
    # After django-axes, which still sees (and can refuse) every sign-in first.
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "goldthread.council.oidc.CouncilOIDCBackend"]
