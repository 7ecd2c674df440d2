"""The example council's policy register, from what the 2023 Corporate Peer Challenge report (seed 000)
says about Sefton's plans and policies. Dates the report gives are used as it gives them (a season or a
month becomes a day in it, said in the notes); every other date or owner is invented, and the record is
flagged ``is_example`` and shown as "Example". Idempotent: an entry already in the register (by title)
is left alone, so users' edits survive a reload."""

from __future__ import annotations

from datetime import date

from goldthread.council.models import Priority, User

from . import example_best_value as best_value
from . import services
from .models import Policy

SEED = "LGA Corporate Peer Challenge feedback report, November 2023 (seed 000)"
P = Policy.Kind

ENTRIES = [
    {
        "title": "Sefton 2030 vision",
        "kind": P.PLAN,
        "owner_title": "Chief Executive (example)",
        "approving_body": "Sefton Partnership (example)",
        "approved_on": date(2016, 12, 1),
        "period_start": date(2016, 12, 1),
        "period_end": date(2030, 12, 31),
        "review_date": date(2025, 12, 31),
        "priorities": ["place-leadership"],
        "document_url": "https://www.sefton.gov.uk/",
        "notes": f"{SEED}: developed across partners in 2016 and to be renewed in 2025 (updated for 2035). "
        "The day in 2016, the approving body and the end of the review year are example values.",
        "is_example": True,
    },
    {
        "title": "Core Purpose",
        "kind": P.PLAN,
        "owner_title": "Chief Executive (example)",
        "approving_body": "Council (example)",
        "approved_on": date(2022, 7, 1),
        "period_start": date(2022, 7, 1),
        "review_date": date(2026, 7, 1),
        "priorities": ["protect-vulnerable", "resilient-communities", "core-services", "place-leadership"],
        "notes": f"{SEED}: formally adopted in the summer of 2022 and still being embedded. "
        "1 July 2022 stands for 'summer 2022'; the approving body and review date are example values.",
        "is_example": True,
    },
    {
        "title": "ICT strategy 2021-2023",
        "kind": P.STRATEGY,
        "owner_title": "Chief Technology Officer (example)",
        "approving_body": "Cabinet (example)",
        "period_start": date(2021, 1, 1),
        "period_end": date(2023, 12, 31),
        "review_date": date(2023, 12, 31),
        "priorities": ["change-reform"],
        "notes": f"{SEED}: covers 2021-2023 and is due to expire; it needs updating. "
        "The owner, approving body and exact days are example values.",
        "is_example": True,
        "owner_username": "officer",
    },
    {
        "title": "Digital Inclusion Strategy",
        "kind": P.STRATEGY,
        "owner_title": "Chief Technology Officer (example)",
        "approving_body": "Cabinet (example)",
        "period_start": date(2021, 1, 1),
        "period_end": date(2023, 12, 31),
        "review_date": date(2023, 12, 31),
        "priorities": ["resilient-communities"],
        "notes": f"{SEED}: accompanies the ICT strategy 2021-2023. Its dates follow the ICT strategy's "
        "(example values).",
        "is_example": True,
        "owner_username": "officer",
    },
    {
        "title": "Complaints Policy",
        "kind": P.POLICY,
        "owner_title": "Head of Corporate Resources (example)",
        "approving_body": "Cabinet (example)",
        "approved_on": date(2022, 4, 1),
        "review_date": date(2026, 4, 1),
        "priorities": ["core-services"],
        "notes": f"{SEED}: clear and accessible, also available in an easy read format. Dates are example values.",
        "is_example": True,
    },
    {
        "title": "Complaints Policy (easy read)",
        "kind": P.POLICY,
        "owner_title": "Head of Corporate Resources (example)",
        "approving_body": "Cabinet (example)",
        "approved_on": date(2022, 4, 1),
        "review_date": date(2026, 4, 1),
        "priorities": ["core-services"],
        "notes": f"{SEED}: the easy read version of the Complaints Policy. Dates are example values.",
        "is_example": True,
    },
    {
        "title": "Whistleblowing Policy",
        "kind": P.POLICY,
        "owner_title": "Monitoring Officer (example)",
        "approving_body": "Audit and Governance Committee (example)",
        "approved_on": date(2023, 3, 1),
        "review_date": date(2027, 3, 1),
        "notes": f"{SEED}: in date and easy to find (November 2023). Dates are example values.",
        "is_example": True,
    },
    {
        "title": "Executive Scrutiny Protocol",
        "kind": P.PROTOCOL,
        "owner_title": "Monitoring Officer (example)",
        "approving_body": "Council (example)",
        "approved_on": date(2023, 11, 1),
        "review_date": date(2026, 11, 1),
        "notes": f"{SEED}: amended in November 2023 to put more emphasis on pre-decision scrutiny. "
        "1 November 2023 stands for 'November 2023'; the review date is an example value.",
        "is_example": True,
    },
]


def load(*, council, log, options=None):
    made = 0
    for entry in ENTRIES:
        entry = dict(entry)
        if Policy.objects.filter(council=council, title=entry["title"]).exists():
            continue
        codes = entry.pop("priorities", [])
        username = entry.pop("owner_username", None)
        owner = User.objects.filter(username=username, is_demo=True).first() if username else None
        services.policy_create(
            council=council,
            user=None,
            owner=owner,
            priorities=list(Priority.objects.filter(council=council, code__in=codes)),
            status=Policy.Status.CURRENT,
            **entry,
        )
        made += 1
    log(f"  governance: {made} plans, strategies and policies added to the register")
    best_value.load(council=council, log=log)
