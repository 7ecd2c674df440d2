"""The example council: Sefton Metropolitan Borough Council, from the seed documents.

The Core Purpose (seed 001, Appendix B) gives the eight priorities, word for word; the
directorates are those the seeds name. Demo sign-ins, one per role, are made here."""

from django.conf import settings

from .demo import DEMO_ACCOUNTS
from .models import Council, Directorate, Outcome, Priority, User

SEFTON = {
    "name": "Sefton Metropolitan Borough Council",
    "short_name": "Sefton Council",
    "gss_code": "E08000014",
    "vision_name": "Vision 2030",
    "vision": "Sefton 2030: the borough's shared vision, developed with partners in 2016, to be renewed as "
    "Vision 2035. The Council's contribution is set out in its Core Purpose.",
    "website": "https://www.sefton.gov.uk/",
}

# (code, name, director's title)
DIRECTORATES = [
    ("chief-executive", "Chief Executive's Office", "Chief Executive"),
    (
        "corporate",
        "Corporate Resources and Customer Services",
        "Executive Director of Corporate Resources and Customer Services",
    ),
    ("childrens", "Children's Social Care and Education", "Executive Director Children's Social Care and Education"),
    ("adults", "Adult Social Care and Health", "Executive Director Adult Social Care and Health"),
    ("place", "Place", "Executive Director Place"),
]

# Core Purpose, seed 001 Appendix B: (code, title, description)
PRIORITIES = [
    (
        "protect-vulnerable",
        "Protect the most vulnerable",
        "Those children and adults who have complex care needs with no capacity to care for themselves and no other "
        "networks to support them. For those who are the most vulnerable we will have a helping role to play, we will "
        "challenge others to ensure we all protect the most vulnerable children and adults and where we need "
        "to we will "
        "intervene to help improve lives.",
    ),
    (
        "resilient-communities",
        "Facilitate confident and resilient communities",
        "The Council will be less about doing things to and for residents and communities and more about creating the "
        "capacity and motivation for people to get involved, do it for themselves and help one another. We will create "
        "an environment in which residents are less reliant on public sector support and which have well developed and "
        "effective social support.",
    ),
    (
        "core-services",
        "Commission, broker and provide core services",
        "The Council will directly deliver fewer services but will act as a broker and commissioner of services which "
        "meet the defined needs of communities, are person-centred and localised where possible. We will deliver "
        "services which cannot be duplicated elsewhere or where we add value.",
    ),
    (
        "place-leadership",
        "Place-leadership and influencer",
        "Making sure what we and what others do are in the best interests of Sefton and its residents and has a "
        "contributing role to the 2030 vision of the borough. The Council will use data and feedback from our "
        "communities, children and young people in shaping plans.",
    ),
    (
        "change-reform",
        "Drivers of change and reform",
        "The Council will play a key role in leading change and reform to improve outcomes for Sefton residents, every "
        "child's future and continuously improve the borough.",
    ),
    (
        "economic-prosperity",
        "Facilitate sustainable economic prosperity",
        "People having the level of money they need to take care of themselves and their family; creating the "
        "conditions where relatively low unemployment and high income prevail, leading to high purchasing power; "
        "opportunities for future generations and having enough money to invest in infrastructure.",
    ),
    (
        "income-reinvestment",
        "Generate income for social reinvestment",
        "The Council will develop a commercial nature and look to what it can do either by itself or with others to "
        "generate income and profit that can be reinvested into delivering social purpose and preparing for the "
        "future.",
    ),
    (
        "cleaner-greener",
        "Cleaner and Greener",
        "The Council will work with others to act as guardians and protect and maintain Sefton's natural beauty and "
        "ensure that its many assets can be enjoyed by everyone and future generations and provide a contribution to "
        "Sefton's economy, peoples wellbeing and the achievement of the 2030 Vision.",
    ),
]

# Place-leadership's outcomes are the five the Core Purpose lists under it.
OUTCOMES = {
    "place-leadership": [
        "Partners work towards common goals",
        "The best opportunities and outcomes for the children and young people in and leaving our care, "
        "by being good Corporate Parents",
        "The best opportunities and outcomes for residents and every child in Sefton",
        "Sefton is a child, older person and disability friendly place",
        "Pride in the borough",
    ],
}


def load(*, council=None, log=print, options=None) -> Council:
    council, _ = Council.objects.update_or_create(gss_code=SEFTON["gss_code"], defaults=SEFTON)
    for code, name, director in DIRECTORATES:
        Directorate.objects.update_or_create(council=council, code=code, defaults={"name": name, "director": director})
    for order, (code, title, description) in enumerate(PRIORITIES, start=1):
        priority, _ = Priority.objects.update_or_create(
            council=council, code=code, defaults={"title": title, "description": description, "order": order}
        )
        for o_order, text in enumerate(OUTCOMES.get(code, []), start=1):
            Outcome.objects.update_or_create(priority=priority, title=text, defaults={"order": o_order})
    _demo_users(council)
    log(f"  council: {council.name}, {len(DIRECTORATES)} directorates, {len(PRIORITIES)} priorities")
    return council


def _demo_users(council: Council) -> None:
    for username, first, last, role, directorate_code in DEMO_ACCOUNTS:
        directorate = Directorate.objects.get(council=council, code=directorate_code) if directorate_code else None
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "directorate": directorate,
                "is_demo": True,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(settings.GOLDTHREAD_DEMO_PASSWORD)
            user.save()
