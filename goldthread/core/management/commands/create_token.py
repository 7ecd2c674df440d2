"""`goldthread create_token USERNAME`: print a new API token for a user (shown once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from goldthread.core.tokens import create_token


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it. Only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"There is no user called {username!r}.") from exc
        token = create_token(user=user, name=name, by=None, reason="Made on the server with `goldthread create_token`")
        self.stdout.write(token)
