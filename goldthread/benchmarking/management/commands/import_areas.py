"""goldthread import_areas PATH: the mySociety register of UK local authorities (lookups beside it)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldthread.benchmarking.areas import import_areas


class Command(BaseCommand):
    help = "Import every UK local authority from the mySociety register (uk_local_authorities.csv)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="uk_local_authorities.csv; lookup_*.csv are read from the same folder")

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"{path} is not a file")
        try:
            result = import_areas(path)
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{path} is not the register layout: {exc}") from exc
        for note in result.notes:
            self.stderr.write(note)
        self.stdout.write(
            f"Areas: {result.areas_created} created, {result.areas_updated} updated; "
            f"{result.codes_created} codes and names added."
        )
