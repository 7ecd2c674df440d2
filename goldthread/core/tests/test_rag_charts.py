"""The small RAG charts: counts drawn and written, every status named in words, never colour alone."""

import re
import xml.etree.ElementTree as ET

import pytest

from goldthread.core.charts import RAG_COLOURS, RagCount, rag_count_bars_svg, rag_stack_svg

COUNTS = [
    RagCount("On target", "green", 6),
    RagCount("Near target", "amber", 3),
    RagCount("Off target", "red", 0),
    RagCount("No target or no data", "grey", 2),
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_count_bars_name_each_status_and_write_its_count():
    svg = rag_count_bars_svg("Measures by status", COUNTS)
    root = _parse(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for c in COUNTS:
        assert c.words in texts and str(c.count) in texts
    assert root.get("role") == "img" and "Measures by status" in svg
    # The description says every count in words, for those who cannot see the chart.
    assert "On target: 6; Near target: 3; Off target: 0; No target or no data: 2." in svg


def test_count_bars_are_in_proportion_and_a_zero_draws_no_bar():
    root = _parse(rag_count_bars_svg("Measures", COUNTS))
    rects = {r.get("fill"): float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")}
    assert RAG_COLOURS["red"] not in rects
    green = rects[RAG_COLOURS["green"]]
    assert 2 * rects[RAG_COLOURS["amber"]] == pytest.approx(green, abs=0.2)  # drawn to a tenth of a pixel
    assert 3 * rects[RAG_COLOURS["grey"]] == pytest.approx(green, abs=0.2)


def test_count_bars_with_nothing_to_count_still_render():
    svg = rag_count_bars_svg("Nothing", [RagCount("On target", "green", 0)])
    assert "<rect" not in svg and ">0<" in svg
    _parse(svg)


def test_stack_fills_its_width_in_proportion_with_a_text_alternative():
    svg = rag_stack_svg(COUNTS, "6 on target, 3 near target and 2 with no target", width=110)
    root = _parse(svg)
    assert root.get("aria-label") == "6 on target, 3 near target and 2 with no target"
    widths = [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths == [60.0, 30.0, 20.0]


def test_an_empty_stack_draws_an_outline_only():
    svg = rag_stack_svg([RagCount("On target", "green", 0)], "No measures")
    assert len(re.findall("<rect", svg)) == 1 and 'fill="none"' in svg
