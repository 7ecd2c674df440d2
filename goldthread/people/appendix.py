"""The people section of the quarterly pack: appraisal completion, staff survey themes (small
groups hidden) and the meetings review, from ``people_summary``. Registered in apps.py."""

from __future__ import annotations

from goldthread.core.documents import Block, Paragraph, Table
from goldthread.core.report_context import Appendix, ReportContext
from goldthread.domain import numbers

from .report_sections import people_summary


def people_appendix(ctx: ReportContext) -> Appendix | None:
    data = people_summary(ctx.council, ctx.period)
    blocks: list[Block] = []
    appraisals = data.appraisals
    if appraisals:
        note = " The staff list in this example is synthetic." if appraisals.synthetic else ""
        blocks.append(
            Paragraph(
                f"Appraisal completion ({appraisals.cycle}): {numbers.percent(appraisals.percent)}, "
                f"{appraisals.numerator} of {appraisals.denominator} staff who count.{note}"
            )
        )
        blocks.append(
            Table(
                "Appraisal completion by directorate",
                ["Directorate", "Completed", "Staff who count", "Completion"],
                [
                    [d.directorate, "Hidden (small group)", "", ""]
                    if d.suppressed
                    else [d.directorate, d.numerator, d.denominator, numbers.percent(d.percent)]
                    for d in appraisals.by_directorate
                ],
                numeric={1, 2, 3},
            )
        )
    for survey in data.surveys:
        if not survey.wave:
            blocks.append(Paragraph(f"{survey.survey}: no results yet."))
            continue
        blocks.append(
            Table(
                f"{survey.survey} ({survey.wave}, {survey.respondents} respondents): % positive by theme",
                ["Theme", "% positive", "Change since last wave (points)"],
                [
                    [
                        t.theme,
                        f"Hidden (fewer than {survey.minimum_group_size} respondents)"
                        if t.suppressed
                        else numbers.percent(t.percent_positive),
                        "–" if t.change_points is None else f"{float(t.change_points):+.1f}",
                    ]
                    for t in survey.themes
                ],
            )
        )
    stood_down = data.meetings_stood_down
    blocks.append(
        Table(
            "Meetings review: forums stood down, merged or replaced",
            ["Forum", "Change", "Date"],
            [[m.forum, m.change, m.on.strftime("%-d %B %Y") if m.on else ""] for m in stood_down],
        )
        if stood_down
        else Paragraph("Meetings review: no forums have been stood down, merged or replaced yet.")
    )
    return Appendix("People and ways of working", blocks) if blocks else None
