"""Privacy of the people named: a person marked not public (`Person.is_public`) disappears from everything
the public can read. Querysets leave their rows out (`Person.objects.public()`); their names are also taken
out of the free texts that quote the sources (quoted passages, source documents), which `Redactor` does.
"""

import functools
import re
from collections.abc import Iterable

from django.utils.translation import gettext, gettext_noop

from .models import Person
from .search import name_pattern, normalize

WITHHELD = gettext_noop("[name withheld]")
# One-letter Arabic prefixes (and, so, with, for, as) written joined to the next word: "وفاطمة".
_PREFIXES = ("و", "ف", "ب", "ل", "ك")
_WORDS = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _compiled(name: str) -> re.Pattern:
    return re.compile(name_pattern(name))


class Redactor:
    """Replaces the names of people who are not public, however spelled, by "[name withheld]".

    Fast with thousands of withheld names and hundreds of thousands of texts (an export): a text is folded
    once, its words looked up in an index of the names' first words, and only the names found there are
    matched with their spelling-tolerant pattern."""

    def __init__(self, names: Iterable[str]):
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        for name in names:
            folded = normalize(name or "")
            if folded:
                self.by_first_word.setdefault(folded.split()[0], []).append((folded, name))

    @classmethod
    def for_public(cls) -> "Redactor":
        """The names to withhold now: one query."""
        rows = Person.objects.filter(is_public=False).values_list("name_ar", "name_en")
        return cls(name for row in rows for name in row)

    def names_in(self, text: str) -> list[str]:
        folded = normalize(text)
        words = set(_WORDS.findall(folded))
        words |= {w[1:] for w in words if w.startswith(_PREFIXES) and len(w) > 2}
        return [
            name
            for word in words & self.by_first_word.keys()
            for folded_name, name in self.by_first_word[word]
            if folded_name in folded
        ]

    def __call__(self, text: str) -> str:
        if not text or not self.by_first_word:
            return text
        for name in sorted(self.names_in(text), key=len, reverse=True):  # "Amal Ali Said" before "Amal Ali"
            text = _compiled(name).sub(gettext(WITHHELD), text)
        return text
