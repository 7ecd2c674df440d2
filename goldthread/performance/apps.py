from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "goldthread.performance"
    label = "performance"

    def ready(self):
        from goldthread.council.links import register

        from . import cache
        from .links import priority_measures

        register(priority_measures)
        cache.connect()
