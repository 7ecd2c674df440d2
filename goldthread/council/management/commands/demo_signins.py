"""`goldthread demo_signins`: print the demo sign-ins (only while DEBUG is on)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from goldthread.council.demo import demo_accounts, demo_signins_allowed


class Command(BaseCommand):
    help = "Print how to sign in to the demo with each role."

    def add_arguments(self, parser):
        parser.add_argument("--address", default="127.0.0.1:8000", help="where the server will listen")

    def handle(self, *args, **options):
        if not demo_signins_allowed():
            raise CommandError("Demo sign-ins are refused when DEBUG is off.")
        accounts = demo_accounts()
        if not accounts:
            raise CommandError("No demo accounts yet: run `goldthread load_example` first.")
        self.stdout.write(
            f"\nGoldthread is starting at http://{options['address']}/ with the example council (Sefton)."
        )
        self.stdout.write(f"Sign in with any of these (password: {settings.GOLDTHREAD_DEMO_PASSWORD}):\n")
        for a in accounts:
            where = f", {a['user'].directorate}" if a["user"].directorate else ""
            self.stdout.write(f"  {a['username']:<12} {a['role']}{where}")
        self.stdout.write("")
