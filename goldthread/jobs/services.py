"""Every change to a job, one named function each; requests, retries and outcomes are kept in history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.council.actors import Actor
from goldthread.council.models import User
from goldthread.council.permissions import can_retry_job, require

from . import tasks
from .models import Job
from .outcomes import FileResult, JobFailed, JobRequest, SummaryResult

HISTORY_FIELDS = ["state", "attempts", "error"]


def _enqueue(job: Job) -> None:
    # The database backend writes the task in this same transaction: the job and its task are
    # committed together, or neither is.
    result = tasks.run_job.enqueue(str(job.pk), job.attempts)
    job.task_id = str(result.id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


def job_request(*, user: User, request: JobRequest) -> Job:
    """Queue a job for ``user``; the worker runs it as them."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=request.kind,
            title=request.title[:300],
            requested_by=user,
            params=request.params,
            input_name=request.input_name[:300],
            input_bytes=request.input_bytes,
        )
        record_change(obj=job, user=user, action=Change.Action.CREATE, after=snapshot(job, ["kind", "title", "params"]))
        _enqueue(job)
    return job


def job_retry(*, job: Job, user: Actor) -> Job:
    """Run a failed job again with the same parameters and file."""
    require(can_retry_job, user, job)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != Job.State.FAILED:
            raise JobFailed("Only a job that failed can be tried again.")
        before = snapshot(job, HISTORY_FIELDS)
        job.state, job.attempts, job.error, job.problems = Job.State.QUEUED, job.attempts + 1, "", []
        job.progress, job.step, job.started_at, job.finished_at = 0.0, "", None, None
        job.save()
        record_change(
            obj=job, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(job, HISTORY_FIELDS),
            reason="Tried again",
        )  # fmt: skip
        _enqueue(job)
    return job


def job_start(*, job: Job) -> bool:
    """The worker takes the job. False if this attempt is stale (the job was retried or already ran)."""
    claimed = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED, attempts=job.attempts).update(
        state=Job.State.RUNNING, started_at=timezone.now(), step="Starting", progress=0.0
    )
    return bool(claimed)


def job_progress(*, job: Job, fraction: float, step: str) -> None:
    """How far the worker has got; written straight away so the progress page sees it."""
    Job.objects.filter(pk=job.pk).update(progress=max(0.0, min(1.0, fraction)), step=step[:200])


@transaction.atomic
def job_finish(*, job: Job, result: FileResult | SummaryResult) -> Job:
    before = snapshot(job, HISTORY_FIELDS)
    job.refresh_from_db()
    job.state, job.progress, job.step, job.finished_at = Job.State.DONE, 1.0, "Done", timezone.now()
    if isinstance(result, FileResult):
        job.result_name, job.result_content_type, job.result_bytes = result.name, result.content_type, result.content
    else:
        job.summary, job.result_link = list(result.lines), result.link
    job.input_bytes = None  # the upload is no longer needed once it is imported
    job.save()
    record_change(obj=job, user=None, action=Change.Action.UPDATE, before=before, after=snapshot(job, HISTORY_FIELDS))
    return job


@transaction.atomic
def job_fail(*, job: Job, message: str, problems: list[dict[str, Any]] | None = None) -> Job:
    before = snapshot(job, HISTORY_FIELDS)
    job.refresh_from_db()
    job.state, job.step, job.finished_at = Job.State.FAILED, "Failed", timezone.now()
    job.error, job.problems = message, problems or []
    job.save()
    record_change(obj=job, user=None, action=Change.Action.UPDATE, before=before, after=snapshot(job, HISTORY_FIELDS))
    return job
