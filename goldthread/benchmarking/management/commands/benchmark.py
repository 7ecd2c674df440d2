"""goldthread benchmark --metric CODE --period PERIOD --group GROUP --format json|table [--area GSS]."""

import json

from django.core.management.base import BaseCommand, CommandError

from goldthread.benchmarking import selectors
from goldthread.domain.periods import PeriodError


def _num(value) -> str:
    return "" if value is None else f"{value:,.2f}"


class Command(BaseCommand):
    help = "A metric's statistics for a period and comparator group, with every area's rank and quartile."

    def add_arguments(self, parser):
        parser.add_argument("--metric", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument(
            "--group", required=True, help="MD, UA, LBO, CTY, NMD, UPPER, 'REGION:North West', all, or a group code"
        )
        parser.add_argument("--format", default="json", choices=["json", "table"], dest="output_format")
        parser.add_argument("--area", default=None, help="Narrow the areas to one GSS code")

    def handle(self, *args, metric, period, group, output_format, area, **options):
        try:
            data = selectors.benchmark(metric, period, group, area)
        except (LookupError, PeriodError) as exc:
            raise CommandError(str(exc)) from exc
        if output_format == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        s = data["stats"]
        self.stdout.write(f"{data['metric']}  {data['period']}  group {data['group']}")
        self.stdout.write("  ".join(f"{k} {_num(s[k]) if k != 'n' else s[k]}" for k in s))
        self.stdout.write(f"{'Rank':>5}  {'Code':<10} {'Area':<36} {'Value':>12}  {'Quartile':<13} {'MADs':>7}")
        for a in data["areas"]:
            self.stdout.write(
                f"{a['rank']:>5}  {a['area_code']:<10} {a['area_name'][:36]:<36} {_num(a['value']):>12}  "
                f"{a['quartile']:<13} {_num(a['mads_from_median']):>7}"
            )
