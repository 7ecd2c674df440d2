"""A committee's recommendation tracker as a document (Word, PDF, Excel or HTML) in the shared report layout."""

from __future__ import annotations

from datetime import date

from goldthread.domain.scrutiny import RESPONSE_MONTHS
from goldthread.reports.documents import Document, Heading, KeyValues, Paragraph, Table

from . import selectors


def _day(value: date | None) -> str:
    return f"{value:%-d %b %Y}" if value else ""


def tracker_document(committee, at: date) -> Document:
    rows = selectors.tracker(committee, at)
    doc = Document(
        title=f"Recommendation tracker: {committee.name}",
        subtitle=f"As at {at:%-d %B %Y}",
        organisation=committee.council.name,
        created=at,
    )
    if committee.is_example:
        doc.add(Paragraph("Example: this committee's details are invented for the example council.", bold=True))
    doc.add(
        Paragraph(
            f"Each recommendation the committee made to the executive, the response (due within {RESPONSE_MONTHS} "
            "months of the report, Local Government Act 2000 section 9FE) and the actions agreed, tracked to "
            "completion.",
            small=True,
        )
    )
    summary = selectors.tracker_summary(rows)
    doc.add(KeyValues([(words, str(count)) for words, count in summary] or [("Recommendations", "None yet")]))
    doc.add(
        Table(
            "Recommendations and responses",
            [
                "Reference",
                "Review",
                "Recommendation",
                "Response",
                "Reasons",
                "Responded",
                "Response due",
                "Where it stands",
            ],
            [
                [
                    r.recommendation.reference,
                    r.recommendation.review.title,
                    r.recommendation.title,
                    r.response_words,
                    r.recommendation.response_text if r.response_words != "No response yet" else "",
                    f"{_day(r.response.responded_on)} ({r.response.responding_body})"
                    if r.response and r.response.responded_on <= at
                    else "",
                    _day(r.response_due),
                    r.state_words,
                ]
                for r in rows
            ],
            sheet_name="Recommendations",
        )
    )
    actions = [(r, a, s, pct) for r in rows for a, s, pct in r.actions]
    if actions:
        doc.add(Heading("Actions agreed"))
        doc.add(
            Table(
                "Actions and their progress",
                ["Action", "Recommendation", "Description", "Lead", "Due", "Status", "Per cent complete"],
                [
                    [
                        a.reference + (" (example)" if a.is_example else ""),
                        r.recommendation.reference,
                        a.description,
                        str(a.lead or a.lead_name or ""),
                        _day(s.due),
                        s.words + (f": {s.reason}" if s.reason else ""),
                        pct if pct is not None else "",
                    ]
                    for r, a, s, pct in actions
                ],
                numeric={6},
                sheet_name="Actions",
            )
        )
    return doc
