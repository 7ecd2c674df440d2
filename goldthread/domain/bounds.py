"""The values a measure can take: a percentage lies between 0 and 100 unless the measure says otherwise,
and any measure may set its own minimum and maximum. Plain Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PERCENT = "percent"


@dataclass(frozen=True)
class Bounds:
    minimum: Decimal | None
    maximum: Decimal | None
    reason: str  # why these bounds, for the error message: "a percentage" or "this measure's own limits"

    def error(self, value: Decimal) -> str | None:
        """Why ``value`` is impossible, or None when it lies within the bounds (ends included)."""
        if self.minimum is not None and value < self.minimum:
            return f"{_plain(value)} is below {_plain(self.minimum)}, the least {self.reason} can be"
        if self.maximum is not None and value > self.maximum:
            return f"{_plain(value)} is above {_plain(self.maximum)}, the most {self.reason} can be"
        return None


def value_bounds(unit: str, minimum: Decimal | None = None, maximum: Decimal | None = None) -> Bounds:
    """A measure's own minimum and maximum win; a percentage without its own is held to 0 to 100."""
    if minimum is not None or maximum is not None:
        if unit == PERCENT:
            minimum = Decimal(0) if minimum is None else minimum
            maximum = Decimal(100) if maximum is None else maximum
        return Bounds(minimum, maximum, "a value of this measure")
    if unit == PERCENT:
        return Bounds(Decimal(0), Decimal(100), "a percentage")
    return Bounds(None, None, "a value")


def _plain(number: Decimal) -> str:
    """2950.000000 -> "2950"; 0.413000 -> "0.413" (no exponent, no trailing zeros)."""
    return format(number.normalize(), "f")
