"""The improvement sections of committee reports: action plan progress (overdue and at-risk
actions, open review deadlines) and, for the action plan report, each review's action plan and
progress review documents. Registered in apps.py."""

from __future__ import annotations

from goldthread.core.documents import Block, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext, long_date, table_or_none

from .documents import action_plan_document, progress_review_document
from .selectors import ActionLine, action_plan_summary, review_started_by, reviews


def _due_words(a: ActionLine) -> str:
    if a.revised_due_date:
        return f"{long_date(a.revised_due_date)} (revised from {long_date(a.due_date)})"
    return long_date(a.due_date)


def _status_words(a: ActionLine) -> str:
    if a.overdue_days:
        return f"{a.status} ({a.overdue_days} days overdue)"
    return a.status


def _action_rows(rows: tuple[ActionLine, ...]) -> list[list]:
    return [
        [
            a.reference,
            a.description + (" (example)" if a.is_example else ""),
            a.review,
            a.lead,
            _due_words(a),
            _status_words(a),
            a.reported_status,
            f"{a.percent_complete}%" if a.percent_complete is not None else "–",
        ]
        for a in rows
    ]


ACTION_HEADERS = ["Ref", "Action", "Review", "Lead", "Due", "Status", "Owner reports", "Complete"]


def action_plan_appendix(ctx: ReportContext) -> Appendix | None:
    at = ctx.at
    data = action_plan_summary(ctx.council, at)
    if not data.total:
        return None
    by_status = "; ".join(f"{c.count} {c.label.lower()}" for c in data.by_status.counts if c.count)
    by_rag = "; ".join(f"{c.count} {c.label.lower()}" for c in data.by_rag.counts)
    blocks: list[Block] = [
        Paragraph(
            f"{data.total} actions across all improvement plans as at {long_date(at)}: {by_status} ({by_rag})."
            " An action past its due date (or an agreed revised due date) and not complete is off track, whatever"
            " its owner reports; the owner's own status is shown beside it."
        ),
        table_or_none(
            f"Actions overdue as at {long_date(at)}",
            Table(f"Actions overdue as at {long_date(at)}", ACTION_HEADERS, _action_rows(data.overdue), numeric={7}),
        ),
        table_or_none(
            f"Actions at risk or off track as at {long_date(at)}",
            Table(
                f"Actions at risk or off track as at {long_date(at)}",
                ACTION_HEADERS,
                _action_rows(data.at_risk),
                numeric={7},
            ),
        ),
    ]
    if data.open_deadlines:
        blocks.append(
            Table(
                f"Review deadlines still open as at {long_date(at)}",
                ["Review", "Deadline", "Due", "Status"],
                [[d.review, d.deadline, d.when, d.status] for d in data.open_deadlines],
            )
        )
    return Appendix("Action plan progress", blocks)


def action_plan_documents_appendices(ctx: ReportContext) -> list[Appendix]:
    found = []
    for review in reviews(ctx.council):
        if not review.recommendations.exists() or not review_started_by(review, ctx.at):
            continue
        found.append(Appendix(f"Action plan: {review.title}", action_plan_document(review, ctx.at).blocks))
        found.append(
            Appendix(f"Progress since the review: {review.title}", progress_review_document(review, ctx.at).blocks)
        )
    return found
