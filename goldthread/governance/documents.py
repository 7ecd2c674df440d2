"""The Best Value self-assessment as a document (Word, PDF or Excel) in the shared report layout."""

from __future__ import annotations

from datetime import date

from goldthread.core.documents import BulletList, Document, Heading, KeyValues, Paragraph, Table
from goldthread.domain.best_value import GUIDANCE

from . import best_value


def assessment_document(council, user, today: date) -> Document:
    rows = best_value.assessment(council, user, today)
    doc = Document(
        title="Best Value self-assessment",
        subtitle=f"As at {today:%-d %B %Y}",
        organisation=council.name,
        created=today,
    )
    doc.add(Paragraph(f"Themes, and our summary of what each asks for, from: {GUIDANCE}.", small=True))
    doc.add(
        Table(
            "Ratings by theme",
            ["Theme", "Rating", "Evidence links", "Open flags"],
            [
                [
                    r.theme.name,
                    r.assessment.get_rating_display() or "Not rated yet",
                    len(r.evidence),
                    sum(1 for f in r.flags if not f.decision or f.decision.decision == "accepted"),
                ]
                for r in rows
            ],
            numeric={2, 3},
            sheet_name="Ratings",
        )
    )
    for r in rows:
        doc.add(Heading(r.theme.name))
        doc.add(
            KeyValues(
                [
                    ("Rating", r.assessment.get_rating_display() or "Not rated yet"),
                    ("What good looks like", r.theme.well_functioning),
                    ("Warning signs", r.theme.warning_signs),
                ]
            )
        )
        doc.add(Paragraph(r.assessment.narrative or "No narrative yet."))
        if r.evidence:
            doc.add(BulletList([f"{e.get_kind_display()} {e.reference}: {e.title}" for e in r.evidence]))
        if r.flags:
            doc.add(
                Table(
                    f"Flags from Goldthread's data: {r.theme.name}",
                    ["Flag", "Detail", "Decision"],
                    [[f.title, f.detail, _decision(f)] for f in r.flags],
                    sheet_name=f"Flags {r.theme.name}"[:31],
                )
            )
    return doc


def _decision(flag) -> str:
    if flag.decision is None:
        return "Not yet decided"
    text = flag.decision.get_decision_display()
    return f"{text}: {flag.decision.reason}" if flag.decision.reason else text
