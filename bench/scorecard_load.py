"""Scorecard load benchmark: p50/p95 latency of the scorecard page against the trivial /health
endpoint on the same server, with 20 concurrent users.

It builds a scratch SQLite database with the example council, starts the app on 127.0.0.1 (a child
process), signs in, and sends a bounded number of requests from 20 threads. Loopback only; nothing
outside the machine is touched.

- ``--server wsgiref`` (the default): a threaded wsgiref server, one process, the member demo user's
  session made directly; /health and the scorecard.
- ``--server gunicorn``: gunicorn (sync workers) with 1 and then 2 worker processes (``--workers 1,2``),
  signed in through the sign-in form as a real (not demo) member account made in the scratch
  database; /health, the scorecard and a few pages; each page's p95 against /health's and the
  throughput of 2 workers against 1.

    .venv/bin/python bench/scorecard_load.py [--requests 400] [--users 20] [--period "2023-24 Q1"]
    .venv/bin/python bench/scorecard_load.py --server gunicorn [--workers 1,2] [--requests 300]
"""

import argparse
import concurrent.futures
import http.cookiejar
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TIME_LIMIT_SECONDS = 180

SERVER = """
import socketserver, sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
import django
django.setup()
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

class Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128

app = get_wsgi_application()
make_server("127.0.0.1", int(sys.argv[1]), app, server_class=Threaded, handler_class=Quiet).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(env: dict, full: bool) -> None:
    goldthread = [PYTHON, "-m", "goldthread.manage"]
    subprocess.run([*goldthread, "migrate", "-v0"], env=env, check=True, cwd=REPO)
    load = [*goldthread, "load_example"] + ([] if full else ["--skip-benchmarks"])
    subprocess.run(load, env=env, check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def member_session_cookie(env: dict) -> str:
    """A session for the member demo user, made in the server's database.

    The server runs with DEBUG off (as in production), where demo accounts cannot sign in with a
    password, so the session is made directly, exactly as a successful sign-in would make it."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from goldthread.council.models import User\n"
        "c = Client(); c.force_login(User.objects.get(username='member'))\n"
        "print(c.cookies['sessionid'].value)\n"
    )
    out = subprocess.run([PYTHON, "-c", code], env=env, check=True, cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped before it was ready")
        try:
            urllib.request.urlopen(base + "/health", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start within 60s")


def fetch(url: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - started, status


def load(url: str, cookie: str, users: int, requests: int) -> dict:
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    timings, statuses = [], []
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(fetch, url, cookie) for _ in range(requests)]
        for future in concurrent.futures.as_completed(futures):
            if time.monotonic() > deadline:
                for f in futures:
                    f.cancel()
                break
            seconds, status = future.result()
            timings.append(seconds)
            statuses.append(status)
    elapsed = time.perf_counter() - started
    q = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        "n": len(timings),
        "errors": sum(1 for s in statuses if s != 200),
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "max": max(timings) * 1000,
        "rps": len(timings) / elapsed,
    }


PAGES = {  # name: path (the scorecard and the measure page are added in run_gunicorn)
    "home": "/",
    "measures": "/performance/measures/",
    "risks": "/risk/risks/",
}


def real_member(env: dict, password: str) -> str:
    """A real (not demo) member account with the member demo user's role, so the sign-in form accepts it
    with DEBUG off; prints the first active measure's reference for the measure page."""
    code = (
        "import django, sys; django.setup()\n"
        "from goldthread.council.models import User\n"
        "from goldthread.performance.models import Measure\n"
        "demo = User.objects.get(username='member')\n"
        "user = User(username='bench-member', role=demo.role, directorate=demo.directorate, is_demo=False)\n"
        "user.set_password(sys.argv[1]); user.save()\n"
        "print(Measure.objects.order_by('reference').values_list('reference', flat=True).first())\n"
    )
    out = subprocess.run([PYTHON, "-c", code, password], env=env, check=True, cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def sign_in(base: str, username: str, password: str) -> str:
    """Sign in through the form, as a person would; returns the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/sign-in", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    request = urllib.request.Request(
        base + "/sign-in", data=urllib.parse.urlencode(form).encode(), headers={"Referer": base + "/sign-in"}
    )
    opener.open(request, timeout=30).read()
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        raise SystemExit("signing in through the form failed")
    return session


def run_gunicorn(env: dict, args, workers: int, paths: dict[str, str], password: str) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        PYTHON, "-m", "gunicorn", "goldthread.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--timeout", "120", "--backlog", "256",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=REPO, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, server)
        cookie = sign_in(base, "bench-member", password)
        for name, path in paths.items():  # each worker's first, uncached request is not measured
            for _ in range(workers * 2):
                seconds, status = fetch(base + path, cookie)
                if status != 200:
                    raise SystemExit(f"{name} ({path}) returned HTTP {status}")
        return {name: load(base + path, cookie, args.users, args.requests) for name, path in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)


def gunicorn_main(args, env: dict) -> None:
    password = secrets.token_urlsafe(16)
    reference = real_member(env, password)
    paths = {
        "/health": "/health",
        "scorecard": f"/performance/scorecard/?period={urllib.parse.quote(args.period)}",
        **PAGES,
        f"measure {reference}": f"/performance/measures/{urllib.parse.quote(reference)}/",
    }
    counts = [int(w) for w in args.workers.split(",")]
    results = {w: run_gunicorn(env, args, w, paths, password) for w in counts}

    print(f"\nLoad on gunicorn (sync workers): {args.users} concurrent users, {args.requests} requests per page,")
    print("SQLite, local settings with DEBUG off, signed in through the form as a real member account.")
    heading = f"{'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'p95/health':>10}"
    print(f"{'workers':>7} {'page':<22} {'n':>5} {'errors':>6} {heading}")
    for w, pages in results.items():
        health = pages["/health"]["p95"]
        for name, r in pages.items():
            figures = f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['rps']:>7.1f} {r['p95'] / health:>9.2f}x"
            print(f"{w:>7} {name:<22} {r['n']:>5} {r['errors']:>6} {figures}")
    if len(counts) > 1:
        low, high = counts[0], counts[-1]
        print(f"\n{high} workers / {low} worker: requests per second (and p95) per page")
        for name in paths:
            a, b = results[low][name], results[high][name]
            print(f"  {name:<22} req/s {b['rps'] / a['rps']:.2f}x   p95 {b['p95'] / a['p95']:.2f}x")
    if any(r["errors"] for pages in results.values() for r in pages.values()):
        raise SystemExit("some requests failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--period", default="2023-24 Q1")
    parser.add_argument("--full", action="store_true", help="also import the national data sets (slower set-up)")
    parser.add_argument("--server", choices=["wsgiref", "gunicorn"], default="wsgiref")
    parser.add_argument("--workers", default="1,2", help="gunicorn worker counts to compare, e.g. 1,2")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="goldthread-bench-") as scratch:
        env = {
            **os.environ,
            "GOLDTHREAD_VAR_DIR": scratch,
            "DJANGO_SETTINGS_MODULE": "goldthread.settings.local",
            "DEBUG": "0",
        }
        env.pop("DATABASE_URL", None)  # always a scratch SQLite database
        print(f"Preparing a scratch database in {scratch} ...", flush=True)
        prepare_database(env, args.full)
        if args.server == "gunicorn":
            gunicorn_main(args, env)
            return
        cookie = member_session_cookie(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([PYTHON, "-c", SERVER, str(port)], env=env, cwd=REPO)
        try:
            wait_until_up(base, server)
            scorecard = f"{base}/performance/scorecard/?period={urllib.parse.quote(args.period)}"
            cold_seconds, cold_status = fetch(scorecard, cookie)
            if cold_status != 200:
                raise SystemExit(f"scorecard returned HTTP {cold_status} for the member user")
            results = {
                "/health": load(base + "/health", cookie, args.users, args.requests),
                f"scorecard {args.period}": load(scorecard, cookie, args.users, args.requests),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"\nScorecard load: {args.users} concurrent users, {args.requests} requests per endpoint,")
    print("threaded wsgiref server (one process), SQLite, DEBUG off, signed in as the member demo user.")
    print(f"First (uncached) scorecard request: {cold_seconds * 1000:.0f} ms\n")
    print(f"{'endpoint':<26} {'n':>5} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
    for name, r in results.items():
        figures = f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} {r['rps']:>7.1f}"
        print(f"{name:<26} {r['n']:>5} {r['errors']:>6} {figures}")
    if any(r["errors"] for r in results.values()):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    main()
