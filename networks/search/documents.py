"""Each organization's search document: its texts in both languages, turned into terms (`terms.document`), in
four weights:

- `names` (A): its names;
- `other_names` (B): its short names and acronyms;
- `context` (C): its causes, the places it works in and is seated in (with their countries), its events'
  names, slogans, venues and places, and its publications' titles and places;
- `texts` (D): its description, vision, mission and slogan, its goals, and its public people's names.

A withheld person's name is taken out of every text before it is indexed, so searching it finds nothing.
The databases index these columns (migration 0007: a weighted `tsvector` on PostgreSQL, an FTS5 table on
SQLite). The organizations' facet values (`facets.py`) are written with them. `refresh(ids)` rewrites the
documents of some organizations (`signals.py` calls it on every write); `rebuild()` rewrites them all
(`manage.py rebuild_search_index`, `restore`, the demo data).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import islice

from django.db import connection, transaction

from .. import bulk, facets
from ..models import (
    EventOrganization,
    FacetValue,
    Goal,
    Membership,
    Organization,
    Person,
    Publication,
    SearchDocument,
)
from . import terms

CHUNK = 2000
LANGUAGES = ("ar", "en")


def both(prefix: str, field: str) -> list[str]:
    return [f"{prefix}{field}_{language}" for language in LANGUAGES]


WEIGHTS = ("names", "other_names", "context", "texts")
DOCUMENT_FIELDS = ["organization_id", *WEIGHTS]
# The organization's own values, by weight.
OWN = {
    "names": both("", "name"),
    "other_names": both("", "short_name"),
    "context": [*both("seat__", "name"), *both("seat__country__", "name")],
    "texts": [name for field in ("description", "vision", "mission", "slogan") for name in both("", field)],
}
RELATED: dict[str, tuple[str, Callable, list[str]]] = {
    # what: (its weight, its rows for the given organizations, the values of each row to index)
    "areas": (
        "context",
        lambda ids: Organization.areas.through.objects.filter(organization_id__in=ids),
        [*both("place__", "name"), *both("place__country__", "name")],
    ),
    "causes": (
        "context",
        lambda ids: Organization.causes.through.objects.filter(organization_id__in=ids),
        both("cause__", "name"),
    ),
    "events": (
        "context",
        lambda ids: EventOrganization.objects.filter(organization_id__in=ids),
        [
            *both("event__", "name"),
            *both("event__", "slogan"),
            *both("event__", "venue"),
            *both("event__place__", "name"),
        ],
    ),
    "publications": (
        "context",
        lambda ids: Publication.objects.filter(organization_id__in=ids),
        [*both("", "title"), *both("place__", "name")],
    ),
    "goals": ("texts", lambda ids: Goal.objects.filter(organization_id__in=ids), both("", "text")),
    "people": (
        "texts",
        lambda ids: Membership.objects.filter(organization_id__in=ids, person__is_public=True),
        both("person__", "name"),
    ),
}


class WithheldTerms:
    """The names of the people who are not public, as term sequences, taken out of a document's terms. On the
    terms rather than the texts: a name is found however it is spelled or prefixed, as search would find it,
    and thousands of names cost one set lookup per word."""

    def __init__(self, names: Iterable[str]):
        self.by_first: dict[str, list[list[str]]] = {}
        for name in names:
            sequence = terms.document(name or "").split()
            if sequence:
                self.by_first.setdefault(sequence[0], []).append(sequence)
        for sequences in self.by_first.values():
            sequences.sort(key=len, reverse=True)  # the longest name first

    def __call__(self, document: str) -> str:
        words = document.split()
        by_first = self.by_first
        # Only where a word starts some name: most documents have a first name or two in thousands of words.
        starts = [i for i, word in enumerate(words) if word in by_first]
        if not starts:
            return document
        kept, i = [], 0
        for start in starts:
            if start < i:  # inside a name just taken out
                continue
            for sequence in by_first[words[start]]:
                if words[start : start + len(sequence)] == sequence:
                    kept += words[i:start]
                    i = start + len(sequence)
                    break
        return " ".join(kept + words[i:]) if kept or i else document


def withheld_names() -> WithheldTerms:
    names = Person.objects.filter(is_public=False).values_list("name_ar", "name_en")
    return WithheldTerms(name for row in names for name in row)


@functools.lru_cache(maxsize=50_000)
def _terms(text: str) -> str:
    """`terms.document(text)`, remembered: the same texts (a cause's name, a place's, a recurring goal) come
    back for many organizations."""
    return terms.document(text)


def build(ids, withheld: WithheldTerms) -> list[tuple]:
    """The documents of the organizations `ids` (a few thousand at most, a list or a subquery of ids), as
    tuples of DOCUMENT_FIELDS, in a constant number of queries."""
    texts: dict[int, dict[str, list[str]]] = {}
    own = [field for fields in OWN.values() for field in fields]
    for row in Organization.objects.filter(pk__in=ids).values("id", *own):
        texts[row["id"]] = {weight: [row[field] for field in fields] for weight, fields in OWN.items()}
    for weight, rows, fields in RELATED.values():
        for organization_id, *values in rows(ids).values_list("organization_id", *fields):
            texts[organization_id][weight].extend(values)
    return [
        (pk, *(withheld(" ".join(_terms(t) for t in dict.fromkeys(by_weight[w]) if t)) for w in WEIGHTS))
        for pk, by_weight in texts.items()
    ]


def write(ids: list[int], withheld: WithheldTerms) -> None:
    ids = bulk.in_ids(ids, connection.vendor)
    bulk.insert_values(SearchDocument, DOCUMENT_FIELDS, build(ids, withheld))
    bulk.insert_values(FacetValue, facets.ROW_FIELDS, facets.rows(ids))


_batch = threading.local()


@contextmanager
def batched():
    """Inside it, `refresh()` only notes the organizations, and refreshes them all once at the end (unless
    the writes failed or are being rolled back): for many writes in a row, such as `load_seeds`."""
    if getattr(_batch, "ids", None) is not None:  # already batching
        yield
        return
    _batch.ids = set()
    try:
        yield
        ids = _batch.ids
    finally:
        _batch.ids = None
    if not (connection.in_atomic_block and transaction.get_rollback()):  # rolled back: nothing to index
        refresh(ids)


def refresh(ids: Iterable[int]) -> None:
    """Rewrite the documents and facet values of the organizations `ids` (those that no longer exist lose
    theirs)."""
    if getattr(_batch, "ids", None) is not None:
        _batch.ids.update(ids)
        return
    ids = sorted(set(ids))
    if not ids:
        return
    withheld = withheld_names()
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            SearchDocument.objects.filter(organization_id__in=chunk).delete()
            FacetValue.objects.filter(organization_id__in=chunk).delete()
            write(chunk, withheld)


def rebuild(log: Callable[[str], None] = lambda line: None) -> int:
    """Rewrite every organization's document and facet values. Returns how many organizations there are."""
    withheld = withheld_names()
    written = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        FacetValue.objects.all().delete()
        ids = Organization.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=CHUNK)
        while chunk := list(islice(ids, CHUNK)):
            write(chunk, withheld)
            written += len(chunk)
            log(f"  {written:>9,} organizations indexed")
    return written
