"""The people notifications go to: the performance team, a directorate's editors and director, and each
person's choices. Only the council's and this app's models, so the submit and return services can use it."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from goldthread.council.models import Role, User

from .models import DigestSent, Notification, Preference


def active_people():
    return User.objects.filter(is_active=True)


def performance_team() -> list[int]:
    return list(active_people().filter(Q(role=Role.PERFORMANCE) | Q(is_superuser=True)).values_list("pk", flat=True))


def editors_of(directorate) -> tuple[int, ...]:
    return tuple(active_people().filter(role=Role.EDITOR, directorate=directorate).values_list("pk", flat=True))


def director_of(directorate) -> int | None:
    """Goldthread keeps a directorate's director as a job title; the director is the active account in that
    directorate with that job title. None if the title is blank or nobody holds it (then nobody is copied)."""
    if directorate is None or not directorate.director.strip():
        return None
    person = (
        active_people()
        .filter(directorate=directorate, job_title__iexact=directorate.director.strip())
        .order_by("pk")
        .first()
    )
    return person.pk if person else None


def preferences_of(user) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))


def awaiting_email() -> QuerySet[Notification]:
    """Notifications not yet emailed that should be (people with no email address see them in the app only)."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .exclude(delivery="app_only")
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created", "pk")
    )


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def last_digest_day(user: User) -> date | None:
    return DigestSent.objects.filter(user=user).order_by("-day").values_list("day", flat=True).first()
