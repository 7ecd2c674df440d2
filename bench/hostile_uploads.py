"""Time and peak memory to refuse hostile uploads, against reading a small valid upload in the same run.

Issue 13 found that a 1.1 MB xlsx expanding to 3 million rows ran for over 5 minutes and took 5.3 GB
before the server answered, and that bad bytes answered 500. This times ``goldthread.core.tabular.read_rows``
(the reader behind every upload page and import command) on each hostile file of
``goldthread/core/tests/hostile_files.py`` and reports, for each, the median time to the refusal, its
ratio to the median time to read a valid 100-row CSV upload (the anchor), and the peak memory Python
allocated while refusing (tracemalloc, measured in a separate run so it does not slow the timing).

    .venv/bin/python bench/hostile_uploads.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "measure_reference,period,value"


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldthread.settings.local")
    sys.path.insert(0, str(ROOT))
    django.setup()


def cases():
    from goldthread.core.tests import hostile_files as hf

    rows_csv = (HEADER + "\n" + "M1,2023-24 Q1,1\n" * 3_000_000).encode()
    return [
        ("3M-row xlsx bomb (upload)", "values.xlsx", hf.xlsx_bomb(), "upload"),
        ("3M-row xlsx bomb (national file)", "values.xlsx", hf.xlsx_bomb(), "national"),
        ("60k-row xlsx, 291x compressed", "values.xlsx", hf.xlsx_with_rows(60_000), "upload"),
        ("3M-row CSV (upload)", "values.csv", rows_csv, "upload"),
        ("CSV renamed .xlsx", "values.xlsx", hf.NOT_A_ZIP, "upload"),
        ("xlsx cut short", "values.xlsx", hf.BROKEN_ZIP, "upload"),
        ("random binary .xlsx", "values.xlsx", hf.random_binary(), "upload"),
        ("byte 0x81 in a CSV", "values.csv", hf.invalid_bytes_csv(HEADER), "upload"),
        ("random binary .csv", "values.csv", hf.random_binary(), "upload"),
        ("200 KB field", "values.csv", hf.long_field_csv(HEADER), "upload"),
        ("NUL in a cell", "values.csv", hf.nul_cell_csv(HEADER, "M1,2023-24 Q1,5"), "upload"),
    ]


def read(content: bytes, filename: str, limit: str) -> str:
    from goldthread.core.tabular import ImportRejected, TabularError, read_rows

    try:
        headers, rows = read_rows(content, filename, limit=limit)
    except TabularError as exc:
        return f"refused: {exc}"
    except ImportRejected as exc:
        return f"refused: {next(iter(exc.errors))}"
    return f"read {len(rows)} rows"


def timed(content: bytes, filename: str, limit: str, repeat: int) -> tuple[float, float, str]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        outcome = read(content, filename, limit)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    read(content, filename, limit)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup()
    from goldthread.core.tests import hostile_files as hf

    small_csv = (HEADER + "\n" + "M1,2023-24 Q1,1\n" * 100).encode()
    anchor, anchor_peak, outcome = timed(small_csv, "values.csv", "upload", max(args.repeat, 20))
    small_xlsx, small_xlsx_peak, xlsx_outcome = timed(hf.xlsx_with_rows(100), "values.xlsx", "upload", args.repeat)
    print(f"anchor: a valid 100-row CSV upload, {outcome}: {anchor * 1000:.2f} ms, peak {anchor_peak / 1e6:.2f} MB")
    print(f"        (a valid 100-row xlsx, {xlsx_outcome}: {small_xlsx * 1000:.2f} ms = {small_xlsx / anchor:.1f}x)")
    print()
    print(f"{'file':34} {'size':>9} {'time':>10} {'x anchor':>9} {'peak MB':>8}  outcome")
    worst = 0.0
    for name, filename, content, limit in cases():
        seconds, peak, outcome = timed(content, filename, limit, args.repeat)
        worst = max(worst, seconds / anchor)
        size = f"{len(content) / 1e6:.2f} MB" if len(content) >= 100_000 else f"{len(content) / 1e3:.1f} kB"
        print(
            f"{name:34} {size:>9} {seconds * 1000:>7.2f} ms {seconds / anchor:>8.1f}x {peak / 1e6:>8.2f}  "
            f"{outcome[:110]}"
        )
    print()
    print(f"slowest refusal: {worst:.1f}x the valid 100-row upload (before: over 5 minutes and 5.3 GB for the bomb)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
