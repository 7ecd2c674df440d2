"""Goldthread as it runs in production: `goldthread` commands and gunicorn in their own processes,
with goldthread.settings.production, against a database made for these tests.

The database is a temporary SQLite file, or, when the suite runs on PostgreSQL, a separate
database on the same server (created and dropped here), so pytest-django's own test database
is never touched."""

import contextlib
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

REPO = Path(__file__).resolve().parents[2]
USERNAME = "smoke.performance"
PASSWORD = "a-real-production-password-" + secrets.token_hex(8)


def _server_url(name: str) -> str:
    """The suite's own DATABASE_URL (its PostgreSQL server and user) with another database name."""
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


@contextlib.contextmanager
def scratch_database(tmp_path: Path, purpose: str):
    """A new, empty database for one purpose; its DATABASE_URL is yielded, and it is dropped after."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / f'{purpose}.sqlite3'}"
        return
    # The suite's own database name (test_<branch>) keeps ours apart from other checkouts'.
    name = f"{settings.DATABASES['default']['NAME']}_{purpose}"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with _admin_connection() as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _server_url(name)
    finally:
        with _admin_connection() as conn:
            conn.execute(drop)


def production_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    """The environment docs/deploy.md asks for, pointing at temporary folders."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goldthread.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "GOLDTHREAD_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }


def goldthread(env: dict[str, str], *args: str, fails: bool = False) -> str:
    """Run `goldthread ARGS` as an administrator would; return what it printed (its error if ``fails``)."""
    result = subprocess.run(
        [sys.executable, "-m", "goldthread.manage", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if fails:
        assert result.returncode != 0, f"goldthread {' '.join(args)} should have failed:\n{result.stdout}"
        return result.stderr
    assert result.returncode == 0, f"goldthread {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """A production database with the example council and one real (not demo) account with a token,
    made by the commands docs/deploy.md gives: migrate, collectstatic, load_example, createsuperuser."""
    tmp_path = tmp_path_factory.mktemp("production")
    with scratch_database(tmp_path, "smoke") as database_url:
        env = production_env(tmp_path, database_url)
        goldthread(env, "migrate", "--noinput", "-v0")
        goldthread(env, "collectstatic", "--noinput", "-v0")
        goldthread(env, "load_example", "--skip-benchmarks")
        goldthread(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username",
            USERNAME,
            "--email",
            "performance@example.org",
        )
        token = goldthread(env, "create_token", USERNAME, "--name", "smoke test").strip()
        yield {"env": env, "tmp_path": tmp_path, "token": token, "username": USERNAME, "password": PASSWORD}
