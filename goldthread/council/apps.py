from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "goldthread.council"
    label = "council"
