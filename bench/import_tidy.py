"""Import time for 1 M tidy rows (area_code, area_name, period, value), on SQLite and on PostgreSQL,
against the floor: a bare bulk insert of the same rows, timed in the same run.

Each run uses a fresh database: migrate, import the real areas register, then time
``import_metric_file`` (the same code as ``goldthread import_metric --format tidy`` and the upload page:
read, validate every row, write all or nothing) on a seeded synthetic file of 1,000,000 rows: every
current council with a GSS code x monthly periods. Then, on the same database:

- re-import: the same file again (nothing changes);
- replace: a file with the same areas and periods and other values (nearly every value changes);
- floor, bare: the stored rows (read back untimed) bulk-inserted into an empty copy of the MetricValue
  table with the same columns and no index or constraint (SQLite: executemany in one transaction;
  PostgreSQL: COPY), commit included;
- floor, constrained: the same into an empty copy with the same unique constraint, indexes and
  (deferred) foreign keys as MetricValue.

It prints every time and the ratios first import / floor. Goal: first import < 10 s.

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


GOAL_SECONDS = 10
FLOOR_COLUMNS = "metric_id, area_id, period, period_start, period_end, value, source_import_id"


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

    def timed(data: bytes):
        started = time.perf_counter()
        summary = import_metric_file(data, "bench.csv", "tidy", spec)
        return time.perf_counter() - started, summary

    first, summary = timed(content)
    again_seconds, again = timed(content)
    replace_seconds, replaced = timed(make_file(areas, rows, seed + 1))
    stored = MetricValue.objects.filter(metric__code="BENCH").count()
    floors = {kind: _floor(connection, kind) for kind in ("bare", "constrained")}

    vendor = connection.vendor
    print(f"{vendor}: {rows:,} rows ({len(content) / 1e6:.0f} MB, {len(areas)} areas), {stored:,} stored")
    print(f"  first import   {first:6.2f} s  ({summary.created:,} created)")
    print(f"  re-import      {again_seconds:6.2f} s  ({again.created + again.updated} changed)")
    print(f"  replace        {replace_seconds:6.2f} s  ({replaced.created:,} created, {replaced.updated:,} updated)")
    for kind, seconds in floors.items():
        print(f"  floor {kind:<11} {seconds:6.2f} s  first import / floor = {first / seconds:.2f}x")
    print(f"  goal first import < {GOAL_SECONDS} s: {'met' if first < GOAL_SECONDS else 'NOT met'}")


def _floor(connection, kind: str) -> float:
    """Seconds to bulk-insert the stored rows into an empty copy of the MetricValue table, commit included."""
    from django.db import transaction

    from goldthread.benchmarking.models import MetricValue

    table, copy = MetricValue._meta.db_table, f"bench_floor_{kind}"
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {copy}")
        if kind == "constrained":
            for sql in _constrained_copy(cursor, postgres, table, copy):
                cursor.execute(sql)
        else:
            identity = "bigint GENERATED BY DEFAULT AS IDENTITY" if postgres else "integer PRIMARY KEY AUTOINCREMENT"
            value = MetricValue._meta.get_field("value").db_type(connection)
            cursor.execute(
                f"CREATE TABLE {copy} (id {identity}, period varchar(20) NOT NULL, period_start date NOT NULL, "
                f"period_end date NOT NULL, value {value} NULL, area_id bigint NOT NULL, "
                f"source_import_id bigint NULL, metric_id bigint NOT NULL)"
            )
        select = f"SELECT {FLOOR_COLUMNS} FROM {table}"
        if postgres:  # the rows as COPY text, read untimed
            with cursor.cursor.copy(f"COPY ({select}) TO STDOUT") as out:
                data = b"".join(bytes(block) for block in out)
        else:
            cursor.execute(f"SELECT {FLOOR_COLUMNS.replace('value', 'CAST(value AS TEXT)')} FROM {table}")
            data = cursor.fetchall()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {copy} ({FLOOR_COLUMNS}) FROM STDIN") as into:
                for at in range(0, len(data), 1 << 20):
                    into.write(data[at : at + (1 << 20)])
        else:
            cursor.cursor.executemany(f"INSERT INTO {copy} ({FLOOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", data)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {copy}")
    return seconds


def _constrained_copy(cursor, postgres: bool, table: str, copy: str) -> list[str]:
    """DDL for an empty copy of the table with its unique constraint, indexes and foreign keys."""
    if postgres:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        foreign_keys = [f"ALTER TABLE {copy} ADD {row[0]}" for row in cursor.fetchall()]
        return [f"CREATE TABLE {copy} (LIKE {table} INCLUDING ALL)", *foreign_keys]
    cursor.execute("SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL ORDER BY type DESC", [table])
    statements = []
    for (sql,) in cursor.fetchall():  # the table first, then its indexes, renamed
        sql = sql.replace(f'"{table}"', copy).replace('INDEX "', f'INDEX "{copy}_')
        statements.append(sql.replace('CONSTRAINT "', f'CONSTRAINT "{copy}_'))
    return statements


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
        env = {**os.environ, "GOLDTHREAD_VAR_DIR": var_dir, "DEBUG": "0"}
        env.pop("DATABASE_URL", None)
        subprocess.run(child, env=env, check=True)
        if _postgres_ready(args.postgres):
            subprocess.run(child, env={**env, "DATABASE_URL": args.postgres}, check=True)


if __name__ == "__main__":
    main()
