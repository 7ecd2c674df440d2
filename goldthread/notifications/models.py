"""Notifications: what a person is told (in the app, and by email at once or in a daily digest),
each person's choice per kind, and the council's reminder settings."""

from django.conf import settings
from django.db import models

from goldthread.domain.reminders import (
    DEFAULT_DELIVERY,
    DEFAULT_ESCALATE_AFTER_DAYS,
    DEFAULT_LEAD_DAYS,
    DELIVERY_LABELS,
    KIND_LABELS,
)

KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]
DELIVERY_CHOICES = [(d.value, label) for d, label in DELIVERY_LABELS.items()]


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    subject_key = models.CharField(max_length=200, help_text="What it is about, e.g. values:childrens:2023-24 Q2")
    due = models.DateField(help_text="The due date (for an event, the day it happened)")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.CharField(max_length=500, help_text="The page where the work is done, from the site root")
    copied_as_director = models.BooleanField(default=False)
    delivery = models.CharField(max_length=10, choices=DELIVERY_CHOICES, default=DEFAULT_DELIVERY.value)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            # Never the same reminder twice: one per person, kind, subject and due date.
            models.UniqueConstraint(fields=["recipient", "kind", "subject_key", "due"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """How one person wants one kind of notification; with no row, the daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    delivery = models.CharField(max_length=10, choices=DELIVERY_CHOICES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} {self.get_delivery_display()}"


class DigestSent(models.Model):
    """One digest email per person per day at most: the database refuses a second."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]


class ReminderSettings(models.Model):
    council = models.OneToOneField("council.Council", on_delete=models.CASCADE, related_name="reminder_settings")
    lead_days = models.PositiveSmallIntegerField(
        "Days of notice", default=DEFAULT_LEAD_DAYS, help_text="Remind people this many days before work is due"
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "Copy the director after",
        default=DEFAULT_ESCALATE_AFTER_DAYS,
        help_text="Days overdue before the person's director is copied into the reminder",
    )

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminder settings for {self.council}"
