"""Browser tests: pytest-playwright driving Debian's Chromium (/usr/bin/chromium) against pytest-django's
`live_server`. Never `playwright install`: `.ci/run` installs the `chromium` package with apt-get.

Fixtures for the tests in this folder:

- `seeded_live_server`: the live server, with the five sources loaded into its database.
- `axe_violations(page)`: runs axe-core (bundled by axe-playwright-python) and returns the violations.
- `assert_no_axe_violations(page)`: the same, failing with a readable list (rule, impact, elements).
- `screenshot(page, name)`: a full-page PNG in `test-artifacts/screenshots/<name>.png`.
- `use_viewport(page, "desktop" | "phone")`: 1280x800 (the default of every page) or 375x812.
- `capture_on_desktop_and_phone(page, name)`: both sizes, each checked to fit the screen, each screenshotted.

Every page only reaches the live server: any other request is aborted and fails the test.
"""

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.shared import load_seeds_snapshot

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 812},
}
# Chromium phones home (component updates, sync, field trials…) unless told not to.
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    # Even so, Chromium 156 still looks up accounts.google.com, update.googleapis.com and (on pages with a
    # form) content-autofill.googleapis.com: no host name but localhost resolves in the browser.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@pytest.fixture(scope="session", autouse=True)
def _allow_django_sync_calls_under_playwright():
    """Playwright's sync API keeps an asyncio loop running in the main thread from the first page until the
    end of the session, and Django then refuses ORM calls from that thread (the seeds, the flush of
    `transactional_db`). Allow them from the first browser test on, and only then: a run without browser
    tests never sets it. (pytest-django runs the live-server tests after all the `db` tests.)"""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    """pytest-playwright's launch arguments (--headed, --slowmo…) plus Debian's Chromium and its flags."""
    if browser_name != "chromium":
        pytest.fail(f"the browser tests run on Debian's Chromium only, not on --browser {browser_name}")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never `playwright install`)")
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless") is False:  # --headed
        args.remove("--headless")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() are the live server's (this also replaces pytest-playwright's own
    `base_url`, whose --base-url option makes no sense here)."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORTS["desktop"]}


@pytest.fixture
def context(new_context, live_server):
    """Every browser context of a test: requests to anything but the live server are aborted, and fail it."""
    context = new_context()
    offsite = []

    def only_local(route):
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            offsite.append(url)
            route.abort()

    context.route("**/*", only_local)
    yield context
    if offsite:
        pytest.fail("requests outside the live server: " + ", ".join(offsite))


@pytest.fixture
def seeded_live_server(seeds_snapshot, live_server):
    """The live server with the five sources loaded into its database, as `make run` has it. (live_server
    requests `transactional_db`: the server thread sees committed rows, and they are flushed afterwards.)"""
    load_seeds_snapshot(seeds_snapshot)
    return live_server


def use_viewport(page, name: str) -> None:
    page.set_viewport_size(VIEWPORTS[name])


@pytest.fixture(name="use_viewport")
def use_viewport_fixture() -> Callable:
    return use_viewport


def screenshot(page, name: str) -> Path:
    """A full-page PNG of the page as it is now, once its web fonts are in, in test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Callable:
    return screenshot


@pytest.fixture
def capture_on_desktop_and_phone() -> Callable:
    """`capture_on_desktop_and_phone(page, name)`: at each size, check the page is no wider than the screen
    and take its screenshot (`<name>-desktop.png`, `<name>-phone.png`); then back to desktop."""

    def capture(page, name: str) -> None:
        for viewport in VIEWPORTS:
            use_viewport(page, viewport)
            fits = page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            )
            assert fits, f"{page.url} is wider than the {viewport} screen"
            screenshot(page, f"{name}-{viewport}")
        use_viewport(page, "desktop")

    return capture


_axe = Axe()


def axe_violations(page, context=None, options=None) -> list[dict]:
    """axe-core's violations on the page as it is now (all rules but the experimental ones, by default)."""
    results = _axe.run(page, context=context, options=options or {"resultTypes": ["violations"]})
    return results.response["violations"]


@pytest.fixture(name="axe_violations")
def axe_violations_fixture() -> Callable:
    return axe_violations


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        rule = f"{violation['id']} ({violation['impact']})"
        lines.append(f"- {rule}: {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations() -> Callable:
    def check(page) -> None:
        violations = axe_violations(page)
        if violations:
            report = describe_violations(violations)
            pytest.fail(f"axe found {len(violations)} violation(s) on {page.url}:\n{report}", pytrace=False)

    return check
