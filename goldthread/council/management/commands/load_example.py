"""`goldthread load_example`: load (or refresh) the example council, Sefton, from the seeds.

Each domain app that has example data provides ``goldthread.<app>.example.load(council=..., log=...)``;
they run in order and each is idempotent, so running the command twice changes nothing."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

EXAMPLE_MODULES = [
    "goldthread.council.example",
    "goldthread.timetable.example",
    "goldthread.performance.example",
    "goldthread.benchmarking.example",
    "goldthread.improvement.example",
    "goldthread.enquiries.example",
    "goldthread.governance.example",
    "goldthread.risk.example",
    "goldthread.finance.example",
    "goldthread.people.example",
    "goldthread.scrutiny.example",
    "goldthread.reports.example",
    "goldthread.notifications.example",
]


class Command(BaseCommand):
    help = "Load the example council (Sefton) with real figures from the seed documents and published data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-benchmarks",
            action="store_true",
            help="Do not import the published data for every council (faster, for tests)",
        )

    def handle(self, *args, **options):
        log = self.stdout.write
        with transaction.atomic():
            council = None
            for name in EXAMPLE_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue
                    raise
                result = module.load(council=council, log=log, options=options)
                if council is None:
                    council = result
        self.stdout.write(self.style.SUCCESS(f"Example council loaded: {council}"))
