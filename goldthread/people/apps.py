from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "goldthread.people"
    label = "people"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register

        from . import appendix
        from .links import appraisal_objectives

        register(appraisal_objectives)
        report_sections.register("people.summary", appendix.people_appendix)
