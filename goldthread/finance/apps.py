from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "goldthread.finance"
    label = "finance"

    def ready(self):
        from goldthread.council.links import register

        from .priority_section import priority_money

        register(priority_money)
