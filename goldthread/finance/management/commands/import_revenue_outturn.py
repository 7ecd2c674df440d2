"""`goldthread import_revenue_outturn PATH...`: MHCLG Revenue Outturn Summary workbooks into published
metrics (RO-NRE, RO-CTR, RO-RES-EARMARKED, RO-RES-UNALLOCATED, RES-LEVEL, RES-CHANGE, CT-SHARE)."""

from django.core.management.base import BaseCommand, CommandError

from goldthread.finance.outturn import OutturnError
from goldthread.finance.outturn_import import import_revenue_outturn


class Command(BaseCommand):
    help = "Import MHCLG Revenue Outturn Summary (RS) workbooks, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="RS_<year>_data_by_LA*.xlsx workbooks")

    def handle(self, *args, **options):
        try:
            summary = import_revenue_outturn(options["paths"])
        except OutturnError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for line in summary.lines():
            self.stdout.write(line)
