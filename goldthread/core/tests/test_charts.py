"""Charts that are right: nice, distinct ticks; whole numbers for counts; time on a true scale with gaps
shown as gaps; labelled, coloured bars; legends that do not run together. Checked on the SVG itself."""

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from goldthread.core.charts import (
    RAG_COLOURS,
    Bar,
    LineChart,
    Series,
    bar_chart_svg,
    label_positions,
    line_chart_svg,
    nice_ticks,
    tick_labels,
)

SVG = "{http://www.w3.org/2000/svg}"
finite = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _axis_labels(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end" and t.get("x") == "58"]


@given(finite, finite, st.booleans())
def test_ticks_cover_the_data_and_never_repeat(a, b, integer):
    lo, hi = min(a, b), max(a, b)
    if integer:
        lo, hi = float(round(lo)), float(round(hi))
    ticks = nice_ticks(lo, hi, integer=integer)
    assert ticks[0] <= lo + 1e-6 and ticks[-1] >= hi - 1e-6
    assert all(b > a for a, b in zip(ticks, ticks[1:], strict=False))
    labels = tick_labels(ticks)
    assert len(set(labels)) == len(labels)
    if integer:
        assert all(float(t).is_integer() for t in ticks)


def test_the_rag_chart_counts_on_whole_numbers_with_labelled_coloured_bars():
    counts = {"On target": 3, "Near target": 1, "Off target": 7, "No target or no data": 0}
    colours = ["green", "amber", "red", "grey"]
    svg = bar_chart_svg(
        "Measures by RAG status, 2023-24 Q2",
        [Bar(words, n, colour=RAG_COLOURS[c]) for (words, n), c in zip(counts.items(), colours, strict=True)],
    )
    axis = _axis_labels(svg)
    assert axis == ["0", "2", "4", "6", "8"]  # never 1.9 / 3.9 / 5.8 / 7.7
    texts = " ".join(_texts(svg))
    for words in ["On target", "Near", "Off target", "No target or"]:
        assert words in texts
    fills = {r.get("fill") for r in ET.fromstring(svg).iter(f"{SVG}rect")}
    assert {RAG_COLOURS["green"], RAG_COLOURS["amber"], RAG_COLOURS["red"]} <= fills


def test_small_decimal_trend_axis_reads_without_repeats():
    chart = LineChart("ASC-05 Proportion of people", ["2019-20", "2020-21", "2021-22", "2022-23"])
    chart.series = [Series("Value", [0.41, 0.43, 0.44, 0.42])]
    axis = _axis_labels(line_chart_svg(chart))
    assert len(set(axis)) == len(axis) and len(axis) >= 3
    counts = LineChart("Counts", ["2019-20", "2020-21"], [Series("Value", [164, 166])])
    axis = _axis_labels(line_chart_svg(counts))
    assert len(set(axis)) == len(axis) and all("." not in label for label in axis)


def test_a_missing_year_is_a_gap_on_a_true_time_scale():
    labels = ["2018-19", "2019-20", "2021-22", "2022-23"]  # 2020-21 was not published
    positions = label_positions(labels)
    assert positions[2] - positions[1] > 1.9 * (positions[1] - positions[0])
    svg = line_chart_svg(LineChart("Recycling", labels, [Series("Value", [40.1, 41.0, 39.5, 38.2])]))
    lines = [p for p in ET.fromstring(svg).iter(f"{SVG}polyline")]
    assert len(lines) == 2  # broken across the missing year, not joined as if the years were evenly spaced
    xs = [float(c.get("cx")) for c in ET.fromstring(svg).iter(f"{SVG}circle")][:4]
    assert (xs[2] - xs[1]) > 1.9 * (xs[1] - xs[0])


def test_legend_entries_do_not_run_together():
    svg = line_chart_svg(
        LineChart(
            "CYP-01",
            ["2022-23 Q1", "2022-23 Q2"],
            [Series("Value", [1, 2]), Series("Target", [2, 2], dashed=True), Series("Group median", [1.5, 1.5])],
        )
    )
    root = ET.fromstring(svg)
    legend = next(g for g in root.iter(f"{SVG}g"))
    names = [(float(t.get("x")), t.text) for t in legend.iter(f"{SVG}text")]
    for (x1, name1), (x2, _) in zip(names, names[1:], strict=False):
        assert x2 > x1 + len(name1) * 6  # room for the whole name before the next swatch
    assert re.search(r"Value", svg) and "Target" in svg
