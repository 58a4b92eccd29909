"""The admin's pages fit an editor's screen (issue 17, point 1): the organization change page of the Moroccan
branch of the International Network of Liberal Women, in Arabic and English, is no wider than a 1280 px
screen and a few screens tall; its long lists open on their own changelists; no date field warns about the
time zone."""

import pytest

from networks.models import Organization
from tests.admin_helpers import admin_url, log_in

SCREEN = {"width": 1280, "height": 800}
MAX_SCREENS = 4  # "at most a few screens tall"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_change_page_of_an_organization_fits_the_screen(
    page, seeded_live_server, superuser, base_url, screenshot, language
):
    page.set_viewport_size(SCREEN)
    log_in(page, base_url, language)
    organization = Organization.objects.get(slug="inlw-morocco")
    page.goto(base_url + admin_url("networks_organization_change", organization.pk, language=language))
    width, height = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    screenshot(page, f"admin-organization-change-{language}")
    assert width <= SCREEN["width"], f"{width} px wide"
    assert height <= MAX_SCREENS * SCREEN["height"], f"{height} px tall"
    assert page.locator(".timezonewarning:visible").count() == 0
    # Memberships, goals and citations are listed on their own changelist, filtered to this organization.
    for model in ("membership", "goal", "citation"):
        link = page.locator(f"a[href*='/networks/{model}/?organization__id__exact={organization.pk}']")
        assert link.count() == 1, model


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_organizations_changelist_gives_names_room(
    page, seeded_live_server, superuser, base_url, screenshot, language
):
    page.set_viewport_size(SCREEN)
    log_in(page, base_url, language)
    page.goto(base_url + admin_url("networks_organization_changelist", language=language))
    width = page.evaluate("document.documentElement.scrollWidth")
    # The lines each name takes (the line boxes of its link), and whether the whole table shows.
    lines = page.evaluate(
        "[...document.querySelectorAll('#result_list th.field-name a')].map(a => a.getClientRects().length)"
    )
    table, results = page.evaluate(
        "[document.querySelector('#result_list').scrollWidth, document.querySelector('.results').clientWidth]"
    )
    screenshot(page, f"admin-organizations-{language}")
    assert width <= SCREEN["width"], f"{width} px wide"
    assert len(lines) == Organization.objects.count() and max(lines) <= 2, lines
    assert table <= results, "the table scrolls sideways"
