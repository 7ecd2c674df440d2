"""Reads for reports: the narrative of a report, saved or as first drafted."""

from goldthread.council.models import Council

from .models import Audience, ReportNarrative, ReportType

# Keyed by the choices, which are strings: a report type or audience read from a URL finds its entry.
REPORT_TO: dict[str, str] = {
    Audience.CABINET: "Cabinet",
    Audience.SCRUTINY: "Overview and Scrutiny Committee (Regulatory, Compliance and Corporate Services)",
    Audience.AUDIT: "Audit and Governance Committee",
}

SUBJECTS: dict[str, str] = {
    ReportType.QUARTERLY: "Quarterly Performance Report {period}",
    ReportType.AUDIT_RISK: "Corporate Risk Register {period}",
    ReportType.ACTION_PLAN: "Corporate Peer Challenge Action Plan: progress {period}",
}

DEFAULT_TEXT: dict[str, dict[str, str]] = {
    ReportType.QUARTERLY: {
        "summary": "This report sets out the Council's performance for {period} against the priorities of the "
        "Core Purpose, brought together with the financial position, the corporate risks and progress on the "
        "action plan, so that members can see the whole picture in one place.",
        "recommendations": "Note the performance for {period} set out in Appendix A and the exceptions in Appendix B.\n"
        "Note the financial position, corporate risks and action plan progress in Appendices C to E.",
        "reasons": "Regular, collective and cross-cutting performance reporting to Cabinet and Scrutiny, integrating "
        "finance, performance and risk information, was recommended by the LGA Corporate Peer Challenge.",
        "alternatives": "None. Not reporting performance would leave members without the information they need to "
        "hold the Council to account.",
        "revenue_costs": "The report does not have direct implications for revenue costs.",
        "capital_costs": "The report does not have direct implications for capital costs.",
        "resource_implications": "There are no direct resource implications.",
        "legal_implications": "There are no legal implications.",
        "equality_implications": "There are no equality implications.",
        "climate_implications": "The recommendations within this report will have a neutral impact.",
    },
    ReportType.AUDIT_RISK: {
        "summary": "This report presents the corporate risk register at {period}: the heat map of current risk "
        "scores, the movement since the last report and the exceptions the Committee should consider.",
        "recommendations": "Note the corporate risk register and the movements since the last report.\n"
        "Consider the risks above the Council's risk appetite and the reviews that are overdue.",
        "reasons": "The Committee's terms of reference include assurance on the Council's risk management "
        "arrangements.",
    },
    ReportType.ACTION_PLAN: {
        "summary": "This report sets out the action plan responding to the review's recommendations and the "
        "progress made on each action at {period}.",
        "recommendations": "Note the progress made against the action plan.",
        "reasons": "The LGA asks councils to publish an action plan within five months of a Corporate Peer "
        "Challenge and to show progress at the progress review.",
    },
}


def narrative_for(report_type: str, period: str, audience: str, council: Council | None = None) -> ReportNarrative:
    """The saved narrative, or a first draft (not saved) the performance team can edit."""
    saved = ReportNarrative.objects.filter(report_type=report_type, period=period, audience=audience).first()
    if saved:
        return saved
    texts = {k: v.format(period=period) for k, v in DEFAULT_TEXT.get(report_type, {}).items()}
    return ReportNarrative(
        report_type=report_type,
        period=period,
        audience=audience,
        report_to=REPORT_TO.get(audience, "Cabinet"),
        subject=SUBJECTS[report_type].format(period=period),
        portfolio="Cabinet Member - Regulatory, Compliance and Corporate Services",
        **texts,
    )
