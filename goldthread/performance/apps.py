from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "goldthread.performance"
    label = "performance"
