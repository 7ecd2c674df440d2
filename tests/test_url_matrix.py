"""Role × page matrix over every URL pattern in Goldthread (not the API or Django admin).

Real URLs come from the example council: we follow every link a performance-team user can reach
(test client, no browser) and keep one concrete URL per pattern. Then every role GETs each of
them: no page may fail with a server error, and a visitor who is not signed in is sent to the
sign-in page unless the page is public (marked ``login_not_required``)."""

import collections
import io
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import NoReverseMatch, Resolver404

from goldthread.council.models import Directorate, Role, User

SKIPPED_PREFIXES = ("api/", "django-admin/")
NOT_CRAWLED = ("/sign-out", "/api/", "/django-admin/", "/static/", "/media/")
CRAWL_LIMIT = 600

# Marked so pytest-django creates the test database even when this module runs on its own.
pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def all_patterns(patterns=None, prefix="", namespace=None):
    """(route, view name, pattern) for every URL pattern, outside the API and admin."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(p, URLResolver):
            yield from all_patterns(p.url_patterns, route, p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield route, f"{namespace}:{p.name}" if namespace else p.name, p


def pattern_key(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def harvest_urls(client: Client) -> dict[str, str]:
    """Follow every link from the home page; keep the first concrete URL for each pattern."""
    found: dict[str, str] = {}
    queue, seen, queued = collections.deque(["/"]), {"/"}, {pattern_key("/")}
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.popleft()
        route = pattern_key(urlsplit(path).path)
        if route is not None:
            found.setdefault(route, path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.hrefs:
            url, _ = urldefrag(href)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(NOT_CRAWLED) or url in seen:
                continue
            key = pattern_key(parts.path)
            if key is None or key in queued:
                continue
            queued.add(key)  # one URL per pattern is enough, and keeps the crawl small
            seen.add(url)
            queue.append(url)
    return found


def fallback_url(pattern: URLPattern, route: str) -> str | None:
    """A URL for a pattern no link reached (mostly POST-only actions): plausible kwargs, may 404."""
    values = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}
    url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "csv" if m[2] == "fmt" else values[m[1] or "str"], route)
    try:
        resolve(url)
    except (Resolver404, NoReverseMatch):
        return None
    return url


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The example council loaded once, a (non-demo) user per role, and one URL per pattern."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
            clients = {}
            for role in Role.values:
                code = {Role.EDITOR: "childrens", Role.OFFICER: "corporate"}.get(role)
                user = User.objects.create_user(
                    username=f"matrix-{role}",
                    role=role,
                    directorate=Directorate.objects.get(code=code) if code else None,
                )
                clients[role] = Client(raise_request_exception=False)
                clients[role].force_login(user)
            found = harvest_urls(clients[Role.PERFORMANCE])
            urls, reached = {}, set()
            for route, name, pattern in all_patterns():
                url = found.get(route) or fallback_url(pattern, route)
                if url:
                    urls[name or route] = url
                if route in found:
                    reached.add(name or route)
            yield clients, urls, reached
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_pattern_has_a_url_to_try(matrix):
    _clients, urls, reached = matrix
    patterns = [name or route for route, name, _ in all_patterns()]
    missing = [p for p in patterns if p not in urls]
    assert not missing, f"no URL could be made for: {missing}"
    # Real objects, found by following links: the example council's measures, reviews, risks...
    for name in ("performance:measure", "performance:history", "council:priority", "improvement:review", "risk:risk"):
        assert name in reached, f"no link reached {name}"
    for name in ("scrutiny:committee", "scrutiny:item", "scrutiny:tracker"):  # the scrutiny pages, by links
        assert name in reached, f"no link reached {name}"
    assert len(reached) > len(patterns) / 2, f"links reached only {sorted(reached)}"


@pytest.mark.parametrize("role", Role.values)
def test_no_page_fails_for_any_role(matrix, role):
    clients, urls, _reached = matrix
    failures = []
    for name, url in sorted(urls.items()):
        with transaction.atomic():  # a GET must not write, but if one does, keep the next ones clean
            response = clients[role].get(url)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            failures.append(f"{name} {url}: HTTP {response.status_code}")
    assert not failures, f"{role}: " + "; ".join(failures)


def test_signed_out_visitors_are_sent_to_sign_in(matrix):
    _clients, urls, _reached = matrix
    anonymous = Client(raise_request_exception=False)
    wrong = []
    for name, url in sorted(urls.items()):
        view = resolve(urlsplit(url).path).func
        response = anonymous.get(url)
        if getattr(view, "login_required", True):
            if response.status_code != 302 or not response["Location"].startswith("/sign-in"):
                wrong.append(f"{name} {url}: HTTP {response.status_code} {response.get('Location', '')}")
        elif response.status_code >= 500:
            wrong.append(f"{name} {url} (public): HTTP {response.status_code}")
    assert not wrong, "; ".join(wrong)
