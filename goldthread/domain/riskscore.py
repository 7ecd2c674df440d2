"""Risk scoring rules: score = likelihood × impact, bands looked up from score ranges held as
data (a matrix is configuration, not code), movement between two scores, the appetite check.
No Django import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class MatrixError(ValueError):
    """A matrix whose bands do not cover every score exactly once."""


@dataclass(frozen=True)
class BandRange:
    name: str
    min_score: int
    max_score: int


class Movement(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"
    CLOSED = "closed"

    @property
    def words(self) -> str:
        return MOVEMENT_WORDS[self]


MOVEMENT_WORDS = {
    Movement.UP: "Score up (worse)",
    Movement.DOWN: "Score down (better)",
    Movement.SAME: "No change",
    Movement.NEW: "New risk",
    Movement.CLOSED: "Closed",
}


def score(likelihood: int, impact: int) -> int:
    if likelihood < 1 or impact < 1:
        raise ValueError("Likelihood and impact start at 1.")
    return likelihood * impact


def possible_scores(likelihoods: Sequence[int], impacts: Sequence[int]) -> set[int]:
    return {score(lk, im) for lk in likelihoods for im in impacts}


def validate_bands(bands: Sequence[BandRange], likelihoods: Sequence[int], impacts: Sequence[int]) -> list[str]:
    """Every problem with ``bands`` in words: empty when each possible score is in exactly one band."""
    problems = [f"Band {b.name!r}: the lowest score is above the highest." for b in bands if b.min_score > b.max_score]
    for s in sorted(possible_scores(likelihoods, impacts)):
        found = [b.name for b in bands if b.min_score <= s <= b.max_score]
        if not found:
            problems.append(f"Score {s} is in no band.")
        elif len(found) > 1:
            problems.append(f"Score {s} is in more than one band ({', '.join(found)}).")
    return problems


def band_for(value: int, bands: Sequence[BandRange]) -> BandRange:
    for band in bands:
        if band.min_score <= value <= band.max_score:
            return band
    raise MatrixError(f"Score {value} is in no band.")


def movement(previous: int | None, current: int | None) -> Movement:
    """Between two scores: no previous score is a new risk, no current score a closed one."""
    if previous is None:
        return Movement.NEW
    if current is None:
        return Movement.CLOSED
    if current > previous:
        return Movement.UP
    if current < previous:
        return Movement.DOWN
    return Movement.SAME


def above_appetite(value: int, appetite: int | None) -> bool:
    """Above the most the council will accept for the category; no appetite set means never flagged."""
    return appetite is not None and value > appetite


def appetite_words(value: int, appetite: int | None) -> str:
    if appetite is None:
        return "No appetite set for this category"
    if above_appetite(value, appetite):
        return f"Above appetite: score {value} against an appetite of {appetite}"
    return f"Within appetite ({appetite})"


DEFAULT_BANDS = (
    BandRange("low", 1, 4),
    BandRange("medium", 5, 9),
    BandRange("high", 10, 15),
    BandRange("very high", 16, 25),
)
