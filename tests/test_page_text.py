"""The public pages read as a person would write them, and their markup is what the Nu HTML Checker accepts:
a short name is not repeated after a name that already gives it, a list's commas follow their words, a
citation mark follows what it cites (never a number it could be read with), a figure's caption is its first
or last child, and no form has an empty action."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from networks.models import Organization

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag: str, cls: str = ""):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (not cls or cls in child.classes()):
                    yield child
                yield from child.find_all(tag, cls)

    def elements(self) -> list["Node"]:
        return [child for child in self.children if isinstance(child, Node)]

    def text(self, language: str) -> str:
        """The text a reader sees, whitespace collapsed as a browser does, with the comma the stylesheet puts
        before each item of an inline list but the first (`.inline-list > li + li::before`)."""
        parts = []
        items = 0
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
                continue
            if child.tag == "li" and "inline-list" in self.classes():
                if items:
                    parts.append("، " if language == "ar" else ", ")
                items += 1
            parts.append(child.text(language))
        return re.sub(r"\s+", " ", "".join(parts))


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.root = self.current = Node("document", {})
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def tree(client, url: str) -> Node:
    response = client.get(url)
    assert response.status_code == 200, url
    return Tree(response.content.decode()).root


def texts(root: Node, tag: str, cls: str, language: str) -> list[str]:
    return [node.text(language).strip() for node in root.find_all(tag, cls)]


# --- Short names ---------------------------------------------------------------------------------------


class TestShortNames:
    @pytest.mark.parametrize(
        ("name", "short_name", "shown"),
        [
            ("Women's Network Initiative (Defenders)", "Defenders", ""),
            ("Women's Network Initiative ( defenders )", "Défenders", ""),  # folded as the search folds
            ("Economic and Social Council [ECOSOC]", "ECOSOC", ""),
            ("ECOSOC", "ECOSOC", ""),
            ("Economic and Social Council", "ECOSOC", "ECOSOC"),
            (
                "Maghreb Women's Coalition for Al-Quds",
                "Maghreb Women's Coalition",
                "Maghreb Women's Coalition",
            ),
            ("Defenders of rights (Libya)", "Defenders", "Defenders"),
            ("Anything", "", ""),
        ],
    )
    def test_the_short_name_is_shown_unless_the_name_already_gives_it_in_brackets(
        self, name, short_name, shown
    ):
        organization = Organization(name_en=name, short_name_en=short_name)
        with translation.override("en"):
            assert organization.distinct_short_name == shown

    def test_the_list_does_not_repeat_a_short_name_the_name_gives(self, client, seeded):
        items = texts(tree(client, "/en/organizations/?q=Libya"), "li", "organization-item", "en")
        defenders = next(item for item in items if item.startswith("Women’s Rights"))
        assert defenders.startswith(
            "Women’s Rights & Women’s Network Initiative (Defenders) national network"
        )
        assert "(Defenders) (Defenders)" not in " ".join(items)
        # The Arabic name says مدافعات without brackets: its short name still follows it.
        items = texts(tree(client, "/ar/organizations/?q=Libya"), "li", "organization-item", "ar")
        assert any(item.startswith("مبادرة شبكة مدافعات عن حقوق المرأة (مدافعات)") for item in items)

    def test_the_organization_page_cites_the_short_name_on_the_name_that_gives_it(self, client, seeded):
        root = tree(client, "/en/organizations/defenders-libya/")
        header = next(root.find_all("article", "organization")).elements()[0]
        heading, other_names = header.elements()
        assert heading.text("en") == "Women’s Rights & Women’s Network Initiative (Defenders)[1][8]"
        assert "Defenders" not in other_names.text("en")
        anchors = {node.attrs["id"] for node in root.find_all("mark") if "id" in node.attrs}
        assert "cite-8" in anchors  # the short name's note, whose mark is now on the heading


# --- Lists and their commas ----------------------------------------------------------------------------


class TestInlineLists:
    @pytest.mark.parametrize(
        ("language", "reads"),
        [
            ("en", "Women’s Rights & Women’s Network Initiative (Defenders) (subject), Nisreen Amer"),
            ("ar", "مبادرة شبكة مدافعات عن حقوق المرأة (موضوع الحدث)، نسرين عامر"),
        ],
    )
    def test_an_events_participants_read_with_their_commas_after_the_words(
        self, client, seeded, language, reads
    ):
        lists = texts(tree(client, f"/{language}/events/"), "ul", "inline-list", language)
        assert any(text.startswith(reads) for text in lists), lists
        assert not [text for text in lists if " ," in text or " ،" in text]

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_the_places_and_causes_of_an_organization_read_with_their_commas(self, client, seeded, language):
        root = tree(client, f"/{language}/organizations/inlw-morocco/")
        lists = texts(root, "ul", "inline-list", language)
        assert len(lists) == 2 and any("،" in text or "," in text for text in lists), lists
        assert not [text for text in lists if " ," in text or " ،" in text]


# --- Citation marks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "issues"), [("en", "Defender", "5 issues"), ("ar", "مجلة المدافعة", "5 أعداد")]
)
def test_a_publications_note_follows_its_title_not_its_issue_count(client, seeded, language, title, issues):
    root = tree(client, f"/{language}/organizations/defenders-libya/")
    sections = root.find_all("section")
    section = next(node for node in sections if node.attrs.get("aria-labelledby") == "publications")
    magazine = next(item for item in section.find_all("li") if item.text(language).strip().startswith(title))
    text = magazine.text(language).strip()
    assert re.match(rf"{title}\[\d+\] · ", text), text
    assert text.endswith(f" · {issues}"), text  # no note number after the count


# --- Filter forms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "all_"), [("en", "All"), ("ar", "الكل")])
@pytest.mark.parametrize("path", ["people/", "events/", "goals/"])
def test_an_empty_choice_of_a_filter_reads_all(client, seeded, language, all_, path):
    form = next(tree(client, f"/{language}/{path}").find_all("form", "filters"))
    selects = list(form.find_all("select"))
    assert selects
    for select in selects:
        first = select.elements()[0]
        assert (first.attrs["value"], first.text(language).strip()) == ("", all_)
    assert "---" not in form.text(language)


# --- What the Nu HTML Checker asks for -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/", "/ar/", "/en/events/"])
def test_a_charts_caption_is_the_figures_last_child(client, seeded, url):
    figures = list(tree(client, url).find_all("figure", "chart"))
    assert figures
    for figure in figures:
        assert figure.elements()[-1].tag == "figcaption"
        assert [node.tag for node in figure.elements()].count("figcaption") == 1


@pytest.mark.parametrize("path", ["organizations/", "people/", "events/", "goals/"])
def test_every_form_has_a_non_empty_action(client, seeded, path):
    forms = list(tree(client, f"/en/{path}?page=1").find_all("form"))
    assert len(forms) == 2  # the site's search and the list's filters
    assert all(form.attrs.get("action") for form in forms)
    assert forms[1].attrs["action"] == f"/en/{path}"
