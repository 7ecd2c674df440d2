"""Events the submit and return services announce: something awaits approval, something was sent back."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from goldthread.core.models import Change
from goldthread.council.models import User
from goldthread.domain.reminders import Kind

from .delivery import notify
from .people import performance_team
from .subjects import describe


def submitted(*, obj, user) -> None:
    """Something was submitted: tell the performance team (not the person who submitted it)."""
    about = describe(obj)
    today = timezone.localdate()
    key = f"{about.key}:submitted:{timezone.now().isoformat()}"
    subject = f"Awaiting approval: {about.what}"
    body = f"{user} submitted {about.what} on {today:%-d %B %Y}. It is waiting for the performance team to approve."
    # pk=None (no user, or the system) excludes nobody, as meant: hence the ignore below
    for person in User.objects.filter(pk__in=performance_team()).exclude(pk=getattr(user, "pk", None)):  # type: ignore[misc]
        notify(
            recipient=person, kind=Kind.VALUE_SUBMITTED, subject_key=key, due=today, subject=subject, body=body,
            link=about.link,
        )  # fmt: skip


def returned(*, obj, user, reason: str) -> None:
    """Something was sent back: tell the person who entered it, with the reason."""
    about = describe(obj)
    person = entered_by(obj)
    if person is None or person.pk == getattr(user, "pk", None):
        return
    today = timezone.localdate()
    notify(
        recipient=person,
        kind=Kind.VALUE_RETURNED,
        subject_key=f"{about.key}:returned:{timezone.now().isoformat()}",
        due=today,
        subject=f"Returned: {about.what}",
        body=f"{user} returned {about.what} to you on {today:%-d %B %Y}. The reason given: {reason.strip()}",
        link=about.link,
    )


def entered_by(obj) -> User | None:
    """Whoever last submitted ``obj`` (or, failing that, made it), from its history."""
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        user__isnull=False,
    ).order_by("-at", "-pk")
    change = (
        changes.filter(action=Change.Action.SUBMIT).first()
        or changes.filter(action__in=[Change.Action.CREATE, Change.Action.UPDATE]).first()
    )
    return change.user if change else None
