from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "goldthread.risk"
    label = "risk"

    def ready(self):
        from goldthread.council.links import register, register_latest_period

        from .priority_section import latest_period, priority_risks

        register(priority_risks)
        register_latest_period(latest_period)
