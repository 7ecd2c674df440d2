"""Red / amber / green against target, always with words, and direction of travel.

Plain functions, no Django. Values are ``Decimal`` or ``None`` (no data).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    HIGHER_BETTER = "higher"
    LOWER_BETTER = "lower"
    NONE = "none"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def words(self) -> str:
        return RAG_WORDS[self]


RAG_WORDS = {
    Rag.GREEN: "On target",
    Rag.AMBER: "Near target",
    Rag.RED: "Off target",
    Rag.GREY: "No target or no data",
}


def rag_status(
    value: Decimal | None,
    target: Decimal | None,
    polarity: Polarity | str,
    tolerance: Decimal | None = None,
) -> Rag:
    """RAG for ``value`` against ``target``.

    Green: the target is met or beaten. Amber: missed, but by no more than
    ``tolerance`` (in the measure's own units). Red: missed by more. Grey: no value,
    no target, or a measure with no better direction.
    """
    polarity = Polarity(polarity)
    if value is None or target is None or polarity is Polarity.NONE:
        return Rag.GREY
    shortfall = (target - value) if polarity is Polarity.HIGHER_BETTER else (value - target)
    if shortfall <= 0:
        return Rag.GREEN
    if tolerance is not None and shortfall <= abs(tolerance):
        return Rag.AMBER
    return Rag.RED


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    DECLINING = "declining"
    INCREASING = "increasing"  # for measures with no better direction
    DECREASING = "decreasing"
    UNKNOWN = "unknown"

    @property
    def words(self) -> str:
        return DIRECTION_WORDS[self]

    @property
    def arrow(self) -> str:
        return DIRECTION_ARROWS[self]


DIRECTION_WORDS = {
    Direction.IMPROVING: "Improving",
    Direction.NO_CHANGE: "No meaningful change",
    Direction.DECLINING: "Getting worse",
    Direction.INCREASING: "Increasing",
    Direction.DECREASING: "Decreasing",
    Direction.UNKNOWN: "Not known",
}
DIRECTION_ARROWS = {
    Direction.IMPROVING: "↑",
    Direction.NO_CHANGE: "→",
    Direction.DECLINING: "↓",
    Direction.INCREASING: "↗",
    Direction.DECREASING: "↘",
    Direction.UNKNOWN: "–",
}


def direction_of_travel(
    current: Decimal | None,
    earlier: Decimal | None,
    polarity: Polarity | str,
    tolerance: Decimal | None = None,
) -> Direction:
    """How ``current`` compares with ``earlier`` (the previous period, or the same
    period last year). A change no bigger than ``tolerance`` is no meaningful change."""
    polarity = Polarity(polarity)
    if current is None or earlier is None:
        return Direction.UNKNOWN
    change = current - earlier
    if abs(change) <= abs(tolerance or Decimal(0)):
        return Direction.NO_CHANGE
    if polarity is Polarity.NONE:
        return Direction.INCREASING if change > 0 else Direction.DECREASING
    better = change > 0 if polarity is Polarity.HIGHER_BETTER else change < 0
    return Direction.IMPROVING if better else Direction.DECLINING


@dataclass(frozen=True)
class Assessment:
    """Everything the scorecard says about one measure in one period."""

    rag: Rag
    since_previous: Direction
    since_last_year: Direction


def assess(
    *,
    value: Decimal | None,
    target: Decimal | None,
    previous: Decimal | None,
    last_year: Decimal | None,
    polarity: Polarity | str,
    amber_tolerance: Decimal | None = None,
    change_tolerance: Decimal | None = None,
) -> Assessment:
    return Assessment(
        rag=rag_status(value, target, polarity, amber_tolerance),
        since_previous=direction_of_travel(value, previous, polarity, change_tolerance),
        since_last_year=direction_of_travel(value, last_year, polarity, change_tolerance),
    )
