"""Committee packs as background jobs: how long 1 and 2 task workers take to drain N pack jobs.

Background jobs use django-tasks with the django-tasks-db backend: a pack is requested as the Reports
page does (``goldthread.jobs.services.job_request`` with ``goldthread.jobs.kinds.pack_request``), which
records a Job and enqueues its task; the worker is ``goldthread db_worker``, and ``--batch`` makes it
exit once the queue is empty.

For each worker count (1, then 2) it enqueues N pack jobs into a fresh queue, starts that many
``db_worker --batch`` processes at once and times until all have exited, then checks every job
finished successfully. The anchor, measured in the same run, is the same pack built synchronously by
``goldthread report`` (the median of 3): drain time / (N x one pack) shows what the queue costs, and
1 worker / 2 workers shows what a second worker gains (these machines have 2 cores).

It makes a scratch database: SQLite in a temporary folder by default, or PostgreSQL with
``--postgres URL`` (dropped and created; this is the shared-queue case, where workers claim jobs
with SELECT ... FOR UPDATE SKIP LOCKED). The example council is loaded once.

    .venv/bin/python bench/pack_jobs.py [--jobs 8] [--workers 1,2] [--format pdf] [--period "2023-24 Q2"]
    .venv/bin/python bench/pack_jobs.py --postgres postgres://postgres@127.0.0.1:5432/gt_bench_jobs

Exits with status 2 and a message if the jobs app (django-tasks, goldthread.jobs) is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TASK = "goldthread.jobs.services.job_request"
GOLDTHREAD = [PYTHON, "-m", "goldthread.manage"]


def jobs_app_present() -> str | None:
    """None if the job API is importable, else why not (imported lazily: the app may be absent)."""
    module = TASK.rsplit(".", 1)[0]
    for name in ("django_tasks", module):
        try:
            if importlib.util.find_spec(name) is None:
                return f"{name} is not installed"
        except ModuleNotFoundError:
            return f"{name} is not installed"
    return None


def django_snippet(env: dict, code: str, *args: str) -> str:
    prelude = "import django, sys; django.setup()\n"
    out = subprocess.run(
        [PYTHON, "-c", prelude + code, *args], env=env, cwd=REPO, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def enqueue_jobs(env: dict, count: int, kind: str, period: str, audience: str, fmt: str) -> list[str]:
    """Request ``count`` pack jobs as the Reports page does; returns their ids."""
    code = (
        "from django.utils import timezone\n"
        "from goldthread.council.models import Role, User\n"
        "from goldthread.jobs.kinds import pack_request\n"
        "from goldthread.jobs.services import job_request\n"
        "from goldthread.reports.models import ReportType\n"
        "kind, period, audience, fmt, count = sys.argv[1:6]\n"
        "user = User.objects.filter(role=Role.PERFORMANCE).first() or User.objects.create_user(\n"
        "    username='bench-performance', password='bench-only-password-1', role=Role.PERFORMANCE)\n"
        "for _ in range(int(count)):\n"
        "    request = pack_request(report_type=ReportType(kind), period=period, audience=audience, fmt=fmt,\n"
        "                           as_of=timezone.localdate())\n"
        "    print(job_request(user=user, request=request).pk)\n"
    )
    return django_snippet(env, code, kind, period, audience, fmt, str(count)).splitlines()


def job_states(env: dict, ids: list[str]) -> dict[str, int]:
    code = (
        "from collections import Counter\n"
        "from goldthread.jobs.models import Job\n"
        "states = Counter(Job.objects.filter(pk__in=sys.argv[1:]).values_list('state', flat=True))\n"
        "print(';'.join(f'{k}={v}' for k, v in states.items()))\n"
    )
    out = django_snippet(env, code, *ids)
    return {k: int(v) for k, v in (item.split("=") for item in out.split(";") if item)}


def drain(env: dict, workers: int) -> float:
    """Seconds from starting ``workers`` batch workers until the last one exits (queue empty)."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen([*GOLDTHREAD, "db_worker", "--batch"], env=env, cwd=REPO, stdout=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    codes = [p.wait() for p in processes]
    seconds = time.perf_counter() - started
    if any(codes):
        raise SystemExit(f"a db_worker exited with status {codes}")
    return seconds


def synchronous_pack(env: dict, scratch: Path, kind: str, period: str, audience: str, fmt: str) -> float:
    """The anchor: one pack built by the command line, in its own process (median of 3, start-up included)."""
    output = scratch / f"anchor.{fmt}"
    command = [*GOLDTHREAD, "report", kind, "--period", period, "--format", fmt, "--output", str(output)]
    command += ["--audience", audience] if kind == "quarterly" else []
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=8, help="pack jobs per worker count")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--kind", default="quarterly")
    parser.add_argument("--period", default="2023-24 Q2")
    parser.add_argument("--audience", default="cabinet")
    parser.add_argument("--format", default="pdf", choices=["docx", "pdf", "xlsx"])
    parser.add_argument("--postgres", help="use a fresh PostgreSQL database at this URL (dropped and created)")
    args = parser.parse_args()

    missing = jobs_app_present()
    if missing:
        print(
            f"pack_jobs: the background jobs app is not on this branch ({missing}). It needs django-tasks, "
            f"django-tasks-db and {TASK}.",
            file=sys.stderr,
        )
        sys.exit(2)
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="goldthread-bench-jobs-") as scratch:
        env = {**os.environ, "GOLDTHREAD_VAR_DIR": scratch, "DJANGO_SETTINGS_MODULE": "goldthread.settings.local"}
        env["DEBUG"] = "0"
        env.pop("DATABASE_URL", None)
        if args.postgres:
            _fresh_postgres(args.postgres)
            env["DATABASE_URL"] = args.postgres
        print("Preparing the scratch database (migrate, example council) ...", flush=True)
        subprocess.run([*GOLDTHREAD, "migrate", "-v0"], env=env, cwd=REPO, check=True)
        load = [*GOLDTHREAD, "load_example", "--skip-benchmarks"]
        subprocess.run(load, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        pack = (args.kind, args.period, args.audience, args.format)
        anchor = synchronous_pack(env, Path(scratch), *pack)
        results = {}
        for workers in counts:
            ids = enqueue_jobs(env, args.jobs, *pack)
            seconds = drain(env, workers)
            states = job_states(env, ids)
            if states.get("done", 0) != len(ids):
                raise SystemExit(f"{workers} worker(s): not every job succeeded: {states}")
            results[workers] = seconds

    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"\n{args.jobs} {args.kind} packs ({args.format}, {args.period}, {args.audience}), {database}, DEBUG off")
    print(f"anchor: one pack built synchronously by `goldthread report`: {anchor:.2f} s")
    print(f"{'workers':>7} {'drain s':>8} {'packs/min':>9} {'drain / (N x anchor)':>21}")
    for workers, seconds in results.items():
        print(f"{workers:>7} {seconds:>8.2f} {args.jobs * 60 / seconds:>9.1f} {seconds / (args.jobs * anchor):>20.2f}x")
    if len(counts) > 1:
        low, high = counts[0], counts[-1]
        print(f"{low} worker / {high} workers drain time: {results[low] / results[high]:.2f}x")


if __name__ == "__main__":
    main()
