from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "goldthread.performance"
    label = "performance"

    def ready(self):
        from goldthread.council.links import register, register_latest_period

        from . import cache
        from .priority_section import latest_period, priority_measures

        register(priority_measures)
        register_latest_period(latest_period)
        cache.connect()
