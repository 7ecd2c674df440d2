"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core for accessibility.

Playwright cannot download its own browsers here, so we launch the system Chromium
(``/usr/bin/chromium``, or ``GOLDTHREAD_CHROMIUM``). Without it the browser tests are skipped
with a reason that says how to install it, unless ``GOLDTHREAD_REQUIRE_BROWSER=1`` is set (CI),
in which case a missing browser fails the run instead: CI must never pass with skipped browser tests."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("GOLDTHREAD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# WCAG 2.2 AA, and axe's best practices beyond WCAG (landmarks, one main heading, heading order, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
INSTALL_HINT = "install it with `sudo apt-get install chromium` (or set GOLDTHREAD_CHROMIUM to a Chromium binary)"


def browser_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS}: run `npm ci`"
    return None


def browser_required() -> bool:
    return os.environ.get("GOLDTHREAD_REQUIRE_BROWSER", "") not in ("", "0")


def pytest_collection_modifyitems(config, items):
    """No browser: skip browser tests with how to install it, or (CI) fail them in setup."""
    reason = browser_missing_reason()
    if reason is None or browser_required():
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item):
    """With GOLDTHREAD_REQUIRE_BROWSER=1 a missing browser is a failure, not a skip."""
    if "browser" in item.keywords and browser_required():
        reason = browser_missing_reason()
        if reason:
            pytest.fail(f"GOLDTHREAD_REQUIRE_BROWSER=1 but {reason}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets us inject axe-core; the app's own CSP forbids inline scripts.
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", bypass_csp=True)
    context.set_default_timeout(15_000)
    # axe-core is in every page from the start: injecting it after each load cost a quarter of a
    # second a page, most of the accessibility crawl's time after axe's own run
    context.add_init_script(path=str(AXE_JS))
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def example_council(transactional_db, settings):
    """The example council (without the national data sets), with demo sign-ins switched on.

    Demo accounts only sign in while DEBUG is on; the live server runs in this process, so
    the ``settings`` fixture reaches it too and is restored afterwards."""
    settings.DEBUG = True
    settings.GOLDTHREAD_DEMO_SIGNINS = True
    call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:10]:
            lines.append(f"      target: {', '.join(str(t) for t in node['target'])}")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as loaded, with the WCAG 2.2 AA rule tags and axe's best practices."""
    from playwright.sync_api import Error

    for attempt in range(3):
        page.wait_for_load_state()
        try:
            if not page.evaluate("() => typeof window.axe !== 'undefined'"):
                page.add_script_tag(content=AXE_JS.read_text())
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                AXE_TAGS,
            )
            return result["violations"]
        except Error as exc:
            # A click that follows a link returns before the next page has loaded; on a busy machine axe
            # can start on the document being replaced. Wait for the new page and check that one.
            replaced = "documentElement" in str(exc) or "context was destroyed" in str(exc)
            if attempt == 2 or not replaced:
                raise
    raise AssertionError("unreachable")


def axe(page) -> None:
    """Assert the page has no axe-core violations, naming each rule and where it failed."""
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the real sign-in page."""
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/sign-in" not in page.url, f"sign-in as {username} failed: still on {page.url}"


# Pages each crawl visited and how many failed, by role, for the end-of-run summary.
CRAWLED: dict[str, tuple[int, int]] = {}


def pytest_terminal_summary(terminalreporter):
    if not CRAWLED:
        return
    terminalreporter.section("accessibility crawl")
    for role, (visited, failing) in CRAWLED.items():
        terminalreporter.write_line(f"{role}: {visited} pages visited, {failing} failing (list in var/test-reports/)")
