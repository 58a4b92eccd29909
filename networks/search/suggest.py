"""Typo tolerance: when a search finds nothing, "did you mean …" with the query's unknown words replaced by
the closest words of the organizations' names.

Closeness is pg_trgm's similarity (shared trigrams of the padded words over all their trigrams), computed
here in Python for both databases, so that both suggest the same words. The vocabulary (every folded word of
the public organizations' names) is kept in the cache per directory version.
"""

from __future__ import annotations

from .. import public
from ..cache import kept
from . import terms
from .text import normalize

THRESHOLD = 0.4  # pg_trgm's default is 0.3; a little stricter, since only one word is offered
MIN_LENGTH = 3


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def vocabulary() -> dict[str, str]:
    """{folded word: the word as first written} for every word of the public organizations' names."""
    return kept("search-vocabulary", _name_words)


def _name_words() -> dict[str, str]:
    names = public.organizations().values_list("name_ar", "name_en", "short_name_ar", "short_name_en")
    words: dict[str, str] = {}
    for row in names.order_by("pk").iterator(chunk_size=5000):
        for word in terms.words(" ".join(filter(None, row))):
            folded = normalize(word)
            if len(folded) >= MIN_LENGTH and folded not in words and terms.term(word):
                words[folded] = word
    return words


def closest(word: str, words: list[str]) -> str | None:
    """The most similar of `words` to `word` (of about its length), if similar enough."""
    scored = [(similarity(word, other), other) for other in words if abs(len(other) - len(word)) <= 3]
    score, best = max(scored, default=(0.0, None))
    return best if score >= THRESHOLD else None


def did_you_mean(query: str, found_nothing) -> str | None:
    """A corrected query, or None. `found_nothing(text)` says whether a query finds no organization."""
    known = vocabulary()
    replaced = False
    corrected = []
    for word in terms.words(query):
        folded = normalize(word)
        if folded in known or len(folded) < MIN_LENGTH or not terms.term(word) or not found_nothing(word):
            corrected.append(word)
            continue
        suggestion = closest(folded, sorted(known))
        replaced |= suggestion is not None
        corrected.append(known[suggestion] if suggestion else word)
    suggestion = " ".join(corrected)
    if not replaced or found_nothing(suggestion):
        return None
    return suggestion
