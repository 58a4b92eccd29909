"""Numbered citations for a page: each fact shown links to the passage of the source that states it.

The sources block quotes each passage once: when one cited passage of a source contains another (their
whitespace folded, as the seeds loader compares a quote with its source), only the longer one is quoted, with
the shorter one's words marked inside it (`<mark id="cite-n">`), where the shorter one's `[n]` links.
Passages that only overlap are quoted apart."""

from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .seeds import fold_whitespace  # as the seeds loader compares a quote with its source


@dataclass(eq=False)
class Note:
    number: int
    quote: str  # as shown: redacted, whitespace folded
    written: str  # as written, whitespace folded: compared with the others, never shown
    within: "Note | None" = None  # the quoted passage that holds this one's words; None: quoted itself
    start: int = 0  # where this one's words start in `within.quote`

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@dataclass
class Passage:
    """A passage quoted in the sources block: a cited passage, with the cited passages it contains marked."""

    note: Note
    marked: list[Note]

    @property
    def number(self) -> int:
        return self.note.number

    @cached_property
    def html(self) -> SafeString:
        return marked_html(self.note.quote, self.marked)


@dataclass
class SourceNotes:
    source: object
    notes: list[Note] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    def arrange(self):
        """Place each note: quoted itself, or marked in the shortest quoted passage that contains it, both as
        written and as shown (redacted). As written: two passages that read alike only once redacted ("[name
        withheld] said") name different people. As shown: the marks are placed on the redacted text, so one
        that holds part of a name the longer one withholds is quoted apart, never marked over the name."""
        quoted: list[Note] = []
        for note in sorted(self.notes, key=lambda n: (-len(n.written), n.number)):  # longer ones first
            around = [p for p in quoted if note.written in p.written and note.quote and note.quote in p.quote]
            if around:
                note.within = min(around, key=lambda p: (len(p.quote), p.number))
                note.start = note.within.quote.index(note.quote)  # where the words first appear
            else:
                note.within, note.start = None, 0
                quoted.append(note)
        self.passages = [
            Passage(note, [n for n in self.notes if n.within is note])
            for note in sorted(quoted, key=lambda n: n.number)
        ]


class CitationIndex:
    """Hands out one number per distinct passage (source and quote, whitespace folded), in the order facts
    appear on the page; `sources` groups them per source for the sources block."""

    def __init__(self, redact=None):
        """`redact`: applied to every quote shown (a `privacy.Redactor` withholds names)."""
        self.redact = redact or (lambda text: text)
        self._numbers: dict[tuple[int, str], int] = {}
        self._by_source: dict[int, SourceNotes] = {}
        self._arranged = True

    def cite(self, source, quote: str) -> int:
        written = fold_whitespace(quote)
        key = (source.pk, written)
        if key not in self._numbers:
            number = len(self._numbers) + 1
            self._numbers[key] = number
            note = Note(number, fold_whitespace(self.redact(quote)), written)
            self._by_source.setdefault(source.pk, SourceNotes(source)).notes.append(note)
            self._arranged = False
        return self._numbers[key]

    def annotate(self, rows):
        """Set `row.cite` on each fact row (anything with `source` and `quote`) and return the rows."""
        for row in rows:
            row.cite = self.cite(row.source, row.quote)
        return rows

    @property
    def sources(self) -> list[SourceNotes]:
        if not self._arranged:
            for group in self._by_source.values():
                group.arrange()
            self._arranged = True
        return list(self._by_source.values())

    def __len__(self):
        return len(self._numbers)


def marked_html(text: str, notes: list[Note]) -> SafeString:
    """`text`, escaped, with the words of each note (`start`, `end`) in a `<mark data-note="n">`, the first
    piece with the note's anchor `id="cite-n"`. Marks nest: one that contains another holds it, and two that
    overlap are cut where the inner one crosses the outer one's end, the rest of it a piece of its own."""
    spans = sorted(notes, key=lambda n: (n.start, -n.end, n.number))  # outer ones first
    bounds = sorted({0, len(text), *(n.start for n in spans), *(n.end for n in spans)})
    opened: list[Note] = []  # the marks open, outermost first
    pieces: list[list] = [[]]  # what is inside each open mark; first, the text outside them all
    anchored: set[int] = set()

    def close_mark():
        note, content = opened.pop(), joined(pieces.pop())
        if note.number in anchored:
            mark = format_html('<mark data-note="{}">{}</mark>', note.number, content)
        else:
            anchored.add(note.number)
            mark = format_html('<mark id="cite-{0}" data-note="{0}">{1}</mark>', note.number, content)
        pieces[-1].append(mark)

    for start, end in pairwise(bounds):
        covering = [n for n in spans if n.start <= start and end <= n.end]
        kept = 0
        while kept < min(len(opened), len(covering)) and opened[kept] is covering[kept]:
            kept += 1
        while len(opened) > kept:
            close_mark()
        for note in covering[kept:]:
            opened.append(note)
            pieces.append([])
        pieces[-1].append(text[start:end])
    while opened:
        close_mark()
    return joined(pieces[0])


def joined(pieces: list) -> SafeString:
    """The pieces one after the other: text escaped, marks (already safe) kept."""
    return format_html_join("", "{}", ((piece,) for piece in pieces))
