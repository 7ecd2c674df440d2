"""What each page or API call asks a job to do: one function per kind, so the Reports page and the API
queue exactly the same pack."""

from __future__ import annotations

from datetime import date

from goldthread.benchmarking.metric_import import MetricSpec
from goldthread.reports.models import Audience, ReportType

from .models import Job
from .outcomes import JobRequest
from .runners import FORMAT_NAMES


def pack_request(*, report_type: ReportType, period: str, audience: str, fmt: str, as_of: date) -> JobRequest:
    """A committee pack; ``period`` is a canonical label, as the synchronous download takes it."""
    title = f"{report_type.label} {period} for {Audience(audience).label} ({FORMAT_NAMES[fmt]})"
    params = {
        "report": report_type.value, "period": period, "audience": audience, "format": fmt, "as_of": as_of.isoformat()
    }  # fmt: skip
    return JobRequest(kind=Job.Kind.PACK, title=title, params=params)


def metric_import_request(*, content: bytes, filename: str, file_format: str, spec: MetricSpec) -> JobRequest:
    fields = ("code", "name", "unit", "polarity", "year_type", "source", "licence")
    return JobRequest(
        kind=Job.Kind.METRIC_IMPORT,
        title=f"Import {filename}" + (f" as {spec.code}" if spec.code else ""),
        params={"file_format": file_format, "spec": {f: getattr(spec, f) for f in fields}},
        input_name=filename,
        input_bytes=content,
    )


def outturn_import_request(*, content: bytes, filename: str) -> JobRequest:
    return JobRequest(
        kind=Job.Kind.OUTTURN_IMPORT, title=f"Import revenue outturn {filename}", input_name=filename,
        input_bytes=content,
    )  # fmt: skip


def values_upload_request(*, content: bytes, filename: str) -> JobRequest:
    return JobRequest(
        kind=Job.Kind.VALUES_UPLOAD, title=f"Upload values from {filename}", input_name=filename, input_bytes=content
    )
