"""The source workbench in a real browser, in Arabic and English: an editor selects a passage of a seeded
source that nothing cites yet, puts it into the form with the keyboard ("Use the selected passage"), sees the
live check say it is a passage and the links carry it, creates a goal from it, finds the passage marked after
the reload and the goal with its quote on the organization's public page. axe-core on the workbench;
screenshots."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from networks.models import Goal, Organization, Source
from networks.workbench import facts_citing, marked, sentences
from tests.admin_helpers import admin_url, log_in

# The interface's language, the seeded source opened in it and the organization the goal is of.
CASES = {
    "ar": ("haraki-women-beni-mellal-meeting", "haraki-women-beni-mellal-khenifra"),
    "en": ("defenders-libya-self-description", "defenders-libya"),
}
GOAL_TEXT = {"ar": "هدف من منضدة العمل", "en": "A goal from the workbench"}

SELECT = """(passage) => {
  const root = document.getElementById("workbench-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(passage);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + passage.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    }
  }
  return null;
}"""


def uncited_sentence(source: Source) -> str:
    """The first sentence of the source's text (as the workbench shows it) that no cited passage touches and
    that occurs once."""
    shown = marked(source, facts_citing(source))
    for start, end in sentences(shown.text):
        words = shown.text[start:end].strip()
        touched = any(p.start < end and start < p.end for p in shown.passages)
        if not touched and len(words) > 30 and shown.text.count(words) == 1:
            return words
    raise AssertionError(f"every sentence of {source.slug} is cited")


@pytest.fixture
def no_csp_violations(page):
    """Fails the test if the page reports a Content-Security-Policy violation (an inline script or style) from
    its document or one of its scripts. axe-core, which the test injects (no file: an empty `url`), applies
    styles of its own and is left out."""
    reports = []

    def on_console(message):
        if "Content Security Policy" in message.text and message.location.get("url"):
            reports.append(f"{page.url} {message.location}: {message.text[:80]}")

    page.on("console", on_console)
    yield
    assert reports == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_goal_is_cited_by_selecting_its_passage(
    page, seeded_live_server, superuser, lang, assert_no_axe_violations, screenshot, no_csp_violations
):
    base = seeded_live_server.url
    source_slug, organization_slug = CASES[lang]
    source = Source.objects.get(slug=source_slug)
    organization = Organization.objects.get(slug=organization_slug)
    passage = uncited_sentence(source)
    log_in(page, base, lang)
    workbench = base + admin_url("networks_source_workbench", source.pk, language=lang)
    page.goto(workbench)
    text = page.locator("#workbench-text")
    assert text.get_attribute("dir") == ("rtl" if source.language == "ar" else "ltr")
    assert page.locator("#workbench-text mark").count() > 0
    assert_no_axe_violations(page)

    # Select the passage, then press the button with the keyboard.
    assert page.evaluate(SELECT, passage) == passage
    use = page.locator("#workbench-use-selection")
    use.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_quote").input_value() == passage
    page.locator("#workbench-check[data-state=ok]").wait_for()
    assert page.locator("#workbench-check").inner_text().strip()  # says so, in the page's language
    # The links to the other facts' forms carry the passage.
    citation = page.locator(".workbench-links a").first.get_attribute("href")
    assert parse_qs(urlsplit(citation).query)["quote"] == [passage]

    # Typing a word the source does not hold: the check says so at once.
    page.locator("#id_quote").press("End")
    page.keyboard.type(" xyz")
    page.locator("#workbench-check[data-state=bad]").wait_for()
    page.locator("#id_quote").fill(passage)
    page.locator("#workbench-check[data-state=ok]").wait_for()

    # The organization through the admin's autocomplete, then the goal's kind and text.
    page.locator(".field-organization .select2-selection").click()
    page.locator(".select2-search__field").fill(organization_slug)
    name = organization.name_ar if lang == "ar" else organization.name_en
    page.locator(".select2-results__option", has_text=name).first.click()
    page.select_option("#id_kind", "activity")
    page.fill(f"#id_text_{lang}", GOAL_TEXT[lang])
    screenshot(page, f"workbench-form-{lang}")
    with page.expect_navigation():
        page.locator("#workbench-form input[type=submit]").click()
    assert page.url == workbench

    goal = Goal.objects.get(organization=organization, quote=passage)
    assert goal.source == source and goal.kind == "activity"
    # After the reload, the passage is marked and listed with its goal.
    marks = page.locator("#workbench-text mark")
    assert passage in "".join(marks.all_text_contents()).replace("\n", " ")
    goal_link = page.locator(f'.workbench-passages a[href$="/goal/{goal.pk}/change/"]')
    assert goal_link.count() == 1
    page.locator(".messagelist").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, f"workbench-{lang}")

    # The goal and its quote on the organization's public page.
    page.goto(f"{base}/{lang}/organizations/{organization_slug}/")
    body = re.sub(r"\s+", " ", page.locator("main").inner_text())
    assert GOAL_TEXT[lang] in body
    assert passage in body

    # The review queue lists the change first, by its editor, linking to the goal.
    page.goto(base + admin_url("review", language=lang))
    latest = page.locator("#changes tbody tr").first
    assert latest.locator(f'a[href$="/goal/{goal.pk}/change/"]').count() == 1
    assert "admin" in latest.inner_text()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_new_source_from_a_file_opens_its_workbench(
    page, live_server, superuser, lang, tmp_path, assert_no_axe_violations, screenshot, no_csp_violations
):
    document = tmp_path / "report.html"
    document.write_text(
        "<html><head><style>p {}</style></head><body><h1>تقرير</h1><p>تأسست الشبكة بتونس.</p></body></html>",
        encoding="utf-8",
    )
    log_in(page, live_server.url, lang)
    page.goto(live_server.url + admin_url("networks_source_new_from_text", language=lang))
    assert_no_axe_violations(page)
    page.set_input_files("#id_upload", str(document))
    page.fill("#id_title_en", "A report from Tunis")
    page.select_option("#id_kind", "report")
    screenshot(page, f"new-source-{lang}")
    with page.expect_navigation():
        page.locator("#new-source-form input[type=submit]").click()

    source = Source.objects.get(title_en="A report from Tunis")
    assert (source.full_text, source.language) == ("تقرير\n\nتأسست الشبكة بتونس.", "ar")
    assert page.url == live_server.url + admin_url("networks_source_workbench", source.pk, language=lang)
    assert page.locator("#workbench-text").get_attribute("dir") == "rtl"
    assert page.locator("#workbench-text mark").count() == 0
    assert page.locator("meter").get_attribute("value") == "0"
