"""The editors' review queue in a browser, in Arabic and English: reached from the admin index, no wider
than a 1280 px screen, no accessibility violation, and a fact confirmed with its button."""

import pytest

from networks.models import Confirmation
from tests.admin_helpers import admin_url, log_in


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_the_dashboard_fits_reads_and_confirms(
    page, seeded_live_server, superuser, assert_no_axe_violations, screenshot, language, direction
):
    base = seeded_live_server.url
    log_in(page, base, language)
    assert page.url == base + admin_url("index", language=language)
    with page.expect_navigation():
        page.locator("#review-module a").click()
    assert page.url == base + admin_url("review", language=language)
    assert page.locator("html").get_attribute("dir") == direction

    changes = page.locator("#changes tbody tr")
    assert changes.count() == 50
    facts = page.locator("#facts tbody tr")
    assert facts.count() > 0
    assert page.locator("#organizations tbody tr").count() > 0
    fits = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert fits, "the review queue is wider than a 1280 px screen"
    assert_no_axe_violations(page)
    screenshot(page, f"review-{language}")

    # The seeded facts were written by load_seeds, without a user: the superuser's word confirms one.
    before = facts.count()
    with page.expect_navigation():
        facts.first.locator("button[type=submit]").click()
    assert page.locator(".messagelist .success").count() == 1
    assert Confirmation.objects.filter(user=superuser).count() == 1
    assert page.locator("#facts tbody tr").count() == before - 1
    assert_no_axe_violations(page)
