"""What a visitor does, in a real browser, in each language: filter by Libya, open the Libyan network,
switch language, search with an unnormalized Arabic spelling; axe-core on every kind of page; screenshots
of the filtered list and an organization page on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

DIRECTION = {"ar": "rtl", "en": "ltr"}
OTHER = {"ar": "en", "en": "ar"}
LIBYA = {"ar": "ليبيا", "en": "Libya"}
DEFENDERS = {"ar": "مبادرة شبكة مدافعات عن حقوق المرأة", "en": "Women’s Rights & Women’s Network Initiative"}


def lang_and_dir(page):
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_filter_by_libya_open_the_network_and_switch_language(
    page, seeded_live_server, lang, capture_on_desktop_and_phone, assert_no_axe_violations
):
    page.goto(f"{seeded_live_server.url}/{lang}/")
    # From the home page's entry points by country.
    page.get_by_role("link", name=LIBYA[lang], exact=True).first.click()
    page.wait_for_url(re.compile(r"/organizations/\?country=LY$"))
    results = page.locator("ul.organizations > li")
    assert results.count() == 1
    assert DEFENDERS[lang] in results.first.inner_text()
    checked = page.locator("input[name=country]:checked")
    assert checked.count() == 1 and checked.get_attribute("value") == "LY"
    assert LIBYA[lang] in page.locator("ul.chips").inner_text()  # the filter in use, removable
    assert_no_axe_violations(page)
    capture_on_desktop_and_phone(page, f"list-libya-{lang}")

    # The language switch keeps the filter.
    page.locator("nav.language-switch a").click()
    page.wait_for_url(re.compile(rf"/{OTHER[lang]}/organizations/\?country=LY$"))
    assert lang_and_dir(page) == [OTHER[lang], DIRECTION[OTHER[lang]]]
    assert page.locator("ul.organizations > li").count() == 1
    page.go_back()

    page.locator("ul.organizations > li a").first.click()
    page.wait_for_url(re.compile(r"/organizations/defenders-libya/$"))
    assert lang_and_dir(page) == [lang, DIRECTION[lang]]
    assert page.locator("#sources-heading").is_visible()
    assert_no_axe_violations(page)
    capture_on_desktop_and_phone(page, f"organization-defenders-{lang}")

    # A citation mark jumps to its quoted passage.
    mark = page.locator("sup.cite a").first
    target = mark.get_attribute("href")
    mark.click()
    assert page.url.endswith(target)
    assert page.locator(f"{target} blockquote").is_visible()

    page.locator("nav.language-switch a").click()
    page.wait_for_url(re.compile(rf"/{OTHER[lang]}/organizations/defenders-libya/$"))
    assert lang_and_dir(page) == [OTHER[lang], DIRECTION[OTHER[lang]]]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_citation_inside_a_longer_passage_lands_on_its_marked_words(
    page, seeded_live_server, lang, use_viewport, screenshot, assert_no_axe_violations
):
    # The Moroccan branch's 22 passages are quoted in two: the other twenty are marked inside them.
    use_viewport(page, "phone")
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/inlw-morocco/")
    assert page.locator(".sources blockquote").count() == 2
    assert page.locator(".sources mark[id]").count() == 20
    assert_no_axe_violations(page)
    screenshot(page, f"organization-inlw-morocco-{lang}-phone")

    link = page.locator("h1 sup.cite a")  # the name: a few words of the article's first paragraph
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    mark = page.locator(f".sources blockquote[dir=rtl] mark{target}")
    expect(mark).to_be_in_viewport()
    assert mark.inner_text().startswith("تأسست يوم السبت 16 شتنبر 2017 بالرباط")
    # Its number is shown before its words (the passage's own is the list item's).
    number = target.removeprefix("#cite-")
    assert mark.evaluate("el => getComputedStyle(el, '::before').content") == f'"[{number}]"'


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_search_with_an_unnormalized_arabic_spelling(page, seeded_live_server, lang):
    page.goto(f"{seeded_live_server.url}/{lang}/")
    search = page.locator("#home-q")
    search.fill("ائتلاف المراة المغاربي")  # المرأة typed without its hamza
    search.press("Enter")
    page.wait_for_url(re.compile(r"/organizations/\?q="))
    links = page.locator("ul.organizations > li a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"/{lang}/organizations/maghreb-womens-coalition/" in hrefs


def test_keyboard_reaches_the_content_first(page, seeded_live_server):
    page.goto(f"{seeded_live_server.url}/ar/organizations/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main"
    assert skip.is_visible()  # the skip link shows itself when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "organizations/",
        "organizations/maghreb-womens-coalition/",
        "people/nisreen-amer/",
        "places/MA/",
        "causes/womens-rights/",
        "events/",
        "people/",
        "goals/?organization=maghreb-womens-coalition",
        "data/",
    ],
)
def test_no_accessibility_violations(page, seeded_live_server, lang, path, assert_no_axe_violations):
    response = page.goto(f"{seeded_live_server.url}/{lang}/{path}")
    assert response.status == 200
    assert_no_axe_violations(page)
