"""The risk sections of committee reports: the corporate risks summary in the quarterly pack, and
the whole Audit and Governance Committee register report as one appendix. Registered in apps.py."""

from __future__ import annotations

from goldthread.core.documents import Block, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext, long_date, table_or_none
from goldthread.domain.periods import PeriodError, parse_period

from .documents import audit_committee_report
from .heat_table import heat_map_blocks
from .selectors import heat_map_at, risk_summary


def risk_appendix(ctx: ReportContext) -> Appendix | None:
    data = risk_summary(ctx.council, ctx.period)
    if not data.open_corporate_risks and not data.movements:
        return None
    band_words = "; ".join(f"{b.count} {b.name}" for b in data.bands)
    as_at = long_date(data.as_at)
    blocks: list[Block] = [
        Paragraph(
            f"{data.open_corporate_risks} open corporate risks at {data.period} (as at {as_at},"
            f" scored by the reviews approved for periods ending by then): {band_words}."
        )
    ]
    example = " (example)" if data.example_scores else ""
    if example:
        blocks.append(
            Paragraph(
                "The scores are example scores, made up to show how the register works: each is marked (example).",
                bold=True,
            )
        )
    heat = heat_map_at(ctx.council, data.as_at)
    if heat:
        blocks.extend(
            heat_map_blocks(
                heat,
                f"Heat map of scores as at {as_at}: number of open corporate risks in each cell, with the band"
                " and their references",
            )
        )
    blocks.append(
        table_or_none(
            f"Movements in {data.period}",
            Table(
                f"Movements in {data.period} since the quarter before",
                ["Ref", "Risk", "Previous score", "Current score", "Movement"],
                [
                    [
                        m.reference,
                        m.title,
                        f"{m.previous}{example}" if m.previous else "–",
                        f"{m.current}{example}" if m.current else "–",
                        m.words,
                    ]
                    for m in data.movements
                ],
                numeric={2, 3},
            ),
        )
    )
    blocks.append(
        table_or_none(
            "Risks above appetite",
            Table(
                "Risks above appetite",
                ["Ref", "Risk", "Current score", "Appetite"],
                [[r.reference, r.title, f"{r.score}{example}", r.appetite] for r in data.above_appetite],
            ),
        )
    )
    blocks.append(
        table_or_none(
            f"Risk reviews overdue as at {long_date(data.as_at)}",
            Table(
                f"Risk reviews overdue as at {long_date(data.as_at)}",
                ["Ref", "Risk", "Review was due"],
                [[r.reference, r.title, long_date(r.next_review)] for r in data.overdue_reviews],
            ),
        )
    )
    return Appendix("Corporate risks", blocks)


def audit_risk_register_appendix(ctx: ReportContext) -> Appendix | None:
    # As at the end of the report's period, so a pack built again later reads the same.
    try:
        period = parse_period(ctx.period)
    except PeriodError:
        period = None
    doc = audit_committee_report(ctx.council, ctx.as_of, period=period)
    return Appendix("Corporate risk register, heat map, movements and exceptions", doc.blocks)
