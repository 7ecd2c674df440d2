"""Asking for a background job, for the apps below ``goldthread.jobs``. The jobs app runs jobs by
calling back into those apps' services, so the apps cannot import it; instead it registers its
enqueue service here in its AppConfig.ready() (as ``report_sections.py`` is filled), and a page asks
here. What each kind of job is asked to do is built here too, so a page and the API ask alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from goldthread.benchmarking.metric_import import MetricSpec
    from goldthread.council.models import User

# The kinds of job, as stored in Job.kind (the jobs app's choices use these).
PACK = "pack"
METRIC_IMPORT = "metric-import"
OUTTURN_IMPORT = "outturn-import"
VALUES_UPLOAD = "values-upload"

FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "xlsx": "Excel"}


@dataclass
class JobRequest:
    kind: str
    title: str
    params: dict = field(default_factory=dict)
    input_name: str = ""
    input_bytes: bytes | None = None


class QueuedJob(Protocol):
    def get_absolute_url(self) -> str: ...


Enqueue = Callable[..., QueuedJob]

_ENQUEUE: list[Enqueue] = []


def register(enqueue: Enqueue) -> Enqueue:
    """The jobs app's ``job_request(*, user, request)``; registering it again (a second ready()) is harmless."""
    _ENQUEUE[:] = [enqueue]
    return enqueue


def job_request(*, user: User, request: JobRequest) -> QueuedJob:
    """Queue a job for ``user`` (the worker runs it as them); its page follows its progress."""
    if not _ENQUEUE:
        raise ImproperlyConfigured("No app queues background jobs: is goldthread.jobs in INSTALLED_APPS?")
    return _ENQUEUE[0](user=user, request=request)


def metric_import_request(*, content: bytes, filename: str, file_format: str, spec: MetricSpec) -> JobRequest:
    fields = ("code", "name", "unit", "polarity", "year_type", "source", "licence")
    return JobRequest(
        kind=METRIC_IMPORT,
        title=f"Import {filename}" + (f" as {spec.code}" if spec.code else ""),
        params={"file_format": file_format, "spec": {f: getattr(spec, f) for f in fields}},
        input_name=filename,
        input_bytes=content,
    )


def outturn_import_request(*, content: bytes, filename: str) -> JobRequest:
    return JobRequest(
        kind=OUTTURN_IMPORT, title=f"Import revenue outturn {filename}", input_name=filename, input_bytes=content
    )


def values_upload_request(*, content: bytes, filename: str) -> JobRequest:
    return JobRequest(
        kind=VALUES_UPLOAD, title=f"Upload values from {filename}", input_name=filename, input_bytes=content
    )
