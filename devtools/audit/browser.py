"""axe-core and full-page screenshots through Playwright, with the browser tests' Chromium, flags and axe
setup (tests/browser/conftest.py): each page at each viewport, once its web fonts are in."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_violations, describe_violations
from tests.browser.conftest import VIEWPORTS as TEST_VIEWPORTS

from .pages import PHONE

VIEWPORTS = {"desktop": TEST_VIEWPORTS["desktop"], "phone": PHONE}


@dataclass
class Visit:
    status: int
    violations: int
    report: str  # describe_violations(): rule, impact, elements
    screenshot: Path
    offsite: list[str]  # requests to other hosts, aborted


class Browser:
    """One Chromium for the whole audit; requests to another host than the server's are aborted and listed in
    each visit (the app must serve everything itself)."""

    def __init__(self, page, server: str):
        self.page = page
        self.offsite: list[str] = []
        host = urlsplit(server).hostname

        def same_host_only(route):
            if urlsplit(route.request.url).hostname == host:
                route.continue_()
            else:
                self.offsite.append(route.request.url)
                route.abort()

        page.route("**/*", same_host_only)

    def visit(self, url: str, viewport: str, screenshot: Path) -> Visit:
        self.page.set_viewport_size(VIEWPORTS[viewport])
        self.offsite.clear()
        response = self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        violations = axe_violations(self.page)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=screenshot, full_page=True)
        report = describe_violations(violations)
        return Visit(response.status, len(violations), report, screenshot, sorted(set(self.offsite)))


@contextmanager
def browser(server: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield Browser(chromium.new_page(), server)
        finally:
            chromium.close()
