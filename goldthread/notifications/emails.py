"""The emails a notification goes out in: one at once, or one digest a day. Storing and sending them (the
writes) is in ``services``; ``delivery`` names both."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Notification


def absolute(link: str) -> str:
    return f"{settings.GOLDTHREAD_BASE_URL}{link}"


def email_message(to: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
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


def link_for(note: Notification) -> str:
    return absolute(note.link)
