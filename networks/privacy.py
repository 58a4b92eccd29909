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


@functools.lru_cache(maxsize=4096)
def _compiled(name: str) -> re.Pattern:
    return re.compile(name_pattern(name))


class Redactor:
    """Replaces the names of people who are not public, however spelled, by "[name withheld]".

    Fast with thousands of withheld names and hundreds of thousands of texts (an export): a text is folded
    once, its words looked up in an index of the names' first words, and only the names found there are
    matched with their spelling-tolerant pattern."""

    def __init__(self, names: Iterable[str]):
        # Under the name's first word, and under that word with each prefix joined to it ("وفاطمة").
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        for name in names:
            folded = normalize(name or "")
            if folded:
                first = folded.split()[0]
                for word in (first, *(prefix + first for prefix in ARABIC_PREFIXES if len(first) > 1)):
                    self.by_first_word.setdefault(word, []).append((folded, name))

    def names_in(self, text: str) -> list[str]:
        folded = normalize(text)
        return list(
            {
                name: None
                for word in self.by_first_word.keys() & _WORDS.findall(folded)
                for folded_name, name in self.by_first_word[word]
                if folded_name in folded
            }
        )

    def all(self, texts: list[str], replacement: str | None = None) -> list[str]:
        """`[self(text) for text in texts]`, faster: the texts are folded together, once, and redacted one by
        one only when a name is found there (a name in one text is also in the texts joined)."""
        if not self.by_first_word or not self.names_in("\n".join(text for text in texts if text)):
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
