"""`goldthread report quarterly --period "2023-24 Q2" --format docx --output FILE [--audience cabinet|scrutiny]`.

Also `report audit-risk` (the Audit and Governance Committee's risk report) and `report action-plan`
(the action plan and progress review report), built by the same machinery."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from goldthread.core.documents import render
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError, parse_period
from goldthread.reports.models import Audience, ReportType
from goldthread.reports.pack import ReportContext, build_report

KINDS = {"quarterly": ReportType.QUARTERLY, "audit-risk": ReportType.AUDIT_RISK, "action-plan": ReportType.ACTION_PLAN}
DEFAULT_AUDIENCE = {"quarterly": Audience.CABINET, "audit-risk": Audience.AUDIT, "action-plan": Audience.CABINET}


class Command(BaseCommand):
    help = "Build a committee report (Word, PDF or Excel) from the approved figures."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("--period", required=True, help='e.g. "2023-24 Q2"')
        parser.add_argument("--format", required=True, choices=["docx", "pdf", "xlsx"], dest="fmt")
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument("--audience", choices=[a.value for a in Audience], default=None)

    def handle(self, *args, kind, period, fmt, output, audience, **options):
        try:
            label = parse_period(period).label
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        ctx = ReportContext(
            council=current_council(),
            period=label,
            audience=audience or DEFAULT_AUDIENCE[kind],
            user=None,
            as_of=timezone.localdate(),
        )
        started = timezone.now()
        data = render(build_report(KINDS[kind], ctx), fmt)
        Path(output).write_bytes(data)
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes) in {seconds:.2f} s"))
