"""goldthread import_staff PATH: load the HR staff extract (CSV or XLSX), all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.council.models import User
from goldthread.council.selectors import current_council
from goldthread.people.services import staff_import_file


class Command(BaseCommand):
    help = "Import the HR staff extract (CSV or XLSX). Every row is checked; nothing is written if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV or XLSX file")
        parser.add_argument("--user", help="Username to record in history as the importer (default: system)")

    def handle(self, *args, path, user=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path} does not exist")
        importer = None
        if user:
            importer = User.objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"There is no user {user}")
        try:
            done = staff_import_file(
                council=current_council(), content=file.read_bytes(), filename=file.name, user=importer
            )
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s) found; nothing was imported") from exc
        except TabularError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Imported {done.rows} rows: {done.created} new, {done.updated} updated, {done.unchanged} unchanged."
        )
