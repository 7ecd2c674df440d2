"""`goldthread restore FILE [--replace]`: load a backup made by `goldthread backup`."""

from django.core.management.base import BaseCommand, CommandError

from goldthread.core.backup import RestoreError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `goldthread backup` into a database migrated to the same version. "
        "It must be freshly migrated (the rows migrations add are replaced by the backup's), or use --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything already in the database first (its own records and history)",
        )

    def handle(self, *args, file, replace, **options):
        try:
            counts = restore(file, replace=replace)
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} records from {file}"))
