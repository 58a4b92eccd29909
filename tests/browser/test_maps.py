"""The map in a real browser: it renders, fits a phone's screen, is not mirrored on Arabic pages, and its
shapes are links a visitor can follow."""

import pytest

from tests.browser.conftest import use_viewport


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_map_fits_a_phone_and_keeps_west_on_the_left(page, seeded_live_server, lang):
    use_viewport(page, "phone")
    page.goto(f"{seeded_live_server.url}/{lang}/")
    svg = box(page, "svg.map-svg")
    assert 300 <= svg["width"] <= 375 and svg["x"] >= 0 and svg["x"] + svg["width"] <= 375
    assert svg["height"] > 150
    fits = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert fits, "the page is wider than the phone's screen"
    morocco, libya = box(page, 'a[data-code="MA"] path'), box(page, 'a[data-code="LY"] path')
    assert morocco["width"] > 20 and libya["width"] > 20
    # Drawn inside the map, west on the left whatever the page's direction.
    assert svg["x"] <= morocco["x"] < libya["x"] <= svg["x"] + svg["width"]
    table = box(page, "table.map-table")
    assert table["x"] >= 0 and table["x"] + table["width"] <= 375


def test_a_shape_is_a_named_link_to_its_filtered_list(page, seeded_live_server):
    page.goto(f"{seeded_live_server.url}/en/")
    libya = page.get_by_role("link", name="Libya: 1 organization")
    assert libya.count() == 1
    with page.expect_navigation():
        libya.click()
    assert page.url == f"{seeded_live_server.url}/en/organizations/?country=LY"
    assert page.locator("h1, h2").filter(has_text="1 organization").count() >= 1


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_country_page_shows_it_with_its_regions(
    page, seeded_live_server, lang, capture_on_desktop_and_phone, assert_no_axe_violations
):
    page.goto(f"{seeded_live_server.url}/{lang}/places/MA/")
    outline = box(page, "path.map-outline")
    region = box(page, 'a[data-code="MA-05"] path')
    assert outline["width"] > 200 and region["width"] > 10
    assert_no_axe_violations(page)
    capture_on_desktop_and_phone(page, f"place-MA-{lang}")
    with page.expect_navigation():
        page.locator('a[data-code="MA-05"]').click()
    assert page.url == f"{seeded_live_server.url}/{lang}/places/MA-05/"
    assert page.locator("path.map-outline").count() == 1
