"""Reads about the council and its priorities."""

from django.http import Http404

from .models import Council, Priority


def current_council() -> Council:
    """The council this installation serves (one per installation)."""
    council = Council.objects.order_by("pk").first()
    if council is None:
        raise Http404("No council is set up yet: run `goldthread load_example` or create one.")
    return council


def priorities_with_counts():
    from django.db.models import Count

    return Priority.objects.filter(council=current_council()).annotate(
        measure_count=Count("measures", distinct=True), outcome_count=Count("outcomes", distinct=True)
    )
