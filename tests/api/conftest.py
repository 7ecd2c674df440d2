"""API tests run against the example council, loaded once per module and rolled back after."""

import io

import pytest
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections, transaction

from goldthread.core.tokens import create_token
from goldthread.council.models import Directorate, Role, User


@pytest.fixture(scope="module", autouse=True)
def keep_connection_open():
    """Schemathesis calls the WSGI app directly, whose request signals would close the database
    connection mid-transaction (as Django's own test client avoids); keep it open instead."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def example_council(django_db_setup, django_db_blocker):
    """Load the example council (without the national data sets) once for the module.

    Each test then runs in its own savepoint inside this transaction, so what one test
    writes is gone before the next, and the whole example is rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def tokens(example_council, db):
    """An API token for a (non-demo) user of each role; editors edit children's services."""
    directorate = Directorate.objects.get(code="childrens")
    made = {}
    for role in Role.values:
        user = User.objects.create_user(
            username=f"api-{role}", role=role, directorate=directorate if role == Role.EDITOR else None
        )
        made[role] = create_token(user=user)
    return made
