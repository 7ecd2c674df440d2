"""`goldthread import_recommendations PATH [--review REF] [--dry-run] [--format json]`

Finds the recommendations in a review document (.txt, .docx or .pdf). With --dry-run nothing is
saved; --format json prints [{"ref", "title", "text", "response"}]. Without --dry-run the
recommendations are created under --review, with history. No recommendations: exit code 1."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldthread.domain.recommendation_parser import NoRecommendationsFound

from ...models import Review
from ...reading import UnreadableDocument, recommendations_in
from ...services import ImprovementError, recommendations_import


class Command(BaseCommand):
    help = "Find the recommendations in a review document and (unless --dry-run) add them to a review."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--review", help="The review's reference, e.g. cpc-2023")
        parser.add_argument("--dry-run", action="store_true", help="Show what was found; save nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, path, review=None, dry_run=False, format="text", **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            found = recommendations_in(file.read_bytes(), file.name)
        except (UnreadableDocument, NoRecommendationsFound) as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in found], ensure_ascii=False, indent=2))
        else:
            for r in found:
                self.stdout.write(f"{r.ref}. {r.title}" + (" [has a council response]" if r.response else ""))
        if dry_run:
            return
        if not review:
            raise CommandError("Say which review to add them to with --review REF (or use --dry-run).")
        target = Review.objects.filter(reference=review).first()
        if target is None:
            raise CommandError(f"No review with reference {review!r}.")
        try:
            created = recommendations_import(review=target, items=[r.as_dict() for r in found], user=None)
        except ImprovementError as exc:
            raise CommandError(str(exc)) from exc
        if format != "json":
            self.stdout.write(
                f"{len(created)} recommendation(s) added to {target}; {len(found) - len(created)} already there."
            )
