from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "goldthread.improvement"
    label = "improvement"

    def ready(self):
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council import links

        from . import appendix
        from .priority_section import priority_actions, priority_recommendations

        links.register(priority_recommendations)
        links.register(priority_actions)
        report_sections.register("improvement.action_plan_progress", appendix.action_plan_appendix)
        report_sections.register("improvement.action_plans", appendix.action_plan_documents_appendices)
