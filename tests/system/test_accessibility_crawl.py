"""Every page every role can reach passes axe-core (WCAG 2.2 AA) with 0 violations and does not error.

For each role's demo account we sign in through the real sign-in page, then visit, breadth first,
every same-origin link reachable from the home page. Detail pages are sampled (a few per URL
pattern) so the crawl stays quick but still sees every kind of page."""

import collections
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from goldthread.council.demo import DEMO_ACCOUNTS

from .conftest import CRAWLED, axe_violations, format_violations, sign_in

MAX_PAGES = {"performance": 120}
DEFAULT_MAX_PAGES = 60
PER_PATTERN = 1  # pages per URL pattern, counted separately with and without a query string
SKIP_PREFIXES = ("/sign-out", "/sign-in", "/api/", "/django-admin/", "/static/", "/media/")
DOWNLOAD_EXTENSIONS = (".csv", ".json", ".xlsx", ".xls", ".docx", ".pdf", ".zip", ".txt", ".html.zip", ".odt")
REPORT_DIR = Path(settings.VAR_DIR) / "test-reports"


def pattern_of(path: str) -> str | None:
    """The URL pattern a path resolves to (e.g. "performance:measure"), or None if it is not ours."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.view_name}:{match.route}"


def crawlable(path: str) -> bool:
    return not path.startswith(SKIP_PREFIXES) and not path.lower().endswith(DOWNLOAD_EXTENSIONS)


class Crawl:
    def __init__(self, page, base_url: str, limit: int):
        self.page, self.base, self.limit = page, base_url, limit
        self.queue = collections.deque(["/"])
        self.seen = {"/"}
        self.per_pattern = collections.Counter()
        self.visited: list[tuple[str, int]] = []
        self.failures: list[str] = []

    def enqueue_links(self) -> None:
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            url, _ = urldefrag(href)
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != self.base:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path in self.seen or not crawlable(parts.path):
                continue
            self.seen.add(path)
            pattern = pattern_of(parts.path)
            pattern = pattern and (pattern, bool(parts.query))
            if pattern is None or self.per_pattern[pattern] >= PER_PATTERN:
                continue
            self.per_pattern[pattern] += 1
            self.queue.append(path)

    def visit(self, path: str) -> None:
        from playwright.sync_api import Error

        try:
            response = self.page.goto(self.base + path)
        except Error as exc:  # a download (Content-Disposition: attachment) aborts navigation
            head = self.page.request.get(self.base + path)
            if "attachment" in head.headers.get("content-disposition", ""):
                return
            self.failures.append(f"{path}: navigation failed: {exc}")
            return
        status = response.status if response else 0
        self.visited.append((path, status))
        if status >= 500 or status == 0:
            self.failures.append(f"{path}: HTTP {status}")
            return
        violations = axe_violations(self.page)
        if violations:
            self.failures.append(format_violations(path, violations))
        if status < 400:
            self.enqueue_links()

    def run(self) -> None:
        while self.queue and len(self.visited) < self.limit:
            self.visit(self.queue.popleft())


def write_report(role: str, crawl: Crawl) -> None:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    lines = [f"{status} {path}" for path, status in crawl.visited]
    lines += ["", f"{len(crawl.failures)} failing page(s)", *crawl.failures]
    from django.db import connection

    # one file per role and database: CI runs the SQLite and PostgreSQL suites at the same time
    (REPORT_DIR / f"crawl-{role}-{connection.vendor}.txt").write_text("\n".join(lines) + "\n")
    CRAWLED[role] = (len(crawl.visited), len(crawl.failures))


@pytest.mark.browser
@pytest.mark.parametrize("username,role", [(a[0], a[3]) for a in DEMO_ACCOUNTS], ids=[a[0] for a in DEMO_ACCOUNTS])
def test_every_reachable_page_passes_axe(example_council, live_server, page, username, role):
    given_signed_in_as(page, live_server.url, username)
    crawl = when_crawling_every_link(page, live_server.url, MAX_PAGES.get(username, DEFAULT_MAX_PAGES))
    write_report(username, crawl)
    then_every_page_rendered_and_passed_axe(username, crawl)


def given_signed_in_as(page, base_url, username):
    sign_in(page, base_url, username, settings.GOLDTHREAD_DEMO_PASSWORD)


def when_crawling_every_link(page, base_url, limit) -> Crawl:
    crawl = Crawl(page, base_url, limit)
    crawl.run()
    return crawl


def then_every_page_rendered_and_passed_axe(username, crawl):
    print(f"\n{username}: visited {len(crawl.visited)} pages")
    for path, status in crawl.visited:
        print(f"  {status} {path}")
    assert len(crawl.visited) > 5, f"{username} reached only {crawl.visited}"
    assert not crawl.failures, "\n\n".join(crawl.failures)
