"""What each kind of job does. Each runner calls the same service the synchronous page or command
calls, reports its progress, and returns a file or a summary; a problem the person can fix is a
``JobFailed`` with a clear message (and, for imports, every row's problem)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from goldthread.benchmarking import services as benchmarking_services
from goldthread.benchmarking.metric_import import MetricSpec
from goldthread.core.documents import CONTENT_TYPES, render
from goldthread.core.jobs_queue import FORMAT_NAMES
from goldthread.core.report_context import Appendix, AppendixBuilder, ReportContext
from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.council.permissions import can_administer
from goldthread.council.selectors import current_council
from goldthread.finance.outturn import OutturnError
from goldthread.finance.outturn_import import import_revenue_outturn
from goldthread.performance import services as performance_services
from goldthread.reports.models import ReportType
from goldthread.reports.pack import build
from goldthread.reports.sections import builders as report_builders
from goldthread.reports.selectors import narrative_for

from .models import Job
from .outcomes import FileResult, JobFailed, SummaryResult

Progress = Callable[[float, str], None]


def safe_filename(stem: str, extension: str) -> str:
    """The same file name the synchronous download gives."""
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '-', stem).strip('-') or 'report'}.{extension}"


def _counted(builder: AppendixBuilder, index: int, total: int, progress: Progress) -> AppendixBuilder:
    """An appendix builder that says which appendix it is working on (building is most of the time)."""

    def run(ctx: ReportContext) -> Appendix | list[Appendix] | None:
        progress(0.05 + 0.6 * index / total, f"Gathering appendix {index + 1} of {total}")
        return builder(ctx)

    return run


def run_pack(job: Job, progress: Progress) -> FileResult:
    params = job.params
    report_type, fmt = ReportType(params["report"]), params["format"]
    ctx = ReportContext(
        council=current_council(),
        period=params["period"],
        audience=params["audience"],
        user=job.requested_by,
        as_of=date.fromisoformat(params["as_of"]),
    )
    narrative = narrative_for(report_type, ctx.period, ctx.audience, ctx.council)
    builders = report_builders(report_type)
    doc = build(narrative, ctx, [_counted(b, i, len(builders), progress) for i, b in enumerate(builders)])
    progress(0.7, f"Writing the {FORMAT_NAMES[fmt]} file")
    content = render(doc, fmt)
    name = safe_filename(f"{report_type.value}-{ctx.period}-{ctx.audience}", fmt)
    return FileResult(name=name, content_type=CONTENT_TYPES[fmt], content=content)


def _upload(job: Job) -> bytes:
    """The uploaded file. PostgreSQL gives a binary field back as a memoryview, hence ``bytes``. A job
    without its file (asked for without one, or cleared once imported) says so, not "something went wrong"."""
    if job.input_bytes is None:
        raise JobFailed("This job's uploaded file is not kept, so nothing was imported. Upload the file again.")
    return bytes(job.input_bytes)


def _rejected(exc: ImportRejected) -> JobFailed:
    count = len(exc.errors)
    return JobFailed(
        f"{_problems(count)} in the file; nothing was imported. Fix them and try again.",
        exc.errors.as_dicts(),
    )


def _problems(count: int) -> str:
    return f"There {'is 1 problem' if count == 1 else f'are {count} problems'}"


def run_metric_import(job: Job, progress: Progress) -> SummaryResult:
    if not can_administer(job.requested_by):
        raise JobFailed("Only the performance team can import published metrics.")
    params = job.params
    spec = MetricSpec(**params["spec"])
    progress(0.1, f"Checking every row of {job.input_name}")
    try:
        summary = benchmarking_services.import_metric_file(
            _upload(job), job.input_name, params["file_format"], spec, user=job.requested_by
        )
    except ImportRejected as exc:
        raise _rejected(exc) from exc
    except TabularError as exc:
        raise JobFailed(f"{job.input_name} cannot be read: {exc}. Nothing was imported.") from exc
    if summary.changed:
        line = (
            f"{', '.join(summary.metrics)}: {summary.created} values added, {summary.updated} changed, "
            f"{summary.unchanged} unchanged."
        )
    else:
        line = f"Nothing changed: every value in {job.input_name} was already imported."
    return SummaryResult([line], reverse("benchmarking:metric", args=[summary.metrics[0]]))


def run_outturn_import(job: Job, progress: Progress) -> SummaryResult:
    if not can_administer(job.requested_by):
        raise JobFailed("Only the performance team can import revenue outturn workbooks.")
    progress(0.1, f"Reading {job.input_name}")
    # The importer reads workbooks from disk (as the command does): a private folder on the worker's machine.
    with tempfile.TemporaryDirectory(prefix="goldthread-outturn-") as folder:
        path = Path(folder) / (Path(job.input_name).name or "outturn.xlsx")
        path.write_bytes(_upload(job))
        try:
            summary = import_revenue_outturn([path], user=job.requested_by)
        except OutturnError as exc:
            raise JobFailed(f"Nothing was imported. {exc}") from exc
    return SummaryResult(summary.lines(), reverse("finance:resilience"))


def run_values_upload(job: Job, progress: Progress) -> SummaryResult:
    progress(0.1, f"Checking every row of {job.input_name}")
    try:
        result = performance_services.values_import(
            content=_upload(job), filename=job.input_name, user=job.requested_by
        )
    except ImportRejected as exc:
        raise _rejected(exc) from exc
    except PermissionDenied as exc:
        raise JobFailed("You do not have permission to upload values.") from exc
    line = (
        f"{job.input_name}: {result.created} new, {result.updated} corrected and {result.unchanged} unchanged "
        "values. New and corrected values are drafts until submitted."
    )
    return SummaryResult([line], reverse("performance:index"))


RUNNERS: dict[str, Callable[[Job, Progress], FileResult | SummaryResult]] = {
    Job.Kind.PACK: run_pack,
    Job.Kind.METRIC_IMPORT: run_metric_import,
    Job.Kind.OUTTURN_IMPORT: run_outturn_import,
    Job.Kind.VALUES_UPLOAD: run_values_upload,
}
