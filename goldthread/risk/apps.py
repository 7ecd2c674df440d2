from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "goldthread.risk"
    label = "risk"

    def ready(self):
        from goldthread.council.links import register

        from .links import priority_risks

        register(priority_risks)
