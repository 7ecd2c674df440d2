from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "goldthread.notifications"
    verbose_name = "Notifications"
