"""Benchmark statistics for many metric-and-period rows at once, with numpy. No Django.

The same rules as :mod:`goldthread.domain.stats` (read its docstring for the methods), for a
table of values: one row per metric and period, one column per area, NaN where an area has no
value. Each comparator group is a set of columns. Used where many periods or metrics are wanted
together (a measure's trend against its group; ``bench/benchmark_stats.py`` at national scale).

How it stays fast: each row is sorted once for all areas, and a group's sorted order is read off
that order by keeping its own columns, so there is no sort per group except the one MAD needs.
Rows are taken in chunks, which keeps the working arrays small and lets chunks run on every core.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

ROWS_PER_CHUNK = 1024  # measured on the national-scale bench: 256 and 4096 were both slower
NO_BAND = -1  # band for an area with no value; 0..3 index stats.BANDS (top ... bottom)


@dataclass(frozen=True)
class GroupArrays:
    """Per row: n, mean, median, q1, q3, min, max, mad (NaN where n is 0).
    Per row and group member (in the order the group's columns were given): rank (0 = no value),
    band (0 top, 1 upper middle, 2 lower middle, 3 bottom, -1 no value) and mads_from_median
    (NaN where there is no value or MAD is 0)."""

    n: np.ndarray
    mean: np.ndarray
    median: np.ndarray
    q1: np.ndarray
    q3: np.ndarray
    min: np.ndarray
    max: np.ndarray
    mad: np.ndarray
    rank: np.ndarray
    band: np.ndarray
    mads_from_median: np.ndarray


FIELDS = tuple(GroupArrays.__dataclass_fields__)


def group_statistics(
    values: np.ndarray,
    lower_is_better: np.ndarray,
    groups: Mapping[Hashable, np.ndarray],
    rows_per_chunk: int = ROWS_PER_CHUNK,
) -> dict[Hashable, GroupArrays]:
    """Statistics of every row of ``values`` (rows x areas, float, NaN = missing) within each group.

    ``lower_is_better`` is one bool per row (False ranks and bands highest first: polarity higher
    or none). ``groups`` maps a code to the column indices of its members."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError("values must be a table: one row per metric and period, one column per area")
    lower = np.asarray(lower_is_better, dtype=bool)
    if lower.shape != (values.shape[0],):
        raise ValueError("lower_is_better needs one entry per row")
    members = {code: np.asarray(cols, dtype=np.intp) for code, cols in groups.items()}
    for code, cols in members.items():
        if len(np.unique(cols)) != len(cols) or (len(cols) and not 0 <= cols.min() <= cols.max() < values.shape[1]):
            raise ValueError(f"group {code!r}: each member must be a different column of the table")
    size = max(1, rows_per_chunk)
    starts = range(0, values.shape[0], size) or [0]

    def chunk(start: int) -> dict[Hashable, dict[str, np.ndarray]]:
        rows = slice(start, start + size)
        return _chunk(values[rows], lower[rows], members)

    # numpy lets go of the GIL inside its loops, so chunks run side by side on separate cores
    workers = min(len(starts), os.cpu_count() or 1)
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(chunk, starts))
    else:
        parts = [chunk(start) for start in starts]
    return {
        code: GroupArrays(**{name: np.concatenate([part[code][name] for part in parts]) for name in FIELDS})
        for code in members
    }


def _quantile(sorted_rows: np.ndarray, n: np.ndarray, p: float) -> np.ndarray:
    """Inclusive linear p-quantile of each row's first n values (rows sorted, NaN last)."""
    last = np.maximum(n - 1, 0)
    position = p * last
    low = np.floor(position).astype(np.intp)
    high = np.minimum(low + 1, last)
    r = np.arange(sorted_rows.shape[0])
    below, above = sorted_rows[r, low], sorted_rows[r, high]
    out: np.ndarray = below + (above - below) * (position - low)
    out[n == 0] = np.nan
    return out


def _chunk(
    values: np.ndarray, lower: np.ndarray, groups: Mapping[Hashable, np.ndarray]
) -> dict[Hashable, dict[str, np.ndarray]]:
    rows, areas = values.shape
    order = np.argsort(values, axis=1).astype(np.int16 if areas < 2**15 else np.intp)  # NaN sorts last
    return {code: _one_group(values, lower, order, cols, areas) for code, cols in groups.items()}


def _one_group(
    values: np.ndarray, lower: np.ndarray, order: np.ndarray, cols: np.ndarray, areas: int
) -> dict[str, np.ndarray]:
    rows, m = values.shape[0], len(cols)
    if m == 0:
        nan = np.full(rows, np.nan)
        return {
            **{name: nan for name in ("mean", "median", "q1", "q3", "min", "max", "mad")},
            "n": np.zeros(rows, np.int32),
            "rank": np.zeros((rows, 0), np.int32),
            "band": np.zeros((rows, 0), np.int8),
            "mads_from_median": np.zeros((rows, 0)),
        }
    sub = values[:, cols]
    in_order = _group_order(sub, order, cols, areas)  # positions into ``sub``, smallest value first
    ordered = np.take_along_axis(sub, in_order, axis=1)
    present = ~np.isnan(sub)
    n = present.sum(axis=1, dtype=np.int32)
    median = _quantile(ordered, n, 0.5)
    q1, q3 = _quantile(ordered, n, 0.25), _quantile(ordered, n, 0.75)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(sub, axis=1) / n
    mean[n == 0] = np.nan
    smallest = ordered[:, 0].copy()
    largest = ordered[np.arange(rows), np.maximum(n - 1, 0)]
    largest[n == 0] = np.nan
    mad = _quantile(np.sort(np.abs(ordered - median[:, None]), axis=1), n, 0.5)
    rank = _ranks(ordered, in_order, n, lower)
    # band by polarity: in "key" space (value, or -value when higher is better) smaller is better
    key = sub * np.where(lower, 1.0, -1.0)[:, None]
    k_q1 = np.where(lower, q1, -q3)[:, None]
    k_median = np.where(lower, median, -median)[:, None]
    k_q3 = np.where(lower, q3, -q1)[:, None]
    band = (key > k_q1).view(np.int8) + (key > k_median).view(np.int8) + (key > k_q3).view(np.int8)
    band[~present] = NO_BAND
    with np.errstate(divide="ignore", invalid="ignore"):
        mads = (sub - median[:, None]) / mad[:, None]
    mads[~(mad > 0)] = np.nan
    return {
        "n": n,
        "mean": mean,
        "median": median,
        "q1": q1,
        "q3": q3,
        "min": smallest,
        "max": largest,
        "mad": mad,
        "rank": rank,
        "band": band,
        "mads_from_median": mads,
    }


SORT_OWN_COLUMNS_UP_TO = 100  # measured: below this, sorting a group's own columns beats reading the shared order


def _group_order(sub: np.ndarray, order: np.ndarray, cols: np.ndarray, areas: int) -> np.ndarray:
    """Each row's order of the group's columns by value (NaN last), as positions into ``sub``."""
    rows, m = sub.shape
    if m == areas and np.array_equal(cols, np.arange(areas)):
        return order.astype(np.intp)
    if m <= SORT_OWN_COLUMNS_UP_TO:
        return np.argsort(sub, axis=1)
    # keep the group's own columns from the all-areas order: no sort of its own
    column_of = np.full(areas, -1, dtype=np.int16)
    column_of[cols] = np.arange(m)
    kept: np.ndarray = column_of[order]
    return kept[kept >= 0].reshape(rows, m).astype(np.intp)


def _ranks(ordered: np.ndarray, in_order: np.ndarray, n: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """1 = best; ties share the best rank. Lower is better: 1 + how many are smaller (the first
    place of the run of equal values); higher is better: 1 + how many are larger (n − the last
    place of the run, counting from 0)."""
    rows, m = ordered.shape
    place = np.arange(m, dtype=np.int32)
    starts = np.empty((rows, m), dtype=bool)
    starts[:, 0] = True
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts[:, 1:])
    ends = np.empty((rows, m), dtype=bool)
    ends[:, -1] = True
    ends[:, :-1] = starts[:, 1:]
    first = np.maximum.accumulate(place * starts, axis=1)
    last = np.minimum.accumulate(np.where(ends, place, m - 1)[:, ::-1], axis=1)[:, ::-1]
    ranked = np.where(lower[:, None], first + 1, n[:, None] - last)
    ranked[place >= n[:, None]] = 0
    rank = np.empty((rows, m), dtype=np.int32)
    np.put_along_axis(rank, in_order, ranked, axis=1)
    return rank
