"""Forms and errors a visitor meets, in a real browser and each language: choosing an organization by a part
of its name on the People list (no JavaScript: a form and links), and the 404 page with the site's
navigation, search and language switch. axe-core on each; screenshots on desktop and phone."""

import re

import pytest

COALITION = {"ar": "ائتلاف", "en": "coalition"}
NATIONAL_COALITION = {
    "ar": "الائتلاف الوطني لتفعيل الديمقراطية التشاركية",
    "en": "National Coalition for Activating Participatory Democracy",
}
HOME = {"ar": "الصفحة الرئيسية", "en": "home page"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_choose_an_organization_by_a_part_of_its_name(
    page, seeded_live_server, lang, capture_on_desktop_and_phone, assert_no_axe_violations
):
    page.goto(f"{seeded_live_server.url}/{lang}/people/")
    box = page.locator("form.filters input[name=organization]")
    assert box.get_attribute("list") == "id_organization-names"  # the names as suggestions, few as they are
    box.fill(COALITION[lang])
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/\?.*organization="))

    # Several fit: a message, and each of them to choose.
    assert page.locator("form.filters .field.has-error p.error").is_visible()
    offered = page.locator("ul.offered a")
    assert offered.count() == 3
    assert page.locator("ul.organizations > li").count() == 1  # "no one matches": no results shown
    assert_no_axe_violations(page)
    capture_on_desktop_and_phone(page, f"people-organization-offered-{lang}")

    offered.filter(has_text=NATIONAL_COALITION[lang]).click()
    page.wait_for_url(re.compile(r"organization=participatory-democracy-coalition"))
    assert box.input_value() == NATIONAL_COALITION[lang]
    assert page.locator("ul.organizations > li").count() == 3
    assert page.locator("form.filters .has-error").count() == 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_404_page_leads_somewhere(
    page, seeded_live_server, lang, capture_on_desktop_and_phone, assert_no_axe_violations
):
    other = "en" if lang == "ar" else "ar"
    response = page.goto(f"{seeded_live_server.url}/{lang}/no-such-page/")
    assert response.status == 404
    assert page.locator("nav.site-nav a").count() == 5
    assert page.locator("form.site-search input[name=q]").is_visible()
    assert page.get_by_role("link", name=HOME[lang]).is_visible()
    assert_no_axe_violations(page)
    capture_on_desktop_and_phone(page, f"not-found-{lang}")

    page.locator("nav.language-switch a").click()
    page.wait_for_url(re.compile(rf"/{other}/$"))
    assert page.evaluate("document.documentElement.lang") == other
