"""The example council's corporate risks and assurance sources, from the 2023 Corporate Peer
Challenge report (seed 000). The risks, causes, figures and controls are the seed's own words;
every score (inherent, current, target and each quarterly review) is an EXAMPLE score, made up to
show the register working, and flagged so the pages say "Example score". Idempotent: what already
exists is left alone, so nothing a user changed is overwritten."""

from __future__ import annotations

from datetime import date

from goldthread.council.models import Directorate, Priority, User
from goldthread.improvement.models import Action, Review
from goldthread.performance.models import Measure

from . import services
from .models import AssuranceArea, AssuranceSource, Category, Control, Level, ReferenceCounter, Risk, RiskMatrix

CPC_ONSITE_END = date(2023, 11, 24)  # the peer challenge's evidence date (onsite 21–24 November 2023)
S151 = "Section 151 officer"
DCS = "Executive Director of Children's Services"
CHIEF_EXEC = "Chief Executive"

# code, name, appetite (highest acceptable current score; example appetites)
CATEGORIES = [
    ("financial", "Financial sustainability", 12),
    ("safeguarding", "Children's safeguarding and improvement", 8),
    ("workforce", "Workforce", 12),
    ("capacity", "Organisational capacity", 12),
    ("governance", "Governance and assurance", 9),
]

# (reference, title, category, owner username, owner title, cause, event, consequence,
#  (inherent L, I), (Q2 L, I), (Q3 L, I), (target L, I), priorities, measures, controls)
RISKS = [
    (
        "CR-001",
        "Dedicated Schools Grant high needs deficit and the end of the statutory override",
        "financial",
        "performance",
        S151,
        "Increasing in-year deficits against the Dedicated Schools Grant, caused by the cost of meeting special "
        "education needs in the High Needs Block (a national issue).",
        "The deficit is forecast at £24 million by the end of 2023-2024. The Council can carry it forward as an "
        "unusable reserve, but this accountancy approach is due to expire in 2025-2026 and may not be extended "
        "nationally.",
        "If the override were not extended nationally, the Council would be in a financially unsustainable position.",
        (5, 5),
        (4, 5),
        (4, 5),
        (3, 4),
        ["protect-vulnerable", "core-services"],
        [],
        [
            (
                "Monthly reporting to Cabinet on the High Needs deficit position, dedicated quarterly reporting to "
                "Cabinet and inclusion on the Corporate Risk Register.",
                "detective",
            ),
            ("The Council is in tranche two of the national Delivering Better Value programme.", "corrective"),
        ],
    ),
    (
        "CR-002",
        "Low reserves",
        "financial",
        "performance",
        S151,
        "General Fund reserves reduced from £14.3 million at the end of 2021-2022 to £12 million at the end of "
        "2022-2023, and earmarked reserves from £81.3 million to £51.8 million (including the use of £18.3 million "
        "in Section 31 grant money); much of the remaining £51.8 million is temporary, already committed, or "
        "cannot be used for other purposes.",
        "Reserves of £11.9 million General Fund and £51.8 million earmarked, against a Net Revenue Budget of "
        "£281 million: the fourth lowest reserve level amongst metropolitan councils in England.",
        "The Council is more exposed to the financial challenges facing the sector, including issues of inflation, "
        "demand, and wider shocks.",
        (5, 5),
        (4, 4),
        (4, 4),
        (3, 3),
        ["core-services"],
        [],
        [
            ("Cabinet Members receive budget monitoring reports on a monthly basis.", "detective"),
            ("Services work within cash limits.", "preventive"),
            ("Medium term plans to increase the general reserve to £23m.", "directive"),
        ],
    ),
    (
        "CR-003",
        "Children's services overspend",
        "financial",
        "editor",
        DCS,
        "The children's services budget was rebased following the inadequate OFSTED judgement, from £52.9 million "
        "in 2022-2023 to £80.1 million (including the transfer of Early Help Services into the Directorate).",
        "Even with this increase there is a forecast overspend of £5 million against the £80.1 million budget, "
        "with outturn expenditure forecast at £85.1 million.",
        "The overspend adds to the pressure on the Council's low reserves and its funding gap of £44.2 million "
        "by 2026-2027.",
        (5, 4),
        (5, 4),
        (4, 4),
        (3, 3),
        ["protect-vulnerable", "core-services"],
        ["CYP-01"],
        [("Monthly budget monitoring reports to Cabinet Members.", "detective")],
    ),
    (
        "CR-004",
        "Reliance on agency social workers",
        "workforce",
        "editor",
        DCS,
        "National pressures (the number of children in care at record levels and a 39.6% increase in expenditure "
        "on fostering and residential placements over six years) are exacerbated in Sefton by its current use of "
        "agency staff.",
        "Continued reliance on agency social workers.",
        "Higher costs in children's social care and less stable support for children and families.",
        (4, 4),
        (4, 4),
        (4, 3),
        (2, 3),
        ["protect-vulnerable"],
        ["CYP-01"],
        [
            ("The use of international social workers.", "corrective"),
            ("The creation of a social care academy to reduce agency levels.", "preventive"),
        ],
    ),
    (
        "CR-005",
        "Corporate-core capacity",
        "capacity",
        "performance",
        CHIEF_EXEC,
        "Conscious political decisions to protect front-line services over 15 years of savings, which may have "
        "been to the detriment of the Council's corporate core; there is not currently a team or lead for "
        "Organisational Development.",
        "Capacity challenges in areas including finance, risk management, human resources, performance reporting, "
        'transformation, policy development and organisational development ("a tendency for people to say yes, '
        "even when we're bursting at the seams\").",
        "The Council lacks the expertise and capacity corporately to support wider improvement, transformation, and "
        "modernization goals.",
        (4, 4),
        (3, 4),
        (4, 4),
        (2, 3),
        ["change-reform", "core-services"],
        ["ORG-01"],
        [("Definition of the Council's next Framework for Change, with business cases and milestones.", "directive")],
    ),
    (
        "CR-006",
        "Pace of children's services improvement after the inadequate Ofsted judgement",
        "safeguarding",
        "editor",
        DCS,
        "An inadequate OFSTED inspection in February 2022.",
        "Improvement does not keep pace: in August 2023 a monitoring visit stated that the pace of improvement was "
        "too slow.",
        "Children and young people do not get the services they need, and the Council remains under increased "
        "engagement and oversight from OFSTED.",
        (5, 5),
        (4, 5),
        (3, 5),
        (2, 4),
        ["protect-vulnerable"],
        ["CYP-01"],
        [
            (
                "The Transformation and Improvement Plan for Children and Young People, developed and reviewed "
                "following the inadequate inspection.",
                "directive",
            ),
            ("OFSTED monitoring visits: four of five completed by November 2023.", "detective"),
        ],
    ),
]

# Mitigating actions: the seed's own planned steps, made as example actions (the seed gives no dates).
ACTIONS = {
    "CR-002": "Increase the general reserve to £23m over the Medium Term Financial Plan.",
    "CR-001": "Deliver the Delivering Better Value programme (tranche two) for the High Needs Block.",
    "CR-004": "Recruit international social workers and open the social care academy.",
}
RECOMMENDATION_ACTIONS = {"CR-002": "CPC23-R03", "CR-006": "CPC23-R04", "CR-005": "CPC23-R01"}

AREAS = [
    ("finance", "Finance"),
    ("governance", "Governance"),
    ("childrens", "Children's services"),
    ("workforce", "Workforce and organisational development"),
]

READING = "The opinion is Goldthread's example reading of the seed's words, not the provider's own grading."


def load(*, council, log=print, options=None):
    matrix = RiskMatrix.objects.order_by("version").first() or services.matrix_create_default(user=None)
    categories = {
        code: Category.objects.get_or_create(council=council, code=code, defaults={"name": name, "appetite": appetite})[
            0
        ]
        for code, name, appetite in CATEGORIES
    }
    corporate = services.register_for(council=council, level=Level.CORPORATE)
    childrens = Directorate.objects.filter(council=council, code="childrens").first()
    if childrens:
        services.register_for(council=council, level=Level.DIRECTORATE, directorate=childrens)
    made = sum(_risk(council, corporate, matrix, categories, spec) for spec in RISKS)
    counter, _ = ReferenceCounter.objects.get_or_create(level=Level.CORPORATE)
    if counter.last < len(RISKS):
        counter.last = len(RISKS)
        counter.save()
    _assurance(council)
    log(f"  risk: {made} new corporate risks (example scores), assurance map from the 2023 peer challenge")
    return council


def _risk(council, register, matrix, categories, spec) -> int:
    (
        ref,
        title,
        category,
        username,
        owner_title,
        cause,
        event,
        consequence,
        inherent,
        q2,
        q3,
        target,
        priorities,
        measures,
        controls,
    ) = spec
    if Risk.objects.filter(reference=ref).exists():
        return 0
    risk = services.risk_create(
        register=register,
        user=None,
        reference=ref,
        today=date(2023, 7, 1),
        title=title,
        cause=cause,
        event=event,
        consequence=consequence,
        category=categories[category],
        owner=User.objects.filter(username=username).first(),
        owner_title=owner_title,
        matrix=matrix,
        inherent_likelihood=inherent[0],
        inherent_impact=inherent[1],
        current_likelihood=q2[0],
        current_impact=q2[1],
        target_likelihood=target[0],
        target_impact=target[1],
        is_example_score=True,
        priorities=list(Priority.objects.filter(council=council, code__in=priorities)),
        measures=list(Measure.objects.filter(council=council, reference__in=measures)),
    )
    for period, day, (lk, im) in [("2023-24 Q2", date(2023, 9, 30), q2), ("2023-24 Q3", date(2023, 12, 31), q3)]:
        services.review_record(
            risk=risk,
            user=None,
            date=day,
            period=period,
            likelihood=lk,
            impact=im,
            note="Example review: the scores are illustrative.",
            is_example=True,
        )
    for description, kind in controls:
        services.control_add(
            risk=risk,
            user=None,
            description=description,
            control_type=kind,
            effectiveness=Control.Effectiveness.NOT_TESTED,
            owner_title=owner_title,
        )
    if ref in ACTIONS:
        services.risk_add_action(risk=risk, user=None, description=ACTIONS[ref], lead_name=owner_title, is_example=True)
    linked = Action.objects.filter(recommendation__reference=RECOMMENDATION_ACTIONS.get(ref, "-"))
    if linked.exists():
        services.risk_link_actions(risk=risk, actions=[*risk.actions.all(), *linked], user=None)
    return 1


def _assurance(council) -> None:
    areas = {
        code: AssuranceArea.objects.get_or_create(council=council, code=code, defaults={"name": name, "order": i})[0]
        for i, (code, name) in enumerate(AREAS)
    }
    risks = {r.reference: r for r in Risk.objects.filter(reference__in=[s[0] for s in RISKS])}
    cpc = Review.objects.filter(reference="cpc-2023").first()
    revisit = Review.objects.filter(reference="revisit-2022").first()
    for target, line, provider, title, day, opinion, review, note in _sources(cpc, revisit):
        subject = (
            {"area": areas[target], "risk": None} if target in areas else {"risk": risks.get(target), "area": None}
        )
        if subject["area"] is None and subject["risk"] is None:
            continue
        if AssuranceSource.objects.filter(council=council, title=title, date=day, **subject).exists():
            continue
        services.assurance_source_add(
            council=council,
            user=None,
            line=line,
            provider=provider,
            title=title,
            date=day,
            opinion=opinion,
            review=review,
            note=note,
            **subject,
        )


def _sources(cpc, revisit):
    op = AssuranceSource.Opinion
    vfm = "Auditor's Annual Reports 2020-21 and 2021-22: preliminary results to Audit and Governance Committee"
    return [
        (
            "governance",
            3,
            "External audit",
            vfm,
            date(2023, 9, 1),
            op.LIMITED,
            None,
            "Presented in September 2023 (day not stated in the seed; dated the 1st). They referred to governance "
            "issues in Children's Social Care which could impact on the value for money judgement for both years. "
            + READING,
        ),
        (
            "childrens",
            3,
            "External audit",
            vfm,
            date(2023, 9, 1),
            op.LIMITED,
            None,
            "Governance issues in Children's Social Care could impact on the value for money judgement for 2020-21 and "
            "2021-22 (September 2023; day not stated). " + READING,
        ),
        (
            "finance",
            3,
            "External audit",
            vfm,
            date(2023, 9, 1),
            op.REASONABLE,
            None,
            "The preliminary audit report for 2021-2022 made no mention of issues of financial sustainability "
            "(September 2023; day not stated). The last letter was an unqualified value for money judgement on the "
            "2019-2020 accounts. " + READING,
        ),
        (
            "CR-006",
            3,
            "Ofsted",
            "Inspection of children's services: judged inadequate",
            date(2022, 2, 1),
            op.NONE,
            None,
            "February 2022 (day not stated in the seed; dated the 1st). " + READING,
        ),
        (
            "CR-006",
            3,
            "Ofsted",
            "Monitoring visit: the pace of improvement was too slow",
            date(2023, 8, 1),
            op.LIMITED,
            None,
            "August 2023 (day not stated in the seed; dated the 1st). " + READING,
        ),
        (
            "CR-006",
            3,
            "Ofsted",
            'Monitoring visit (fourth of five): "steady progress"',
            CPC_ONSITE_END,
            op.REASONABLE,
            None,
            "The most recent visit before the peer challenge; its date is not stated, so it is "
            "dated to the peer challenge (21–24 November 2023). " + READING,
        ),
        (
            "childrens",
            3,
            "Ofsted",
            'Monitoring visit (fourth of five): "steady progress"',
            CPC_ONSITE_END,
            op.REASONABLE,
            None,
            "Dated to the peer challenge, which reported it (the visit's date is not stated). " + READING,
        ),
        (
            "governance",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge 2023",
            CPC_ONSITE_END,
            op.REASONABLE,
            cpc,
            '"A clear and structured approach to risk management, with clear owners and actions"; '
            "recommendation six asks the Council to develop the wider assurance framework. " + READING,
        ),
        (
            "finance",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge 2023",
            CPC_ONSITE_END,
            op.LIMITED,
            cpc,
            "Reserves are the fourth lowest of metropolitan councils; funding gap of £44.2 million by 2026-2027. "
            + READING,
        ),
        (
            "CR-002",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge 2023",
            CPC_ONSITE_END,
            op.LIMITED,
            cpc,
            "Recommendation three: increase financial reserves. " + READING,
        ),
        (
            "CR-005",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge 2023",
            CPC_ONSITE_END,
            op.LIMITED,
            cpc,
            "Recommendation one: review and align corporate capacity to support council priorities. " + READING,
        ),
        (
            "workforce",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge 2023",
            CPC_ONSITE_END,
            op.LIMITED,
            cpc,
            "No team or lead for Organisational Development; paper-based appraisals, completion forecast at 70%. "
            + READING,
        ),
        (
            "governance",
            3,
            "LGA Corporate Peer Challenge",
            "Corporate Peer Challenge revisit 2022",
            date(2022, 4, 22),
            op.NOT_GIVEN,
            revisit,
            "The revisit of the 2018 peer challenge, onsite 21–22 April 2022.",
        ),
        (
            "governance",
            2,
            "Golden square",
            "Statutory officers and the Head of Internal Audit on risk management",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "The Chief Executive, Section 151 officer, Monitoring Officer and Head of "
            "Internal Audit together support risk management (as the peer challenge found it in November 2023).",
        ),
        (
            "governance",
            2,
            "Audit and Governance Committee",
            "Quarterly committee with an Independent Person",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "Meets quarterly, preceded by training sessions (as found by the peer challenge in November 2023).",
        ),
        (
            "finance",
            2,
            "Finance",
            "Monthly budget monitoring reports to Cabinet Members",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            '"Clear and concise" (peer challenge, November 2023).',
        ),
        (
            "CR-001",
            2,
            "Finance",
            "Monthly High Needs deficit reports and quarterly reports to Cabinet",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "As found by the peer challenge in November 2023.",
        ),
        (
            "CR-001",
            1,
            "Children's services and education",
            "Delivering Better Value programme (tranche two)",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "As found by the peer challenge in November 2023.",
        ),
        (
            "CR-004",
            1,
            "Children's services",
            "International social workers and a social care academy",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "Targeted action on agency staff (peer challenge, November 2023).",
        ),
        (
            "governance",
            3,
            "Internal audit",
            "Strategic involvement of internal audit",
            CPC_ONSITE_END,
            op.NOT_GIVEN,
            None,
            "The peer challenge found internal audits and the strategic involvement of internal audit in place "
            "(November 2023); the seeds give no individual audit reports or opinions.",
        ),
    ]
