"""The generated appendices of each report, in order. Each builder takes a ReportContext and
returns an Appendix (or None when it has nothing to say)."""

from .models import ReportType

BUILDERS = {
    ReportType.QUARTERLY: [],
    ReportType.AUDIT_RISK: [],
    ReportType.ACTION_PLAN: [],
}
