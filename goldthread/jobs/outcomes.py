"""What a job is asked to do and what comes of it, passed between the services, the worker and the runners."""

from __future__ import annotations

from dataclasses import dataclass

# Built below this app (pages that ask for jobs cannot import it); kept here under its old name.
from goldthread.core.jobs_queue import JobRequest

__all__ = ["FileResult", "JobFailed", "JobRequest", "SummaryResult"]


@dataclass(frozen=True)
class FileResult:
    """A job's file: served as it is by any web process."""

    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class SummaryResult:
    """An import's outcome: lines a person reads, and where to see what changed."""

    lines: list[str]
    link: str = ""


class JobFailed(Exception):
    """The job cannot be done as asked: ``message`` is shown to the person, ``problems`` row by row."""

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []
