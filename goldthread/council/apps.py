from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "goldthread.council"
    label = "council"

    def ready(self):
        from . import checks  # noqa: F401  (registers the sign-in settings check)
