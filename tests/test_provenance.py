"""Numbered citations (networks/provenance.py): each fact on a page links `[n]` to the passage of its source
that states it, and the sources block at the bottom quotes each passage once.

When one cited passage of a source contains another (compared with their whitespace folded, as the seeds
loader compares a quote with its source), the block quotes the longer one only and marks the shorter one's
words inside it: `<mark id="cite-n">`, where the shorter one's `[n]` links. Passages that only overlap stay
apart. Quotes are shown redacted (withheld names) and the marks are placed on the redacted text, so a mark
never shows, or points at, a withheld name.

No database: the sources are unsaved `Source` rows.
"""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from networks.models import Source
from networks.privacy import Redactor
from networks.provenance import CitationIndex

FOUNDING = "The coalition was founded in Rabat on 16 September 2017 by forty women's associations."
ARABIC = "تأسست يوم السبت 16 شتنبر 2017 بالرباط، الشبكة الدولية للنساء الليبراليات، فرع المغرب"


def source(pk=1, language="en") -> Source:
    return Source(pk=pk, slug=f"source-{pk}", title=f"Source {pk}", language=language)


class Shown(HTMLParser):
    """What the sources block shows: the quoted passages (their list number and their text) and the words each
    mark covers (a mark cut in pieces to nest with another has them all), checking on the way that the marks
    nest and that each number has one anchor."""

    def __init__(self, html: str):
        super().__init__()
        self.passages: dict[int, str] = {}  # list number → the blockquote's text
        self.marked: dict[int, str] = {}  # note number → the words its mark pieces cover
        self.anchors: list[int] = []  # the numbers of every id="cite-n"
        self.inside: dict[int, set[int]] = {}  # note → its passage and the marks around it
        self.blockquote_langs: list[tuple[str, str]] = []
        self._open: list[tuple[str, int | None]] = []  # open tags and their note number
        self._item: int | None = None
        self.feed(html)
        self.close()
        assert not self._open, self._open

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (anchor := attrs.get("id", "")).startswith("cite-"):
            self.anchors.append(int(anchor.removeprefix("cite-")))
        number = None
        if tag == "li" and "value" in attrs:
            self._item = number = int(attrs["value"])
            assert attrs["id"] == f"cite-{number}"
        elif tag == "blockquote":
            self.passages[self._item] = ""
            self.blockquote_langs.append((attrs["lang"], attrs["dir"]))
        elif tag == "mark":
            number = int(attrs["data-note"])
            self.marked.setdefault(number, "")
            around = {n for _, n in self._open if n is not None and n != number}
            self.inside.setdefault(number, set()).update(around)
        self._open.append((tag, number))

    def handle_endtag(self, tag):
        assert self._open and self._open[-1][0] == tag, f"</{tag}> closes {self._open[-1:]}: marks must nest"
        self._open.pop()

    def handle_data(self, data):
        if any(tag == "blockquote" for tag, _ in self._open):
            self.passages[self._item] += data
        for number in {n for tag, n in self._open if tag == "mark"}:
            self.marked[number] += data


def shown(index: CitationIndex) -> Shown:
    html = render_to_string("includes/sources.html", {"citations": index})
    result = Shown(html)
    result.passages = {n: " ".join(text.split()) for n, text in result.passages.items()}
    assert sorted(result.anchors) == list(range(1, len(index) + 1)), "one anchor per number"
    return result


class TestOnePassageInsideAnother:
    def test_is_quoted_once_with_the_shorter_ones_words_marked(self):
        index = CitationIndex()
        short = index.cite(source(), "founded in Rabat")
        long = index.cite(source(), FOUNDING)
        page = shown(index)
        assert page.passages == {long: FOUNDING}
        assert page.marked == {short: "founded in Rabat"}

    def test_the_shorter_ones_number_links_to_its_mark(self):
        index = CitationIndex()
        long = index.cite(source(), FOUNDING)
        short = index.cite(source(), "forty women's associations")
        html = render_to_string("includes/sources.html", {"citations": index})
        assert f'<li id="cite-{long}" value="{long}">' in html
        assert f'<mark id="cite-{short}" data-note="{short}">forty women&#x27;s associations</mark>' in html

    def test_whitespace_is_folded_before_comparing(self):
        index = CitationIndex()
        long = index.cite(source(), FOUNDING.replace(" in Rabat ", "\n   in Rabat\n"))
        short = index.cite(source(), "founded  in\nRabat")
        page = shown(index)
        assert page.passages == {long: FOUNDING}
        assert page.marked == {short: "founded in Rabat"}

    def test_the_same_passage_cited_twice_has_one_number(self):
        index = CitationIndex()
        assert index.cite(source(), "founded in Rabat") == index.cite(source(), "founded\nin  Rabat ") == 1
        assert len(index) == 1

    def test_a_chain_of_passages_nests_its_marks(self):
        index = CitationIndex()
        rabat = index.cite(source(), "Rabat")
        founded = index.cite(source(), "founded in Rabat")
        whole = index.cite(source(), FOUNDING)
        dated = index.cite(source(), "founded in Rabat on 16 September 2017")
        page = shown(index)
        assert list(page.passages) == [whole]
        assert page.marked == {
            rabat: "Rabat",
            founded: "founded in Rabat",
            dated: "founded in Rabat on 16 September 2017",
        }
        assert page.inside[rabat] == {whole, dated, founded}
        assert page.inside[founded] == {whole, dated}

    def test_marks_that_overlap_inside_the_passage_are_cut_to_nest(self):
        index = CitationIndex()
        place = index.cite(source(), "founded in Rabat on 16")
        date = index.cite(source(), "Rabat on 16 September 2017")
        whole = index.cite(source(), FOUNDING)
        page = shown(index)  # checks that the pieces nest and that each number has one anchor
        assert list(page.passages) == [whole]
        assert page.marked == {place: "founded in Rabat on 16", date: "Rabat on 16 September 2017"}

    def test_words_found_twice_are_marked_where_they_first_appear(self):
        index = CitationIndex()
        twice = "The bureau met in Rabat. The bureau met again."
        index.cite(source(), twice)
        bureau = index.cite(source(), "The bureau met")
        html = render_to_string("includes/sources.html", {"citations": index})
        assert html.count("<mark") == 1
        assert f'<mark id="cite-{bureau}" data-note="{bureau}">The bureau met</mark> in Rabat.' in html


class TestPassagesThatStayApart:
    def test_a_short_passage_inside_two_is_marked_once_in_the_shorter_of_them(self):
        index = CitationIndex()
        short = index.cite(source(), "16 September 2017")
        longer = index.cite(source(), "The coalition was founded in Rabat on 16 September 2017")
        shorter = index.cite(source(), "16 September 2017 by forty women's associations.")
        page = shown(index)
        assert set(page.passages) == {longer, shorter}  # they overlap: neither contains the other
        assert page.marked == {short: "16 September 2017"}
        assert page.inside[short] == {shorter}

    def test_overlapping_passages_are_both_quoted_whole(self):
        index = CitationIndex()
        first = index.cite(source(), "founded in Rabat on 16 September")
        second = index.cite(source(), "16 September 2017 by forty")
        page = shown(index)
        assert page.passages == {
            first: "founded in Rabat on 16 September",
            second: "16 September 2017 by forty",
        }
        assert page.marked == {}

    def test_passages_of_different_sources_are_not_compared(self):
        index = CitationIndex()
        long = index.cite(source(1), FOUNDING)
        short = index.cite(source(2), "founded in Rabat")
        page = shown(index)
        assert page.passages == {long: FOUNDING, short: "founded in Rabat"}
        assert page.marked == {}


class TestRedaction:
    redact = Redactor(["Amal Haddad", "Salma Idrissi"])

    @pytest.fixture(autouse=True)
    def _in_english(self):
        with translation.override("en"):  # "[name withheld]" is in the page's language
            yield

    def test_a_withheld_name_is_redacted_in_the_containing_passage_and_in_the_mark(self):
        index = CitationIndex(self.redact)
        long = index.cite(source(), "The members elected Amal Haddad as chair of the bureau in 2017.")
        short = index.cite(source(), "elected Amal  Haddad as chair")
        html = render_to_string("includes/sources.html", {"citations": index})
        assert "Amal" not in html and "Haddad" not in html
        page = shown(index)
        assert page.passages == {long: "The members elected [name withheld] as chair of the bureau in 2017."}
        assert page.marked == {short: "elected [name withheld] as chair"}

    def test_a_passage_is_marked_only_where_its_words_as_written_are_too(self):
        # Both read "[name withheld] chairs" once redacted, but the shorter one names someone else.
        index = CitationIndex(self.redact)
        long = index.cite(source(), "Amal Haddad chairs the bureau.")
        short = index.cite(source(), "Salma Idrissi chairs")
        html = render_to_string("includes/sources.html", {"citations": index})
        assert not any(word in html for word in ("Amal", "Haddad", "Salma", "Idrissi"))
        page = shown(index)
        assert page.passages == {long: "[name withheld] chairs the bureau.", short: "[name withheld] chairs"}
        assert page.marked == {}

    def test_a_name_cut_by_the_shorter_passage_is_not_marked_half_redacted(self):
        # As written the shorter one is inside the longer; shown, it keeps a part of the name the longer
        # one withholds: it is quoted apart (as the redactor leaves it) rather than marked over the
        # placeholder.
        index = CitationIndex(self.redact)
        index.cite(source(), "The members elected Amal Haddad as chair.")
        index.cite(source(), "Haddad as chair")
        page = shown(index)
        assert page.marked == {}
        assert len(page.passages) == 2


class TestMarkup:
    def test_markup_in_a_quote_is_escaped_around_and_inside_the_marks(self):
        index = CitationIndex()
        long = index.cite(source(), "Members: < 50 & <b>growing</b> fast")
        short = index.cite(source(), "< 50 & <b>growing")
        html = render_to_string("includes/sources.html", {"citations": index})
        assert "<b>" not in html and "< 50" not in html
        assert f'<mark id="cite-{short}" data-note="{short}">&lt; 50 &amp; &lt;b&gt;growing</mark>' in html
        assert shown(index).passages == {long: "Members: < 50 & <b>growing</b> fast"}

    def test_arabic_passages_keep_their_direction_with_their_marks(self):
        index = CitationIndex()
        long = index.cite(source(language="ar"), ARABIC)
        short = index.cite(source(language="ar"), "الشبكة الدولية للنساء الليبراليات")
        page = shown(index)
        assert page.blockquote_langs == [("ar", "rtl")]
        assert page.passages == {long: ARABIC}
        assert page.marked == {short: "الشبكة الدولية للنساء الليبراليات"}
