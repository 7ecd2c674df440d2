from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "goldthread.improvement"
    label = "improvement"
