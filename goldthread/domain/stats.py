"""Benchmark statistics for one metric, period and comparator group. Plain Python, no Django.

Methods (stated so anyone can check a figure by hand):

* Missing values (None or NaN) are excluded; ``Summary.missing`` counts them.
* Quartiles use the inclusive linear method: the p-th quantile sits at position p·(n−1) in the
  sorted values, interpolated linearly. It is ``statistics.quantiles(method="inclusive")``,
  numpy's default ``percentile`` and Excel's QUARTILE.INC. The median is the 50th percentile
  (the ordinary median).
* MAD is the unscaled median absolute deviation: median(|x − median|), Oflog's measure.
* ``mads_from_median`` = (value − median) / MAD, None when MAD is 0 (Oflog's method).
* Rank 1 is best by polarity; tied values share the best rank (1, 2, 2, 4). With no better
  direction (polarity "none") areas are ranked by value, highest first.
* Quartile band by polarity. Higher is better: value ≥ Q3 "top", ≥ median "upper middle",
  ≥ Q1 "lower middle", otherwise "bottom"; lower is better mirrors this (value ≤ Q1 "top"...).
  A value exactly on a boundary gets the better band. Polarity "none" bands as higher-is-better.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import SupportsFloat, TypeVar

HIGHER = "higher"
LOWER = "lower"
NONE = "none"

TOP, UPPER_MIDDLE, LOWER_MIDDLE, BOTTOM = "top", "upper middle", "lower middle", "bottom"
BANDS = (TOP, UPPER_MIDDLE, LOWER_MIDDLE, BOTTOM)


@dataclass(frozen=True)
class Summary:
    n: int
    missing: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    min: float | None
    max: float | None
    mad: float | None

    def as_dict(self) -> dict[str, int | float | None]:
        """The ``stats`` object of the benchmark JSON (``missing`` is reported separately)."""
        data = asdict(self)
        data.pop("missing")
        return data


@dataclass(frozen=True)
class Position:
    value: float | None
    rank: int | None
    quartile: str | None
    mads_from_median: float | None


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def quantile(sorted_values: list[float], p: float) -> float:
    """The p-quantile (0 ≤ p ≤ 1) of already-sorted values, inclusive linear method."""
    if not sorted_values:
        raise ValueError("no values")
    position = p * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


def summarise(values: Iterable[SupportsFloat | None]) -> Summary:
    present: list[float] = []
    missing = 0
    for v in values:
        if is_missing(v):
            missing += 1
        elif v is not None:
            present.append(float(v))
    if not present:
        return Summary(0, missing, None, None, None, None, None, None, None)
    present.sort()
    median = quantile(present, 0.5)
    deviations = sorted(abs(v - median) for v in present)
    return Summary(
        n=len(present),
        missing=missing,
        mean=math.fsum(present) / len(present),
        median=median,
        q1=quantile(present, 0.25),
        q3=quantile(present, 0.75),
        min=present[0],
        max=present[-1],
        mad=quantile(deviations, 0.5),
    )


def _better_key(polarity: str) -> Callable[[float], float]:
    """A sort key where smaller means better."""
    return (lambda v: v) if polarity == LOWER else (lambda v: -v)


def quartile_band(value: float, summary: Summary, polarity: str) -> str:
    q1, median, q3 = summary.q1, summary.median, summary.q3
    if q1 is None or median is None or q3 is None:
        raise ValueError("no values to band against")
    if polarity == LOWER:
        if value <= q1:
            return TOP
        if value <= median:
            return UPPER_MIDDLE
        if value <= q3:
            return LOWER_MIDDLE
        return BOTTOM
    if value >= q3:
        return TOP
    if value >= median:
        return UPPER_MIDDLE
    if value >= q1:
        return LOWER_MIDDLE
    return BOTTOM


K = TypeVar("K", bound=Hashable)


def positions(values: Mapping[K, float | None], polarity: str = NONE) -> tuple[Summary, dict[K, Position]]:
    """The summary of ``values`` and each key's position in it (missing values: no rank)."""
    summary = summarise(values.values())
    key = _better_key(polarity)
    ordered = sorted(key(float(v)) for v in values.values() if v is not None and not is_missing(v))
    first_rank: dict[float, int] = {}
    for i, k in enumerate(ordered, start=1):
        first_rank.setdefault(k, i)
    result: dict[K, Position] = {}
    for area, v in values.items():
        if v is None or is_missing(v):
            result[area] = Position(None, None, None, None)
            continue
        v = float(v)
        assert summary.median is not None  # at least this value is present
        mads = (v - summary.median) / summary.mad if summary.mad else None
        result[area] = Position(v, first_rank[key(v)], quartile_band(v, summary, polarity), mads)
    return summary, result


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
