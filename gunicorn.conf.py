"""Gunicorn's settings for Goldthread's web process: `gunicorn -c gunicorn.conf.py`.

Every value can be changed by an environment variable, so the same file serves one small
server and a larger one (see docs/deploy.md)."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "goldthread.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Page requests are mostly database-bound and short: two processes per core, plus one, is
# gunicorn's own advice. WEB_CONCURRENCY is the name many hosting platforms set.
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = _int("GUNICORN_THREADS", 1)

# A PDF committee pack can take several seconds inside a request; anything slower is stuck.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so slow growth in memory (big imports, PDFs) is handed back.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Logs go to stdout/stderr for systemd's journal (or the container's log driver).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(L)ss "%(a)s"'

# The reverse proxy's addresses, whose X-Forwarded-Proto / X-Forwarded-For gunicorn trusts.
# Loopback by default: a proxy on the same machine. Comma-separated, or "*" behind a private network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
