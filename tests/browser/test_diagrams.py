"""The network diagram of an organization page in a real browser, in both languages, on a phone and a desktop:
every label stays inside its box, hangs from the page's reading side, the drawing leaves the tab order to
its list, axe finds nothing, and screenshots of the diagram are written for a person to look at."""

import pytest

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS

DIRECTION = {"ar": "rtl", "en": "ltr"}
# The Moroccan branch: its parent, a body with thirteen members (four named, "and 9 more"), a planned body.
# The coalition: three regional coordinations and members outside any body.
PAGES = ["inlw-morocco", "participatory-democracy-coalition", "haraki-women"]

# Every label's box, its drawn text's box, and which side of the box the text hangs from.
LABEL_GEOMETRY = """() => [...document.querySelectorAll('.network-diagram a')].flatMap(node => {
    const rect = node.querySelector('rect').getBBox();
    return [...node.querySelectorAll('text')].map(text => {
        const box = text.getBBox();
        return {
            text: text.textContent, full: node.querySelector('title').textContent,
            rect: [rect.x, rect.x + rect.width], drawn: [box.x, box.x + box.width],
            fromStart: box.x - rect.x, fromEnd: rect.x + rect.width - (box.x + box.width),
        };
    });
})"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("slug", PAGES)
def test_every_label_fits_its_box_on_the_reading_side(page, seeded_live_server, lang, slug, use_viewport):
    use_viewport(page, "phone")
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/{slug}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    labels = page.evaluate(LABEL_GEOMETRY)
    assert len(labels) >= 4
    for label in labels:
        assert label["fromStart"] >= 0 and label["fromEnd"] >= 0, label  # inside its box
        # Hangs from the reading side: the right on an Arabic page, the left on an English one.
        padding = label["fromEnd"] if lang == "ar" else label["fromStart"]
        assert padding == pytest.approx(10, abs=1), label
    shortened = [label for label in labels if label["text"].endswith("…")]
    assert all(label["text"][:-1].strip() in label["full"] for label in shortened)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_diagram_in_both_widths(page, seeded_live_server, lang, use_viewport, assert_no_axe_violations):
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/inlw-morocco/")
    diagram = page.locator("section.network")
    # The drawing is for the eyes; its list is the way through it by keyboard and screen reader.
    nodes = page.locator(".network-diagram a")
    assert page.locator(".network-diagram svg").get_attribute("aria-hidden") == "true"
    assert page.locator(".network-diagram a[tabindex='-1']").count() == nodes.count()
    assert page.locator(".network-tree a").count() == nodes.count() - 1  # the page itself is no link there
    assert_no_axe_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in VIEWPORTS:
        use_viewport(page, viewport)
        page.evaluate("document.fonts.ready.then(() => true)")
        fits = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert fits, f"the page is wider than the {viewport} screen"
        width = diagram.locator("svg").bounding_box()["width"]
        assert width <= VIEWPORTS[viewport]["width"] - 16
        diagram.screenshot(path=SCREENSHOTS / f"diagram-inlw-morocco-{lang}-{viewport}.png")

    # A node is a link: the parent network's page.
    use_viewport(page, "desktop")
    page.locator(".network-diagram a.diagram-parent").click()
    page.wait_for_url(f"**/{lang}/organizations/inlw/")
    assert page.evaluate("document.documentElement.dir") == DIRECTION[lang]
