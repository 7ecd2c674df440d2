"""Scorecard load benchmark: p50/p95 latency of the scorecard page against the trivial /health
endpoint on the same server, with 20 concurrent users.

It builds a scratch SQLite database with the example council, starts the app in a threaded WSGI
server on 127.0.0.1 (a child process), signs in as the member demo user, and sends a bounded
number of requests from 20 threads. Loopback only; nothing outside the machine is touched.

    .venv/bin/python bench/scorecard_load.py [--requests 400] [--users 20] [--period "2023-24 Q1"]
"""

import argparse
import concurrent.futures
import os
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--period", default="2023-24 Q1")
    parser.add_argument("--full", action="store_true", help="also import the national data sets (slower set-up)")
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
