"""`goldthread send_reminders [--date YYYY-MM-DD] [--dry-run]`: work out and send the reminders due that day.

Safe to run twice: a reminder is never made twice and a digest goes once a day per person. A systemd timer
(deploy/goldthread-reminders.timer) runs it each morning; see docs/deploy.md."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from goldthread.council.models import Council
from goldthread.notifications.services import send_reminders


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date: '{text}' is not a date in the form YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "Make and send the reminders due on a day (default today): in the app, and by email."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to work out reminders for, YYYY-MM-DD (default today)")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; change nothing")

    def handle(self, *args, **options):
        day = _day(options["date"]) if options["date"] else timezone.localdate()
        council = Council.objects.order_by("pk").first()
        if council is None:
            raise CommandError("No council is set up yet: run `goldthread load_example` or create one.")
        report = send_reminders(council=council, day=day, dry_run=options["dry_run"])
        would = "Would make" if report.dry_run else "Made"
        self.stdout.write(f"{would} {len(report.made)} notification(s) for {day:%Y-%m-%d}:")
        for who, subject in report.made:
            self.stdout.write(f"  {who}: {subject}")
        sent = "Would email" if report.dry_run else "Emailed"
        self.stdout.write(f"{sent} {len(report.emailed)} message(s):")
        for address, subject in report.emailed:
            self.stdout.write(f"  {address}: {subject}")
        if report.skipped_no_director:
            self.stdout.write(
                f"{len(report.skipped_no_director)} overdue item(s) have no director account to copy "
                "(a directorate's director is the account in it whose job title is the director's title)."
            )
