"""How pages read, measured from where the browser draws them: mixed-direction text in order (an ISO date left
to right on an Arabic page, a citation mark after its word in both directions), the list's first result on a
phone's first screen with the filters folded, and the filters open beside the results on a desktop."""

import pytest

from tests.browser.conftest import use_viewport

# The x-coordinates of the first and last characters of `text` inside the first element matching `selector`
# whose text holds it, as the browser laid them out.
CHARACTER_EDGES = """([selector, text]) => {
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let content = "", nodes = [];
    while (walker.nextNode()) {
      nodes.push([walker.currentNode, content.length]);
      content += walker.currentNode.data;
    }
    const at = content.indexOf(text);
    if (at < 0) continue;
    const box = (offset) => {
      const [node, start] = nodes.filter(([, s]) => s <= offset).pop();
      const range = document.createRange();
      range.setStart(node, offset - start);
      range.setEnd(node, offset - start + 1);
      const rect = range.getBoundingClientRect();
      return {left: rect.left, right: rect.right, top: rect.top};
    };
    return {first: box(at), last: box(at + text.length - 1)};
  }
  return null;
}"""

# The box of the citation mark that follows the word `word` in the first paragraph or item holding both.
WORD_AND_MARK = """([selector, word]) => {
  for (const element of document.querySelectorAll(selector)) {
    const mark = element.querySelector("sup.cite");
    if (!mark || !element.textContent.includes(word)) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, at = node.data.lastIndexOf(word);
      if (at < 0 || mark.contains(node)) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const w = range.getBoundingClientRect(), m = mark.getBoundingClientRect();
      return {
        word: {left: w.left, right: w.right, top: w.top},
        mark: {left: m.left, right: m.right, top: m.top},
        direction: getComputedStyle(element).direction,
      };
    }
  }
  return null;
}"""


def test_an_iso_date_reads_left_to_right_on_an_arabic_page(page, seeded_live_server):
    page.goto(f"{seeded_live_server.url}/ar/data/")
    edges = page.evaluate(CHARACTER_EDGES, ["td", "2017-09-16"])
    assert edges is not None
    assert edges["first"]["top"] == pytest.approx(edges["last"]["top"], abs=2)  # on one line
    assert edges["first"]["left"] < edges["last"]["left"], "the year must come first, on the left"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_citation_mark_follows_its_latin_word(page, seeded_live_server, lang):
    """The Moroccan branch's fifth objective ends on "ECOSOC" in both languages, then its citation mark."""
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/inlw-morocco/")
    found = page.evaluate(WORD_AND_MARK, ["ol li", "ECOSOC"])
    assert found is not None
    word, mark = found["word"], found["mark"]
    if found["direction"] == "rtl":
        assert mark["right"] <= word["left"] + 1, f"the mark must be left of ECOSOC: {found}"
    else:
        assert mark["left"] >= word["right"] - 1, f"the mark must be right of ECOSOC: {found}"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_on_a_phone_the_filters_fold_and_the_first_result_is_on_the_first_screen(
    page, seeded_live_server, lang
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/")
    first = page.locator("ul.organizations > li").first
    assert first.bounding_box()["y"] + 40 < 740  # its name at least
    assert not page.locator("fieldset.facet").first.is_visible()
    page.locator("details.filters-panel > summary").click()
    assert page.locator("fieldset.facet").first.is_visible()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_on_a_desktop_the_filters_are_open_beside_the_results(page, seeded_live_server, lang):
    use_viewport(page, "desktop")
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/")
    facets = page.locator("fieldset.facet").first
    results = page.locator("ul.organizations > li").first
    assert facets.is_visible() and results.is_visible()
    assert not page.locator("details.filters-panel > summary").is_visible()
    beside = facets.bounding_box()["x"] > results.bounding_box()["x"]
    assert beside if lang == "ar" else not beside  # the filters on the start side: right in Arabic


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("en", "1 organization in Morocco working on Women's rights"),
        ("ar", "منظمة واحدة في المغرب تعمل على حقوق المرأة"),
    ],
)
def test_the_count_says_what_it_counts(page, seeded_live_server, lang, sentence):
    page.goto(f"{seeded_live_server.url}/{lang}/organizations/?country=MA&cause=womens-rights")
    assert page.locator(".results-summary").inner_text() == sentence
