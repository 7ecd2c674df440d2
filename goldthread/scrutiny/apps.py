from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "goldthread.scrutiny"
    verbose_name = "Scrutiny: committees, work programmes and recommendation tracking"
    default_auto_field = "django.db.models.BigAutoField"
