"""JSON API for committee reports: the generated Cabinet, Scrutiny and Audit reports as files."""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from goldthread.core.documents import CONTENT_TYPES, RENDERERS, render
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError, parse_period

from .models import Audience, ReportType
from .pack import ReportContext, build_report

router = Router(tags=["reports"])
# The same names as the `goldthread report` command.
KINDS = {"quarterly": ReportType.QUARTERLY, "audit-risk": ReportType.AUDIT_RISK, "action-plan": ReportType.ACTION_PLAN}


@router.get("/reports/{kind}", response={200: None})
def download_report(request, kind: str, period: str, audience: str = "cabinet", format: str = "docx"):  # noqa: A002
    """A committee report (``quarterly``, ``audit-risk`` or ``action-plan``) for a period, as docx, pdf
    or xlsx: the same file as the report pages and ``goldthread report``. Approved figures only."""
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in or send a token")
    report_type = KINDS.get(kind)
    if report_type is None:
        raise HttpError(404, "No such report: choose quarterly, audit-risk or action-plan")
    if format not in RENDERERS:
        raise HttpError(400, "The format must be docx, pdf or xlsx")
    if audience not in Audience.values:
        raise HttpError(400, f"The audience must be one of {', '.join(Audience.values)}")
    try:
        label = parse_period(period).label
    except PeriodError as exc:
        raise HttpError(400, f"Period: {exc}") from exc
    ctx = ReportContext(
        council=current_council(), period=label, audience=audience, user=request.user, as_of=timezone.localdate()
    )
    response = HttpResponse(render(build_report(report_type, ctx), format), content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{kind}-{label}-{audience}.{format}"'
    return response
