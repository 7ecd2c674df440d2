from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "goldthread.finance"
    label = "finance"
