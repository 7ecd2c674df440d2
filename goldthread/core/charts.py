"""Server-rendered SVG charts. Every chart has a text title and description, and the page
that shows it also shows the same figures as a table, so nothing depends on seeing it.

Returns markup strings (already escaped) for templates to output with ``|safe``; Word and PDF get the
same SVG (as PNG in Word). The rules that make a chart right live here once:

* axis ticks are "nice" numbers (1, 2, 2.5 or 5 times a power of ten), whole numbers when every value
  is a whole number (counts), and labelled with just enough decimals that no two ticks read the same;
* periods sit on a true time scale: a missing year leaves a gap and the line is broken across it;
* bars are labelled underneath, and may carry their own colour (RAG), always with the words as well;
* legends wrap onto new lines rather than run into each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from goldthread.domain.periods import try_parse_period

# GOV.UK colours for RAG; a bar in these colours is always labelled with the RAG words too.
RAG_COLOURS = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "grey": "#b1b4b6"}
PALETTE = ["#1d70b8", "#0b0c0c", "#d4351c", "#00703c", "#f47738", "#4c2c92"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 4", "8 8"]
CHAR_WIDTH = 7.2  # average width of a 12-13px system-font character, for laying out labels
NICE_STEPS = (1, 2, 2.5, 5, 10)


@dataclass
class Series:
    name: str
    values: list[Decimal | float | None]  # one per label; None = no data
    dashed: bool = False
    points_only: bool = False


@dataclass
class LineChart:
    title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    description: str = ""
    width: int = 640
    height: int = 300
    unit: str = ""
    # Where each label sits on the x axis (any increasing numbers, e.g. days). Without them, labels that
    # read as periods ("2019-20", "2023-24 Q2") are placed by their dates; anything else is evenly spaced.
    positions: list[float] | None = None

    def render(self) -> str:
        return line_chart_svg(self)


# --- axes ----------------------------------------------------------------------------------------
def nice_ticks(lo: float, hi: float, *, count: int = 5, integer: bool = False) -> list[float]:
    """Ticks from a "nice" step that cover ``lo``..``hi`` with about ``count`` ticks.

    With ``integer`` the step is a whole number (never 0.5 of a measure), so a count axis reads 0, 2, 4."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("ticks need finite bounds")
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < 1e-6 * max(1.0, abs(lo), abs(hi)):  # one value (or too close to tell apart): a range round it
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    candidates = [s * power * scale for scale in (1, 10) for s in NICE_STEPS]
    if integer:
        candidates = [c for c in candidates if c >= 1 and float(c).is_integer()] or [1.0]
    step = next((c for c in candidates if c >= raw * (1 - 1e-9)), candidates[-1])
    if integer and step < raw:
        step = float(math.ceil(raw))
    first = math.floor(lo / step) * step  # never above lo: a tick can only be added below it, not lost
    ticks = [round(first, 10) + 0.0]
    while ticks[-1] < hi - 1e-9 * max(1.0, abs(hi)) or len(ticks) < 2:
        ticks.append(round(first + step * len(ticks), 10) + 0.0)
    return ticks


def tick_decimals(ticks: list[float]) -> int:
    """The fewest decimals that show every tick exactly and tell neighbours apart (at most 12)."""
    for places in range(13):
        labels = [f"{t:.{places}f}" for t in ticks]
        if len(set(labels)) == len(labels) and all(
            abs(float(label) - t) < 1e-9 for label, t in zip(labels, ticks, strict=True)
        ):
            return places
    return 12


def tick_labels(ticks: list[float]) -> list[str]:
    places = tick_decimals(ticks)
    return [f"{t:,.{places}f}" for t in ticks]


def value_labels(values: list[float]) -> list[str]:
    """Values as written on bars: the fewest decimals (at most 3) that show every one exactly."""
    places = next((p for p in range(4) if all(abs(round(v, p) - v) < 1e-9 for v in values)), 3)
    return [f"{v:,.{places}f}" for v in values]


def _all_whole(values: list[float]) -> bool:
    return all(float(v).is_integer() for v in values)


def _value_axis(known: list[float], *, from_zero: bool) -> list[float]:
    lo, hi = min(known), max(known)
    if from_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    elif lo >= 0 and lo - (hi - lo) * 0.1 <= 0:
        lo = 0.0  # close to zero anyway: start from zero rather than from an odd number
    return nice_ticks(lo, hi, integer=_all_whole(known))


# --- time on the x axis --------------------------------------------------------------------------
def label_positions(labels: list[str]) -> list[float]:
    """Days from the first period's start for labels that all read as periods; else 0, 1, 2 ..."""
    periods = [try_parse_period(label) for label in labels]
    if labels and all(periods):
        first = periods[0].start  # type: ignore[union-attr]
        return [float((p.start - first).days) for p in periods]  # type: ignore[union-attr]
    return [float(i) for i in range(len(labels))]


def _segments(points: list[tuple[int, float, float]], positions: list[float]) -> list[list[tuple[float, float]]]:
    """Runs of points to join with a line: a missing value or a missing period breaks the run."""
    gaps = [b - a for a, b in zip(positions, positions[1:], strict=False) if b > a]
    usual = min(gaps) if gaps else 0.0
    runs: list[list[tuple[float, float]]] = []
    previous_index = None
    for index, px, py in points:
        jump = previous_index is not None and (
            index != previous_index + 1 or positions[index] - positions[previous_index] > usual * 1.5 + 1e-9
        )
        if previous_index is None or jump:
            runs.append([])
        runs[-1].append((px, py))
        previous_index = index
    return runs


def _legend(entries: list[tuple[str, str, str]], left: float, top: float, width: float) -> tuple[list[str], float]:
    """Legend swatches and names, wrapped to the chart's width. Returns markup and the height used."""
    parts: list[str] = []
    x, y, row_height = left, top, 20
    for name, colour, dash in entries:
        needed = 34 + CHAR_WIDTH * len(name)
        if x > left and x + needed > left + width:
            x, y = left, y + row_height
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 24:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="3"'
            f"{dash_attr}/>"
        )
        parts.append(f'<text x="{x + 30:.1f}" y="{y + 4:.1f}">{escape(name)}</text>')
        x += needed + 24
    return parts, y - top + row_height


def _svg_open(kind: str, title: str, description: str, key: object, width: float, height: float) -> list[str]:
    title_id = f"{kind}-{abs(hash(key)) % 10**8}"
    return [
        f'<svg class="gt-chart" role="img" aria-labelledby="{title_id}-t {title_id}-d" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" font-size="13">',
        f'<title id="{title_id}-t">{escape(title)}</title>',
        f'<desc id="{title_id}-d">{escape(description or "The same figures are in the table below.")}</desc>',
    ]


def line_chart_svg(chart: LineChart) -> str:
    known = [float(v) for s in chart.series for v in s.values if v is not None]
    left, right, top = 64, 20, 20
    w = chart.width
    entries = [
        (s.name, PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)] if s.dashed else "")
        for i, s in enumerate(chart.series)
    ]
    legend_parts, legend_height = _legend(entries, left, 0, w - left - right)
    bottom = 34 + legend_height
    h = max(chart.height, top + bottom + 120)
    plot_w, plot_h = w - left - right, h - top - bottom
    parts = _svg_open("chart", chart.title, chart.description, (chart.title, tuple(chart.labels)), w, h)
    if not known or not chart.labels:
        parts.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">No data to chart</text></svg>')
        return "".join(parts)
    ticks = _value_axis(known, from_zero=False)
    lo, hi = ticks[0], ticks[-1]
    positions = chart.positions if chart.positions is not None else label_positions(chart.labels)
    first, last = positions[0], positions[-1]
    span = (last - first) or 1.0
    inset = plot_w / (2 * max(len(chart.labels), 2))  # half a slot each side, as before

    def x(i: int) -> float:
        if len(chart.labels) == 1:
            return left + plot_w / 2
        return left + inset + (plot_w - 2 * inset) * (positions[i] - first) / span

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        parts.append(
            f'<line x1="{left}" x2="{w - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#b1b4b6" '
            'stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{escape(text)}</text>')
    parts.extend(_x_labels(chart.labels, x, top + plot_h + 20, plot_w))
    for index, s in enumerate(chart.series):
        parts.extend(_series_marks(s, entries[index][1], entries[index][2], x, y, positions))
    # The legend names each series, so colour is never the only cue (lines also differ by dash).
    parts.append(f'<g transform="translate(0 {top + plot_h + 44})">')
    parts.extend(legend_parts)
    parts.append("</g></svg>")
    return "".join(parts)


def _x_labels(labels: list[str], x, baseline: float, plot_w: float) -> list[str]:
    """Every label that fits without touching its neighbours (and the last one when there is room)."""
    widest = max(len(label) for label in labels) * CHAR_WIDTH + 12
    every = max(1, math.ceil(widest / max(plot_w / max(len(labels), 1), 1)))
    last = len(labels) - 1
    return [
        f'<text x="{x(i):.1f}" y="{baseline}" text-anchor="middle">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0 or (i == last and (i % every) * 2 >= every)
    ]


def _series_marks(s: Series, colour: str, dash: str, x, y, positions: list[float]) -> list[str]:
    """A series' line, broken at gaps, and a dot at each value."""
    parts = []
    points = [(i, x(i), y(float(v))) for i, v in enumerate(s.values) if v is not None]
    if not s.points_only:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _segments(points, positions):
            if len(run) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dash_attr} points="{path}"/>')
    parts.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>' for _, px, py in points)
    return parts


def sparkline_svg(values: Sequence[Decimal | float | None], label: str, width: int = 100, height: int = 24) -> str:
    """A small trend line for a table cell. ``label`` says in words what it shows."""
    known = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    parts = [
        f'<svg class="gt-spark" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if len(known) >= 2:
        lo = min(v for _, v in known)
        hi = max(v for _, v in known)
        span = (hi - lo) or 1
        n = max(len(values) - 1, 1)
        positions = [float(i) for i in range(len(values))]
        for run in _segments([(i, float(i), v) for i, v in known], positions):
            if len(run) > 1:
                pts = " ".join(
                    f"{2 + (width - 4) * i / n:.1f},{height - 3 - (height - 6) * (v - lo) / span:.1f}" for i, v in run
                )
                parts.append(f'<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="{pts}"/>')
        last_i, last_v = known[-1]
        parts.append(
            f'<circle cx="{2 + (width - 4) * last_i / n:.1f}" '
            f'cy="{height - 3 - (height - 6) * (last_v - lo) / span:.1f}" r="2.5" fill="#0b0c0c"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class Bar:
    label: str
    value: Decimal | float | None
    highlight: bool = False
    colour: str = ""  # its own colour, e.g. a RAG colour; the label always says the same in words


# A bar chart of this many bars or fewer labels every bar underneath and shows its value above it.
LABELLED_BARS = 12


def _wrap(text: str, width: float) -> list[str]:
    """Words on lines no wider than ``width`` pixels (at least one word a line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word)) * CHAR_WIDTH <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def bar_chart_svg(
    title: str, bars: list[Bar], *, description: str = "", width: int = 640, reference: tuple[str, float] | None = None
) -> str:
    """Vertical bars. A few bars are each labelled underneath, with the value above; many bars (one per
    council) label only the highlighted one(s), drawn in a different colour. ``reference`` draws a labelled
    horizontal line (e.g. the group median)."""
    known = [float(b.value) for b in bars if b.value is not None]
    labelled = len(bars) <= LABELLED_BARS
    left, right, top = 64, 20, 24
    plot_w = width - left - right
    bw = plot_w / max(len(bars), 1)
    label_lines = [_wrap(b.label, bw - 6) for b in bars] if labelled else []
    bottom = 12 + 16 * max((len(lines) for lines in label_lines), default=1) if labelled else 30
    height = 280 + (bottom - 30)
    plot_h = height - top - bottom
    parts = _svg_open("bar", title, description, (title, len(bars)), width, height)
    if not known:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No data to chart</text></svg>')
        return "".join(parts)
    ticks = _value_axis(known + ([reference[1]] if reference else []), from_zero=True)
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{escape(text)}</text>')
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#b1b4b6"/>')
    values_shown = iter(value_labels(known))
    for i, b in enumerate(bars):
        centre = left + i * bw + bw / 2
        if labelled:
            for line_no, line in enumerate(label_lines[i]):
                parts.append(
                    f'<text x="{centre:.1f}" y="{top + plot_h + 18 + 16 * line_no:.1f}" text-anchor="middle">'
                    f"{escape(line)}</text>"
                )
        if b.value is None:
            continue
        v = float(b.value)
        shown = next(values_shown)
        colour = b.colour or ("#d4351c" if b.highlight else "#1d70b8")
        bx = centre - bw * 0.4
        parts.append(
            f'<rect x="{bx:.1f}" y="{min(y(v), y(0)):.1f}" width="{bw * 0.8:.1f}" '
            f'height="{abs(y(0) - y(v)):.1f}" fill="{colour}" stroke="#0b0c0c" stroke-width="1">'
            f"<title>{escape(b.label)}: {escape(shown)}</title></rect>"
        )
        if labelled:
            parts.append(
                f'<text x="{centre:.1f}" y="{min(y(v), y(0)) - 6:.1f}" text-anchor="middle" font-weight="bold">'
                f"{escape(shown)}</text>"
            )
        elif b.highlight:
            parts.append(
                f'<text x="{centre:.1f}" y="{min(y(v), y(0)) - 6:.1f}" text-anchor="middle" '
                f'font-weight="bold">{escape(b.label)}</text>'
            )
    if reference is not None:
        name, value = reference
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#0b0c0c" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(f'<text x="{width - right - 2}" y="{y(value) - 6:.1f}" text-anchor="end">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- RAG counts, small ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RagCount:
    words: str  # "On target"
    rag: str  # "green", "amber", "red" or "grey": the colour
    count: int


def rag_count_bars_svg(title: str, counts: list[RagCount], *, description: str = "", width: int = 360) -> str:
    """A small horizontal bar chart of counts by RAG: one bar a status, the status in words at its left and
    the count at its end, so the colour is never the only cue. Counts are whole numbers by nature."""
    label_w = max((len(c.words) for c in counts), default=0) * CHAR_WIDTH + 12
    row_h, top = 26, 4
    height = top * 2 + row_h * max(len(counts), 1)
    plot_w = width - label_w - 40  # room for the count after the longest bar
    most = max((c.count for c in counts), default=0)
    parts = _svg_open("rag", title, description or _rag_words(counts), (title, tuple(counts)), width, height)
    for i, c in enumerate(counts):
        y = top + i * row_h
        bar = plot_w * c.count / most if most else 0.0
        parts.append(f'<text x="{label_w - 8:.1f}" y="{y + 17}" text-anchor="end">{escape(c.words)}</text>')
        if c.count:
            parts.append(
                f'<rect x="{label_w:.1f}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" '
                f'fill="{RAG_COLOURS.get(c.rag, RAG_COLOURS["grey"])}" stroke="#0b0c0c" stroke-width="1"/>'
            )
        parts.append(f'<text x="{label_w + bar + 6:.1f}" y="{y + 17}" font-weight="bold">{c.count:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rag_words(counts: list[RagCount]) -> str:
    return "; ".join(f"{c.words}: {c.count:,}" for c in counts) + "."


def rag_stack_svg(counts: list[RagCount], label: str, *, width: int = 160, height: int = 18) -> str:
    """One thin stacked bar of counts by RAG for a table cell, in the order given. ``label`` says the same
    in words (e.g. "3 on target, 1 off target"); the table it sits in gives the counts as well."""
    total = sum(c.count for c in counts)
    parts = [
        f'<svg class="gt-spark" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    x = 0.0
    for c in counts:
        if not c.count or not total:
            continue
        w = width * c.count / total
        parts.append(
            f'<rect x="{x:.1f}" y="1" width="{w:.1f}" height="{height - 2}" '
            f'fill="{RAG_COLOURS.get(c.rag, RAG_COLOURS["grey"])}" stroke="#ffffff" stroke-width="1"/>'
        )
        x += w
    if not total:
        parts.append(f'<rect x="0.5" y="1.5" width="{width - 1}" height="{height - 3}" fill="none" stroke="#b1b4b6"/>')
    parts.append("</svg>")
    return "".join(parts)
