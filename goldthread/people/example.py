"""The example council's people data.

- The appraisal cycle is named as in the seed ("My Sefton, My Way"; seed 000 says the paper
  system could not count completions, forecast at 70%). The staff list is SYNTHETIC: made-up
  people ("Employee 0001"...), deterministic from a fixed seed, flagged ``is_synthetic`` and
  labelled on every page, with appraisal records that compute to about 70%.
- Forums are those the seeds name: Cabinet (nine portfolio holders), the four Overview and
  Scrutiny committees (Children's Services and Safeguarding moved from quarterly to six-weekly,
  seed 001), the Audit and Governance Committee (quarterly, with one Independent Person, seed
  000) and the Corporate Parenting Board (seed 001). Partners named 10 forums (seed 000) but the
  report does not name them, so the partnership forums here are examples, flagged as such.
  Frequencies and lengths the seeds do not give are examples (``is_example``).
- The staff survey (first since 2016, completed 2023) and a resident survey (recommendation
  ten) are set up with an example question set; no results are loaded.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils.text import slugify

from goldthread.council.models import Directorate, Priority, Service, User

from .models import (
    Appraisal,
    AppraisalCycle,
    Employee,
    Forum,
    ForumMember,
    Objective,
    Survey,
    SurveyQuestion,
    SurveyWave,
)

SEED = 2023
WINDOW_START, WINDOW_END = dt.date(2023, 4, 1), dt.date(2024, 3, 31)
TARGET_RATE = 0.70  # the seed's forecast

# Synthetic services and team counts per directorate (made up for the example).
SERVICES = {
    "chief-executive": [("Strategy and Performance", 14), ("Communications", 10), ("Democratic Services", 12)],
    "corporate": [("Finance", 24), ("People (HR)", 16), ("ICT", 20), ("Customer Services", 26)],
    "childrens": [("Children's Social Care", 34), ("Education Excellence", 22), ("Early Help", 20)],
    "adults": [("Adult Social Care", 32), ("Public Health", 12), ("Commissioning", 12)],
    "place": [("Highways", 22), ("Cleansing", 24), ("Regeneration", 14)],
}


def load(*, council, log=print, options=None) -> None:
    staff = _staff(council)
    cycle = _cycle(council)
    _appraisals(council, cycle, staff)
    _link_demo_officer(council)
    forums = _forums(council)
    surveys = _surveys(council)
    from .selectors import completion_overall

    rate = completion_overall(cycle)
    log(
        f"  people: {len(staff)} SYNTHETIC staff, cycle '{cycle.name}' completion {rate.percent}% "
        f"({rate.numerator} of {rate.denominator}), {forums} forums, {surveys} surveys (no results)"
    )


# ---------------------------------------------------------------- synthetic staff


def _service(directorate, name: str) -> Service:
    service = Service.objects.filter(directorate=directorate, name__iexact=name).first()
    if service is None:
        service = Service.objects.create(directorate=directorate, code=slugify(name)[:40], name=name)
    return service


def _random_start(rng: random.Random) -> dt.date:
    return dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, (dt.date(2023, 3, 31) - dt.date(2000, 1, 1)).days))


def _person(council, number: int, title: str, directorate, service, manager, start, leaving=None, absent=False):
    employee, _ = Employee.objects.update_or_create(
        council=council,
        employee_number=f"{number:04d}",
        defaults={
            "name": f"Employee {number:04d}",
            "job_title": title,
            "directorate": directorate,
            "service": service,
            "manager": manager,
            "start_date": start,
            "leaving_date": leaving,
            "long_term_absence": absent,
            "is_synthetic": True,
        },
    )
    return employee


def _staff(council) -> list[Employee]:
    rng = random.Random(SEED)
    directorates = {d.code: d for d in Directorate.objects.filter(council=council)}
    number = 1
    chief = _person(
        council,
        number,
        "Chief Executive",
        directorates["chief-executive"],
        None,
        None,
        dt.date(2023, 6, 1) - dt.timedelta(days=3650),
    )
    people = [chief]
    for code, services in SERVICES.items():
        directorate = directorates.get(code)
        if directorate is None:
            continue
        number += 1
        director = _person(
            council, number, directorate.director or "Executive Director", directorate, None, chief, _random_start(rng)
        )
        people.append(director)
        for service_name, size in services:
            service = _service(directorate, service_name)
            number += 1
            head = _person(
                council, number, f"Service Manager, {service_name}", directorate, service, director, _random_start(rng)
            )
            people.append(head)
            for _ in range(size):
                number += 1
                people.append(_team_member(council, number, rng, directorate, service, head))
    return people


def _team_member(council, number, rng, directorate, service, head):
    roll = rng.random()
    start, leaving, absent = _random_start(rng), None, False
    if roll < 0.06:  # a recent starter: under six months' service when the window closed
        start = WINDOW_END - dt.timedelta(days=rng.randrange(10, 170))
    elif roll < 0.11:  # left during the year
        leaving = WINDOW_START + dt.timedelta(days=rng.randrange(30, 330))
    elif roll < 0.14:
        absent = True
    title = rng.choice(["Officer", "Senior Officer", "Assistant", "Practitioner", "Team Leader", "Adviser"])
    return _person(council, number, f"{title}, {service.name}", directorate, service, head, start, leaving, absent)


def _cycle(council) -> AppraisalCycle:
    cycle, _ = AppraisalCycle.objects.update_or_create(
        council=council,
        slug="my-sefton-my-way-2023",
        defaults={
            "name": "My Sefton, My Way 2023-24",
            "window_start": WINDOW_START,
            "window_end": WINDOW_END,
            "midyear_checkin": dt.date(2023, 10, 31),
            "period": "2023-24",
            "min_service_months": 6,
            "exclude_long_term_absence": True,
            "exclude_leavers_before_window_end": True,
        },
    )
    return cycle


def _appraisals(council, cycle, staff) -> None:
    from goldthread.domain.appraisals import StaffMember, counts

    rng = random.Random(SEED + 1)
    counted = [
        e
        for e in staff
        if counts(StaffMember(e.start_date, e.leaving_date, e.long_term_absence), cycle.rules, WINDOW_END)
    ]
    order = sorted(counted, key=lambda e: e.employee_number)
    rng.shuffle(order)
    complete = {e.pk for e in order[: round(len(order) * TARGET_RATE)]}
    priorities = list(Priority.objects.filter(council=council).order_by("order"))
    for e in staff:
        if e.pk in complete:
            state = "complete"
        elif e in counted and rng.random() < 0.5:
            state = rng.choice(["objectives_set", "agreed"])
        else:
            continue
        _appraisal(cycle, e, state, rng, priorities)


def _appraisal(cycle, employee, state: str, rng, priorities) -> None:
    agreed = WINDOW_START + dt.timedelta(days=rng.randrange(20, 300)) if state in {"complete", "agreed"} else None
    appraisal, _ = Appraisal.objects.update_or_create(
        cycle=cycle,
        employee=employee,
        defaults={
            "status": state,
            "manager_agreed_on": agreed,
            "employee_acknowledged_on": agreed + dt.timedelta(days=7) if state == "complete" and agreed else None,
            "wellbeing_conversation": agreed is not None,
            "wellbeing_conversation_on": agreed,
            "development_needs": "Example development need (synthetic record)" if agreed else "",
        },
    )
    priority = priorities[rng.randrange(len(priorities))] if priorities else None  # drawn every run: idempotent
    if priority is not None and not appraisal.objectives.exists():
        Objective.objects.create(
            appraisal=appraisal,
            text=f"Example objective contributing to '{priority.title}' (synthetic record)",
            priority=priority,
            outcome=priority.outcomes.first(),
        )


def _link_demo_officer(council) -> None:
    """The demo officer manages a synthetic team, to show what a manager sees."""
    officer = User.objects.filter(username="officer", is_demo=True).first()
    head = Employee.objects.filter(council=council, job_title="Service Manager, Finance").first()
    if officer is None or head is None or Employee.objects.filter(user=officer).exclude(pk=head.pk).exists():
        return
    if head.user_id is None:
        head.user = officer
        head.save(update_fields=["user"])


# ---------------------------------------------------------------- forums

SEED_000 = "Seed 000 (Corporate Peer Challenge 2023)"
SEED_001 = "Seed 001 (Cabinet report, 28 July 2022)"
SCRUTINY = [
    (
        "Overview and Scrutiny Committee (Children's Services and Safeguarding)",
        Decimal("8.7"),
        False,
        SEED_001 + ": now meets six-weekly",
    ),
    (
        "Overview and Scrutiny Committee (Adult Social Care and Health)",
        Decimal(4),
        True,
        SEED_000 + ": four committees",
    ),
    ("Overview and Scrutiny Committee (Regeneration and Skills)", Decimal(4), True, SEED_000 + ": four committees"),
    (
        "Overview and Scrutiny Committee (Regulatory, Compliance and Corporate Services)",
        Decimal(4),
        True,
        SEED_000 + ": four committees",
    ),
]
# Partnership forums: seed 000 says partners named 10 forums with the same people in them,
# but not which. These are examples to show the review working; every one is flagged.
PARTNER_POSTS = {
    "ceo": ("Chief Executive", "Sefton Council"),
    "dph": ("Director of Public Health", "Sefton Council"),
    "dcs": ("Executive Director Children's Social Care and Education", "Sefton Council"),
    "das": ("Executive Director Adult Social Care and Health", "Sefton Council"),
    "place": ("Executive Director Place", "Sefton Council"),
    "nhs": ("Place director", "NHS"),
    "police": ("Local policing lead", "Police"),
    "fire": ("Area manager", "Fire and rescue service"),
    "vcs": ("Chief officer", "Voluntary and community sector"),
    "housing": ("Chief executive", "Housing provider"),
    "college": ("Principal", "Further education college"),
    "business": ("Chair", "Business representative"),
}
PARTNERSHIPS = [
    ("Example partnership board: health and care", "decision", ["ceo", "dph", "das", "dcs", "nhs", "vcs", "housing"]),
    (
        "Example partnership forum: children and young people",
        "assurance",
        ["dcs", "dph", "nhs", "police", "vcs", "college"],
    ),
    ("Example partnership forum: child poverty", "information", ["ceo", "dcs", "dph", "vcs", "housing", "nhs"]),
    ("Example partnership forum: localities", "information", ["place", "police", "fire", "vcs", "housing"]),
    ("Example partnership forum: community safety", "assurance", ["place", "police", "fire", "housing", "vcs"]),
    ("Example partnership forum: economy and skills", "decision", ["ceo", "place", "college", "business"]),
]


def _forum(council, name, forum_type, purposes, per_year, hours, *, statutory, source, example, chair="", members=()):
    forum, _ = Forum.objects.update_or_create(
        council=council,
        slug=slugify(name)[:80],
        defaults={
            "name": name,
            "forum_type": forum_type,
            "chair": chair,
            "meetings_per_year": per_year,
            "usual_hours": hours,
            "purpose_decision": "decision" in purposes,
            "purpose_assurance": "assurance" in purposes,
            "purpose_information": "information" in purposes,
            "is_statutory": statutory,
            "source": source,
            "is_example": example,
        },
    )
    for person, organisation in members:
        ForumMember.objects.get_or_create(forum=forum, person=person, organisation=organisation)
    return forum


def _forums(council) -> int:
    cabinet = [(f"Cabinet Member, portfolio {i}", "Sefton Council") for i in range(1, 10)]
    _forum(
        council,
        "Cabinet",
        "member",
        ["decision"],
        Decimal(11),
        Decimal(2),
        statutory=True,
        source=SEED_000 + ": Leader and Cabinet model, nine portfolio holders",
        example=True,
        chair="Leader of the Council",
        members=cabinet + [("Chief Executive", "Sefton Council")],
    )
    for name, per_year, _example, source in SCRUTINY:
        members = [(f"Committee member {i}", f"{name.split('(')[1].rstrip(')')} committee") for i in range(1, 10)]
        _forum(
            council,
            name,
            "member",
            ["assurance"],
            per_year,
            Decimal(2),
            statutory=True,
            source=source,
            example=True,
            members=members,
        )
    audit = [(f"Committee member {i}", "Audit and Governance Committee") for i in range(1, 8)]
    audit += [
        ("Independent Person", "Independent"),
        ("Executive Director of Corporate Resources and Customer Services", "Sefton Council"),
    ]
    _forum(
        council,
        "Audit and Governance Committee",
        "member",
        ["assurance"],
        Decimal(4),
        Decimal(2),
        statutory=True,
        source=SEED_000 + ": meets quarterly, with training before each meeting and one Independent Person",
        example=True,
        members=audit,
    )
    parenting = [
        ("Cabinet Member, Children's Social Care", "Sefton Council"),
        ("Leader of an opposition group 1", "Sefton Council"),
        ("Leader of an opposition group 2", "Sefton Council"),
        ("Executive Director Children's Social Care and Education", "Sefton Council"),
    ]
    _forum(
        council,
        "Corporate Parenting Board",
        "member",
        ["decision", "assurance"],
        Decimal(6),
        Decimal(2),
        statutory=False,
        source=SEED_001 + ": the two main opposition leaders were invited onto it",
        example=True,
        members=parenting,
    )
    for name, purpose, posts in PARTNERSHIPS:
        _forum(
            council,
            name,
            "partnership",
            [purpose],
            Decimal(6),
            Decimal(2),
            statutory=False,
            source=SEED_000 + ": partners named 10 forums; this one is an example",
            example=True,
            members=[PARTNER_POSTS[p] for p in posts],
        )
    return 7 + len(PARTNERSHIPS)


# ---------------------------------------------------------------- surveys (structure only)

STAFF_QUESTIONS = [
    (
        "S1",
        "I understand how my work contributes to the council's priorities",
        "Priorities and the golden thread",
        "likert",
    ),
    ("S2", "I have had a useful appraisal in the last 12 months", "Priorities and the golden thread", "yes_no"),
    ("S3", "Senior leaders communicate a clear vision", "Leadership and communication", "likert"),
    ("S4", "I feel well informed about what is happening in the council", "Leadership and communication", "likert"),
    ("S5", "My workload is manageable", "Wellbeing and capacity", "likert"),
    ("S6", "My manager supports my wellbeing", "Wellbeing and capacity", "likert"),
    ("S7", "People are held to account for what they agree to do", "Accountability", "likert"),
]
RESIDENT_QUESTIONS = [
    ("R1", "Overall, I am satisfied with the way the council runs things", "Satisfaction", "likert"),
    ("R2", "The council provides value for money", "Satisfaction", "likert"),
    ("R3", "The council keeps residents well informed", "Communication", "likert"),
    ("R4", "I trust the council", "Trust", "likert"),
    ("R5", "I am proud of my local area", "Place", "likert"),
]


def _survey(council, slug, name, kind, description, groups, questions, waves) -> None:
    survey, _ = Survey.objects.update_or_create(
        council=council,
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "description": description,
            "group_columns": groups,
            "minimum_group_size": 10,
        },
    )
    for order, (code, text, theme, answer_type) in enumerate(questions, start=1):
        SurveyQuestion.objects.update_or_create(
            survey=survey,
            code=code,
            defaults={
                "text": text,
                "theme": theme,
                "answer_type": answer_type,
                "order": order,
                "positive_answers": "4,5" if answer_type == "likert" else "yes",
            },
        )
    for label, start, end in waves:
        SurveyWave.objects.update_or_create(
            survey=survey, label=label, defaults={"fieldwork_start": start, "fieldwork_end": end}
        )


def _surveys(council) -> int:
    _survey(
        council,
        "all-staff-survey",
        "All-staff survey",
        "staff",
        "The council's first all-staff survey since 2016, completed in 2023 (seed 000). The questions here are an "
        "example set: load the council's own questionnaire and results. No results are loaded in the example.",
        "directorate, team",
        STAFF_QUESTIONS,
        [("2023", None, None)],
    )
    _survey(
        council,
        "resident-survey",
        "Resident survey",
        "resident",
        "Recommendation ten of the 2023 peer challenge asks the council to consider a resident survey. The questions "
        "here are an example set; no results are loaded.",
        "township, demographic group",
        RESIDENT_QUESTIONS,
        [],
    )
    return 2
