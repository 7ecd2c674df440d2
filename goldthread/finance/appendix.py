"""The finance section of the quarterly pack: forecast outturn by directorate, savings delivery and
reserves, from ``finance_summary`` (the same figures the finance pages show). Registered in apps.py."""

from __future__ import annotations

from decimal import Decimal

from goldthread.core.documents import Block, Heading, KeyValues, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext
from goldthread.domain import numbers

from .selectors import finance_summary

# What the pack says when a record names no source of its own.
BUDGET_MONITORING = "the council's budget monitoring returns, entered and approved in Goldthread"
RESERVES_RECORD = "the council's reserves balances as recorded in Goldthread"


def _source_line(label: str, sources: tuple[str, ...], fallback: str) -> Paragraph:
    return Paragraph(f"{label}: {'; '.join(sources) if sources else fallback}.", small=True)


def finance_appendix(ctx: ReportContext) -> Appendix | None:
    data = finance_summary(ctx.council, ctx.period)
    blocks: list[Block] = []
    lines = data.forecast_by_directorate
    if lines:
        budget = sum(Decimal(line.budget or 0) for line in lines)
        forecast = sum(Decimal(line.forecast_outturn or 0) for line in lines)
        blocks.append(
            Paragraph(
                f"Forecast outturn at {data.position_period}: {numbers.money(forecast)} against a budget of"
                f" {numbers.money(budget)}, a variance of {numbers.money(forecast - budget)}"
                f" ({'overspend' if forecast > budget else 'underspend' if forecast < budget else 'on budget'})."
            )
        )
        blocks.append(
            Table(
                f"Forecast outturn by directorate, {data.position_period}",
                ["Directorate", "Service", "Budget", "Forecast outturn", "Variance", "Commentary"],
                [
                    [
                        line.directorate,
                        line.service + (" (example)" if line.is_example else ""),
                        numbers.money(line.budget),
                        numbers.money(line.forecast_outturn),
                        line.variance_words,
                        line.commentary,
                    ]
                    for line in lines
                ],
                numeric={2, 3},
            )
        )
        blocks.append(_source_line("Source", data.sources.forecast, BUDGET_MONITORING))
    else:
        blocks.append(Paragraph(f"No approved budget monitoring for {data.financial_year} up to {ctx.period} yet."))
    savings = data.savings
    if savings.planned:
        blocks.append(Heading("Savings delivery", level=2))
        blocks.append(
            KeyValues(
                [
                    ("Savings planned", numbers.money(savings.planned)),
                    ("Savings delivered", numbers.money(savings.delivered)),
                    *[(f"Planned savings rated {s.words.lower()}", numbers.money(s.planned)) for s in savings.by_rag],
                ],
                caption=f"Savings delivery, {data.financial_year}",
            )
        )
    if data.reserves:
        year = data.reserves[0].financial_year
        forecast_words = " (forecast)" if any(r.is_forecast for r in data.reserves) else ""
        blocks.append(Heading("Reserves", level=2))
        blocks.append(
            Table(
                f"Reserves, {year}{forecast_words}",
                ["Reserve", "Purpose", "Amount"],
                [
                    [r.label + (" (example)" if r.is_example else ""), r.purpose, numbers.money(r.amount)]
                    for r in data.reserves
                ],
                numeric={2},
            )
        )
        blocks.append(_source_line("Source", data.sources.reserves, RESERVES_RECORD))
    return Appendix(f"Finance summary, {data.financial_year}", blocks)
