"""Writes for notifications: storing and emailing them, the daily reminder run, marking read, and each person's
choices and the council's reminder settings (with history). The emails' text is in ``emails``; submit and
return events in ``events``.

A notification is the system's own message, made by a service that has checked its permission; storing it
and stamping when it was emailed keep no history (the notification is its own record)."""

from __future__ import annotations

import logging
import smtplib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, User
from goldthread.domain.reminders import (
    KIND_LABELS,
    Delivery,
    Family,
    Kind,
    Reminder,
    delivery_for,
    digest_due,
    reminders_for,
)
from goldthread.domain.text import sentence_case

from . import selectors
from .emails import email_message, link_for
from .models import DigestSent, Notification, Preference, ReminderSettings
from .people import awaiting_email, last_digest_day, preferences_of

logger = logging.getLogger(__name__)


class NotificationError(ValueError):
    pass


# --- storing and emailing -------------------------------------------------------------------------------


def notify(
    *,
    recipient: User,
    kind: Kind,
    subject_key: str,
    due: date,
    subject: str,
    body: str,
    link: str,
    copied: bool = False,
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


def send_now(note: Notification) -> bool:
    """Email one notification. It is claimed first (emailed_at set only if still empty), so two runs at once
    cannot both send it; on failure the claim is undone and the next reminder run tries again."""
    if not Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
        return False
    context = {"note": note, "link": link_for(note)}
    try:
        email_message(note.recipient.email, note.subject, "notification", context).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not email notification %s to %s", note.pk, note.recipient_id)
        Notification.objects.filter(pk=note.pk).update(emailed_at=None)
        return False
    return True


def send_digest(*, user: User, notes: list[Notification], day: date) -> bool:
    """One email listing ``notes``; refused (False) if ``user`` already had a digest on ``day``."""
    if not digest_due(last_digest_day(user), day):
        return False
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=day, count=len(notes))
            items = [{"note": n, "link": link_for(n)} for n in notes]
            context = {"user": user, "items": items, "day": day}
            subject = f"{len(notes)} thing{'s' if len(notes) != 1 else ''} for you on {day:%-d %B %Y}"
            email_message(user.email, subject, "digest", context).send()
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


# --- making notifications -----------------------------------------------------------------------------


def _reminder_words(kind: Kind, what: str, due: date, copied: bool, who: str) -> tuple[str, str]:
    when = f"{due:%-d %B %Y}"
    overdue = kind.value.endswith("overdue")
    subject = f"{'Overdue' if overdue else 'Due'}: {what}"
    body = f"{sentence_case(what)} {'was' if overdue else 'is'} due on {when}."
    if copied:
        body += f" You are copied as director because it is still outstanding; it is for {who} to do."
    return subject, body


@dataclass
class RunReport:
    """What a reminder run made and sent (or, for a dry run, would have)."""

    day: date
    dry_run: bool
    made: list[tuple[str, str]] = field(default_factory=list)  # (recipient, subject)
    emailed: list[tuple[str, str]] = field(default_factory=list)  # (address, email subject)
    skipped_no_director: list[str] = field(default_factory=list)


def send_reminders(*, council: Council, day: date, dry_run: bool = False) -> RunReport:
    """Work out the reminders due on ``day``, store them, then send what is waiting to go by email
    (at-once ones not yet sent, and each person's digest if they have not had one that day).
    Safe to run twice: made reminders are never remade and a digest goes once a day."""
    conf = selectors.reminder_settings(council)
    report = RunReport(day=day, dry_run=dry_run)
    work = {w.obligation.subject: w for w in selectors.work_due(council, day, conf.lead_days)}
    made = reminders_for(
        [w.obligation for w in work.values()],
        day,
        lead_days=conf.lead_days,
        escalate_after_days=conf.escalate_after_days,
        already_made=selectors.keys_made(min((w.obligation.due for w in work.values()), default=day)),
    )
    people = User.objects.in_bulk({r.recipient for r in made} | _all_recipients(work))
    for reminder in made:
        w = work[reminder.subject]
        person = people[reminder.recipient]
        who = ", ".join(str(people[p]) for p in w.obligation.recipients if p in people) or "the directorate"
        subject, body = _reminder_words(reminder.kind, w.what, reminder.due, reminder.copied_as_director, who)
        report.made.append((str(person), subject))
        if not dry_run:
            notify(
                recipient=person,
                kind=reminder.kind,
                subject_key=reminder.subject,
                due=reminder.due,
                subject=subject,
                body=body,
                link=w.link,
                copied=reminder.copied_as_director,
            )
    report.skipped_no_director = sorted(
        {
            work[r.subject].what
            for r in made
            if r.kind.value.endswith("overdue")
            and work[r.subject].obligation.director is None
            and work[r.subject].obligation.family is not Family.REVIEW_DEADLINE
        }
    )
    if not dry_run:
        report.emailed = send_waiting(day=day)
    else:
        report.emailed = _waiting_preview(day, made, people)
    return report


def _all_recipients(work: dict[str, selectors.Work]) -> set[int]:
    return {p for w in work.values() for p in w.obligation.recipients}


def _waiting_preview(day: date, made: list[Reminder], people: dict[int, User]) -> list[tuple[str, str]]:
    """What a real run would email, for --dry-run: the same rules as ``send_waiting``, nothing written."""
    at_once: Counter[int] = Counter()
    digest: Counter[int] = Counter()
    for note in awaiting_email():
        (at_once if note.delivery == Delivery.AT_ONCE else digest)[note.recipient_id] += 1
    for reminder in made:
        person = people[reminder.recipient]
        delivery = delivery_for(preferences_of(person), reminder.kind)
        if person.email and delivery is not Delivery.APP_ONLY:
            (at_once if delivery is Delivery.AT_ONCE else digest)[person.pk] += 1
    users = User.objects.in_bulk(set(at_once) | set(digest))
    preview = [(users[pk].email, f"{n} email(s) at once") for pk, n in at_once.items()]
    preview += [
        (users[pk].email, f"Digest of {n} notification(s)")
        for pk, n in digest.items()
        if digest_due(last_digest_day(users[pk]), day)
    ]
    return preview


# --- reading, choices, settings ------------------------------------------------------------------------


def mark_read(*, notification: Notification, user: Actor) -> Notification:
    permissions.require(permissions.can_see_notification, user, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Save a person's choice per kind; each change is kept in their history."""
    valid_kinds, valid = {k.value for k in KIND_LABELS}, {d.value for d in Delivery}
    for kind, delivery in choices.items():
        if kind not in valid_kinds or delivery not in valid:
            raise NotificationError(f"'{delivery}' is not a way to receive '{kind}'")
    with transaction.atomic():
        for kind, delivery in choices.items():
            pref = Preference.objects.filter(user=user, kind=kind).first()
            if pref is None:
                pref = Preference.objects.create(user=user, kind=kind, delivery=delivery)
                record_change(obj=pref, user=user, action=Change.Action.CREATE, after={"delivery": delivery})
            elif pref.delivery != delivery:
                before = snapshot(pref, ["delivery"])
                pref.delivery = delivery
                pref.save(update_fields=["delivery"])
                record_change(
                    obj=pref, user=user, action=Change.Action.UPDATE, before=before, after={"delivery": delivery}
                )


SETTINGS_FIELDS = ["lead_days", "escalate_after_days"]


def reminder_settings_save(
    *, council: Council, user: Actor, lead_days: int, escalate_after_days: int
) -> ReminderSettings:
    permissions.require(permissions.can_set_reminders, user)
    if not 0 <= lead_days <= 60:
        raise NotificationError("Days of notice must be from 0 to 60")
    if not 1 <= escalate_after_days <= 90:
        raise NotificationError("Copy the director after 1 to 90 days overdue")
    with transaction.atomic():
        conf, created = ReminderSettings.objects.get_or_create(council=council)
        before = {} if created else snapshot(conf, SETTINGS_FIELDS)
        conf.lead_days, conf.escalate_after_days = lead_days, escalate_after_days
        conf.save()
        record_change(
            obj=conf,
            user=user,
            action=Change.Action.CREATE if created else Change.Action.UPDATE,
            before=before,
            after=snapshot(conf, SETTINGS_FIELDS),
        )
    return conf
