"""`goldthread import_ombudsman FILE`: the Ombudsman's annual per-council statistics (tidy layout) as
the published metrics LGSCO_DECIDED and LGSCO_UPHELD_RATE."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.enquiries.ombudsman import COLUMNS, import_ombudsman_file


class Command(BaseCommand):
    help = f"Import Ombudsman statistics per council from a CSV or XLSX with columns {', '.join(COLUMNS)}."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: str, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        try:
            summaries = import_ombudsman_file(path.read_bytes(), path.name)
        except ImportRejected as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(str(e) for e in exc.errors)) from exc
        except TabularError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        for summary in summaries:
            self.stdout.write(f"{', '.join(summary.metrics)}: {summary.rows} values")
