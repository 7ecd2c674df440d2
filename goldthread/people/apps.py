from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "goldthread.people"
    label = "people"

    def ready(self) -> None:
        from goldthread.council.links import register

        from .links import appraisal_objectives

        register(appraisal_objectives)
