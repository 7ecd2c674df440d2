"""Which sections each committee report holds, in order: the one place that says what a report
contains. The sections themselves are built by the domain apps, which register them by name
(``<app>/appendix.py``, registered in each app's apps.py; see goldthread/core/report_sections.py),
so this app imports no domain app."""

from __future__ import annotations

from goldthread.core import report_sections
from goldthread.core.report_context import AppendixBuilder

from .models import ReportType

SECTIONS: dict[ReportType, list[str]] = {
    ReportType.QUARTERLY: [
        "performance.scorecard",
        "performance.exceptions",
        "finance.summary",
        "risk.corporate_risks",
        "improvement.action_plan_progress",
        "people.summary",
    ],
    ReportType.AUDIT_RISK: ["risk.audit_register"],
    ReportType.ACTION_PLAN: ["improvement.action_plan_progress", "improvement.action_plans"],
}


def builders(report_type: str) -> list[AppendixBuilder]:
    """The section builders of ``report_type``, in the report's order."""
    return report_sections.sections(SECTIONS[ReportType(report_type)])
