"""The generated appendices of each report, in order. Each builder takes a ReportContext and
returns an Appendix (or None when it has nothing to say). The figures come from each domain's
own summary function, so the pack says exactly what the domain pages say."""

from __future__ import annotations

from goldthread.reports.documents import Block, Paragraph, Table

from .models import ReportType
from .pack import Appendix, ReportContext


def _pct(value) -> str:
    return "–" if value is None else f"{float(value):.1f}%"


def people_appendix(ctx: ReportContext) -> Appendix | None:
    from goldthread.people.report_sections import people_summary

    data = people_summary(ctx.council, ctx.period)
    blocks: list[Block] = []
    appraisals = data["appraisals"]
    if appraisals:
        note = " The staff list in this example is synthetic." if appraisals["synthetic"] else ""
        blocks.append(
            Paragraph(
                f"Appraisal completion ({appraisals['cycle']}): {_pct(appraisals['percent'])}, "
                f"{appraisals['numerator']} of {appraisals['denominator']} staff who count.{note}"
            )
        )
        blocks.append(
            Table(
                "Appraisal completion by directorate",
                ["Directorate", "Completed", "Staff who count", "Completion"],
                [
                    [d["directorate"], "Hidden (small group)", "", ""]
                    if d["suppressed"]
                    else [d["directorate"], d["numerator"], d["denominator"], _pct(d["percent"])]
                    for d in appraisals["by_directorate"]
                ],
                numeric={1, 2, 3},
            )
        )
    for survey in data["surveys"]:
        if not survey["wave"]:
            blocks.append(Paragraph(f"{survey['survey']}: no results yet."))
            continue
        blocks.append(
            Table(
                f"{survey['survey']} ({survey['wave']}, {survey['respondents']} respondents): % positive by theme",
                ["Theme", "% positive", "Change since last wave (points)"],
                [
                    [
                        t["theme"],
                        f"Hidden (fewer than {survey['minimum_group_size']} respondents)"
                        if t["suppressed"]
                        else _pct(t["percent_positive"]),
                        "–" if t["change_points"] is None else f"{float(t['change_points']):+.1f}",
                    ]
                    for t in survey["themes"]
                ],
            )
        )
    stood_down = data["meetings_stood_down"]
    blocks.append(
        Table(
            "Meetings review: forums stood down, merged or replaced",
            ["Forum", "Change", "Date"],
            [[m["forum"], m["change"], m["on"].strftime("%-d %B %Y") if m["on"] else ""] for m in stood_down],
        )
        if stood_down
        else Paragraph("Meetings review: no forums have been stood down, merged or replaced yet.")
    )
    return Appendix("People and ways of working", blocks) if blocks else None


BUILDERS = {
    ReportType.QUARTERLY: [people_appendix],
    ReportType.AUDIT_RISK: [],
    ReportType.ACTION_PLAN: [],
}
