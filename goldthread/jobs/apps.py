from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "goldthread.jobs"
    verbose_name = "Background jobs"
