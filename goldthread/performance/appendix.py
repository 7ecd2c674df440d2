"""The performance sections of committee reports: the scorecard by priority and the exceptions
(red or declining measures, with their trend charts). Registered in apps.py; the reports app lays
them out. Committee reports show approved figures only, whoever builds them."""

from __future__ import annotations

from collections import Counter

from goldthread.benchmarking.models import PublishedMetric
from goldthread.benchmarking.selectors import benchmark_history
from goldthread.core.charts import RAG_COLOURS, Bar, LineChart, Series, bar_chart_svg, line_chart_svg
from goldthread.core.documents import Block, Chart, Heading, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext
from goldthread.domain import narrative
from goldthread.domain.periods import parse_period
from goldthread.domain.rag import Direction, Rag
from goldthread.domain.text import sentence_case

from . import narrative as measure_narrative
from .locks import revisions_by_figure
from .models import MeasureValue, Status
from .selectors import scorecard

MAX_EXCEPTION_CHARTS = 6  # a chart per exception up to this many; the table lists them all


def _scorecard(ctx: ReportContext):
    # Committee reports show approved figures only, whoever builds them.
    key = ("scorecard", ctx.period)
    if key not in ctx.cache:
        ctx.cache[key] = scorecard(
            user=ctx.user, period=parse_period(ctx.period), council=ctx.council, approved_only=True
        )
    return ctx.cache[key]


def _benchmark_words(row) -> str:
    b = row.benchmark
    if not b or not b.get("rank"):
        return "–"
    quartile = f", {b['quartile']} quartile" if b.get("quartile") else ""
    return f"{b['rank_text']} ({b['period']}{quartile})"


EXAMPLE_TARGET_NOTE = (
    "Targets marked (example) are invented for illustration: the council has not set them, so the RAG status "
    "against them is an example too."
)


def _target_words(row) -> str:
    text = row.target_text
    if row.target_carried_from:
        text += f" (carried forward from {row.target_carried_from})"
    if row.target is not None and row.target.is_example:
        text += " (example)"
    return text


def _rag_words(row) -> str:
    return row.rag_label


def _value_words(row, revised: dict | None = None) -> str:
    text = row.value_text
    if row.figure_period_differs:
        text += f" ({row.figure.period_label})"
    if row.is_stale:
        text += f" [out of date: {row.staleness.age_words}]"
    revision = (revised or {}).get((row.measure.pk, row.figure.period_label)) if row.figure else None
    if revision is not None:
        was = row.measure.format_value(revision.previous_value)
        text += f" [revised after it was reported: was {was}; {revision.reason}]"
    if row.awaiting_approval:
        text += " [a newer figure is awaiting approval]"
    return text


def _revisions(ctx: ReportContext, rows) -> dict:
    """Corrections made after a figure was reported to a committee, so the pack says so."""
    key = ("revisions", ctx.period)
    if key not in ctx.cache:
        shown = [r for r in rows if r.figure]
        ctx.cache[key] = revisions_by_figure({r.measure.pk for r in shown}, {r.figure.period_label for r in shown})
    return ctx.cache[key]


def scorecard_appendix(ctx: ReportContext) -> Appendix | None:
    card = _scorecard(ctx)
    if not card.measure_count:
        return None
    counts = {c["rag"]: c["count"] for c in card.rag_counts}
    commentary = _commentaries(ctx, card.rows)
    revised = _revisions(ctx, card.rows)
    moves = _moves(card.rows)
    blocks: list[Block] = [
        Paragraph(
            narrative.pack_summary(
                card.period.label,
                counts,
                moves[Direction.IMPROVING],
                moves[Direction.DECLINING],
                sum(1 for row in card.rows if _is_exception(row)),
            )
            + " Only approved figures are shown. Direction of travel compares with the period before"
            " and with the same period last year. Sentences headed \u201cFrom the figures\u201d are written"
            " automatically from the figures; the commentary before them is the officers' own."
        ),  # fmt: skip
        Chart(
            bar_chart_svg(
                f"Measures by RAG status, {card.period.label}",
                [Bar(r.words, counts[r], colour=RAG_COLOURS[r.value]) for r in Rag],
                description="Number of measures in each RAG status",
            ),
            alt=f"Bar chart of measures by RAG status in {card.period.label}: "
            + ", ".join(f"{r.words} {counts[r]}" for r in Rag)
            + ".",
            caption=f"Measures by RAG status, {card.period.label}",
            width_cm=12,
        ),
    ]
    if any(r.target is not None and r.target.is_example for r in card.rows):
        blocks.append(Paragraph(EXAMPLE_TARGET_NOTE, bold=True))
    written = _written(ctx, card.rows)
    for group in card.groups:
        blocks.append(Heading(group.title, level=2))
        group_counts = Counter(row.rag for row in group.rows)
        group_moves = _moves(group.rows)
        blocks.append(
            Paragraph(
                narrative.priority_paragraph(
                    group.title,
                    card.period.label,
                    group_counts,
                    group_moves[Direction.IMPROVING],
                    group_moves[Direction.DECLINING],
                )
            )  # fmt: skip
        )
        blocks.append(
            Table(
                f"{group.title}: measures for {card.period.label}",
                ["Ref", "Measure", "Value", "Target", "RAG", "Direction of travel", "Benchmark", "Commentary"],
                [
                    [
                        row.measure.reference,
                        row.measure.title,
                        _value_words(row, revised),
                        _target_words(row),
                        _rag_words(row),
                        _direction_words(row),
                        _benchmark_words(row),
                        _commentary_words(commentary, written, row),
                    ]
                    for row in group.rows
                ],
                sheet_name=f"Scorecard {group.priority.order if group.priority else 'other'}",
            )
        )
        sources = _sources(group.rows)
        if sources:
            blocks.append(Paragraph(sources))
    return Appendix(f"Performance scorecard by priority, {card.period.label}", blocks)


def _sources(rows) -> str:
    """Where each figure comes from: the measure's source and period, and the benchmark's publisher,
    data set and period (never a file path)."""
    codes = {row.benchmark["metric"] for row in rows if row.benchmark}
    metrics = {m.code: m for m in PublishedMetric.objects.filter(code__in=codes)}
    parts = []
    for row in rows:
        if not row.figure:
            continue
        text = f"{row.measure.reference} ({row.figure.period_label}): {row.measure.data_source or 'the council'}"
        metric = metrics.get(row.benchmark["metric"]) if row.benchmark else None
        if metric is not None:
            publisher = f" ({metric.source})" if metric.source else ""
            text += f"; benchmark: {metric.name}{publisher}, {row.benchmark['period']}"
        parts.append(text.rstrip(".") + ".")
    return "Sources: " + " ".join(parts) if parts else ""


def _moves(rows) -> Counter:
    return Counter(row.since_previous for row in rows)


def _written(ctx: ReportContext, rows) -> dict[int, str]:
    """The sentences written from each row's figures, once per pack: {measure id: text}."""
    key = ("narrative", ctx.period)
    if key not in ctx.cache:
        ctx.cache[key] = {
            row.measure.pk: measure_narrative.text(row, benchmark_history(row.measure) if row.benchmark else ())
            for row in rows
        }
    return ctx.cache[key]


def _commentary_words(commentary: dict, written: dict, row) -> str:
    """The officers' commentary first, then the sentences written from the figures, marked as such."""
    own = commentary.get((row.measure.pk, row.figure.period_label), "") if row.figure else ""
    generated = written.get(row.measure.pk, "")
    if not generated:
        return own
    return f"{own}\n\nFrom the figures: {generated}" if own else f"From the figures: {generated}"


def _direction_words(row) -> str:
    previous = f"Since {row.previous_label}: {row.since_previous.words}."
    if row.last_year_label == row.previous_label:  # an annual measure: the year before is both
        return previous
    return f"{previous} Since {row.last_year_label}: {row.since_last_year.words}."


def _commentaries(ctx: ReportContext, rows) -> dict[tuple[int, str], str]:
    """The approved commentary for each figure shown, in one query: {(measure id, period): text}."""
    key = ("commentary", ctx.period)
    if key not in ctx.cache:
        wanted = {(r.measure.pk, r.figure.period_label) for r in rows if r.figure}
        found = MeasureValue.objects.filter(
            measure_id__in={m for m, _ in wanted}, period__in={p for _, p in wanted}, status=Status.APPROVED
        ).exclude(commentary="")
        ctx.cache[key] = {
            (mid, period): text
            for mid, period, text in found.values_list("measure_id", "period", "commentary")
            if (mid, period) in wanted
        }
    return ctx.cache[key]


def _is_exception(row) -> list[str]:
    why = []
    if row.rag is Rag.RED:
        why.append("off target")
    if Direction.DECLINING in (row.since_previous, row.since_last_year):
        why.append("getting worse")
    return why


def exceptions_appendix(ctx: ReportContext) -> Appendix | None:
    card = _scorecard(ctx)
    if not card.measure_count:
        return None
    commentary = _commentaries(ctx, card.rows)
    revised = _revisions(ctx, card.rows)
    exceptions = [(row, why) for row in card.rows if (why := _is_exception(row))]
    if not exceptions:
        return Appendix("Exceptions", [Paragraph("No measure is off target or getting worse this period.")])
    blocks: list[Block] = [
        Paragraph(
            narrative.exceptions_paragraph(
                card.period.label,
                [f"{row.measure.reference} {row.measure.title} ({' and '.join(why)})" for row, why in exceptions],
            )
            + " Getting worse means since the period before or since the same period last year."
        ),
        Table(
            "Exceptions: red and declining measures",
            ["Ref", "Measure", "Why listed", "Value", "Target", "Owner", "Commentary"],
            [
                [
                    row.measure.reference,
                    row.measure.title,
                    sentence_case(" and ".join(why)),
                    _value_words(row, revised),
                    _target_words(row),
                    str(row.measure.owner or row.measure.directorate),
                    commentary.get((row.measure.pk, row.figure.period_label), "") if row.figure else "",
                ]
                for row, why in exceptions
            ],
        ),
    ]
    charted = [row for row, _ in exceptions if sum(v is not None for v in row.trend) >= 2][:MAX_EXCEPTION_CHARTS]
    for row in charted:
        blocks.append(_trend_chart(row))
    if len(charted) < len(exceptions):
        blocks.append(
            Paragraph(f"Charts are shown for {len(charted)} of the {len(exceptions)} exceptions.", small=True)
        )
    return Appendix("Exceptions", blocks)


def _trend_chart(row) -> Chart:
    measure = row.measure
    labels = row.trend_labels
    # Each period's own target: a target is not drawn back over years before it was set.
    targets = list(row.trend_targets) if row.trend_targets else [None] * len(labels)
    series = [Series("Value", list(row.trend))]
    if any(t is not None for t in targets):
        series.append(Series("Target", targets, dashed=True))
    chart = LineChart(
        title=f"{measure.reference} {measure.title}",
        labels=labels,
        series=series,
        description=f"Trend of {measure.title}",
        unit=measure.get_unit_display(),
    )
    points = ", ".join(
        f"{label} {measure.format_value(v)}" for label, v in zip(labels, row.trend, strict=True) if v is not None
    )
    alt = f"Line chart of {measure.title}: {points}."
    set_for = [(label, t) for label, t in zip(labels, targets, strict=True) if t is not None]
    if set_for:
        alt += " Targets: " + ", ".join(f"{label} {measure.format_value(t)}" for label, t in set_for) + "."
    known = [label for label, v in zip(labels, row.trend, strict=True) if v is not None]
    span = f", {known[0]} to {known[-1]}" if known else ""
    against = " against target" if set_for else ""
    caption = f"{measure.reference} {measure.title}: value{against}{span}"
    return Chart(line_chart_svg(chart), alt=alt, caption=caption, width_cm=14)
