"""Notifications for the example council: the reminder settings at their defaults, written once."""

from .models import ReminderSettings


def load(*, council, log, options=None):
    ReminderSettings.objects.get_or_create(council=council)
    log("  reminder settings: defaults (7 days' notice, director copied after 14 days overdue)")
    return council
