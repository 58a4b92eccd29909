"""The Content-Security-Policy (directory/settings.py) refuses every inline script and style: prove in a real
browser that nothing the site serves needs one. The public pages in both languages, and the admin as a
superuser (index, the review queue, list, an organization's change page with its language tabs, its History
and one of its versions, import and export) must load without a single violation, and the admin's scripts
must still work.

A violation shows up three ways in Chromium, and each is caught: a console message ("Refused to execute
inline script…" in older versions, "Applying inline style violates the following Content Security Policy
directive…" in Chromium 156), a page error, and a `securitypolicyviolation` event, which a script Playwright
injects outside the page's policy records.
"""

import pytest

from networks.models import Organization, Person
from tests.admin_helpers import admin_url

LANGUAGES = ["ar", "en"]
ORGANIZATION = "defenders-libya"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || "?"}:${event.lineNumber} (${(event.sample || "").slice(0, 80)})`);
});
"""


def is_csp_report(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text or "Refused to" in text


@pytest.fixture
def csp_violations(context):
    """Every policy violation on any page of the test's browser context, as readable lines."""
    context.add_init_script(RECORD_VIOLATIONS)
    reports = []

    def on_page(page):
        page.on("console", lambda message: is_csp_report(message.text) and reports.append(message.text))
        page.on("pageerror", lambda error: is_csp_report(str(error)) and reports.append(str(error)))

    for page in context.pages:  # the test's `page` may be open already
        on_page(page)
    context.on("page", on_page)
    return reports


def assert_no_violations(page, violations):
    """No violation so far: console messages and page errors of the context, DOM events of this page."""
    found = violations + page.evaluate("window.__cspViolations")
    assert not found, f"Content-Security-Policy violations on {page.url}:\n" + "\n".join(found)


def visit(page, url, violations):
    """Open `url`, check it loaded under the policy, and fail with every violation it reported."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")  # deferred scripts, fonts, lazily built widgets
    assert_no_violations(page, violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_need_no_inline_script_or_style(page, seeded_live_server, csp_violations, lang):
    person = Person.objects.public().order_by("slug").first()
    for path in [
        "",
        "organizations/",
        f"organizations/{ORGANIZATION}/",
        "people/",
        f"people/{person.slug}/",
        "places/LY/",
        "causes/womens-rights/",
        "events/",
        "goals/",
        "data/",
        "api/",
    ]:
        visit(page, f"{seeded_live_server.url}/{lang}/{path}", csp_violations)
    # The home page's charts are inline SVG: drawn, and styled from the stylesheet.
    page.goto(f"{seeded_live_server.url}/{lang}/")
    bar = page.locator("svg .chart-bar").first
    assert bar.evaluate("element => getComputedStyle(element).fill") != "rgb(0, 0, 0)"


def log_in(page, base_url, lang, violations):
    visit(page, base_url + admin_url("login", language=lang), violations)
    page.fill("#id_username", "admin")
    page.fill("#id_password", "pw-admin-1")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    assert page.url == base_url + admin_url("index", language=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_admin_needs_no_inline_script_or_style(page, seeded_live_server, superuser, csp_violations, lang):
    base = seeded_live_server.url
    log_in(page, base, lang, csp_violations)
    organization = Organization.objects.get(slug=ORGANIZATION)

    def url(name, *args):
        return base + admin_url(name, *args, language=lang)

    visit(page, url("index"), csp_violations)
    visit(page, url("review"), csp_violations)
    visit(page, url("networks_organization_changelist"), csp_violations)
    visit(page, url("networks_organization_history", organization.pk), csp_violations)
    version = organization.history.earliest().history_id  # one version, as History links to it
    visit(page, url("networks_organization_simple_history", organization.pk, version), csp_violations)
    visit(page, url("networks_organization_import"), csp_violations)

    visit(page, url("networks_organization_export"), csp_violations)
    # "Select all" (bound by static/admin-csp/export.js instead of an inline onchange) clears every field.
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 1
    page.locator("input.select-toggle").first.uncheck()
    assert not any(fields.nth(i).is_checked() for i in range(fields.count()))
    page.locator("input.select-toggle").first.check()
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    assert_no_violations(page, csp_violations)

    visit(page, url("networks_organization_change", organization.pk), csp_violations)
    # modeltranslation's language tabs (jQuery UI) are built, the page's language open first; choosing the
    # other tab shows the other language instead.
    tabs = page.locator(".ui-tabs").first
    assert tabs.is_visible()
    panels = tabs.locator(".ui-tabs-panel")
    assert panels.count() == 2
    shown = [panels.nth(i).is_visible() for i in range(2)]
    assert shown == ([True, False] if lang == "ar" else [False, True])
    other = shown.index(False)
    tabs.locator(".ui-tabs-nav a").nth(other).click()
    assert panels.nth(other).is_visible()
    assert not panels.nth(1 - other).is_visible()
    assert_no_violations(page, csp_violations)
