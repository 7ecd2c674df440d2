"""Settings shared by every environment. Environment variables choose the rest."""

import os
from pathlib import Path

import dj_database_url

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
    "govuk_frontend_django",
    "goldthread.core",
    "goldthread.council",
    "goldthread.performance",
    "goldthread.benchmarking",
    "goldthread.improvement",
    "goldthread.risk",
    "goldthread.finance",
    "goldthread.people",
    "goldthread.reports",
    "goldthread.jobs",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "goldthread.core.middleware.ContentSecurityPolicyMiddleware",
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

# Sign-in throttling: this many failures for one username or address in the window locks it out.
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60

# Demo sign-ins are offered only while DEBUG is on (see goldthread.council.demo).
GOLDTHREAD_DEMO_PASSWORD = "goldthread-demo"

# Where the bundled public data lives (the shared data folder beside the checkout).
GOLDTHREAD_SHARED_DATA = Path(os.environ.get("GOLDTHREAD_SHARED_DATA", PROJECT_DIR.parent / "shared" / "data"))
GOLDTHREAD_SHARED_SEEDS = Path(os.environ.get("GOLDTHREAD_SHARED_SEEDS", PROJECT_DIR.parent / "shared" / "seeds"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

AUTHENTICATION_BACKENDS = ["goldthread.council.backends.CouncilBackend"]
