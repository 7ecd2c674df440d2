"""The optional public performance page and its open data: approved figures only, per priority,
with the licence and the source of every figure."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from goldthread.core.safe_cells import csv_writer
from goldthread.council.models import Council, Priority
from goldthread.performance.models import Measure, Status
from goldthread.performance.selectors import assess_latest


@dataclass
class PublicFigure:
    priority: str
    reference: str
    measure: str
    period: str
    value: str
    raw_value: str | None
    target: str
    status: str
    direction: str  # since the period before, as the scorecard and the pack say it
    source: str
    definition: str
    direction_last_year: str = ""  # since the same period last year
    out_of_date: str = ""  # "Out of date: 2 years old (...)" when older than the measure's frequency expects


def _council() -> Council:
    council = Council.objects.order_by("pk").first()
    if council is None or not council.publish_performance:
        raise Http404("This council does not publish a performance page.")
    return council


def public_figures(council: Council) -> list[PublicFigure]:
    """The latest approved figure of every active measure, under each priority it serves. RAG and direction
    come from the scorecard's own rule (``assess_latest``), so this page says what the scorecard says."""
    measures = list(
        Measure.objects.filter(council=council, is_active=True).prefetch_related("priorities").order_by("reference")
    )
    latest_sources: dict[int, str] = {}
    figures: list[PublicFigure] = []
    for row in assess_latest(measures):
        measure, target, figure = row.measure, row.target, row.figure
        if figure is None:
            continue  # the latest value's own period read back as no figure (the measure's year changed since)
        if measure.pk not in latest_sources:
            latest_sources[measure.pk] = (
                measure.values.filter(period=figure.period_label, status=Status.APPROVED)
                .values_list("source", flat=True)
                .first()
                or ""
            )
        example = target is not None and target.is_example
        for priority in measure.priorities.all() or [None]:
            figures.append(
                PublicFigure(
                    priority=priority.title if priority else "Other measures",
                    reference=measure.reference,
                    measure=measure.title,
                    period=figure.period_label,
                    value=row.value_text,
                    raw_value=str(figure.value),
                    target=(
                        row.target_text
                        + (f" (carried forward from {row.target_carried_from})" if row.target_carried_from else "")
                        + (" (example)" if example else "")
                    )
                    if target
                    else "No target",
                    status=row.rag_label,
                    direction=row.since_previous.words,
                    source=measure.data_source or latest_sources[measure.pk],
                    definition=measure.definition,
                    direction_last_year=row.since_last_year.words,
                    out_of_date=row.staleness.words if row.staleness else "",
                )
            )
    order = {p.title: p.order for p in Priority.objects.filter(council=council)}
    figures.sort(key=lambda f: (order.get(f.priority, 999), f.reference))
    return figures


@login_not_required
def page(request: HttpRequest) -> HttpResponse:
    council = _council()
    figures = public_figures(council)
    groups: dict[str, list[PublicFigure]] = {}
    for figure in figures:
        groups.setdefault(figure.priority, []).append(figure)
    return render(request, "reports/public.html", {"the_council": council, "groups": groups})


@login_not_required
def download_csv(request: HttpRequest) -> HttpResponse:
    council = _council()
    out = io.StringIO()
    writer = csv_writer(out)  # formula-looking text is written inert
    writer.writerow([f"# {council.name} performance figures. Licence: {council.open_data_licence}."])
    fields = list(PublicFigure.__dataclass_fields__)
    writer.writerow(fields)
    for figure in public_figures(council):
        writer.writerow([getattr(figure, f) for f in fields])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="performance.csv"'
    return response


@login_not_required
def download_json(request: HttpRequest) -> JsonResponse:
    council = _council()
    return JsonResponse(
        {
            "council": council.name,
            "gss_code": council.gss_code,
            "licence": council.open_data_licence,
            "note": "Approved figures only. Each figure's source is given; published statistics are credited to "
            "their publishers under the Open Government Licence v3.0.",
            "figures": [asdict(f) for f in public_figures(council)],
        }
    )
