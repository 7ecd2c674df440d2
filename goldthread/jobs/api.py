"""JSON API for background jobs: ask for a committee pack (202 and the job's URL), follow its state,
download its file. The synchronous ``GET /api/reports/{kind}`` stays as it is."""

from datetime import datetime

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from goldthread.core.documents import RENDERERS
from goldthread.domain.periods import PeriodError, parse_period
from goldthread.reports.api import KINDS
from goldthread.reports.models import Audience

from . import selectors, services
from .kinds import pack_request
from .models import Job
from .outcomes import JobFailed
from .views import file_response

router = Router(tags=["jobs"])


class PackJobIn(Schema):
    """The same choices as ``GET /api/reports/{kind}``."""

    period: str
    audience: str = "cabinet"
    format: str = "docx"


class JobOut(Schema):
    id: str
    kind: str
    title: str
    state: str
    progress: float
    step: str
    error: str
    problems: list[dict]
    summary: list[str]
    attempts: int
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str
    page_url: str
    result_url: str | None


def _job_out(request, job: Job) -> dict:
    url = reverse("api:job", args=[job.pk])
    return {
        "id": str(job.pk), "kind": job.kind, "title": job.title, "state": job.state, "progress": job.progress,
        "step": job.step, "error": job.error, "problems": job.problems, "summary": job.summary,
        "attempts": job.attempts, "requested_by": job.requested_by.username, "requested_at": job.requested_at,
        "started_at": job.started_at, "finished_at": job.finished_at, "url": request.build_absolute_uri(url),
        "page_url": request.build_absolute_uri(job.get_absolute_url()),
        "result_url": request.build_absolute_uri(reverse("api:job_result", args=[job.pk])) if job.has_file else None,
    }  # fmt: skip


def _job(request, job_id: str, **kwargs) -> Job:
    try:
        return selectors.job_for(request.user, job_id, **kwargs)
    except Http404 as exc:
        raise HttpError(404, "No such job") from exc


def _accepted(request, response: HttpResponse, job: Job) -> Status:
    body = _job_out(request, job)
    response["Location"] = body["url"]
    return Status(202, body)


@router.post("/reports/{kind}/jobs", response={202: JobOut})
def request_report(request, kind: str, data: PackJobIn, response: HttpResponse):
    """Ask for a committee report (``quarterly``, ``audit-risk`` or ``action-plan``) in the background.
    Answers 202 with the job; its URL is in ``Location``. Poll it, then download ``result_url``."""
    report_type = KINDS.get(kind)
    if report_type is None:
        raise HttpError(404, "No such report: choose quarterly, audit-risk or action-plan")
    if data.format not in RENDERERS:
        raise HttpError(400, "The format must be docx, pdf or xlsx")
    if data.audience not in Audience.values:
        raise HttpError(400, f"The audience must be one of {', '.join(Audience.values)}")
    try:
        label = parse_period(data.period).label
    except PeriodError as exc:
        raise HttpError(400, f"Period: {exc}") from exc
    ask = pack_request(
        report_type=report_type, period=label, audience=data.audience, fmt=data.format, as_of=timezone.localdate()
    )
    job = services.job_request(user=request.user, request=ask)
    return _accepted(request, response, job)


@router.get("/jobs", response=list[JobOut])
def list_jobs(request):
    """Your jobs, newest first (the performance team: everyone's)."""
    return [_job_out(request, job) for job in selectors.jobs_for(request.user)]


@router.get("/jobs/{job_id}", response=JobOut, url_name="job")
def get_job(request, job_id: str):
    """A job's state (queued, running, done, failed), progress (0 to 1), step, and error when it failed."""
    return _job_out(request, _job(request, job_id))


@router.get("/jobs/{job_id}/result", response={200: None}, url_name="job_result")
def job_result(request, job_id: str):
    """The job's file, once its state is ``done``."""
    job = _job(request, job_id, with_file=True)
    if not job.has_file:
        raise HttpError(409, f"The job has no file: its state is {job.state}")
    return file_response(job)


@router.post("/jobs/{job_id}/retry", response={202: JobOut})
def retry_job(request, job_id: str, response: HttpResponse):
    """Run a failed job again with the same parameters."""
    job = _job(request, job_id)
    try:
        job = services.job_retry(job=job, user=request.user)
    except JobFailed as exc:
        raise HttpError(409, exc.message) from exc
    return _accepted(request, response, job)
