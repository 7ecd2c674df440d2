"""What each page or API call asks a job to do: one function per kind, so the Reports page and the API
queue exactly the same pack. They live below this app (core and reports), so the pages that ask
for jobs need not import it; kept here under their old names."""

from __future__ import annotations

from goldthread.core.jobs_queue import metric_import_request, outturn_import_request, values_upload_request
from goldthread.reports.pack_job import pack_request

__all__ = ["metric_import_request", "outturn_import_request", "pack_request", "values_upload_request"]
