"""Reading jobs. Lists never load the stored files."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from goldthread.core.audit import history_for
from goldthread.core.models import Change
from goldthread.council.actors import Actor
from goldthread.council.models import User
from goldthread.council.permissions import can_see_job, is_performance_team

from .models import Job

LIGHT = ("input_bytes", "result_bytes")


def jobs_for(user: User, limit: int = 50) -> QuerySet[Job]:
    """The person's own jobs, newest first; the performance team sees everyone's."""
    jobs = Job.objects.defer(*LIGHT).select_related("requested_by")
    if not is_performance_team(user):
        jobs = jobs.filter(requested_by=user)
    return jobs[:limit]


def job_for(user: Actor, job_id: UUID | str, *, with_file: bool = False) -> Job:
    """One job the person may see; anyone else's is as if it did not exist (404)."""
    jobs = Job.objects.select_related("requested_by")
    if not with_file:
        jobs = jobs.defer(*LIGHT)
    try:
        job = jobs.get(pk=job_id)
    except (Job.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("No such job") from exc
    if not can_see_job(user, job):
        raise Http404("No such job")
    return job


def job_history(job: Job) -> QuerySet[Change]:
    return history_for(job)
