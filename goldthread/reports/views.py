from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from goldthread.core.documents import download_response, render_html
from goldthread.core.jobs_queue import job_request
from goldthread.council.permissions import can_administer, require
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError, parse_period
from goldthread.performance.selectors import latest_approved_quarter

from .forms import NarrativeForm, ReportChoiceForm, quarter_choices
from .models import Audience, ReportType
from .pack import ReportContext, build_report
from .pack_job import pack_request
from .selectors import narrative_for
from .services import narrative_save

DEFAULT_AUDIENCE = {
    ReportType.QUARTERLY: Audience.CABINET,
    ReportType.AUDIT_RISK: Audience.AUDIT,
    ReportType.ACTION_PLAN: Audience.CABINET,
}


def _report_type(kind: str) -> ReportType:
    try:
        return ReportType(kind)
    except ValueError as exc:
        raise Http404("No such report") from exc


def _choice(request, kind: ReportType, data=None) -> tuple[str, str]:
    data = request.GET if data is None else data
    period = data.get("period") or quarter_choices()[1][0]
    try:
        period = parse_period(period).label
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    audience = data.get("audience") or DEFAULT_AUDIENCE[kind]
    if audience not in Audience.values:
        raise Http404("No such audience")
    return period, audience


def _context(request, period: str, audience: str) -> ReportContext:
    return ReportContext(
        council=current_council(), period=period, audience=audience, user=request.user, as_of=timezone.localdate()
    )


def index(request):
    latest = latest_approved_quarter(current_council())
    reports = [
        {
            "type": t,
            "form": ReportChoiceForm(prefix=t.value, initial={"audience": DEFAULT_AUDIENCE[t]}, latest=latest),
        }
        for t in ReportType
    ]
    return render(request, "reports/index.html", {"reports": reports, "can_edit": can_administer(request.user)})


def preview(request, kind: str):
    report_type = _report_type(kind)
    period, audience = _choice(request, report_type)
    doc = build_report(report_type, _context(request, period, audience))
    return render(
        request,
        "reports/preview.html",
        {
            "doc": doc,
            "html": render_html(doc, standalone=False),
            "kind": report_type,
            "period": period,
            "audience": audience,
            "can_edit": can_administer(request.user),
        },
    )


def download(request, kind: str, fmt: str):
    report_type = _report_type(kind)
    if fmt not in {"docx", "pdf", "xlsx"}:
        raise Http404("No such format")
    period, audience = _choice(request, report_type)
    doc = build_report(report_type, _context(request, period, audience))
    return download_response(doc, fmt, f"{report_type.value}-{period}-{audience}")


@require_POST
def request_pack(request, kind: str):
    """The Reports page's form: Word, PDF or Excel is prepared by a background job (the person
    follows it on the job's page); Preview and Edit narrative go on to those pages."""
    report_type = _report_type(kind)
    period, audience = _choice(request, report_type, request.POST)
    fmt = request.POST.get("format", "")
    if fmt not in {"docx", "pdf", "xlsx"}:
        show = "edit" if request.POST.get("show") == "edit" else "preview"
        query = urlencode({"period": period, "audience": audience})
        return redirect(f"{reverse(f'reports:{show}', args=[kind])}?{query}")
    ask = pack_request(report_type=report_type, period=period, audience=audience, fmt=fmt, as_of=timezone.localdate())
    return redirect(job_request(user=request.user, request=ask))


def edit_narrative(request, kind: str):
    require(can_administer, request.user)
    report_type = _report_type(kind)
    period, audience = _choice(request, report_type)
    narrative = narrative_for(report_type, period, audience)
    form = NarrativeForm(request.POST or None, instance=narrative)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        narrative_save(narrative=narrative, data=data, user=request.user)
        messages.success(request, "The report's narrative was saved. The appendices are rebuilt from live data.")
        return redirect(f"{request.path.replace('/edit', '/preview')}?period={period}&audience={audience}")
    return render(
        request,
        "reports/edit.html",
        {"form": form, "kind": report_type, "period": period, "audience": audience, "narrative": narrative},
    )
