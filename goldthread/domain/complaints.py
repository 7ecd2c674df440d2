"""The share of complaints upheld, as the council's measures and the Ombudsman report it.

A complaint upheld in part counts as upheld: the council's stage 1 and 2 measures say "upheld in full or
in part", and the Ombudsman counts a complaint upheld when it finds fault, however much. No complaints
decided is no figure at all, never 0%: a quarter with nothing closed did not uphold none of them.

Plain Python, no Django. Rounding is half-up to one decimal, as people round by hand (domain/numbers.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

# The outcomes of a complaint (the values of enquiries' ComplaintCount.Outcome).
UPHELD = "upheld"
PARTLY = "partly"
NOT_UPHELD = "not_upheld"
OUTCOMES = (UPHELD, PARTLY, NOT_UPHELD)
COUNTS_AS_UPHELD = frozenset({UPHELD, PARTLY})
PLACES = 1


def percent_upheld(upheld: int, decided: int, places: int = PLACES) -> Decimal | None:
    """``upheld`` of ``decided`` as a percentage to ``places`` decimals, rounded half-up; None when
    none were decided. Worked in whole numbers, so the rounding is exact however large the counts."""
    if upheld < 0 or decided < 0:
        raise ValueError(f"Counts of complaints cannot be negative ({upheld} upheld of {decided})")
    if upheld > decided:
        raise ValueError(f"{upheld} upheld is more than the {decided} decided")
    if decided == 0:
        return None
    scale = 10**places
    whole, rest = divmod(100 * scale * upheld, decided)
    if 2 * rest >= decided:  # half-up
        whole += 1
    return Decimal(whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


@dataclass(frozen=True)
class UpheldShare:
    upheld: int  # in full or in part
    decided: int
    percent: Decimal | None  # None when nothing was decided


def upheld_share(counts: Mapping[str, int]) -> UpheldShare:
    """From the complaints decided by outcome ({"upheld": 3, "partly": 2, "not_upheld": 5}), how many were
    upheld (partly counting as upheld), of how many, and the percentage."""
    unknown = sorted(set(counts) - set(OUTCOMES))
    if unknown:
        raise ValueError(f"Unknown outcome {unknown[0]!r}: the outcomes are {', '.join(OUTCOMES)}")
    negative = [outcome for outcome, n in counts.items() if n < 0]
    if negative:
        raise ValueError(f"The count of {negative[0]} complaints cannot be negative ({counts[negative[0]]})")
    upheld = sum(n for outcome, n in counts.items() if outcome in COUNTS_AS_UPHELD)
    decided = sum(counts.values())
    return UpheldShare(upheld=upheld, decided=decided, percent=percent_upheld(upheld, decided))
