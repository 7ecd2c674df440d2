"""Who counts in the appraisal completion rate, and what the rate is. Plain functions.

The council decides who counts (rules held as data on each cycle): starters of under N
months at the cycle's end, people on long-term absence and people who left before the
window closed are left out of both the numerator and the denominator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeVar


class Exclusion(StrEnum):
    NOT_STARTED_YET = "Started after the window closed"
    NEW_STARTER = "New starter"
    LONG_TERM_ABSENCE = "Long-term absence"
    LEFT = "Left before the window closed"


@dataclass(frozen=True)
class CountingRules:
    min_service_months: int = 6
    exclude_long_term_absence: bool = True
    exclude_leavers_before_window_end: bool = True


@dataclass(frozen=True)
class StaffMember:
    start_date: dt.date
    leaving_date: dt.date | None = None
    long_term_absence: bool = False


def whole_months_between(start: dt.date, end: dt.date) -> int:
    """Completed calendar months from ``start`` to ``end`` (0 if end is before start)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def exclusion_reason(person: StaffMember, rules: CountingRules, window_end: dt.date) -> Exclusion | None:
    """Why ``person`` is left out of the cycle ending ``window_end``; None if they count."""
    if person.start_date > window_end:
        return Exclusion.NOT_STARTED_YET
    if rules.exclude_leavers_before_window_end and person.leaving_date and person.leaving_date <= window_end:
        return Exclusion.LEFT
    if whole_months_between(person.start_date, window_end) < rules.min_service_months:
        return Exclusion.NEW_STARTER
    if rules.exclude_long_term_absence and person.long_term_absence:
        return Exclusion.LONG_TERM_ABSENCE
    return None


def counts(person: StaffMember, rules: CountingRules, window_end: dt.date) -> bool:
    return exclusion_reason(person, rules, window_end) is None


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator:
            raise ValueError("A completion rate needs 0 <= numerator <= denominator")

    @property
    def percent(self) -> Decimal | None:
        if self.denominator == 0:
            return None
        return (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)


def completion_rate(people: Iterable[tuple[StaffMember, bool]], rules: CountingRules, window_end: dt.date) -> Rate:
    """Of those who count, how many completed. ``people`` pairs each person with 'completed'."""
    numerator = denominator = 0
    for person, completed in people:
        if counts(person, rules, window_end):
            denominator += 1
            numerator += 1 if completed else 0
    return Rate(numerator, denominator)


K = TypeVar("K", bound=Hashable)


def rates_by(items: Iterable[tuple[K, bool, bool]]) -> dict[K, Rate]:
    """Group (key, counts, completed) triples into a rate per key. People who do not
    count are skipped, so a key with nobody counted is absent."""
    totals: dict[K, list[int]] = {}
    for key, counted, completed in items:
        if not counted:
            continue
        pair = totals.setdefault(key, [0, 0])
        pair[1] += 1
        pair[0] += 1 if completed else 0
    return {k: Rate(n, d) for k, (n, d) in totals.items()}


class AppraisalStatus(StrEnum):
    NOT_STARTED = "not_started"
    OBJECTIVES_SET = "objectives_set"
    AGREED = "agreed"
    COMPLETE = "complete"


def appraisal_status(
    *, objective_count: int, manager_agreed_on: dt.date | None, employee_acknowledged_on: dt.date | None
) -> AppraisalStatus:
    """Complete means agreed by the manager and acknowledged by the employee."""
    if manager_agreed_on and employee_acknowledged_on:
        return AppraisalStatus.COMPLETE
    if manager_agreed_on:
        return AppraisalStatus.AGREED
    if objective_count:
        return AppraisalStatus.OBJECTIVES_SET
    return AppraisalStatus.NOT_STARTED


def is_overdue(*, completed: bool, counted: bool, window_end: dt.date, today: dt.date) -> bool:
    """An appraisal is overdue once the window has closed without it being complete."""
    return counted and not completed and today > window_end


def management_cycles(manager_of: Mapping[str, str | None]) -> list[list[str]]:
    """Every loop in a management chain ("A manages B manages A"), each listed once,
    starting from its smallest employee number. People who manage themselves are loops too."""
    seen: set[str] = set()
    loops: list[list[str]] = []
    for start in sorted(manager_of):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in seen and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = manager_of.get(node)
        if node is not None and node in on_path:
            loop = path[path.index(node) :]
            first = loop.index(min(loop))
            loops.append(loop[first:] + loop[:first])
        seen.update(path)
    return loops
