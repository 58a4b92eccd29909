"""Privacy of the people named: a person marked not public (`Person.is_public`) disappears from everything
the public can read. The visibility layer (`public.py`) leaves their rows out; their names are also taken
out of the free texts that quote the sources (quoted passages, source documents), which `Redactor` does
(`public.redactor()` makes the one every public output applies).
"""

import functools
import re
from collections.abc import Iterable

from django.utils.translation import gettext, gettext_noop

from .search import ARABIC_PREFIXES, name_pattern, normalize

WITHHELD = gettext_noop("[name withheld]")
_WORDS = re.compile(r"\w+")
# The passages whose names `Redactor.names_in` remembers: how many, and how long each may be (a quote, not a
# source's whole text), so that what it holds stays under a few megabytes.
MEMO_SIZE = 4096
MEMO_TEXT_LENGTH = 1000


@functools.lru_cache(maxsize=4096)
def _compiled(name: str) -> re.Pattern:
    return re.compile(name_pattern(name))


class Redactor:
    """Replaces the names of people who are not public, however spelled, by "[name withheld]".

    Fast with thousands of withheld names and hundreds of thousands of texts (an export): a text is folded
    once, its words looked up in an index of the names' first words, and only the names found there are
    matched with their spelling-tolerant pattern."""

    def __init__(self, names: Iterable[str]):
        # What `names_in` found in the passages seen last: a passage is quoted by many facts (an
        # organization's fields cite the same sentence). Only names are kept, so any language may use them.
        self._found: dict[str, tuple[str, ...]] = {}
        # Under the name's first word, and under that word with each prefix joined to it ("وفاطمة").
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        for name in names:
            folded = normalize(name or "")
            if folded:
                first = folded.split()[0]
                for word in (first, *(prefix + first for prefix in ARABIC_PREFIXES if len(first) > 1)):
                    self.by_first_word.setdefault(word, []).append((folded, name))

    # Kept in the cache (`public.redactor`) without what it remembers, which each process builds anew; a
    # redactor pickled before it remembered anything loads as well.
    def __getstate__(self):
        return {"by_first_word": self.by_first_word}

    def __setstate__(self, state):
        self.__dict__.update(state, _found={})

    def names_in(self, text: str) -> tuple[str, ...]:
        if len(text) > MEMO_TEXT_LENGTH:
            return self._names_in(text)
        found = self._found.get(text)
        if found is None:
            found = self._names_in(text)
            if len(self._found) >= MEMO_SIZE:
                self._found.clear()
            self._found[text] = found
        return found

    def _names_in(self, text: str) -> tuple[str, ...]:
        folded = normalize(text)
        return tuple(
            {
                name: None
                for word in self.by_first_word.keys() & _WORDS.findall(folded)
                for folded_name, name in self.by_first_word[word]
                if folded_name in folded
            }
        )

    def all(self, texts: list[str], replacement: str | None = None) -> list[str]:
        """`[self(text) for text in texts]`: one row's passages."""
        if not self.by_first_word:
            return texts
        return [self(text, replacement) for text in texts]

    def __call__(self, text: str, replacement: str | None = None) -> str:
        """`text` with each withheld name replaced by "[name withheld]" (or `replacement`: the search index
        replaces them by nothing)."""
        if not text or not self.by_first_word:
            return text
        names = self.names_in(text)
        if not names:
            return text
        replacement = gettext(WITHHELD) if replacement is None else replacement
        for name in sorted(names, key=len, reverse=True):  # "Amal Ali Said" before "Amal Ali"
            text = _compiled(name).sub(replacement, text)
        return text
