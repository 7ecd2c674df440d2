from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "goldthread.reports"
    label = "reports"
