"""The meetings review: what forums cost in people's time, where the same people meet twice,
and which forums could be stood down, merged or replaced with a written briefing. Plain
functions; the register itself lives in the people app."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import combinations


class Purpose(StrEnum):
    DECISION = "decision"
    ASSURANCE = "assurance"
    INFORMATION = "information"


class Suggestion(StrEnum):
    STAND_DOWN = "Stand down"
    MERGE = "Merge"
    WRITTEN_BRIEFING = "Replace with a written briefing"


@dataclass(frozen=True)
class Forum:
    key: str
    name: str
    meetings_per_year: Decimal
    hours: Decimal
    members: frozenset[str]
    purposes: frozenset[Purpose] = frozenset()
    is_statutory: bool = False  # required by law or the constitution: never suggested for change
    outcomes_last_year: int | None = None  # decisions and actions recorded; None if no meetings recorded

    @property
    def person_hours(self) -> Decimal:
        return self.meetings_per_year * self.hours * len(self.members)


@dataclass(frozen=True)
class Overlap:
    first: str
    second: str
    shared: frozenset[str]
    share_of_smaller: Decimal  # shared members as a fraction of the smaller forum

    @property
    def count(self) -> int:
        return len(self.shared)


@dataclass(frozen=True)
class Proposal:
    forum: str
    suggestion: Suggestion
    reason: str
    partner: str | None = None  # the forum to merge with
    hours_saved: Decimal = Decimal(0)
    notes: list[str] = field(default_factory=list, compare=False)


def hours_by_person(forums: Iterable[Forum]) -> dict[str, Decimal]:
    """Hours a year each person spends in the forums, most first."""
    totals: dict[str, Decimal] = {}
    for forum in forums:
        for person in forum.members:
            totals[person] = totals.get(person, Decimal(0)) + forum.meetings_per_year * forum.hours
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def overlaps(forums: Sequence[Forum], *, top: int | None = None) -> list[Overlap]:
    """Pairs of forums with members in common, most shared first."""
    pairs = []
    for a, b in combinations(forums, 2):
        shared = a.members & b.members
        if not shared:
            continue
        smaller = min(len(a.members), len(b.members))
        first, second = sorted([a.name, b.name])
        pairs.append(Overlap(first, second, frozenset(shared), Decimal(len(shared)) / Decimal(smaller)))
    pairs.sort(key=lambda o: (-o.count, -o.share_of_smaller, o.first, o.second))
    return pairs[:top] if top is not None else pairs


def information_only(forums: Iterable[Forum]) -> list[Forum]:
    return [f for f in forums if f.purposes == frozenset({Purpose.INFORMATION})]


def propose(forums: Sequence[Forum], *, merge_share: Decimal = Decimal("0.5")) -> list[Proposal]:
    """At most one proposal per forum, statutory forums never. In order of strength:
    a forum that only shares information becomes a written briefing; a forum whose recorded
    meetings produced no decision or action in the last year is stood down; a forum that
    shares at least ``merge_share`` of its members with another is merged with it."""
    by_name = {f.name: f for f in forums}
    proposals: dict[str, Proposal] = {}
    for forum in forums:
        if forum.is_statutory:
            continue
        if forum.purposes == frozenset({Purpose.INFORMATION}):
            proposals[forum.name] = Proposal(
                forum.name,
                Suggestion.WRITTEN_BRIEFING,
                "Its only purpose is sharing information, which a written briefing can do without a meeting.",
                hours_saved=forum.person_hours,
            )
        elif forum.outcomes_last_year == 0:
            proposals[forum.name] = Proposal(
                forum.name,
                Suggestion.STAND_DOWN,
                "Its meetings in the last year recorded no decisions or actions.",
                hours_saved=forum.person_hours,
            )
    for overlap in overlaps(forums):
        if overlap.share_of_smaller < merge_share:
            continue
        a, b = by_name[overlap.first], by_name[overlap.second]
        if a.name in proposals or b.name in proposals:
            continue  # one of them is already going: merging into it would make no sense
        smaller, partner = sorted((a, b), key=lambda f: (len(f.members), f.name))
        if smaller.is_statutory:
            smaller, partner = partner, smaller
        if smaller.is_statutory:
            continue
        share = int((Decimal(overlap.count) * 100 / len(smaller.members)).to_integral_value())
        proposals[smaller.name] = Proposal(
            smaller.name,
            Suggestion.MERGE,
            f"{overlap.count} of its {len(smaller.members)} members ({share}%) also sit on {partner.name}.",
            partner=partner.name,
            hours_saved=smaller.meetings_per_year * smaller.hours * len(smaller.members - partner.members),
        )
    order = {s: i for i, s in enumerate(Suggestion)}
    return sorted(proposals.values(), key=lambda p: (order[p.suggestion], p.forum))
