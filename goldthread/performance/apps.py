from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "goldthread.performance"
    label = "performance"

    def ready(self):
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register, register_latest_period

        from . import appendix, cache
        from .priority_section import latest_period, priority_measures

        register(priority_measures)
        register_latest_period(latest_period)
        report_sections.register("performance.scorecard", appendix.scorecard_appendix)
        report_sections.register("performance.exceptions", appendix.exceptions_appendix)
        cache.connect()
