from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "goldthread.governance"
    verbose_name = "Governance: policy register"
    default_auto_field = "django.db.models.BigAutoField"
