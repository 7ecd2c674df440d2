"""Store a notification and send it: by email at once, or in one digest a day. Sending failures leave the
notification waiting, and the next reminder run tries again."""

from __future__ import annotations

import logging
import smtplib
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from goldthread.domain.reminders import Delivery, Kind, delivery_for, digest_due

from .models import DigestSent, Notification
from .people import awaiting_email, last_digest_day, preferences_of

logger = logging.getLogger(__name__)


def absolute(link: str) -> str:
    return f"{settings.GOLDTHREAD_BASE_URL}{link}"


def notify(
    *, recipient, kind: Kind, subject_key: str, due: date, subject: str, body: str, link: str, copied=False
) -> Notification | None:
    """Store one notification (never the same one twice) and, if the person wants it at once, email it."""
    delivery = delivery_for(preferences_of(recipient), kind)
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                recipient=recipient,
                kind=kind.value,
                subject_key=subject_key,
                due=due,
                subject=subject[:300],
                body=body,
                link=link,
                copied_as_director=copied,
                delivery=delivery.value,
            )
    except IntegrityError:
        return None  # already made: the unique key says so
    if delivery is Delivery.AT_ONCE and recipient.email:
        transaction.on_commit(lambda: send_now(note))
    return note


# --- email ---------------------------------------------------------------------------------------------


def _message(to: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    context = {
        **context,
        "list_link": absolute(reverse("notifications:list")),
        "prefs_link": absolute(reverse("notifications:preferences")),
    }
    msg = EmailMultiAlternatives(
        subject=f"Goldthread: {subject}",
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[to],
    )
    msg.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    return msg


def _link(note: Notification) -> str:
    return absolute(note.link)


def send_now(note: Notification) -> bool:
    """Email one notification. It is claimed first (emailed_at set only if still empty), so two runs at once
    cannot both send it; on failure the claim is undone and the next reminder run tries again."""
    if not Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
        return False
    context = {"note": note, "link": _link(note)}
    try:
        _message(note.recipient.email, note.subject, "notification", context).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not email notification %s to %s", note.pk, note.recipient_id)
        Notification.objects.filter(pk=note.pk).update(emailed_at=None)
        return False
    return True


def send_digest(*, user, notes: list[Notification], day: date) -> bool:
    """One email listing ``notes``; refused (False) if ``user`` already had a digest on ``day``."""
    if not digest_due(last_digest_day(user), day):
        return False
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=day, count=len(notes))
            items = [{"note": n, "link": _link(n)} for n in notes]
            context = {"user": user, "items": items, "day": day}
            subject = f"{len(notes)} thing{'s' if len(notes) != 1 else ''} for you on {day:%-d %B %Y}"
            _message(user.email, subject, "digest", context).send()
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
    except IntegrityError:
        return False
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not email the digest to %s", user.pk)
        return False
    return True


def send_waiting(*, day: date) -> list[tuple[str, str]]:
    """Send every at-once notification still waiting, then each person's digest (once a day)."""
    sent = []
    digests: dict[int, list[Notification]] = {}
    for note in awaiting_email():
        if note.delivery == Delivery.AT_ONCE:
            if send_now(note):
                sent.append((note.recipient.email, note.subject))
        else:
            digests.setdefault(note.recipient_id, []).append(note)
    for notes in digests.values():
        user = notes[0].recipient
        if send_digest(user=user, notes=notes, day=day):
            sent.append((user.email, f"Digest of {len(notes)} notification(s)"))
    return sent
