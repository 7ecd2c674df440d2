"""Job pages: the person's jobs, one job with its progress (polled by htmx), its file, and Retry. Thin views."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from goldthread.council.permissions import can_retry_job, is_performance_team

from . import selectors, services
from .outcomes import JobFailed


def index(request):
    return render(
        request,
        "jobs/index.html",
        {"jobs": selectors.jobs_for(request.user), "sees_all": is_performance_team(request.user)},
    )


def _page_context(request, job):
    return {"job": job, "can_retry": can_retry_job(request.user, job)}


def detail(request, job_id):
    job = selectors.job_for(request.user, job_id)
    context = _page_context(request, job) | {"history": selectors.job_history(job)}
    return render(request, "jobs/detail.html", context)


def status(request, job_id):
    """The progress fragment htmx swaps in every second until the job has finished."""
    job = selectors.job_for(request.user, job_id)
    return render(request, "jobs/_status.html", _page_context(request, job))


def result(request, job_id):
    job = selectors.job_for(request.user, job_id, with_file=True)
    if not job.has_file:
        messages.info(request, "The file is not ready yet.")
        return redirect(job)
    return file_response(job)


def file_response(job) -> HttpResponse:
    response = HttpResponse(bytes(job.result_bytes), content_type=job.result_content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    return response


@require_POST
def retry(request, job_id):
    job = selectors.job_for(request.user, job_id)
    try:
        services.job_retry(job=job, user=request.user)
    except JobFailed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The job has been queued again.")
    return redirect(job)
