"""The budget monitoring report and the MTFP scenario comparison as shared report Documents
(Word, PDF, Excel and HTML from goldthread.core.documents)."""

from __future__ import annotations

from datetime import date

from goldthread.core.charts import LineChart, Series
from goldthread.core.documents import BulletList, Chart, Document, Heading, KeyValues, Paragraph, Table

from . import selectors
from .formatting import millions, percent, pounds_millions, signed_millions


def budget_monitoring_document(council, user, year: str, period: str | None) -> Document:
    doc = Document(
        title=f"Budget monitoring {year}",
        subtitle=f"Position as at {period}" if period else "No budget lines yet",
        organisation=council.name,
        created=date.today(),
    )
    if period:
        position = selectors.monthly_position(council, user, period)
        rows = [
            [r.label, millions(r.budget), millions(r.forecast), signed_millions(r.variance),
             "" if r.variance_percent is None else percent(r.variance_percent), r.words]
            for r in [*position.rows, position.total]
        ]  # fmt: skip
        doc.add(
            Heading("Revenue position by directorate"),
            Table(
                caption=f"Budget, forecast outturn and variance, {period} (£ million)",
                headers=["Directorate", "Budget", "Forecast outturn", "Variance", "Variance %", "Over or under"],
                rows=rows,
                numeric={1, 2, 3, 4},
                sheet_name="Position",
            ),
        )
        notes = [f"{line.directorate}: {line.commentary}" for r in position.rows for line in r.lines if line.commentary]
        if notes:
            doc.add(Heading("Commentary", level=2), BulletList(notes))
        if position.has_example:
            doc.add(Paragraph("Some figures are examples, not real figures.", bold=True))
    months, forecasts, _ = selectors.forecast_trend(council, user, year)
    if len(months) > 1:
        chart = LineChart(
            title=f"Forecast outturn through {year}",
            labels=months,
            series=[Series(name, [_m(v) for v in vals]) for name, vals in forecasts.items()],
            unit="£m",
        )  # fmt: skip
        doc.add(Heading("Forecast through the year"), Chart(chart.render(), alt="Forecast outturn by month"))
        doc.add(
            Table(
                caption="Forecast outturn by month (£ million)",
                headers=["Directorate", *months],
                rows=[[name, *[millions(v) for v in vals]] for name, vals in forecasts.items()],
                numeric=set(range(1, len(months) + 1)),
                sheet_name="Trend",
            )
        )
    plans = list(selectors.savings(council, user, year))
    summary = selectors.savings_summary(plans)
    doc.add(Heading("Savings delivery"))
    doc.add(
        Table(
            caption=f"Savings plans {year} (£ million)",
            headers=["Saving", "Directorate", "Planned", "Delivered", "Delivery", "Reason"],
            rows=[
                [
                    p.description,
                    str(p.directorate or "Council-wide"),
                    millions(p.planned),
                    millions(p.delivered),
                    p.get_rag_display(),
                    p.rag_reason,
                ]
                for p in plans
            ],  # fmt: skip
            numeric={2, 3},
            sheet_name="Savings",
        ),
        KeyValues(
            [("Planned", millions(summary["planned"])), ("Delivered", millions(summary["delivered"]) or "Not known")],
            caption="Savings in total (£ million)",
        ),
    )
    schemes = list(selectors.capital(council, user))
    doc.add(Heading("Capital programme"))
    doc.add(
        Table(
            caption="Capital programme (£ million)",
            headers=["Scheme", "Years", "Budget", "Spend to date", "Forecast"],
            rows=[
                [s.name, s.years, millions(s.budget), millions(s.spend_to_date), millions(s.forecast)] for s in schemes
            ],
            numeric={2, 3, 4},
            sheet_name="Capital",
        )
    )
    doc.add(
        Paragraph("Only approved figures are shown to members; this report shows what its reader may see.", small=True)
    )
    return doc


def _m(value):
    return None if value is None else float(value) / 1e6


def mtfp_document(council, plan) -> Document:
    results = selectors.scenario_results(plan)
    doc = Document(
        title=f"Medium-term financial plan: {plan.name}",
        subtitle=f"Scenarios compared, base year {plan.base_year}",
        organisation=council.name,
        created=date.today(),
    )
    doc.add(
        KeyValues(
            [
                ("Base year", plan.base_year),
                ("Base budget requirement", pounds_millions(plan.base_budget)),
                ("Council tax in the base year", pounds_millions(plan.base_council_tax)),
            ],
            caption="The plan",
        )
    )
    if plan.derivation:
        doc.add(Heading("Where the figures come from", level=2), Paragraph(plan.derivation))
    years = [y.year for y in results[0].projection.years] if results else []
    doc.add(Heading("Scenarios side by side"))
    doc.add(
        Table(
            caption="Remaining gap by scenario, cumulative (£ million)",
            headers=["Scenario", *years, "Referendum"],
            rows=[
                [
                    r.scenario.name,
                    *[millions(y.cumulative_remaining_gap) for y in r.projection.years],
                    "Would need a referendum" if r.needs_referendum else "Not needed",
                ]
                for r in results
            ],  # fmt: skip
            numeric=set(range(1, len(years) + 1)),
            sheet_name="Comparison",
        )
    )
    for r in results:
        doc.add(Heading(r.scenario.name, level=2))
        if r.scenario.description:
            doc.add(Paragraph(r.scenario.description))
        doc.add(
            Table(
                caption=f"{r.scenario.name} (£ million)",
                headers=["Line", *years],  # a header cell is never empty (screen readers announce it)
                rows=layout_rows(r.projection),
                numeric=set(range(1, len(years) + 1)),
                sheet_name=r.scenario.name[:28],
            )
        )
        doc.add(BulletList([c.words for c in r.checks]))
    return doc


def layout_rows(projection) -> list[list]:
    """The plan laid out as councils publish it: one column per year."""
    ys = projection.years

    def row(label, attr):
        return [label, *[millions(getattr(y, attr)) for y in ys]]

    return [
        row("Budget requirement", "budget_requirement"),
        row("Pay pressures", "pay_pressure"),
        row("Price pressures", "price_pressure"),
        row("Demand pressures", "demand_pressure"),
        row("Other pressures", "other_pressures"),
        row("Council tax", "council_tax"),
        row("Business rates", "business_rates"),
        row("Grants", "grants"),
        row("Gap before mitigation (annual)", "annual_gap_before_mitigation"),
        row("Gap before mitigation (cumulative)", "cumulative_gap_before_mitigation"),
        row("Council tax increases", "council_tax_increase_yield"),
        row("Savings (cumulative)", "cumulative_savings"),
        row("Use of reserves", "reserves_use"),
        row("Remaining gap (annual)", "annual_remaining_gap"),
        row("Remaining gap (cumulative)", "cumulative_remaining_gap"),
    ]


from .selectors import finance_summary  # noqa: E402,F401  (imported from here by older callers; the pack uses appendix.py)
