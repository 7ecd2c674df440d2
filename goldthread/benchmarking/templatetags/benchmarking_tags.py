"""{% measure_benchmark measure period %}: the benchmark panel on a measure page."""

from django import template
from django.urls import reverse

from goldthread.core.charts import LineChart, Series

from .. import selectors
from ..models import MeasureBenchmark

register = template.Library()


@register.inclusion_tag("benchmarking/_measure_benchmark_panel.html")
def measure_benchmark(measure, period):
    link = MeasureBenchmark.objects.filter(measure=measure).select_related("metric").first()
    area = selectors.council_area(measure.council)
    if link is None or area is None:
        return {"linked": False}
    position = selectors.benchmark_for_measure(measure, period)
    trend = selectors.measure_trend(link, area)
    second = None
    if link.second_group_code and position:
        try:
            result = selectors.benchmark_result(link.metric.code, position["period"], link.second_group_code)
            second = selectors._position(result, area)
        except (LookupError, ValueError):
            second = None
    chart = ""
    if trend:
        group_name = position["group_name"].lower() if position else link.group_code
        chart = LineChart(
            title=f"{area.name} against the median of {group_name}",
            labels=[p.period for p in trend],
            series=[
                Series(area.name, [p.value for p in trend]),
                Series("Group median", [p.median for p in trend], dashed=True),
            ],
            description="The council's published value and the group median by period. "
            "The same figures are in the table.",
            unit=link.metric.unit,
        ).render()
    whole_group = reverse("benchmarking:metric", args=[link.metric.code])
    if position:
        whole_group += f"?period={position['period']}&group={link.group_code}"
    return {
        "linked": True,
        "link": link,
        "metric": link.metric,
        "area": area,
        "position": position,
        "second": second,
        "trend": trend,
        "chart_svg": chart,
        "whole_group_url": whole_group,
    }
