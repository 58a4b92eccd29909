"""Numbered citations for a page: each fact shown links to the passage of the source that states it."""

from dataclasses import dataclass, field


@dataclass
class Note:
    number: int
    quote: str


@dataclass
class SourceNotes:
    source: object
    notes: list[Note] = field(default_factory=list)


class CitationIndex:
    """Hands out one number per distinct (source, quote) pair, in the order facts appear on the page."""

    def __init__(self, redact=None):
        """`redact`: applied to every quote shown (a `privacy.Redactor` withholds names)."""
        self.redact = redact or (lambda text: text)
        self._numbers: dict[tuple[int, str], int] = {}
        self._by_source: dict[int, SourceNotes] = {}

    def cite(self, source, quote: str) -> int:
        key = (source.pk, quote)
        if key not in self._numbers:
            number = len(self._numbers) + 1
            self._numbers[key] = number
            note = Note(number, self.redact(quote))
            self._by_source.setdefault(source.pk, SourceNotes(source)).notes.append(note)
        return self._numbers[key]

    def annotate(self, rows):
        """Set `row.cite` on each fact row (anything with `source` and `quote`) and return the rows."""
        for row in rows:
            row.cite = self.cite(row.source, row.quote)
        return rows

    @property
    def sources(self) -> list[SourceNotes]:
        return list(self._by_source.values())

    def __len__(self):
        return len(self._numbers)
