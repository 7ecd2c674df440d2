from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "goldthread.performance"
    label = "performance"

    def ready(self):
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register

        from . import appendix, cache
        from .links import priority_measures

        register(priority_measures)
        report_sections.register("performance.scorecard", appendix.scorecard_appendix)
        report_sections.register("performance.exceptions", appendix.exceptions_appendix)
        cache.connect()
