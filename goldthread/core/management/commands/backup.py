"""`goldthread backup FILE`: everything, including history, to one file (.json or .json.gz)."""

from django.core.management.base import BaseCommand

from goldthread.core.backup import backup


class Command(BaseCommand):
    help = "Back up every record, including the history of every change, to FILE (.json or .json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        counts = backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up {sum(counts.values())} records to {file}"))
