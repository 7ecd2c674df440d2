from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "goldthread.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The apps' services publish submissions and returns in core; notifications turns them into
        # messages, so those services need not import notifications.
        from goldthread.core import events as core_events

        from . import events

        core_events.subscribe(core_events.SUBMITTED, events.submitted)
        core_events.subscribe(core_events.RETURNED, events.returned)
