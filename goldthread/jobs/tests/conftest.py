import pytest
from django.core.management import call_command


@pytest.fixture
def run_worker():
    """The real task worker: takes every queued task from the database queue, runs it, and exits.

    The worker opens and closes database connections as a deployed one does, so these tests use
    transactional databases rather than a test wrapped in one transaction."""

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    return run
