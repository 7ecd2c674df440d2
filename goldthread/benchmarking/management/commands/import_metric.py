"""goldthread import_metric PATH --format tidy|oflog|lginform-csv|lginform-json [--code --name --unit --polarity]."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldthread.benchmarking.metric_import import FORMATS, MetricSpec, import_metric_file
from goldthread.core.tabular import ImportRejected, TabularError


class Command(BaseCommand):
    help = "Import a published metric's values for every area. All or nothing; every bad row is reported."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="file_format")
        parser.add_argument("--code", default="", help="Metric code (required for tidy and LG Inform files)")
        parser.add_argument("--name", default="")
        parser.add_argument("--unit", default="")
        parser.add_argument("--polarity", default="", choices=["", "higher", "lower", "none"])
        parser.add_argument("--year-type", default="financial", choices=["financial", "calendar", "academic"],
                            help="What a split year such as 2023/24 means (default financial)")  # fmt: skip
        parser.add_argument("--source", default="")
        parser.add_argument("--licence", default="")

    def handle(self, *args, path, file_format, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path} is not a file")
        spec = MetricSpec(
            code=options["code"], name=options["name"], unit=options["unit"], polarity=options["polarity"],
            year_type=options["year_type"], source=options["source"], licence=options["licence"],
        )  # fmt: skip
        try:
            summary = import_metric_file(file.read_bytes(), file.name, file_format, spec)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s) found in {file.name}; nothing was imported") from exc
        except TabularError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{', '.join(summary.metrics)}: {summary.rows} values read, {summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged."
        )
