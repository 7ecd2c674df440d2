"""The example council's Best Value self-assessment. Each narrative sums up what the 2023 Corporate Peer
Challenge report (seed 000, §4 and §5) and the 2022 revisit (seed 001) found, citing them; the ratings
are invented for the example (``is_example``), as no source rates Sefton against the themes."""

from __future__ import annotations

from . import services
from .best_value import resolve_evidence
from .models import ThemeAssessment

CPC23 = "CPC report, November 2023 (seed 000)"
R = ThemeAssessment.Rating

ASSESSMENTS = {
    "continuous-improvement": (
        R.ADEQUATE,
        f"Full peer challenges in 2018 and 2023 with two progress reviews between them, so the council works "
        f"within the five-year cycle; the next is expected by November 2028 ({CPC23}, §4.5 and §5). The 2022 "
        "revisit found progress on the 2018 recommendations (seed 001).",
        [("review", "cpc-2023"), ("review", "cpc-2018"), ("review", "revisit-2022")],
    ),
    "leadership": (
        R.ADEQUATE,
        f"The Vision 2030 was developed with partners in 2016 and is to be renewed; the Core Purpose was adopted "
        f"in summer 2022 and is still being embedded ({CPC23}, §2 and §4.1).",
        [("policy", "Sefton 2030 vision"), ("policy", "Core Purpose")],
    ),
    "governance": (
        R.ADEQUATE,
        f"A quarterly Audit and Governance Committee with training and an independent person, a structured "
        f"approach to risk and the 'golden square' of statutory officers; the Executive Scrutiny Protocol was "
        f"amended in November 2023; the ICT strategy 2021-2023 is due to expire ({CPC23}, §4.3).",
        [("policy", "Executive Scrutiny Protocol"), ("policy", "ICT strategy 2021-2023")],
    ),
    "culture": (
        R.STRONG,
        f"A positive culture with trusting member-officer relationships; an all-staff survey in 2023, the first "
        f"since 2016; a clear complaints policy with an easy read version and an in-date whistleblowing policy "
        f"({CPC23}, §4.3).",
        [("policy", "Complaints Policy"), ("policy", "Whistleblowing Policy")],
    ),
    "use-of-resources": (
        R.SERIOUS_CONCERN,
        f"General fund reserves fell from £14.3m (2021-22) to £12m (2022-23) and earmarked reserves from £81.3m "
        f"to £51.8m, among the lowest of metropolitan councils; a funding gap of £44.2m by 2026-27 and a growing "
        f"Dedicated Schools Grant deficit ({CPC23}, §4.4).",
        [],
    ),
    "service-delivery": (
        R.NEEDS_IMPROVEMENT,
        f"Children's services were judged inadequate by Ofsted in 2022; monitoring visits report steady progress "
        f"recently ({CPC23}, §4.5).",
        [],
    ),
    "partnerships-and-community-engagement": (
        R.ADEQUATE,
        f"Partners value being engaged in the 2030 vision and report positive relationships; the council shares "
        f"financial assumptions across the Liverpool City Region ({CPC23}, §4.2 and §4.4).",
        [("policy", "Digital Inclusion Strategy")],
    ),
}


def load(*, council, log, options=None):
    made = 0
    for theme, (rating, narrative, evidence) in ASSESSMENTS.items():
        if ThemeAssessment.objects.filter(council=council, theme=theme).exists():
            continue
        entry = services.theme_save(
            council=council, theme=theme, user=None, version=0, rating=rating, narrative=narrative
        )
        ThemeAssessment.objects.filter(pk=entry.pk).update(is_example=True)
        for kind, reference in evidence:
            try:
                title, url = resolve_evidence(council, kind, reference)
            except LookupError:
                continue  # the record's app holds no example of it
            services.evidence_add(
                council=council, theme=theme, user=None, kind=kind, reference=reference, title=title, url=url
            )
        made += 1
    log(f"  governance: Best Value self-assessment, {made} themes rated (example ratings)")
