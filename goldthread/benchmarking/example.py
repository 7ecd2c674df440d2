"""Example data: the register of every UK council, real published metrics for every authority, and
Sefton's measures linked to them (against metropolitan districts and all areas). Idempotent."""

from __future__ import annotations

from django.conf import settings

from .areas import import_areas
from .metric_import import OGL, MetricSpec, import_metric_file
from .models import MeasureBenchmark, PublishedMetric

RECYCLING = MetricSpec(
    code="RECYCLING",
    name="Household waste sent for reuse, recycling or composting",
    unit="%",
    polarity="higher",
    year_type="financial",
    source="Defra WasteDataFlow / ENV18 Table 3 (Ex NI192); StatsWales; SEPA; DAERA — via Trafford Data Lab",
    licence=OGL,
)
NEET = MetricSpec(
    code="NEET",
    name="16-17 year olds not in education, employment or training or whose activity is not known",
    unit="%",
    polarity="lower",
    # Fingertips 93203 labels each figure with a calendar year: the average of December of that
    # year and the following January and February. Kept as that calendar year.
    year_type="calendar",
    source="OHID Fingertips indicator 93203 (PHOF 1.05) — via Trafford Data Lab",
    licence=OGL,
)
LINKS = {"ENV-01": "RECYCLING", "CYP-01": "NEET", **{f"ASC-0{i}": f"ASC{i}" for i in range(1, 8)}}


def load(*, council=None, log=print, options=None):
    options = options or {}
    data = settings.GOLDTHREAD_SHARED_DATA
    result = import_areas(data / "register" / "uk_local_authorities.csv")
    log(f"  benchmarking: {result.areas_created} areas created, {result.areas_updated} updated")
    if options.get("skip_benchmarks"):
        return
    for path, fmt, spec in [
        (data / "recycling" / "recycling.csv", "tidy", RECYCLING),
        (data / "fingertips" / "neets.csv", "tidy", NEET),
        (data / "oflog-asc" / "asc_values.csv", "oflog", MetricSpec()),
    ]:
        summary = import_metric_file(path.read_bytes(), path.name, fmt, spec)
        log(f"  benchmarking: {path.name}: {summary.created} values added, {summary.unchanged} unchanged")
    if council is not None:
        _link(council, log)


def _link(council, log) -> None:
    from goldthread.performance.models import Measure

    metrics = {m.code: m for m in PublishedMetric.objects.filter(code__in=LINKS.values())}
    linked = 0
    for reference, code in LINKS.items():
        measure = Measure.objects.filter(council=council, reference=reference).first()
        if measure is None or code not in metrics:
            continue
        MeasureBenchmark.objects.update_or_create(
            measure=measure, defaults={"metric": metrics[code], "group_code": "MD", "second_group_code": "ENG"}
        )
        linked += 1
    log(f"  benchmarking: {linked} measures linked to published metrics (main group MD, second group all)")
