"""The example council, loaded once per test module and rolled back at the end (it takes seconds)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from goldthread.council.models import Council


@pytest.fixture(scope="module")
def example(django_db_setup, django_db_blocker):
    """The example council with its published benchmarks, loaded once and rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_example", stdout=io.StringIO())
            yield Council.objects.get()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
