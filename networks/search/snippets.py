"""The passage shown under a search result: a few words around the first match, escaped, with the matched
words in `<mark>`. Texts in the page's language are tried first, then the other language's; the texts are
the organization's own (description, vision, mission, slogan) and its goals. A text holding a
withheld person's name has it taken out first."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..privacy import Redactor
from . import terms

WORDS_AROUND = 12
OWN_FIELDS = ("description", "vision", "mission", "slogan")  # the names are shown already


def snippet(text: str, wanted: set[str]) -> SafeString | None:
    """`text` cut around its first word whose term is in `wanted`, or None when no word matches."""
    tokens = terms.WORDS.findall(text)
    separators = terms.WORDS.split(text)  # separators[i] is what comes before tokens[i]
    hits = [i for i, word in enumerate(tokens) if terms.term(word) in wanted]
    if not hits:
        return None
    start, end = max(0, hits[0] - WORDS_AROUND), min(len(tokens), hits[0] + WORDS_AROUND + 1)
    out = ["… " if start else ""]
    for i in range(start, end):
        if i > start:
            out.append(escape(separators[i]))
        word = escape(tokens[i])
        out.append(f"<mark>{word}</mark>" if i in hits else word)
    out.append(" …" if end < len(tokens) else "")
    return mark_safe("".join(out))


def texts_of(organization, goals: list, language: str) -> list[str]:
    other = "en" if language == "ar" else "ar"
    own = [getattr(organization, f"{field}_{lang}", "") for lang in (language, other) for field in OWN_FIELDS]
    return [*own, *(getattr(goal, f"text_{lang}", "") for lang in (language, other) for goal in goals)]


def annotate(organizations: list, query: str, goals_of: dict, language: str, redactor: Redactor) -> None:
    """Set `search_snippet` on each organization of a result page (None where no text of it matches)."""
    wanted = {term for alternatives in terms.query(query) for term in alternatives}
    for organization in organizations:
        organization.search_snippet = None
        for text in texts_of(organization, goals_of.get(organization.pk, []), language):
            # Redacted only where it matches: most texts do not, and redacting is the costly part.
            if text and snippet(text, wanted) and (found := snippet(redactor(text, ""), wanted)):
                organization.search_snippet = found
                break
