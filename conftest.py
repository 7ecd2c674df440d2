"""Fixtures every test can use: a council, a directorate, a signed-in client per role."""

import pytest
from django.db import OperationalError, connection

from goldthread.council.models import Council, Directorate, Priority, Role, User


@pytest.fixture(scope="session", autouse=True)
def _end_stray_connections(django_db_setup, django_db_blocker):
    """A live-server request still finishing when the browser tests end keeps its own connection
    to the test database, and PostgreSQL refuses to drop a database in use. End such sessions
    before the test database is dropped (this fixture's teardown runs first)."""
    yield
    if connection.vendor != "postgresql":
        return
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    except OperationalError:
        return  # no test database was made (a run of tests that use none): nothing to end
    connection.close()


@pytest.fixture
def council(db):
    return Council.objects.create(
        name="Testshire Metropolitan Borough Council", short_name="Testshire Council", gss_code="E08000014"
    )


@pytest.fixture
def directorate(council):
    return Directorate.objects.create(council=council, code="childrens", name="Children's Services")


@pytest.fixture
def other_directorate(council):
    return Directorate.objects.create(council=council, code="place", name="Place")


@pytest.fixture
def priority(council):
    return Priority.objects.create(
        council=council, code="protect-vulnerable", title="Protect the most vulnerable", order=1
    )


@pytest.fixture
def make_user(db, directorate):
    def make(role: str = Role.PERFORMANCE, username: str | None = None, directorate_obj=None, **extra):
        name = username or f"{role}-user"
        user = User.objects.create_user(
            username=name,
            password="a-long-test-password",
            role=role,
            directorate=directorate_obj
            if directorate_obj is not None
            else (directorate if role == Role.EDITOR else None),
            first_name=role.capitalize(),
            last_name="Tester",
            **extra,
        )
        return user

    return make


@pytest.fixture
def users(make_user):
    """One user per role, editors in the ``directorate`` fixture."""
    return {role: make_user(role) for role in Role.values}


@pytest.fixture
def client_for(client, users):
    """``client_for("member")`` is a test client signed in as that role."""

    def signed_in(role: str):
        client.force_login(users[role])
        return client

    return signed_in
