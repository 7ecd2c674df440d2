from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "goldthread.risk"
    label = "risk"
