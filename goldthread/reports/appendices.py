"""The generated appendices of each report, in order. Each builder takes a ReportContext and
returns an Appendix (or None when it has nothing to say). The figures come from each domain's
own summary function, so the pack says exactly what the domain pages say."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from goldthread.core.charts import RAG_COLOURS, Bar, LineChart, Series, bar_chart_svg, line_chart_svg
from goldthread.core.documents import Block, Chart, Heading, KeyValues, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext
from goldthread.domain import narrative, numbers
from goldthread.domain.periods import parse_period
from goldthread.domain.rag import Direction, Rag

from .models import ReportType

MAX_EXCEPTION_CHARTS = 6  # a chart per exception up to this many; the table lists them all


def _pct(value) -> str:
    return numbers.percent(value)


def _money(value) -> str:
    """Pounds as councils write them in reports: £1.2m, or £850k below a million (half-up)."""
    return numbers.money(value)


def _day(value: date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "–"


def _none(caption: str, table: Table) -> Block:
    """An empty table says nothing: a sentence says there is nothing."""
    return table if table.rows else Paragraph(f"{caption}: none.")


# --- performance -------------------------------------------------------------------------------
def _scorecard(ctx: ReportContext):
    from goldthread.performance.selectors import scorecard

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
        from goldthread.performance.locks import revisions_by_figure

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
    from goldthread.benchmarking.models import PublishedMetric

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
        from goldthread.benchmarking.selectors import benchmark_history
        from goldthread.performance import narrative as measure_narrative

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
        from goldthread.performance.models import MeasureValue, Status

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
                    " and ".join(why).capitalize(),
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
    target = row.target.value if row.target else None
    series = [Series("Value", list(row.trend))]
    if target is not None:
        series.append(Series("Target", [target] * len(row.trend), dashed=True))
    chart = LineChart(
        title=f"{measure.reference} {measure.title}",
        labels=row.trend_labels,
        series=series,
        description=f"Trend of {measure.title}",
        unit=measure.get_unit_display(),
    )
    points = ", ".join(
        f"{label} {measure.format_value(v)}"
        for label, v in zip(row.trend_labels, row.trend, strict=True)
        if v is not None
    )
    alt = f"Line chart of {measure.title}: {points}."
    if target is not None:
        alt += f" Target {measure.format_value(target)}."
    known = [label for label, v in zip(row.trend_labels, row.trend, strict=True) if v is not None]
    span = f", {known[0]} to {known[-1]}" if known else ""
    against = " against target" if target is not None else ""
    caption = f"{measure.reference} {measure.title}: value{against}{span}"
    return Chart(line_chart_svg(chart), alt=alt, caption=caption, width_cm=14)


# --- money -------------------------------------------------------------------------------------
def finance_appendix(ctx: ReportContext) -> Appendix | None:
    from goldthread.finance.selectors import finance_summary

    data = finance_summary(ctx.council, ctx.period)
    blocks: list[Block] = []
    lines = data["forecast_by_directorate"]
    if lines:
        budget = sum(Decimal(line["budget"] or 0) for line in lines)
        forecast = sum(Decimal(line["forecast_outturn"] or 0) for line in lines)
        blocks.append(
            Paragraph(
                f"Forecast outturn at {data['position_period']}: {_money(forecast)} against a budget of"
                f" {_money(budget)}, a variance of {_money(forecast - budget)}"
                f" ({'overspend' if forecast > budget else 'underspend' if forecast < budget else 'on budget'})."
            )
        )
        blocks.append(
            Table(
                f"Forecast outturn by directorate, {data['position_period']}",
                ["Directorate", "Service", "Budget", "Forecast outturn", "Variance", "Commentary"],
                [
                    [
                        line["directorate"],
                        line["service"],
                        _money(line["budget"]),
                        _money(line["forecast_outturn"]),
                        line["variance_words"],
                        line["commentary"],
                    ]
                    for line in lines
                ],
                numeric={2, 3},
            )
        )
    else:
        blocks.append(Paragraph(f"No approved budget monitoring for {data['financial_year']} up to {ctx.period} yet."))
    savings = data["savings"]
    if savings["planned"]:
        blocks.append(Heading("Savings delivery", level=2))
        blocks.append(
            KeyValues(
                [
                    ("Savings planned", _money(savings["planned"])),
                    ("Savings delivered", _money(savings["delivered"])),
                    *[(f"Planned savings rated {s['words'].lower()}", _money(s["planned"])) for s in savings["by_rag"]],
                ],
                caption=f"Savings delivery, {data['financial_year']}",
            )
        )
    if data["reserves"]:
        year = data["reserves"][0]["financial_year"]
        forecast = " (forecast)" if any(r["is_forecast"] for r in data["reserves"]) else ""
        blocks.append(Heading("Reserves", level=2))
        blocks.append(
            Table(
                f"Reserves, {year}{forecast}",
                ["Reserve", "Purpose", "Amount"],
                [[r["label"], r["purpose"], _money(r["amount"])] for r in data["reserves"]],
                numeric={2},
            )
        )
    return Appendix(f"Finance summary, {data['financial_year']}", blocks)


# --- risk --------------------------------------------------------------------------------------
def _heat_table(heat_map: list[dict]) -> Table | None:
    if not heat_map:
        return None
    likelihoods = sorted({c["likelihood"] for c in heat_map}, reverse=True)
    impacts = sorted({c["impact"] for c in heat_map})
    cell = {(c["likelihood"], c["impact"]): c for c in heat_map}
    rows = []
    for lk in likelihoods:
        row: list[object] = [f"Likelihood {lk}"]
        for im in impacts:
            c = cell.get((lk, im))
            refs = ", ".join(c["references"]) if c else ""
            row.append(f"{c['count'] if c else 0}{': ' + refs if refs else ''}")
        rows.append(row)
    return Table(
        "Heat map of current scores: number of open corporate risks in each cell, with their references",
        ["", *[f"Impact {im}" for im in impacts]],
        rows,
    )


def risk_appendix(ctx: ReportContext) -> Appendix | None:
    from goldthread.risk.selectors import risk_summary

    data = risk_summary(ctx.council, ctx.period)
    if not data["open_corporate_risks"] and not data["movements"]:
        return None
    bands = data["bands"]
    band_words = "; ".join(f"{count} {name}" for name, count in bands.items())
    blocks: list[Block] = [
        Paragraph(
            f"{data['open_corporate_risks']} open corporate risks at {data['period']} (as at {_day(data['as_at'])},"
            f" scored by the reviews approved for periods ending by then): {band_words}."
        )
    ]
    example = " (example)" if data["example_scores"] else ""
    if example:
        blocks.append(
            Paragraph(
                "The scores are example scores, made up to show how the register works: each is marked (example).",
                bold=True,
            )
        )
    heat = _heat_table(data["heat_map"])
    if heat:
        blocks.append(heat)
    blocks.append(
        _none(
            f"Movements in {data['period']}",
            Table(
                f"Movements in {data['period']} since the quarter before",
                ["Ref", "Risk", "Previous score", "Current score", "Movement"],
                [
                    [
                        m["reference"],
                        m["title"],
                        f"{m['previous']}{example}" if m["previous"] else "–",
                        f"{m['current']}{example}" if m["current"] else "–",
                        m["words"],
                    ]
                    for m in data["movements"]
                ],
                numeric={2, 3},
            ),
        )
    )
    blocks.append(
        _none(
            "Risks above appetite",
            Table(
                "Risks above appetite",
                ["Ref", "Risk", "Current score", "Appetite"],
                [[r["reference"], r["title"], f"{r['score']}{example}", r["appetite"]] for r in data["above_appetite"]],
            ),
        )
    )
    blocks.append(
        _none(
            f"Risk reviews overdue as at {_day(data['as_at'])}",
            Table(
                f"Risk reviews overdue as at {_day(data['as_at'])}",
                ["Ref", "Risk", "Review was due"],
                [[r["reference"], r["title"], _day(r["next_review"])] for r in data["overdue_reviews"]],
            ),
        )
    )
    return Appendix("Corporate risks", blocks)


# --- improvement -------------------------------------------------------------------------------
def _due_words(a: dict) -> str:
    if a["revised_due_date"]:
        return f"{_day(a['revised_due_date'])} (revised from {_day(a['due_date'])})"
    return _day(a["due_date"])


def _status_words(a: dict) -> str:
    if a["overdue_days"]:
        return f"{a['status']} ({a['overdue_days']} days overdue)"
    return a["status"]


def _action_rows(rows: list[dict]) -> list[list]:
    return [
        [
            a["reference"],
            a["description"] + (" (example)" if a["is_example"] else ""),
            a["review"],
            a["lead"],
            _due_words(a),
            _status_words(a),
            a["reported_status"],
            f"{a['percent_complete']}%" if a["percent_complete"] is not None else "–",
        ]
        for a in rows
    ]


ACTION_HEADERS = ["Ref", "Action", "Review", "Lead", "Due", "Status", "Owner reports", "Complete"]


def action_plan_appendix(ctx: ReportContext) -> Appendix | None:
    from goldthread.improvement.selectors import action_plan_summary

    at = ctx.at
    data = action_plan_summary(ctx.council, at)
    if not data["total"]:
        return None
    by_status = "; ".join(f"{n} {label.lower()}" for label, n in data["by_status"].items() if n)
    by_rag = "; ".join(f"{n} {words.lower()}" for words, n in data["by_rag"].items())
    blocks: list[Block] = [
        Paragraph(
            f"{data['total']} actions across all improvement plans as at {_day(at)}: {by_status} ({by_rag})."
            " An action past its due date (or an agreed revised due date) and not complete is off track, whatever"
            " its owner reports; the owner's own status is shown beside it."
        ),
        _none(
            f"Actions overdue as at {_day(at)}",
            Table(f"Actions overdue as at {_day(at)}", ACTION_HEADERS, _action_rows(data["overdue"]), numeric={7}),
        ),
        _none(
            f"Actions at risk or off track as at {_day(at)}",
            Table(
                f"Actions at risk or off track as at {_day(at)}",
                ACTION_HEADERS,
                _action_rows(data["at_risk"]),
                numeric={7},
            ),
        ),
    ]
    if data["open_deadlines"]:
        blocks.append(
            Table(
                f"Review deadlines still open as at {_day(at)}",
                ["Review", "Deadline", "Due", "Status"],
                [[d["review"], d["deadline"], d["when"], d["status"]] for d in data["open_deadlines"]],
            )
        )
    return Appendix("Action plan progress", blocks)


def audit_risk_register_appendix(ctx: ReportContext) -> Appendix | None:
    # As at the end of the report's period, so a pack built again later reads the same.
    from goldthread.domain.periods import PeriodError, parse_period
    from goldthread.risk.documents import audit_committee_report

    try:
        period = parse_period(ctx.period)
    except PeriodError:
        period = None
    doc = audit_committee_report(ctx.council, ctx.as_of, period=period)
    return Appendix("Corporate risk register, heat map, movements and exceptions", doc.blocks)


def action_plan_documents_appendices(ctx: ReportContext) -> list[Appendix]:
    from goldthread.improvement.documents import action_plan_document, progress_review_document
    from goldthread.improvement.selectors import review_started_by, reviews

    found = []
    for review in reviews(ctx.council):
        if not review.recommendations.exists() or not review_started_by(review, ctx.at):
            continue
        found.append(Appendix(f"Action plan: {review.title}", action_plan_document(review, ctx.at).blocks))
        found.append(
            Appendix(f"Progress since the review: {review.title}", progress_review_document(review, ctx.at).blocks)
        )
    return found


def people_appendix(ctx: ReportContext) -> Appendix | None:
    from goldthread.people.report_sections import people_summary

    data = people_summary(ctx.council, ctx.period)
    blocks: list[Block] = []
    appraisals = data["appraisals"]
    if appraisals:
        note = " The staff list in this example is synthetic." if appraisals["synthetic"] else ""
        blocks.append(
            Paragraph(
                f"Appraisal completion ({appraisals['cycle']}): {_pct(appraisals['percent'])}, "
                f"{appraisals['numerator']} of {appraisals['denominator']} staff who count.{note}"
            )
        )
        blocks.append(
            Table(
                "Appraisal completion by directorate",
                ["Directorate", "Completed", "Staff who count", "Completion"],
                [
                    [d["directorate"], "Hidden (small group)", "", ""]
                    if d["suppressed"]
                    else [d["directorate"], d["numerator"], d["denominator"], _pct(d["percent"])]
                    for d in appraisals["by_directorate"]
                ],
                numeric={1, 2, 3},
            )
        )
    for survey in data["surveys"]:
        if not survey["wave"]:
            blocks.append(Paragraph(f"{survey['survey']}: no results yet."))
            continue
        blocks.append(
            Table(
                f"{survey['survey']} ({survey['wave']}, {survey['respondents']} respondents): % positive by theme",
                ["Theme", "% positive", "Change since last wave (points)"],
                [
                    [
                        t["theme"],
                        f"Hidden (fewer than {survey['minimum_group_size']} respondents)"
                        if t["suppressed"]
                        else _pct(t["percent_positive"]),
                        "–" if t["change_points"] is None else f"{float(t['change_points']):+.1f}",
                    ]
                    for t in survey["themes"]
                ],
            )
        )
    stood_down = data["meetings_stood_down"]
    blocks.append(
        Table(
            "Meetings review: forums stood down, merged or replaced",
            ["Forum", "Change", "Date"],
            [[m["forum"], m["change"], m["on"].strftime("%-d %B %Y") if m["on"] else ""] for m in stood_down],
        )
        if stood_down
        else Paragraph("Meetings review: no forums have been stood down, merged or replaced yet.")
    )
    return Appendix("People and ways of working", blocks) if blocks else None


BUILDERS = {
    ReportType.QUARTERLY: [
        scorecard_appendix,
        exceptions_appendix,
        finance_appendix,
        risk_appendix,
        action_plan_appendix,
        people_appendix,
    ],
    ReportType.AUDIT_RISK: [audit_risk_register_appendix],
    ReportType.ACTION_PLAN: [action_plan_appendix, action_plan_documents_appendices],
}
