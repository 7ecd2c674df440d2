"""The example council's reviews, from the seeds.

- The 2018 Corporate Peer Challenge (September 2018; its five themes from seed 001 §1.2).
- Its revisit (21–22 April 2022; team from seed 001 §2.1; recommendations A–E and the council's
  response to each, word for word from the Cabinet report of 28 July 2022, all accepted).
- The November 2023 Corporate Peer Challenge (onsite 21–24 November 2023, feedback session
  24 November; team from seed 000 §3.2; scope §3.4; the ten key recommendations; deadlines from
  24 November 2023 by the CPC deadline rules).

Recommendation wording is the example's own data, ``data/example_recommendations.json``: taken word
for word from the two seed documents (with the parser the import uses), so loading needs neither
document. Actions are made only where the seeds state them; the few others are
flagged ``is_example`` and shown as "Example". Idempotent: existing records are left alone, so
running it twice (or after users have edited the plan) changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from goldthread.council.models import Priority, User
from goldthread.domain.deadlines import add_months
from goldthread.domain.recommendation_parser import ParsedRecommendation

from . import services
from .models import Action, ProgressUpdate, Recommendation, Review

RECOMMENDATIONS_FILE = Path(__file__).resolve().parent / "data" / "example_recommendations.json"
LGA = "Local Government Association (LGA)"

THEMES_2018 = [
    "Understanding local context and priority setting",
    "Leadership of place",
    "Financial planning and viability",
    "Organisational leadership and governance",
    "Capacity to deliver",
]
THEMES_2023 = [
    "Local priorities and outcomes",
    "Organisational and place leadership",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
]
TEAM_2022 = [
    ("Cllr Steve Houghton", "Member peer", "Leader of Barnsley Council (member of original Peer Review Team)"),
    ("Ali Griffin", "Officer peer", "Chief Executive at London Councils (member of original Peer Review Team)"),
    ("Jayne Traverse", "Officer peer", "Executive Director Place, Cheshire East Council"),
    (
        "Dan Archer",
        "Programme manager",
        "Programme Manager, Local Government Association (member of original Peer Review Team)",
    ),
]
TEAM_2023 = [
    ("Caroline Simpson", "Lead peer", "Chief Executive, Stockport Council"),
    ("Cllr Chris Read", "Lead political peer", "Leader, Rotherham Council"),
    ("Shaun Darcy", "Officer finance peer", "Section 151 Officer, Walsall Council"),
    ("Sharon Strutt", "Officer peer", "Head of Regeneration, London Borough Redbridge"),
    ("Nicola Robason", "Officer peer", "Director Governance & Corporate Affairs, South Tyneside"),
    ("Cheuk-Hang Mo", "Shadow peer", "National Management Trainee, Wakefield Council"),
    ("Matt Dodd", "LGA programme manager", "Senior Regional Advisor, LGA"),
]
# Links the seeds make plain: recommendation number -> priority codes.
PRIORITIES_2022 = {"B": ["protect-vulnerable"], "D": ["resilient-communities"], "E": ["economic-prosperity"]}
PRIORITIES_2023 = {"4": ["protect-vulnerable"], "5": ["economic-prosperity"]}
CABINET_REPORT = date(2022, 7, 28)
CPC_REPORT_EVIDENCE = date(2023, 11, 24)


def load(*, council, log, options=None):
    cpc18 = _review(
        council,
        "cpc-2018",
        title="Corporate Peer Challenge 2018",
        review_type=Review.Type.CPC,
        reviewing_body=LGA,
        recommendation_prefix="CPC18",
        scope_themes=THEMES_2018,
        summary="The peer review took place in September 2018 (exact dates not recorded in the seeds). Cabinet "
        "considered the feedback report in December 2018 and accepted the recommendations; the action plan was "
        "approved in January 2019 and progress on it was considered by Cabinet in March 2020.",
    )
    revisit = _review(
        council,
        "revisit-2022",
        title="Corporate Peer Challenge revisit 2022",
        review_type=Review.Type.PROGRESS,
        reviewing_body=LGA,
        parent=cpc18,
        recommendation_prefix="REV22",
        onsite_start=date(2022, 4, 21),
        onsite_end=date(2022, 4, 22),
        summary="The follow-up visit to the 2018 peer challenge, delayed by the COVID-19 pandemic. Cabinet considered "
        "the revisit report and the Council's response on 28 July 2022.",
    )
    _team(revisit, TEAM_2022)
    cpc23 = _review(
        council,
        "cpc-2023",
        title="Corporate Peer Challenge 2023",
        review_type=Review.Type.CPC,
        reviewing_body=LGA,
        parent=None,
        recommendation_prefix="CPC23",
        onsite_start=date(2023, 11, 21),
        onsite_end=date(2023, 11, 24),
        feedback_session=date(2023, 11, 24),
        scope_themes=THEMES_2023,
        summary="Peer team onsite 21–24 November 2023; feedback to Cabinet and the Executive Leadership Team on the "
        "afternoon of Friday 24 November; slides shared on Monday 27 November. Progress review due in summer 2024; "
        "next peer challenge no later than November 2028.",
    )
    _team(cpc23, TEAM_2023)
    recommendations = example_recommendations()
    recs22 = _recommendations(revisit, recommendations["revisit-2022"], accepted=True)
    recs23 = _recommendations(cpc23, recommendations["cpc-2023"], accepted=False)
    _link_priorities(council, recs22, PRIORITIES_2022)
    _link_priorities(council, recs23, PRIORITIES_2023)
    _actions_2022(council, recs22)
    _example_actions_2023(council, recs23)
    log("Improvement: 2018 challenge, 2022 revisit (A–E with responses) and the 2023 challenge (ten recommendations).")
    return council


def _review(council, reference, **fields) -> Review:
    review = Review.objects.filter(reference=reference).first()
    if review is None:
        review = services.review_create(council=council, user=None, reference=reference, **fields)
    return review


def _team(review, team) -> None:
    if review.team.exists():
        return
    for name, role, organisation in team:
        services.review_member_add(review=review, user=None, name=name, role=role, organisation=organisation)


def example_recommendations() -> dict[str, list[ParsedRecommendation]]:
    """The recommendations of each example review (by review reference), as the seed documents word them."""
    data = json.loads(RECOMMENDATIONS_FILE.read_text(encoding="utf-8"))
    return {review: [ParsedRecommendation(**rec) for rec in entry["recommendations"]] for review, entry in data.items()}


def _recommendations(review, parsed_recommendations, *, accepted) -> dict[str, Recommendation]:
    found = {}
    for order, parsed in enumerate(parsed_recommendations, start=1):
        reference = f"{review.recommendation_prefix}-R{order:02d}"
        rec = Recommendation.objects.filter(reference=reference).first()
        if rec is None:
            rec = services.recommendation_create(
                review=review,
                user=None,
                reference=reference,
                number=parsed.ref,
                title=parsed.title,
                text=parsed.text,
                response=Recommendation.Response.ACCEPTED if accepted else Recommendation.Response.PENDING,
                response_text=parsed.response,
                order=order,
            )
        found[parsed.ref] = rec
    return found


def _link_priorities(council, recs, links) -> None:
    for number, codes in links.items():
        if number in recs and not recs[number].priorities.exists():
            services.recommendation_set_links(
                recommendation=recs[number],
                user=None,
                priorities=list(Priority.objects.filter(council=council, code__in=codes)),
            )


def _action(rec, number, description, *, directorate=None, **fields) -> Action:
    reference = f"{rec.reference}-A{number:02d}"
    action = Action.objects.filter(reference=reference).first()
    if action is None:
        action = services.action_create(
            description=description,
            user=None,
            recommendation=rec,
            reference=reference,
            directorate=directorate,
            **fields,
        )
    return action


def _evidence_update(action, on, text) -> None:
    if not ProgressUpdate.objects.filter(action=action, date=on, text=text).exists():
        services.action_add_progress(action=action, user=None, text=text, on=on)


def _actions_2022(council, recs) -> None:
    """The actions the Council's responses of 28 July 2022 state, with their timescales."""
    d = {x.code: x for x in council.directorates.all()}
    if "A" in recs:
        _action(
            recs["A"],
            1,
            "Commence the review of the Council's Vision in 2023 (Vision 2035), with the review of the Core Purpose "
            "in 2025 taking account of community feedback.",
            directorate=d.get("chief-executive"),
            start_date=date(2023, 1, 1),
            due_date=date(2023, 12, 31),
        )
    if "B" in recs:
        academy = _action(
            recs["B"],
            1,
            "Introduce a Social Work Academy and explore the international recruitment of social workers.",
            directorate=d.get("childrens"),
            start_date=CABINET_REPORT,
            status=Action.Status.ON_TRACK,
        )
        _evidence_update(
            academy,
            CPC_REPORT_EVIDENCE,
            "Corporate Peer Challenge report (November 2023): the Council is taking targeted action to reduce agency "
            "staff, including the use of international social workers and the creation of a social care academy.",
        )
        _action(
            recs["B"],
            2,
            "Develop Workforce Strategies and supporting action plans for Children's, Adults and across the wider "
            "Council which recognise the capacity challenges that the Council faces.",
            directorate=d.get("corporate"),
            start_date=CABINET_REPORT,
        )
    if "C" in recs:
        quarterly = _action(
            recs["C"],
            1,
            "Introduce quarterly reports to Cabinet with a focus on the Council's key priorities.",
            directorate=d.get("chief-executive"),
            start_date=CABINET_REPORT,
            status=Action.Status.COMPLETE,
            percent_complete=100,
        )
        _evidence_update(
            quarterly,
            CPC_REPORT_EVIDENCE,
            'Corporate Peer Challenge report (November 2023), recommendation eight: "This year, the Council has '
            'introduced quarterly performance monitoring reports to Cabinet."',
        )
    if "D" in recs:
        _action(
            recs["D"],
            1,
            "Review the localities model with partners, taking into account the impact of Covid and the changing "
            "world, and the relationship with localities and Ward members.",
            directorate=d.get("place"),
            start_date=CABINET_REPORT,
            due_date=add_months(CABINET_REPORT, 6),  # "over the next 6 months"
        )
    if "E" in recs:
        _action(
            recs["E"],
            1,
            "Explore establishing a local business Leaders Forum to secure more influence, advocacy, challenge and "
            "bring fresh ideas and further connections.",
            directorate=d.get("place"),
            start_date=CABINET_REPORT,
        )


def _example_actions_2023(council, recs) -> None:
    """The seeds state no council actions for the 2023 recommendations yet: these illustrate
    the plan and are flagged as examples."""
    d = {x.code: x for x in council.directorates.all()}
    officer = User.objects.filter(username="officer", is_demo=True).first()
    if "8" in recs:
        _action(
            recs["8"],
            1,
            "Add direction of travel, benchmarking against comparators and targets to the quarterly performance "
            "report to Cabinet.",
            directorate=d.get("corporate"),
            lead=officer,
            lead_name="Performance and intelligence lead",
            start_date=date(2024, 1, 8),
            due_date=date(2024, 3, 31),
            status=Action.Status.ON_TRACK,
            percent_complete=40,
            is_example=True,
        )
    if "10" in recs:
        _action(
            recs["10"],
            1,
            "Publish the staff survey results with a response plan, and decide when to repeat the survey.",
            directorate=d.get("corporate"),
            lead=officer,
            start_date=date(2024, 1, 8),
            due_date=date(2024, 4, 30),
            status=Action.Status.AT_RISK,
            percent_complete=20,
            is_example=True,
        )
