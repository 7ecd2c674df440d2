"""`goldthread enquiry_timeliness [--period 2024-25 Q3]`: recompute "Member enquiries answered on time"
for a quarter (default: every quarter with enquiries due in it) and write it as a draft value."""

from django.core.management.base import BaseCommand, CommandError

from goldthread.council.models import Council
from goldthread.domain.numbers import percent
from goldthread.domain.periods import Granularity, PeriodError, YearType, parse_period
from goldthread.enquiries import services
from goldthread.enquiries.models import Enquiry
from goldthread.performance.services import PerformanceError


class Command(BaseCommand):
    help = "Recompute the member enquiries timeliness measure from the enquiries (values go in as drafts)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="A financial quarter, e.g. '2024-25 Q3' (default: every quarter due)")

    def handle(self, *args, **options):
        council = Council.objects.order_by("pk").first()
        if council is None:
            raise CommandError("There is no council yet: load one first")
        if options.get("period"):
            try:
                periods = [parse_period(options["period"], YearType.FINANCIAL, Granularity.QUARTER)]
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
        else:
            due = Enquiry.objects.filter(council=council).values_list("due_on", flat=True)
            periods = sorted({services.quarter_of(day) for day in due})
        for period in periods:
            try:
                value = services.record_timeliness(council, period)
            except (PerformanceError, services.EnquiryError) as exc:
                raise CommandError(str(exc)) from exc
            shown = "no enquiries count yet" if value is None else f"{percent(value.value)} ({value.status})"
            self.stdout.write(f"{period.label}: {shown}")
