"""The optional public performance page and its open data: approved figures only, per priority,
with the licence and the source of every figure."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from goldthread.core.safe_cells import csv_writer
from goldthread.council.models import Council, Priority
from goldthread.domain.rag import direction_of_travel, rag_status
from goldthread.performance.models import Measure, MeasureValue, Status


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
    direction: str
    source: str
    definition: str


def _council() -> Council:
    council = Council.objects.order_by("pk").first()
    if council is None or not council.publish_performance:
        raise Http404("This council does not publish a performance page.")
    return council


def public_figures(council: Council) -> list[PublicFigure]:
    """The latest approved figure of every active measure, under each priority it serves."""
    approved = MeasureValue.objects.filter(status=Status.APPROVED).order_by("-period_start")
    measures = (
        Measure.objects.filter(council=council, is_active=True)
        .prefetch_related(Prefetch("values", queryset=approved, to_attr="approved_values"), "targets", "priorities")
        .order_by("reference")
    )
    figures = []
    for measure in measures:
        latest = next((v for v in measure.approved_values if v.value is not None), None)
        if latest is None:
            continue
        earlier = next((v for v in measure.approved_values if v.period_start < latest.period_start), None)
        target = next((t for t in measure.targets.all() if t.period == latest.period), None)
        rag = rag_status(latest.value, target.value if target else None, measure.polarity, measure.amber_tolerance)
        direction = direction_of_travel(
            latest.value, earlier.value if earlier else None, measure.polarity, measure.change_tolerance
        )
        for priority in measure.priorities.all() or [None]:
            figures.append(
                PublicFigure(
                    priority=priority.title if priority else "Other measures",
                    reference=measure.reference,
                    measure=measure.title,
                    period=latest.period,
                    value=measure.format_value(latest.value),
                    raw_value=str(latest.value),
                    target=(measure.format_value(target.value) + (" (example)" if target.is_example else ""))
                    if target
                    else "No target",
                    status=rag.words,
                    direction=direction.words,
                    source=measure.data_source or latest.source,
                    definition=measure.definition,
                )
            )
    order = {p.title: p.order for p in Priority.objects.filter(council=council)}
    figures.sort(key=lambda f: (order.get(f.priority, 999), f.reference))
    return figures


@login_not_required
def page(request):
    council = _council()
    figures = public_figures(council)
    groups: dict[str, list[PublicFigure]] = {}
    for figure in figures:
        groups.setdefault(figure.priority, []).append(figure)
    return render(request, "reports/public.html", {"the_council": council, "groups": groups})


@login_not_required
def download_csv(request):
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
def download_json(request):
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
