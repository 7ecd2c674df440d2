"""Builds committee reports in the council's Cabinet report layout (seed 001): the front
sheet, the narrative sections the performance team edits, then generated appendices.

The appendices come from the domain apps (``sections.py`` lists which, in order); this module only lays out."""

from __future__ import annotations

from datetime import date

from goldthread.core.documents import Block, BulletList, Document, Heading, KeyValues, PageBreak, Paragraph
from goldthread.core.report_context import Appendix, AppendixBuilder, ReportContext
from goldthread.council.models import Council
from goldthread.timetable.selectors import meeting_for

from .models import ReportNarrative
from .sections import builders
from .selectors import narrative_for


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _meeting_words(n: ReportNarrative, timetabled: tuple[date, bool] | None) -> str:
    """The narrative's own date, or else the reporting timetable's for this audience (saying so)."""
    if n.meeting_date:
        return n.meeting_date.strftime("%-d %B %Y")
    if timetabled:
        day, is_example = timetabled
        return f"{day:%-d %B %Y} (from the reporting timetable{'; an example date' if is_example else ''})"
    return "To be confirmed"


def front_sheet(n: ReportNarrative, timetabled: tuple[date, bool] | None = None) -> KeyValues:
    return KeyValues(
        [
            ("Report to:", n.report_to),
            ("Date of Meeting:", _meeting_words(n, timetabled)),
            ("Subject:", n.subject),
            ("Report of:", n.report_of),
            ("Wards Affected:", n.wards_affected),
            ("Portfolio:", n.portfolio),
            ("Is this a Key Decision:", _yes_no(n.key_decision)),
            ("Included in Forward Plan:", _yes_no(n.in_forward_plan)),
            ("Exempt / Confidential Report:", n.exempt),
        ],
        caption="Report details",
    )


def _paragraphs(text: str, empty: str = "None.") -> list[Block]:
    parts = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return [Paragraph(p) for p in parts] or [Paragraph(empty)]


def _core_purpose(n: ReportNarrative, council: Council) -> list[Block]:
    if n.core_purpose.strip():
        return [Paragraph(line.strip()) for line in n.core_purpose.splitlines() if line.strip()]
    blocks: list[Block] = []
    for priority in council.priorities.prefetch_related("measures"):
        count = sum(1 for m in priority.measures.all() if m.is_active)
        blocks.append(
            Paragraph(f"{priority.title}: {count} measure{'s' if count != 1 else ''} reported in Appendix A.")
        )
    return blocks


def body(n: ReportNarrative, council: Council, appendices: list[Appendix]) -> list[Block]:
    recommendations = [r.strip() for r in n.recommendations.splitlines() if r.strip()]
    blocks: list[Block] = [
        Heading("Summary"),
        *_paragraphs(n.summary),
        Heading("Recommendation(s)"),
        BulletList(recommendations, numbered=True) if recommendations else Paragraph("None."),
        Heading("Reasons for the Recommendation(s)"),
        *_paragraphs(n.reasons),
        Heading("Alternative Options Considered and Rejected"),
        *_paragraphs(n.alternatives),
        Heading("What will it cost and how will it be financed?"),
        Heading("(A) Revenue Costs", level=2),
        *_paragraphs(n.revenue_costs),
        Heading("(B) Capital Costs", level=2),
        *_paragraphs(n.capital_costs),
        Heading("Implications of the Proposals"),
        KeyValues(
            [
                ("Resource Implications (Financial, IT, Staffing and Assets):", n.resource_implications or "None."),
                ("Legal Implications:", n.legal_implications or "None."),
                ("Equality Implications:", n.equality_implications or "None."),
                ("Climate Emergency Implications:", n.climate_implications or "None."),
            ],
            caption="Implications",
        ),
        Heading("Contribution to the Council's Core Purpose"),
        *_core_purpose(n, council),
        Heading("What consultations have taken place on the proposals and when?"),
        Heading("(A) Internal Consultations", level=2),
        *_paragraphs(n.internal_consultations),
        Heading("(B) External Consultations", level=2),
        *_paragraphs(n.external_consultations),
        Heading("Implementation Date for the Decision"),
        Paragraph(n.implementation_date),
        KeyValues(
            [
                ("Contact Officer:", n.contact_name or "Corporate performance team"),
                ("Telephone Number:", n.contact_phone or "–"),
                ("Email Address:", n.contact_email or "–"),
            ],
            caption="Contact officer",
        ),
        Heading("Appendices"),
        BulletList([f"Appendix {letter(i)} – {a.title}" for i, a in enumerate(appendices)])
        if appendices
        else Paragraph("None."),
        Heading("Background Papers"),
        *_paragraphs(n.background_papers),
    ]
    return blocks


def letter(index: int) -> str:
    return chr(ord("A") + index)


def build(narrative: ReportNarrative, ctx: ReportContext, builders: list[AppendixBuilder]) -> Document:
    appendices: list[Appendix] = []
    for builder in builders:
        made = builder(ctx)
        appendices.extend(made if isinstance(made, list) else [made] if made is not None else [])
    doc = Document(
        title=narrative.subject,
        organisation=ctx.council.name,
        subtitle=f"Report to {narrative.report_to}",
        author="Goldthread",
        created=ctx.as_of,
    )
    timetabled = meeting_for(ctx.council, ctx.period, narrative.audience)
    doc.add(front_sheet(narrative, timetabled), *body(narrative, ctx.council, appendices))
    for i, appendix in enumerate(appendices):
        doc.add(PageBreak(), Heading(f"Appendix {letter(i)} – {appendix.title}"), *appendix.blocks)
    return doc


def build_report(report_type: str, ctx: ReportContext) -> Document:
    narrative = narrative_for(report_type, ctx.period, ctx.audience, ctx.council)
    return build(narrative, ctx, builders(report_type))
