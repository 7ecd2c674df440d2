"""The one task the queue knows: run a job. Any number of `goldthread db_worker` processes, on any
machine sharing the database, take tasks from the same queue."""

import logging

from django_tasks import task

from . import services
from .models import Job
from .outcomes import JobFailed
from .runners import RUNNERS

logger = logging.getLogger(__name__)
UNEXPECTED = (
    "Something went wrong on the server while doing this job, and nothing was saved. Try again; if it fails "
    "again, tell the performance team the job's reference, {reference}."
)


@task()
def run_job(job_id: str, attempt: int) -> str:
    job = Job.objects.select_related("requested_by").get(pk=job_id)
    if job.attempts != attempt or not services.job_start(job=job):
        return "skipped"  # a later attempt replaced this one, or another worker already ran it

    def progress(fraction: float, step: str) -> None:
        services.job_progress(job=job, fraction=fraction, step=step)

    try:
        result = RUNNERS[job.kind](job, progress)
    except JobFailed as exc:
        services.job_fail(job=job, message=exc.message, problems=exc.problems)
        return Job.State.FAILED
    except Exception:
        # The person sees a plain message; the traceback goes to the log (and the task's own result).
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        services.job_fail(job=job, message=UNEXPECTED.format(reference=job.pk))
        raise
    services.job_finish(job=job, result=result)
    return Job.State.DONE
