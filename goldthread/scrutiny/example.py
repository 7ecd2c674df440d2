"""The example council's committees, work programmes and one scrutiny review, from the seeds.

What the seeds say (peer challenge report, seed 000, section 4.3; Cabinet report of 28 July 2022, seed 001):
four Overview and Scrutiny Committees, one of them Children's Services and Safeguarding, which moved from
quarterly to six-weekly meetings and has dedicated external training; an Audit and Governance Committee
that meets quarterly with one Independent Person; a Leader and Cabinet with nine portfolio holders,
among them Councillor Hardy (Communities and Housing) and Councillor Lappin (Regulatory, Compliance and
Corporate Services). The names of the other three scrutiny committees, every member but those two, every
meeting day, the work programmes and the review are invented for illustration and flagged ``is_example``
(shown as "Example"). The quarterly meeting dates come from the reporting timetable (itself example dates).
Idempotent: what is already there (by slug, topic or reference) is left alone, so users' edits survive."""

from __future__ import annotations

from datetime import date, timedelta

from goldthread.council.models import Directorate, Priority, User
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Review
from goldthread.performance.models import Measure
from goldthread.risk.models import Risk

from . import services
from .models import Committee, CommitteeMember, WorkItem

C = Committee.Kind
SEAT = CommitteeMember.Role
T = WorkItem.Type
S000 = "Corporate Peer Challenge report, November 2023 (seed 000), section 4.3"
S001 = "Cabinet report of 28 July 2022 on the peer review revisit (seed 001)"

COMMITTEES = [
    {
        "slug": "childrens-services",
        "name": "Overview and Scrutiny Committee (Children's Services and Safeguarding)",
        "kind": C.OVERVIEW_SCRUTINY,
        "remit": f"Scrutiny of children's social care, education and safeguarding. Its name and six-weekly "
        f"meetings are from the {S001}; its dedicated external training from the {S000}.",
        "frequency": "Every six weeks (changed from quarterly, seed 001)",
        "is_example": False,
    },
    {
        "slug": "corporate-services",
        "name": "Overview and Scrutiny Committee (Regulatory, Compliance and Corporate Services) (example)",
        "kind": C.OVERVIEW_SCRUTINY,
        "remit": f"Example name: the {S000} gives four Overview and Scrutiny Committees but names only "
        "Children's Services; this one follows the Cabinet portfolio of the same name. It receives the "
        "quarterly performance report, as the peer team suggested.",
        "frequency": "Quarterly (example)",
        "timetable_meeting": Committee.TimetableMeeting.SCRUTINY,
        "is_example": True,
    },
    {
        "slug": "adult-social-care",
        "name": "Overview and Scrutiny Committee (Adult Social Care and Health) (example)",
        "kind": C.OVERVIEW_SCRUTINY,
        "remit": "Example name: one of the four committees the seed report counts but does not name.",
        "frequency": "Quarterly (example)",
        "is_example": True,
    },
    {
        "slug": "regeneration-skills",
        "name": "Overview and Scrutiny Committee (Regeneration and Skills) (example)",
        "kind": C.OVERVIEW_SCRUTINY,
        "remit": "Example name: one of the four committees the seed report counts but does not name.",
        "frequency": "Quarterly (example)",
        "is_example": True,
    },
    {
        "slug": "audit-governance",
        "name": "Audit and Governance Committee",
        "kind": C.AUDIT,
        "remit": f"Internal and external audit, risk and governance. Meets quarterly, each meeting preceded by "
        f"training, with one Independent Person; a second is suggested in line with CIPFA guidance ({S000}).",
        "frequency": "Quarterly (seed 000)",
        "timetable_meeting": Committee.TimetableMeeting.AUDIT,
        "is_example": False,
    },
    {
        "slug": "cabinet",
        "name": "Cabinet",
        "kind": C.CABINET,
        "remit": f"The Leader and nine portfolio holders ({S000}). Responds to scrutiny recommendations.",
        "frequency": "Monthly (example)",
        "timetable_meeting": Committee.TimetableMeeting.CABINET,
        "is_example": False,
    },
]

# slug: [(username of a demo sign-in or None, name, role, is_example)]
SEATS = {
    "corporate-services": [("member", "", SEAT.CHAIR, True), (None, "Councillor A (example)", SEAT.MEMBER, True)],
    "childrens-services": [(None, "Councillor B (example)", SEAT.CHAIR, True)],
    "audit-governance": [
        (None, "Independent Person (the seeds do not name them)", SEAT.INDEPENDENT, False),
        (None, "Councillor C (example)", SEAT.CHAIR, True),
    ],
    "cabinet": [
        (None, "Councillor Hardy, Cabinet Member Communities and Housing (seed 001)", SEAT.MEMBER, False),
        (
            None,
            "Councillor Lappin, Cabinet Member Regulatory, Compliance and Corporate Services (seed 001)",
            SEAT.MEMBER,
            False,
        ),
    ],
}

# Six-weekly meetings of the children's committee through 2023-24 (example days, seed 001's pattern).
CHILDRENS_FIRST_MEETING = date(2023, 6, 13)


def _items(council):
    def measures(*refs):
        return list(Measure.objects.filter(council=council, reference__in=refs))

    def priorities(*codes):
        return list(Priority.objects.filter(council=council, code__in=codes))

    def risks(*refs):
        return list(Risk.objects.filter(reference__in=refs))

    return {
        "corporate-services": [
            {
                "topic": "Quarterly performance report, 2023-24 Q2 (example)",
                "item_type": T.PERFORMANCE,
                "status": WorkItem.Status.REPORTED,
                "meeting_date": date(2023, 12, 5),
                "description": "The report Cabinet receives, taken to scrutiny too, as the peer team suggested.",
                "priorities": priorities("core-services", "change-reform"),
                "measures": measures("GOV-01", "GOV-02", "ORG-01"),
                "lead": "member",
            },
            {
                "topic": "Budget 2024-25 proposals: pre-decision scrutiny (example)",
                "item_type": T.PRE_DECISION,
                "status": WorkItem.Status.REPORTED,
                "meeting_date": date(2024, 1, 23),
                "description": "Under the Executive Scrutiny Protocol as amended in November 2023 (seed 000) to put "
                "more emphasis on pre-decision scrutiny.",
                "risks": risks("CR-002"),
                "priorities": priorities("core-services"),
            },
            {
                "topic": "Performance reporting to Scrutiny and all members (example review)",
                "item_type": T.POLICY_DEVELOPMENT,
                "status": WorkItem.Status.REPORTED,
                "start_date": date(2023, 12, 5),
                "meeting_date": date(2024, 2, 20),
                "end_date": date(2024, 3, 1),
                "description": "A task and finish review, invented for the example, of the peer team's advice "
                "that performance reports inform Scrutiny's work programmes and that Scrutiny be "
                "supported through action tracking (seed 000, sections 4.1 and 4.3).",
                "priorities": priorities("change-reform"),
                "measures": measures("ORG-01"),
                "lead": "member",
                "review": REVIEW,
            },
        ],
        "childrens-services": [
            {
                "topic": "Children's services improvement: progress since the 2022 Ofsted inspection (example)",
                "item_type": T.PERFORMANCE,
                "status": WorkItem.Status.REPORTED,
                "meeting_date": date(2023, 10, 3),
                "priorities": priorities("protect-vulnerable"),
                "measures": measures("CYP-01", "CYP-02"),
                "risks": risks("CR-006"),
            },
        ],
        "audit-governance": [
            {
                "topic": "External audit: preliminary results for 2020-21 and 2021-22 (example day)",
                "item_type": T.PERFORMANCE,
                "status": WorkItem.Status.REPORTED,
                "meeting_date": date(2023, 9, 20),
                "description": "Presented in September 2023 (seed 000); they raise governance issues in children's "
                "social care that could affect the value for money judgement for both years. The day "
                "is the example timetable's.",
                "risks": risks("CR-006"),
            },
        ],
    }


REVIEW = {
    "reference": "osc-performance-reporting-2024",
    "title": "Performance reporting to Scrutiny and all members (example)",
    "prefix": "OSC24",
    "report_received": date(2024, 3, 7),
    "recommendations": [
        {
            "number": "1",
            "title": "Take the quarterly performance report to this committee as well as to Cabinet (example)",
            "response": "accepted",
            "reasons": "",
            "responded_on": date(2024, 4, 25),
            "action": "Add the quarterly performance report to the committee's work programme for each quarter.",
            "due": date(2024, 7, 31),
            "complete": True,
        },
        {
            "number": "2",
            "title": "Track the executive's responses to every scrutiny recommendation to completion (example)",
            "response": "partly",
            "reasons": "Accepted for recommendations made from April 2024; earlier ones are not reopened (example).",
            "responded_on": date(2024, 4, 25),
            "action": "Keep a recommendation tracker for each committee and report it to the committee each quarter.",
            "due": date(2024, 12, 31),
        },
        {
            "number": "3",
            "title": "Extend the external training given to Children's Services scrutiny to every committee (example)",
        },
    ],
}


def load(*, council, log, options=None):
    made = {"committees": 0, "items": 0}
    for entry in COMMITTEES:
        if Committee.objects.filter(council=council, slug=entry["slug"]).exists():
            continue
        committee = services.committee_create(council=council, user=None, order=COMMITTEES.index(entry), **entry)
        made["committees"] += 1
        for username, name, role, is_example in SEATS.get(entry["slug"], []):
            person = User.objects.filter(username=username, is_demo=True).first() if username else None
            if username and person is None:
                continue
            services.member_add(
                committee=committee, user=None, member=person, name=name, role=role, is_example=is_example
            )
        if entry["slug"] == "childrens-services":
            for n in range(8):
                services.meeting_add(
                    committee=committee,
                    user=None,
                    on=CHILDRENS_FIRST_MEETING + timedelta(weeks=6 * n),
                    note="Committee meeting (example day)",
                    is_example=True,
                )
    for slug, items in _items(council).items():
        committee = Committee.objects.filter(council=council, slug=slug).first()
        if committee is None:
            continue
        for spec in items:
            if WorkItem.objects.filter(committee=committee, topic=spec["topic"]).exists():
                continue
            _item(committee, dict(spec))
            made["items"] += 1
    log(f"  scrutiny: {made['committees']} committees and {made['items']} work programme items")
    return council


def _item(committee, spec) -> WorkItem:
    lead = spec.pop("lead", None)
    review = spec.pop("review", None)
    links = {name: spec.pop(name, []) for name in services.ITEM_LINKS}
    item = services.work_item_create(
        committee=committee,
        user=None,
        lead_member=User.objects.filter(username=lead, is_demo=True).first() if lead else None,
        is_example=True,
        **links,
        **spec,
    )
    if review and not Review.objects.filter(reference=review["reference"]).exists():
        _review(item, review)
    return item


def _review(item: WorkItem, spec: dict) -> None:
    services.review_start(
        item=item,
        user=None,
        reference=spec["reference"],
        title=spec["title"],
        report_received=spec["report_received"],
        prefix=spec["prefix"],
    )
    item.refresh_from_db()
    corporate = Directorate.objects.filter(council=item.committee.council, code="corporate").first()
    officer = User.objects.filter(username="officer", is_demo=True).first()
    for rec in spec["recommendations"]:
        recommendation = services.recommendation_add(item=item, user=None, number=rec["number"], title=rec["title"])
        if "response" not in rec:
            continue
        services.response_record(
            recommendation=recommendation,
            user=None,
            version=recommendation.version,
            response=rec["response"],
            reasons=rec["reasons"],
            responded_on=rec["responded_on"],
            action_description=rec["action"],
            action_lead=officer,
            action_directorate=corporate,
            action_due=rec["due"],
            is_example=True,
        )
        if rec.get("complete"):
            action = recommendation.actions.get()
            improvement.action_update(action=action, user=None, status="complete", reason="Example: done")
