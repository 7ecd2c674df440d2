"""Benchmark statistics at LG Inform scale: 400 areas x 2,000 metrics x 20 periods = 16 M values (seeded).

For every metric x period x built-in group (MD, UA, LBO, CTY, NMD, UPPER, nine REGION:<name>, all) it
computes n, mean, median, q1, q3, min, max, MAD and, for every area, its rank (1 = best by polarity,
ties share the best rank), quartile band and distance from the median in MADs, three ways:

  1. Goldthread's own table path, ``goldthread.domain.stats_arrays.group_statistics`` (numpy; one sort
     per row for all groups; the measure page's trend uses it too), called once for every group;
  2. a straightforward pandas groupby;
  3. a plain DuckDB query;

checks that all three agree (and that the numpy path agrees with the plain-Python goldthread.domain.stats
on a random sample of cells), and prints times and ratios. Building the inputs (the wide array, the long
DataFrame, the DuckDB table) is not timed; each engine's time includes getting its results back as arrays.

    .venv/bin/pip install -e '.[bench]'
    nice .venv/bin/python bench/benchmark_stats.py [--metrics 2000 --periods 20 --areas 400 --seed 20231023]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from goldthread.domain import stats as plain  # noqa: E402
from goldthread.domain import stats_arrays  # noqa: E402

HIGHER, LOWER, NONE = 0, 1, 2
POLARITY_NAMES = {HIGHER: plain.HIGHER, LOWER: plain.LOWER, NONE: plain.NONE}
BAND_NAMES = list(plain.BANDS)  # 0 top, 1 upper middle, 2 lower middle, 3 bottom
REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West"]  # fmt: skip
STAT_NAMES = ["n", "mean", "median", "q1", "q3", "min", "max", "mad"]


# --- synthetic data -----------------------------------------------------------------------------
def make_areas(count: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Area types in England's proportions (36 MD, 63 UA, 32 LBO, 21 CTY, 164 NMD) plus other nations."""
    types = ["MD"] * 36 + ["UA"] * 63 + ["LBO"] * 32 + ["CTY"] * 21 + ["NMD"] * 164
    types = (types + ["OTHER"] * max(0, count - len(types)))[:count]
    types = np.array(types)
    regions = np.array([REGIONS[i % 9] if t != "OTHER" else "" for i, t in enumerate(types)])
    regions[types == "LBO"] = "London"
    rng.shuffle(regions[types == "NMD"])
    return types, regions


def built_in_groups(types: np.ndarray, regions: np.ndarray) -> dict[str, np.ndarray]:
    groups = {code: np.flatnonzero(types == code) for code in ["MD", "UA", "LBO", "CTY", "NMD"]}
    groups["UPPER"] = np.flatnonzero(np.isin(types, ["MD", "UA", "LBO", "CTY"]))
    for region in REGIONS:
        groups[f"REGION:{region}"] = np.flatnonzero(regions == region)
    groups["all"] = np.arange(len(types))
    return groups


def make_values(metrics: int, periods: int, areas: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Rows = metric x period, columns = areas. One decimal place (so ties happen), about 3% missing."""
    centre = rng.uniform(1, 1000, size=metrics).repeat(periods)[:, None]
    spread = rng.uniform(0.5, 100, size=metrics).repeat(periods)[:, None]
    values = np.round(centre + spread * rng.standard_normal((metrics * periods, areas)), 1)
    values[rng.random(values.shape) < 0.03] = np.nan
    polarity = rng.integers(0, 3, size=metrics).repeat(periods).astype(np.int8)
    return values, polarity


# --- 2. a straightforward pandas groupby ----------------------------------------------------------------
def pandas_group(long: pd.DataFrame, members: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    sub = long[long["area"].isin(members)]
    g = sub.groupby("row")["value"]
    summary = pd.DataFrame(
        {
            "n": g.count(),
            "mean": g.mean(),
            "median": g.median(),
            "q1": g.quantile(0.25),
            "q3": g.quantile(0.75),
            "min": g.min(),
            "max": g.max(),
        }
    )
    median = sub["row"].map(summary["median"])
    summary["mad"] = (sub["value"] - median).abs().groupby(sub["row"]).median()
    key = np.where(sub["polarity"] == LOWER, sub["value"], -sub["value"])
    per_area = pd.DataFrame({"row": sub["row"], "area": sub["area"], "key": key})
    per_area["rank"] = per_area.groupby("row")["key"].rank(method="min")
    lower = sub["polarity"] == LOWER
    q1, q3 = sub["row"].map(summary["q1"]), sub["row"].map(summary["q3"])
    k_q1, k_med, k_q3 = np.where(lower, q1, -q3), np.where(lower, median, -median), np.where(lower, q3, -q1)
    per_area["band"] = np.select([key <= k_q1, key <= k_med, key <= k_q3], [0, 1, 2], 3)
    mad = sub["row"].map(summary["mad"])
    per_area["mads"] = np.where(mad > 0, (sub["value"] - median) / mad.where(mad > 0), np.nan)
    return summary, per_area


# --- 3. a plain DuckDB query ------------------------------------------------------------------------
DUCKDB_SQL = """
WITH j AS (
    SELECT row, area, value, CASE WHEN polarity = 1 THEN value ELSE -value END AS key, polarity
    FROM v WHERE area IN (SELECT area FROM members WHERE grp = $grp)
), s AS (
    SELECT row, count(*) AS n, avg(value) AS mean, quantile_cont(value, 0.5) AS median,
           quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3, min(value) AS mn, max(value) AS mx
    FROM j GROUP BY row
), d AS (
    SELECT j.*, s.median, s.q1, s.q3, abs(j.value - s.median) AS dev FROM j JOIN s USING (row)
), m AS (
    SELECT row, quantile_cont(dev, 0.5) AS mad FROM d GROUP BY row
)
SELECT d.row, d.area,
       rank() OVER (PARTITION BY d.row ORDER BY d.key) AS rank,
       CASE WHEN d.key <= (CASE WHEN d.polarity = 1 THEN d.q1 ELSE -d.q3 END) THEN 0
            WHEN d.key <= (CASE WHEN d.polarity = 1 THEN d.median ELSE -d.median END) THEN 1
            WHEN d.key <= (CASE WHEN d.polarity = 1 THEN d.q3 ELSE -d.q1 END) THEN 2 ELSE 3 END AS band,
       CASE WHEN m.mad > 0 THEN (d.value - d.median) / m.mad END AS mads
FROM d JOIN m USING (row)
ORDER BY d.row, d.area
"""
DUCKDB_STATS_SQL = """
WITH j AS (SELECT row, value FROM v WHERE area IN (SELECT area FROM members WHERE grp = $grp)),
s AS (SELECT row, count(*) AS n, avg(value) AS mean, quantile_cont(value, 0.5) AS median,
             quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3, min(value) AS mn, max(value) AS mx
      FROM j GROUP BY row)
SELECT s.*, m.mad FROM s JOIN (
    SELECT j.row, quantile_cont(abs(j.value - s.median), 0.5) AS mad FROM j JOIN s USING (row) GROUP BY j.row
) m USING (row) ORDER BY row
"""


def duckdb_group(con, grp: int) -> tuple[dict, dict]:
    summary = con.execute(DUCKDB_STATS_SQL, {"grp": grp}).fetchnumpy()
    per_area = con.execute(DUCKDB_SQL, {"grp": grp}).fetchnumpy()
    return summary, per_area


# --- agreement ----------------------------------------------------------------------------------------
def _close(a, b, what: str) -> None:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or not np.allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True):
        bad = np.flatnonzero(~np.isclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)) if a.shape == b.shape else []
        raise AssertionError(f"{what} disagrees: shapes {a.shape} {b.shape}; first differences at {list(bad[:5])}")


def check_group(code, members, fast, pd_summary, pd_area, dk_summary, dk_area) -> None:
    rows_with_values = np.flatnonzero(fast["n"] > 0)
    # pandas and DuckDB only see rows with values; compare on those rows (ordered by row)
    _close(pd_summary.index.to_numpy(), rows_with_values, f"{code} rows (pandas)")
    _close(dk_summary["row"], rows_with_values, f"{code} rows (duckdb)")
    for name, dk_name in zip(STAT_NAMES, ["n", "mean", "median", "q1", "q3", "mn", "mx", "mad"], strict=True):
        _close(fast[name][rows_with_values], pd_summary[name], f"{code} {name} (numpy vs pandas)")
        _close(fast[name][rows_with_values], dk_summary[dk_name], f"{code} {name} (numpy vs duckdb)")
    # per area: numpy arrays are (row, member position); map the long results onto them
    position = np.full(members.max() + 1, -1)
    position[members] = np.arange(len(members))
    for label, frame in [("pandas", pd_area), ("duckdb", dk_area)]:
        row = np.asarray(frame["row"])
        col = position[np.asarray(frame["area"])]
        _close(fast["rank"][row, col], frame["rank"], f"{code} rank (numpy vs {label})")
        _close(fast["band"][row, col], frame["band"], f"{code} band (numpy vs {label})")
        _close(fast["mads"][row, col], frame["mads"], f"{code} mads_from_median (numpy vs {label})")
        if len(row) != int((fast["rank"] > 0).sum()):
            raise AssertionError(f"{code}: {label} ranked {len(row)} areas, numpy {(fast['rank'] > 0).sum()}")


def check_plain_python(values, polarity, groups, fast_by_group, rng, samples: int = 300) -> None:
    """The vectorised path against goldthread.domain.stats (the plain-Python reference)."""
    codes = list(groups)
    for _ in range(samples):
        code = codes[rng.integers(len(codes))]
        row = int(rng.integers(values.shape[0]))
        members = groups[code]
        data = {int(a): (None if np.isnan(values[row, a]) else float(values[row, a])) for a in members}
        summary, pos = plain.positions(data, POLARITY_NAMES[int(polarity[row])])
        fast = fast_by_group[code]
        for name in STAT_NAMES:
            expected = getattr(summary, name)
            got = fast[name][row]
            assert (expected is None and np.isnan(got)) or abs(float(got) - expected) <= 1e-9 * max(1, abs(expected)), (
                code, row, name, got, expected,
            )  # fmt: skip
        for i, a in enumerate(members):
            p = pos[int(a)]
            assert (p.rank or 0) == fast["rank"][row, i], (code, row, a)
            assert (BAND_NAMES.index(p.quartile) if p.quartile else -1) == fast["band"][row, i], (code, row, a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=400)
    parser.add_argument("--metrics", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20231023)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    types, regions = make_areas(args.areas, rng)
    groups = built_in_groups(types, regions)
    values, polarity = make_values(args.metrics, args.periods, args.areas, rng)
    rows = values.shape[0]
    long = pd.DataFrame(
        {
            "row": np.repeat(np.arange(rows, dtype=np.int32), args.areas),
            "area": np.tile(np.arange(args.areas, dtype=np.int32), rows),
            "value": values.ravel(),
            "polarity": np.repeat(polarity, args.areas),
        }
    ).dropna()
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.register("long_df", long)
    con.execute("CREATE TABLE v AS SELECT * FROM long_df")
    con.unregister("long_df")
    member_rows = [(gi, int(a)) for gi, code in enumerate(groups) for a in groups[code]]
    con.execute("CREATE TABLE members (grp INTEGER, area INTEGER)")
    con.executemany("INSERT INTO members VALUES (?, ?)", member_rows)
    cells = sum(1 for _ in groups) * rows
    print(f"{args.areas} areas x {args.metrics} metrics x {args.periods} periods = {values.size:,} values "
          f"({int(np.isnan(values).sum()):,} missing); {len(groups)} built-in groups; "
          f"{cells:,} metric x period x group cells; inputs built in {time.perf_counter() - t0:.1f} s")  # fmt: skip

    timings = {"numpy (Goldthread)": 0.0, "pandas groupby": 0.0, "DuckDB": 0.0}
    t = time.perf_counter()
    everything = stats_arrays.group_statistics(values, polarity == LOWER, groups)
    timings["numpy (Goldthread)"] = time.perf_counter() - t
    fast_by_group = {}
    for gi, (code, members) in enumerate(groups.items()):
        result = everything[code]
        fast = {name: getattr(result, name) for name in (*STAT_NAMES, "rank", "band")}
        fast["mads"] = result.mads_from_median
        t = time.perf_counter()
        pd_summary, pd_area = pandas_group(long, members)
        timings["pandas groupby"] += time.perf_counter() - t
        t = time.perf_counter()
        dk_summary, dk_area = duckdb_group(con, gi)
        timings["DuckDB"] += time.perf_counter() - t
        pd_area = pd_area.sort_values(["row", "area"])
        check_group(code, members, fast, pd_summary, pd_area, dk_summary, dk_area)
        fast_by_group[code] = fast
        del pd_summary, pd_area, dk_summary, dk_area
    check_plain_python(values, polarity, groups, fast_by_group, rng)
    print("All three agree on every statistic, rank, quartile band and MAD distance "
          "(and numpy agrees with the plain-Python goldthread.domain.stats on 300 sampled cells).")  # fmt: skip
    base = timings["numpy (Goldthread)"]
    for name, seconds in timings.items():
        print(f"  {name:<20} {seconds:8.2f} s   {seconds / base:6.2f} x numpy")
    print(f"numpy is {timings['pandas groupby'] / base:.1f}x faster than pandas (goal >= 5x) and "
          f"{base / timings['DuckDB']:.2f}x DuckDB's time (goal <= 2x).")  # fmt: skip


if __name__ == "__main__":
    main()
