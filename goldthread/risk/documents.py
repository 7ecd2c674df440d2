"""The Audit and Governance Committee risk report: the corporate register with its heat map,
movements since last quarter and exceptions, built as a shared ``Document`` (Word and PDF)."""

from __future__ import annotations

from datetime import date

from goldthread.core.documents import Chart, Document, Heading, KeyValues, Paragraph, Table
from goldthread.domain.periods import Granularity, Period, YearType

from . import selectors
from .heat_table import heat_map_blocks
from .models import Level, Risk


def _band_text(risk: Risk) -> str:
    band = risk.current_band
    return f"{risk.current_score} ({band.label if band else 'no band'})"


def audit_committee_report(council, as_of: date, period: Period | None = None) -> Document:
    """The register as it stands on ``as_of``; given a ``period``, the register as at that period's end."""
    if period is not None:
        return _as_at_report(council, as_of, period)
    corporate = list(selectors.risks(council).filter(register__level=Level.CORPORATE).order_by("reference"))
    open_risks = [r for r in corporate if r.status == Risk.Status.OPEN]
    period = selectors.latest_review_period(council) or Period.containing(
        as_of, Granularity.QUARTER, YearType.FINANCIAL
    )
    doc = Document(
        title="Corporate risk register",
        subtitle=f"Report to the Audit and Governance Committee, {as_of:%-d %B %Y}",
        organisation=council.name,
        created=as_of,
    )
    doc.add(
        KeyValues(
            [
                ("Open corporate risks", str(len(open_risks))),
                ("Latest quarter reviewed", period.label),
                ("Risks above appetite", str(sum(r.above_appetite for r in open_risks))),
                (
                    "Overdue reviews",
                    str(len([r for r in selectors.overdue(council, as_of) if r.register.level == Level.CORPORATE])),
                ),
            ],
            caption="Summary",
        )
    )
    if any(r.is_example_score for r in corporate):
        doc.add(
            Paragraph(
                "The scores in this report are example scores, made up to show how the register works.", bold=True
            )
        )
    doc.add(Heading("The corporate risk register"))
    doc.add(
        Table(
            "Corporate risks",
            ["Reference", "Risk", "Owner", "Category", "Inherent", "Current", "Target", "Status"],
            [
                [
                    r.reference,
                    r.title,
                    r.owner_name,
                    r.category.name,
                    r.inherent_score,
                    _band_text(r),
                    r.target_score,
                    r.get_status_display(),
                ]
                for r in corporate
            ],
        )
    )
    hm = selectors.heat_map(council, open_risks)
    if hm:
        doc.add(
            Heading("Heat map"),
            *heat_map_blocks(hm, "Heat map of current scores: number of corporate risks in each cell, with the band"),
        )
    moves = selectors.movements(council, period)
    doc.add(Heading(f"Movement in {period.label} since the quarter before"))
    doc.add(
        _table_or_none(
            Table(
                "Movements",
                ["Reference", "Risk", "Previous score", "Current score", "Movement"],
                [
                    [
                        m.risk.reference,
                        m.risk.title,
                        m.previous if m.previous is not None else "–",
                        m.current if m.current is not None else "–",
                        m.movement.words,
                    ]
                    for m in moves
                ],
                numeric={2, 3},
            )
        )
    )
    _exceptions(doc, council, open_risks, as_of)
    for r in open_risks:
        history = selectors.score_history(r)
        if len(history) > 1:
            doc.add(
                Chart(
                    selectors.score_chart(r, history),
                    alt=f"{r.reference} score at each review: " + ", ".join(f"{v.period} {v.score}" for v in history),
                    caption=f"{r.reference} score history",
                )
            )
    return doc


def _at_band_text(r: selectors.RiskAt) -> str:
    if r.score is None:
        return "not yet scored"
    return f"{r.score} ({r.band.label if r.band else 'no band'})"


def _as_at_report(council, as_of: date, period: Period) -> Document:
    """As at ``period.end``: the risks that existed then, scored by the reviews approved for periods ending by
    then (the rule ``selectors.risk_summary`` uses), with movements and overdue reviews counted against then."""
    end = period.end
    summary = selectors.risk_summary(council, period)
    qs = selectors.risks(council).filter(register__level=Level.CORPORATE).prefetch_related("reviews__matrix__bands")
    existing = [r for r in qs.order_by("reference") if not r.created_on or r.created_on <= end]
    at = {r.risk.pk: r for r in selectors.corporate_risks_at(council, end)}
    doc = Document(
        title="Corporate risk register",
        subtitle=f"Report to the Audit and Governance Committee, as at {end:%-d %B %Y} ({period.label})",
        organisation=council.name,
        created=as_of,
    )
    doc.add(
        KeyValues(
            [
                ("Open corporate risks", str(summary.open_corporate_risks)),
                ("Quarter reported", period.label),
                ("Risks above appetite", str(len(summary.above_appetite))),
                ("Overdue reviews", str(len(summary.overdue_reviews))),
            ],
            caption="Summary",
        )
    )
    if summary.example_scores:
        doc.add(
            Paragraph(
                "The scores in this report are example scores, made up to show how the register works.", bold=True
            )
        )
    doc.add(Heading("The corporate risk register"))
    rows = []
    for r in existing:
        now = at.get(r.pk)
        rows.append(
            [
                r.reference,
                r.title,
                r.owner_name,
                r.category.name,
                r.inherent_score,
                _at_band_text(now) if now else "–",
                r.target_score,
                "Open" if now else "Closed",
            ]
        )
    doc.add(
        Table(
            "Corporate risks",
            ["Reference", "Risk", "Owner", "Category", "Inherent", "Current", "Target", "Status"],
            rows,
        )
    )
    hm = selectors.heat_map_at(council, end)
    if hm:
        doc.add(
            Heading("Heat map"),
            *heat_map_blocks(
                hm, f"Heat map of scores as at {end:%-d %B %Y}: number of corporate risks in each cell, with the band"
            ),
        )
    doc.add(Heading(f"Movement in {period.label} since the quarter before"))
    doc.add(
        _table_or_none(
            Table(
                "Movements",
                ["Reference", "Risk", "Previous score", "Current score", "Movement"],
                [
                    [
                        m.reference,
                        m.title,
                        m.previous if m.previous is not None else "–",
                        m.current if m.current is not None else "–",
                        m.words,
                    ]
                    for m in summary.movements
                ],
                numeric={2, 3},
            )
        )
    )
    doc.add(Heading("Exceptions"))
    doc.add(
        _table_or_none(
            Table(
                "Risks above appetite",
                ["Reference", "Risk", "Score", "Appetite"],
                [[a.reference, a.title, a.score, a.appetite] for a in summary.above_appetite],
            )
        )
    )
    doc.add(
        _table_or_none(
            Table(
                "Overdue reviews",
                ["Reference", "Risk", "Review was due"],
                [[o.reference, o.title, f"{o.next_review:%-d %B %Y}"] for o in summary.overdue_reviews],
            )
        )
    )
    doc.add(
        _table_or_none(
            Table(
                "Very high (red) risks",
                ["Reference", "Risk", "Score"],
                [[v.reference, v.title, v.score] for v in summary.very_high],
            )
        )
    )
    return doc


def _table_or_none(table: Table):
    """An empty table says nothing; a sentence says there is nothing."""
    return table if table.rows else Paragraph(f"{table.caption}: none.")


def _exceptions(doc: Document, council, open_risks: list[Risk], as_of: date) -> None:
    doc.add(Heading("Exceptions"))
    above = [r for r in open_risks if r.above_appetite]
    doc.add(
        _table_or_none(
            Table(
                "Risks above appetite",
                ["Reference", "Risk", "Current score", "Appetite"],
                [[r.reference, r.title, _band_text(r), r.category.appetite] for r in above],
            )
        )
    )
    overdue = [r for r in selectors.overdue(council, as_of) if r.register.level == Level.CORPORATE]
    doc.add(
        _table_or_none(
            Table(
                "Overdue reviews",
                ["Reference", "Risk", "Review was due"],
                [[r.reference, r.title, f"{r.next_review:%-d %B %Y}"] for r in overdue],
            )
        )
    )
    red = [r for r in open_risks if r.current_band and r.current_band.name == "very high"]
    doc.add(
        _table_or_none(
            Table(
                "Very high (red) risks",
                ["Reference", "Risk", "Current score", "Target score"],
                [[r.reference, r.title, _band_text(r), r.target_score] for r in red],
            )
        )
    )


def risk_summary(council, period) -> selectors.RiskSummary:
    """For the quarterly pack: heat map counts, movements and exceptions of the corporate register."""
    return selectors.risk_summary(council, period)
