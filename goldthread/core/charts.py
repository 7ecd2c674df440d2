"""Server-rendered SVG charts. Every chart has a text title and description, and the page
that shows it also shows the same figures as a table, so nothing depends on seeing it.

Returns markup strings (already escaped) for templates to output with ``|safe``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

PALETTE = ["#1d70b8", "#0b0c0c", "#d4351c", "#00703c", "#f47738", "#4c2c92"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 4", "8 8"]


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

    def render(self) -> str:
        return line_chart_svg(self)


def _bounds(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.1
    lo = 0 if lo >= 0 and lo - pad <= 0 else lo - pad
    return lo, hi + pad


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    step = (hi - lo) / (count - 1)
    return [lo + i * step for i in range(count)]


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.1f}"


def line_chart_svg(chart: LineChart) -> str:
    known = [float(v) for s in chart.series for v in s.values if v is not None]
    left, right, top, bottom = 60, 20, 20, 60
    w, h = chart.width, chart.height
    plot_w, plot_h = w - left - right, h - top - bottom
    title_id = f"chart-{abs(hash((chart.title, tuple(chart.labels)))) % 10**8}"
    parts = [
        f'<svg class="gt-chart" role="img" aria-labelledby="{title_id}-t {title_id}-d" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}-t">{escape(chart.title)}</title>',
        f'<desc id="{title_id}-d">{escape(chart.description or "The same figures are in the table below.")}</desc>',
    ]
    if not known or not chart.labels:
        parts.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">No data to chart</text></svg>')
        return "".join(parts)
    lo, hi = _bounds(known)
    n = len(chart.labels)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for tick in _ticks(lo, hi):
        parts.append(
            f'<line x1="{left}" x2="{w - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#b1b4b6" '
            'stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{escape(_fmt(tick))}</text>')
    step = max(1, n // 8)
    for i, label in enumerate(chart.labels):
        if i % step == 0 or i == n - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{h - bottom + 18}" text-anchor="middle">{escape(label)}</text>')
    for index, s in enumerate(chart.series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)] if s.dashed else ""
        points = [(x(i), y(float(v))) for i, v in enumerate(s.values) if v is not None]
        if len(points) > 1 and not s.points_only:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dash_attr} points="{path}"/>')
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>')
    # Legend: a swatch and the series name, so colour is never the only cue (lines also differ by dash).
    lx = left
    for index, s in enumerate(chart.series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)] if s.dashed else ""
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        ly = h - 18
        parts.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        parts.append(f'<text x="{lx + 30}" y="{ly + 4}">{escape(s.name)}</text>')
        lx += 40 + 7 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


def sparkline_svg(values: list[Decimal | float | None], label: str, width: int = 100, height: int = 24) -> str:
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
        pts = " ".join(
            f"{2 + (width - 4) * i / n:.1f},{height - 3 - (height - 6) * (v - lo) / span:.1f}" for i, v in known
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


def bar_chart_svg(
    title: str, bars: list[Bar], *, description: str = "", width: int = 640, reference: tuple[str, float] | None = None
) -> str:
    """Vertical bars, one per area, highlighted bar(s) in a different colour and pattern.
    ``reference`` draws a labelled horizontal line (e.g. the group median)."""
    known = [float(b.value) for b in bars if b.value is not None]
    height, left, bottom, top = 280, 60, 30, 20
    plot_h = height - top - bottom
    plot_w = width - left - 20
    title_id = f"bar-{abs(hash((title, len(bars)))) % 10**8}"
    parts = [
        f'<svg class="gt-chart" role="img" aria-labelledby="{title_id}-t {title_id}-d" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}-t">{escape(title)}</title>',
        f'<desc id="{title_id}-d">{escape(description or "The same figures are in the table below.")}</desc>',
    ]
    if not known:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No data to chart</text></svg>')
        return "".join(parts)
    lo = min(0.0, min(known))
    hi = max(known) * 1.1 if max(known) > 0 else 1.0
    bw = plot_w / max(len(bars), 1)

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for tick in _ticks(lo, hi):
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{escape(_fmt(tick))}</text>')
        parts.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#b1b4b6"/>')
    for i, b in enumerate(bars):
        if b.value is None:
            continue
        v = float(b.value)
        colour = "#d4351c" if b.highlight else "#1d70b8"
        bx = left + i * bw + bw * 0.1
        parts.append(
            f'<rect x="{bx:.1f}" y="{min(y(v), y(0)):.1f}" width="{bw * 0.8:.1f}" '
            f'height="{abs(y(0) - y(v)):.1f}" fill="{colour}"><title>{escape(b.label)}: {escape(_fmt(v))}'
            "</title></rect>"
        )
        if b.highlight:
            parts.append(
                f'<text x="{bx + bw * 0.4:.1f}" y="{min(y(v), y(0)) - 6:.1f}" text-anchor="middle" '
                f'font-weight="bold">{escape(b.label)}</text>'
            )
    if reference is not None:
        name, value = reference
        parts.append(
            f'<line x1="{left}" x2="{width - 20}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#0b0c0c" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(f'<text x="{width - 22}" y="{y(value) - 6:.1f}" text-anchor="end">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
