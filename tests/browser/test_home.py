"""The home page in a real browser, in both languages: lang and dir, the language switch, axe, screenshots."""

import pytest

DIRECTION = {"ar": "rtl", "en": "ltr"}
OTHER = {"ar": "en", "en": "ar"}


def html_lang_and_dir(page):
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_home_page(page, seeded_live_server, lang, capture_on_desktop_and_phone, assert_no_axe_violations):
    response = page.goto(f"{seeded_live_server.url}/{lang}/")
    assert response.status == 200
    assert html_lang_and_dir(page) == [lang, DIRECTION[lang]]
    # The computed direction, not only the attribute.
    assert page.evaluate("getComputedStyle(document.body).direction") == DIRECTION[lang]

    assert_no_axe_violations(page)

    capture_on_desktop_and_phone(page, f"home-{lang}")

    other = OTHER[lang]
    switch = page.locator("nav.language-switch a")
    assert switch.count() == 1
    with page.expect_navigation():
        switch.click()
    assert page.url == f"{seeded_live_server.url}/{other}/"
    assert html_lang_and_dir(page) == [other, DIRECTION[other]]


def test_arabic_font_is_served_by_the_app(page, seeded_live_server):
    """static/css/fonts.css: the site's face (Noto Sans Arabic for Arabic) loads from the app's own static
    files (no CDN)."""
    fonts = f"{seeded_live_server.url}/static/vendor/fonts/"
    font_requests = []
    page.on("requestfinished", lambda request: font_requests.append(request.url))
    page.goto(f"{seeded_live_server.url}/ar/")
    loaded_weights = page.evaluate(
        """document.fonts.ready.then(() => [...document.fonts]
            .filter(face => face.family.replace(/["']/g, '') === 'Shabakat')
            .filter(face => face.status === 'loaded')
            .map(face => face.weight))"""
    )
    assert "400" in loaded_weights
    woff2 = [url for url in font_requests if url.endswith(".woff2")]
    assert woff2
    assert all(url.startswith(fonts) for url in woff2)
    assert any("/noto-sans-arabic/" in url for url in woff2)
