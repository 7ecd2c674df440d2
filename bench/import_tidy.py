"""Import time for 1 M tidy rows (area_code, area_name, period, value), on SQLite and on PostgreSQL.

Each run uses a fresh database: migrate, import the real areas register, then time
``import_metric_file`` (the same code as ``goldthread import_metric --format tidy`` and the upload page:
read, validate every row, write all or nothing) on a seeded synthetic file of 1,000,000 rows: every
current council with a GSS code x monthly periods. Then it times importing the same file again
(nothing changes). Goal: < 30 s per import.

    nice .venv/bin/python bench/import_tidy.py                 # SQLite, then PostgreSQL if reachable
    nice .venv/bin/python bench/import_tidy.py --rows 100000 --postgres postgres://postgres@127.0.0.1:5432/gt_bench_import
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_file(areas: list[tuple[str, str]], rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    months = -(-rows // len(areas))
    lines = ["area_code,area_name,period,value"]
    count = 0
    for m in range(months):
        label = f"{1900 + m // 12}-{m % 12 + 1:02d}"
        for code, name in areas:
            if count == rows:
                break
            name = f'"{name}"' if "," in name else name
            value = "" if rng.random() < 0.02 else f"{rng.uniform(0, 100):.1f}"
            lines.append(f"{code},{name},{label},{value}")
            count += 1
    return ("\n".join(lines) + "\n").encode()


def run_one(rows: int, seed: int) -> None:
    """In a child process whose environment points at a fresh database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldthread.settings.local")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from goldthread.benchmarking.areas import import_areas
    from goldthread.benchmarking.metric_import import MetricSpec, import_metric_file
    from goldthread.benchmarking.models import Area, MetricValue

    call_command("migrate", verbosity=0)
    import_areas(settings.GOLDTHREAD_SHARED_DATA / "register" / "uk_local_authorities.csv")
    areas = list(
        Area.objects.filter(is_aggregate=False, end_date__isnull=True)
        .order_by("gss_code")
        .values_list("gss_code", "name")
    )
    content = make_file(areas, rows, seed)
    spec = MetricSpec(code="BENCH", name="Synthetic benchmark metric", polarity="higher")
    t = time.perf_counter()
    summary = import_metric_file(content, "bench.csv", "tidy", spec)
    first = time.perf_counter() - t
    t = time.perf_counter()
    again = import_metric_file(content, "bench.csv", "tidy", spec)
    second = time.perf_counter() - t
    stored = MetricValue.objects.filter(metric__code="BENCH").count()
    print(
        f"{connection.vendor:<10} {rows:,} rows ({len(content) / 1e6:.0f} MB, {len(areas)} areas): "
        f"first import {first:.1f} s ({summary.created:,} created), "
        f"re-import {second:.1f} s ({again.created + again.updated} changed); {stored:,} stored; "
        f"goal < 30 s: {'met' if first < 30 else 'NOT met'}"
    )


def _postgres_ready(url: str) -> bool:
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable at {base}: {exc}")
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20231023)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/gt_bench_import")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.rows, args.seed)
        return
    child = [sys.executable, __file__, "--child", "--rows", str(args.rows), "--seed", str(args.seed)]
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "GOLDTHREAD_VAR_DIR": var_dir}
        env.pop("DATABASE_URL", None)
        subprocess.run(child, env=env, check=True)
        if _postgres_ready(args.postgres):
            subprocess.run(child, env={**env, "DATABASE_URL": args.postgres}, check=True)


if __name__ == "__main__":
    main()
