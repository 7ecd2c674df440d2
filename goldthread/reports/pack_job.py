"""The background job that builds a committee pack, as the Reports page and the API ask for it."""

from __future__ import annotations

from datetime import date

from goldthread.core.jobs_queue import FORMAT_NAMES, PACK, JobRequest

from .models import Audience, ReportType


def pack_request(*, report_type: ReportType, period: str, audience: str, fmt: str, as_of: date) -> JobRequest:
    """A committee pack; ``period`` is a canonical label, as the synchronous download takes it."""
    title = f"{report_type.label} {period} for {Audience(audience).label} ({FORMAT_NAMES[fmt]})"
    params = {
        "report": report_type.value, "period": period, "audience": audience, "format": fmt, "as_of": as_of.isoformat()
    }  # fmt: skip
    return JobRequest(kind=PACK, title=title, params=params)
