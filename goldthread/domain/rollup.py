"""How monthly values roll up to quarters and the year to date. Plain functions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum


class Rollup(StrEnum):
    SUM = "sum"
    AVERAGE = "average"
    LATEST = "latest"
    RATIO = "ratio"  # ratio of sums: sum(numerators) / sum(denominators) x scale


def roll_up(
    method: Rollup | str,
    values: Sequence[Decimal | None],
    numerators: Sequence[Decimal | None] = (),
    denominators: Sequence[Decimal | None] = (),
    scale: Decimal = Decimal(100),
) -> Decimal | None:
    """Combine the values of the months in a period, in time order. Months with no
    value are skipped; ``None`` when nothing is known."""
    method = Rollup(method)
    if method is Rollup.RATIO:
        pairs = [(n, d) for n, d in zip(numerators, denominators, strict=False) if n is not None and d is not None]
        total_d = sum((d for _, d in pairs), Decimal(0))
        if not pairs or total_d == 0:
            return None
        return sum((n for n, _ in pairs), Decimal(0)) / total_d * scale
    known = [v for v in values if v is not None]
    if not known:
        return None
    if method is Rollup.SUM:
        return sum(known, Decimal(0))
    if method is Rollup.AVERAGE:
        return sum(known, Decimal(0)) / len(known)
    return known[-1]
