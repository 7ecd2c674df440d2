"""The production stack, end to end: gunicorn with gunicorn.conf.py and goldthread.settings.production,
static files collected into the manifest storage, a real account signing in through the form.

Requests reach gunicorn as a reverse proxy passes them on (X-Forwarded-Proto: https), so the
HTTPS-only settings (Secure cookies, HSTS, the redirect) are exercised as in production."""

import http.client
import json
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from .conftest import REPO

HASHED_STATIC = re.compile(r"^/static/.+\.[0-9a-f]{12}\.[a-z0-9]+$")
STATIC_REFERENCE = re.compile(r'(?:href|src)="(/static/[^"]+)"')
NAVIGATION_LINK = re.compile(r'class="govuk-service-navigation__link" href="([^"]+)"')
# Pages reached from the layout rather than the navigation: the account bar, the footer, the public page.
OTHER_TOP_LEVEL_PAGES = ["/", "/council-settings", "/account/tokens", "/about-the-data", "/public/performance"]
PACK = "/reports/quarterly/download.docx?" + urlencode({"period": "2023-24 Q2", "audience": "cabinet"})


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Browser:
    """A browser behind the reverse proxy. It keeps its cookies by hand: they are Secure, and no
    HTTP client library sends a Secure cookie over the plain HTTP between proxy and gunicorn."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookies: list[str] = field(default_factory=list)

    def request(self, method, path, *, body=None, headers=None, proxied=True) -> Response:
        sent = dict(headers or {})
        if proxied:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(line)
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data) -> Response:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
        }
        return self.request("POST", path, body=urlencode(data), headers=headers)


class FormFields(HTMLParser):
    """The values a browser would submit from a page's form: inputs, ticked boxes, text areas, selections."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea = self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and (a.get("type") not in {"checkbox", "radio"} or "checked" in a):
            self.fields[a["name"]] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and ("selected" in a or self._select not in self.fields):
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


@pytest.fixture(scope="module")
def server(example_site):
    """One gunicorn for the module, on a loopback socket the OS chose, handed to gunicorn by
    file descriptor (GUNICORN_BIND) so no other process can take the port in between."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    env = {**example_site["env"], "GUNICORN_BIND": f"fd://{listener.fileno()}", "GUNICORN_WORKERS": "2"}
    log_path = example_site["tmp_path"] / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")],
            env=env,
            cwd=REPO,
            pass_fds=(listener.fileno(),),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(process, port, log_path)
        yield {"port": port, "log": log_path, **example_site}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        listener.close()


def _wait_until_ready(process, port, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped (exit {process.returncode}):\n{log_path.read_text()}")
        try:
            if Browser(port).get("/health").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer /health within 60 s:\n{log_path.read_text()}")


@pytest.fixture(scope="module")
def signed_in(server):
    """A real account (made with createsuperuser, not a demo sign-in) signs in through the form."""
    browser = Browser(server["port"])
    page = browser.get("/sign-in")
    assert page.status == 200, page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = browser.post_form(
        "/sign-in",
        {"csrfmiddlewaretoken": token, "username": server["username"], "password": server["password"]},
    )
    assert answer.status == 302, answer.text
    assert answer.header("Location") == "/"
    assert "sessionid" in browser.cookies
    return browser


@pytest.fixture(scope="module")
def public_page_published(signed_in):
    """The performance team turns the public page on in the council settings, as they would."""
    fields = FormFields(signed_in.get("/council-settings").text).fields
    fields["publish_performance"] = "on"
    answer = signed_in.post_form("/council-settings", fields)
    assert answer.status == 302, answer.text
    assert "publish_performance" in FormFields(signed_in.get("/council-settings").text).fields


@pytest.fixture(scope="module")
def pages(signed_in, public_page_published):
    """Home, every page in the header navigation, and the other top-level pages, as signed in."""
    home = signed_in.get("/")
    navigation = NAVIGATION_LINK.findall(home.text)
    assert "/reports/" in navigation and len(navigation) >= 9, navigation
    return {path: signed_in.get(path) for path in dict.fromkeys([*OTHER_TOP_LEVEL_PAGES, *navigation])}


def test_plain_http_is_redirected_to_https(server):
    answer = Browser(server["port"]).get("/sign-in", proxied=False)
    assert answer.status == 301
    assert answer.header("Location") == f"https://127.0.0.1:{server['port']}/sign-in"


def test_the_session_and_csrf_cookies_are_secure(signed_in):
    session = [line for line in signed_in.set_cookies if line.startswith("sessionid=")]
    csrf = [line for line in signed_in.set_cookies if line.startswith("csrftoken=")]
    assert session and csrf
    assert all("Secure" in line and "HttpOnly" in line for line in session)
    assert all("Secure" in line for line in csrf)


def test_every_top_level_page_answers_200(pages):
    failed = {path: page.status for path, page in pages.items() if page.status != 200}
    assert not failed, failed
    assert all(page.header("Content-Type").startswith("text/html") for page in pages.values())
    assert "Signed in as" in pages["/"].text


def test_every_page_carries_the_security_headers(pages):
    for path, page in pages.items():
        assert page.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload", path
        assert page.header("X-Content-Type-Options") == "nosniff", path
        assert page.header("Referrer-Policy") == "same-origin", path
        assert page.header("X-Frame-Options") == "DENY", path
        policy = page.header("Content-Security-Policy")
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path


def test_the_static_files_pages_use_are_hashed_and_served(pages, signed_in):
    referenced = {url for page in pages.values() for url in STATIC_REFERENCE.findall(page.text)}
    assert any(url.endswith(".css") for url in referenced) and any(url.endswith(".js") for url in referenced)
    for url in sorted(referenced):
        assert HASHED_STATIC.match(url), f"{url} is not a hashed (manifest) name"
        answer = signed_in.get(url, headers={"Accept-Encoding": "gzip"})
        assert answer.status == 200, url
        assert "immutable" in answer.header("Cache-Control"), url
    stylesheet = next(url for url in referenced if url.startswith("/static/build/govuk-frontend"))
    assert signed_in.get(stylesheet, headers={"Accept-Encoding": "gzip"}).header("Content-Encoding") == "gzip"


def test_the_public_page_needs_no_sign_in(server, public_page_published):
    answer = Browser(server["port"]).get("/public/performance")
    assert answer.status == 200
    assert "Sefton" in answer.text


def test_a_committee_pack_downloads(signed_in):
    answer = signed_in.get(PACK)
    assert answer.status == 200, answer.body[:500]
    assert answer.header("Content-Type").startswith("application/vnd.openxmlformats-officedocument")
    assert "attachment" in answer.header("Content-Disposition")
    assert answer.body.startswith(b"PK")  # a Word file is a zip


def test_a_missing_page_is_the_404_page(signed_in):
    answer = signed_in.get("/no-such-page")
    assert answer.status == 404
    assert "Page not found" in answer.text
    assert re.search(r'href="/static/build/govuk-frontend\.min\.[0-9a-f]{12}\.css"', answer.text)


def test_the_api_answers_json_with_a_token(server):
    browser = Browser(server["port"])
    bearer = {"Authorization": f"Bearer {server['token']}"}
    answer = browser.get("/api/priorities", headers=bearer)
    assert answer.status == 200
    assert answer.header("Content-Type") == "application/json; charset=utf-8"
    assert {"code", "title"} <= set(_json(answer)[0])
    assert browser.get("/api/priorities").status == 401
    for path in ["/api/no-such-thing", "/api/measures/NO-SUCH-MEASURE"]:
        missing = browser.get(path, headers=bearer)
        assert missing.status == 404, path
        assert missing.header("Content-Type").startswith("application/json"), path
        assert "detail" in _json(missing)


def test_the_api_docs_need_a_sign_in_in_production(server, signed_in):
    anonymous = Browser(server["port"])
    schema = anonymous.get("/api/openapi.json")
    assert schema.status == 401
    assert "detail" in _json(schema)
    docs = anonymous.get("/api/docs")
    assert docs.status == 302
    assert docs.header("Location").startswith("/sign-in?next=/api/docs")
    with_token = anonymous.get("/api/openapi.json", headers={"Authorization": f"Bearer {server['token']}"})
    assert with_token.status == 200
    assert "/api/priorities" in _json(with_token)["paths"]
    assert signed_in.get("/api/docs").status == 200


def _json(response: Response):
    return json.loads(response.body)
