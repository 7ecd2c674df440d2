from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "goldthread.improvement"
    label = "improvement"

    def ready(self):
        from goldthread.council import links

        from .priority_section import priority_actions, priority_recommendations

        links.register(priority_recommendations)
        links.register(priority_actions)
