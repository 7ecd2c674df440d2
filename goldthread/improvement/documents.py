"""Documents built from the action plans, in the shared layout of goldthread/core/documents.py.
The action plan report's sections (``appendix.py``) reuse ``action_plan_document`` and
``progress_review_document``."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from goldthread.core.documents import Document, Heading, KeyValues, Paragraph, Table
from goldthread.domain.text import sentence_case

from . import selectors
from .models import Review

LGA_COLUMNS = ["Recommendation", "Action(s)", "Lead", "Timescale", "Status", "Progress"]


def _d(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _timescale(action) -> str:
    if action.start_date and action.due_date:
        return f"{_d(action.start_date)} to {_d(action.due_date)}"
    return f"By {_d(action.due_date)}" if action.due_date else "Not set"


def _progress(then) -> str:
    """Per cent complete and the latest update, as they stood at the document's date."""
    updates = [u for u in then.action.updates.all() if u.date <= then.as_of]
    latest = max(updates, key=lambda u: (u.date, u.created_at), default=None)
    text = f"{then.percent_complete if then.percent_complete is not None else 0}% complete"
    if latest:
        text += f". {_d(latest.date)}: {latest.text}"
    return text


def _front(review: Review) -> KeyValues:
    return KeyValues(
        [
            ("Review", review.title),
            ("Type", review.get_review_type_display()),
            ("Reviewing body", review.reviewing_body or "Not recorded"),
            ("Onsite", " to ".join(filter(None, [_d(review.onsite_start), _d(review.onsite_end)])) or "Not recorded"),
            ("Feedback session", _d(review.feedback_session) or "Not recorded"),
            ("Report published", _d(review.report_published) or "Not yet"),
        ],
        caption="About the review",
    )


def _status_words(s) -> str:
    """The status the dates give, with the owner's own beside it when they differ."""
    words = f"{s.words} ({sentence_case(s.rag)})"
    if s.differs:
        words += f"; owner reports {s.reported_words.lower()}: {s.reason}"
    return words


def action_plan_document(review: Review, today: date | None = None) -> Document:
    """The action plan in the LGA's columns, one row per action (a recommendation without
    actions still gets a row, so nothing is hidden)."""
    today = today or timezone.localdate()
    rows = []
    for plan in selectors.action_plan(review, today):
        then = selectors.as_they_were(plan.actions, today)
        rec = plan.recommendation
        label = f"{rec.reference} ({rec.number}) {rec.title}"
        if rec.response != rec.Response.PENDING:
            label += f" [Response: {rec.get_response_display()}]"
        if not plan.actions:
            rows.append([label, "No actions yet", "", "", "", rec.response_text])
        for action in plan.actions:
            description = f"{action.reference}: {action.description}" + (" (Example)" if action.is_example else "")
            rows.append(
                [
                    label,
                    description,
                    selectors.lead_words(action),
                    _timescale(action),
                    _status_words(then[action.pk].assessment),
                    _progress(then[action.pk]),
                ]
            )
    doc = Document(
        title=f"Action plan: {review.title}",
        subtitle=f"As at {_d(today)}",
        organisation=review.council.name,
        created=today,
    )
    doc.add(_front(review))
    deadlines = selectors.review_deadlines(review, today)
    if deadlines:
        doc.add(
            Table(
                caption="Deadlines",
                headers=["Deadline", "Due", "Status"],
                rows=[[d.rule.name, d.status.when, d.status.words] for d in deadlines],
                sheet_name="Deadlines",
            )
        )
    doc.add(Table(caption="Action plan", headers=LGA_COLUMNS, rows=rows, sheet_name="Action plan"))
    return doc


def progress_review_document(review: Review, today: date | None = None) -> Document:
    today = today or timezone.localdate()
    since = selectors.review_since(review)
    doc = Document(
        title=f"Progress review: {review.title}",
        subtitle=f"What has been done since {_d(since) or 'the review'}, as at {_d(today)}",
        organisation=review.council.name,
        created=today,
    )
    doc.add(_front(review))
    for row in selectors.progress_since_review(review, until=today):
        rec = row.recommendation
        then = selectors.as_they_were(row.actions, today)
        doc.add(Heading(f"{rec.reference}: {rec.title}", level=2))
        doc.add(Paragraph(f"Council response: {rec.get_response_display()}. {rec.response_text}".strip()))
        if row.actions:
            doc.add(
                Table(
                    caption=f"Actions for {rec.reference}",
                    headers=["Action", "Lead", "Due", "Status", "% complete"],
                    rows=[
                        [
                            f"{a.reference}: {a.description}" + (" (Example)" if a.is_example else ""),
                            selectors.lead_words(a),
                            _d(a.due_date),
                            _status_words(then[a.pk].assessment),
                            then[a.pk].percent_complete,
                        ]
                        for a in row.actions
                    ],
                    numeric={4},
                )
            )
        done = [f"{_d(u.date)} ({u.action.reference}): {u.text}" for u in row.updates]
        done += [f"{_d(m.done_on)} ({m.action.reference}): milestone done: {m.title}" for m in row.milestones]
        if done:
            doc.add(Paragraph("Done since the review:", bold=True), *[Paragraph(t) for t in sorted(done)])
        else:
            doc.add(Paragraph("No progress recorded since the review."))
        if row.evidence:
            doc.add(Paragraph("Evidence:", bold=True), *[Paragraph(f"{e.title}: {e.url}") for e in row.evidence])
    return doc
