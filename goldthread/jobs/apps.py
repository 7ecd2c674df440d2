from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "goldthread.jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        # Pages of the apps below this one ask for jobs through core (this app's runners call back into
        # those apps, so they cannot import it): the enqueue service is registered there.
        from goldthread.core import jobs_queue

        from .services import job_request

        jobs_queue.register(job_request)
