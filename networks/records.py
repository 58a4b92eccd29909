"""The organizations' JSON export written from plain values: the records `serializers.OrganizationSerializer`
writes, without building model instances and serializers for each row.

The serializer cost about 1 ms a row (two minutes for 100,000 organizations); `exports.organization_rows`
reads the same values a chunk at a time. tests/test_records.py holds the two to the same output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import public
from .lists import primary
from .models import Derivation, format_precise_date
from .privacy import Redactor

LANGUAGES = ("ar", "en")
NAMES = (("name", "name"), ("short_name", "short name"))


def both(row, field: str) -> dict:
    return {language: getattr(row, f"{field}_{language}") or "" for language in LANGUAGES}


def citation(field: str, source_slug: str, quote: str, derivation: str, inference, redact) -> dict:
    """Where a fact comes from, as every JSON output writes it (the API, the JSON and Popolo exports): its
    source, the quoted passage (redacted), whether the source states it or the editors infer it and, when
    inferred, why (`inference`: both languages, or the document's)."""
    return {
        "field": field,
        "source_id": source_slug,
        "quote": redact(quote),
        "derivation": derivation,
        "inference": inference if derivation == Derivation.INFERRED else None,
    }


class Areas:
    """The places organizations work in, as `serializers.AreaSerializer` writes them: all read at once, on
    first use (a gazetteer is small beside the organizations that name its places)."""

    def __init__(self):
        self.known: dict[str, dict] | None = None

    def __call__(self, codes: list[str]) -> list[dict]:
        if self.known is None:
            self.known = {
                place.code: {"id": place.code, "name": both(place, "name"), "classification": place.kind}
                for place in public.places().only("code", "name_ar", "name_en", "kind")
            }
        return [self.known[code] for code in codes]


def as_is(text: str) -> str:
    return text


def organizations(rows: Iterable, redact: Redactor) -> Iterator[dict]:
    """The JSON records of `rows` (`exports.organization_rows(…, cited=True)`)."""
    areas = Areas()
    for row in rows:
        # A row's passages redacted together (`Redactor.all`), then given as they are.
        quotes = iter(redact.all([row.quote, *(quote for _field, _slug, quote, *_rest in row.cited)]))
        own = citation(
            "organization", row.source_slug, next(quotes), row.derivation, both(row, "inference"), as_is
        )
        cited = [
            citation(field, slug, next(quotes), how, {"ar": ar or "", "en": en or ""}, as_is)
            for field, slug, _quote, how, ar, en in row.cited
        ]
        yield {
            "id": row.slug,
            "name": primary(row),
            "other_names": [
                {"name": getattr(row, f"{field}_{language}"), "lang": language, "note": note}
                for field, note in NAMES
                for language in LANGUAGES
                if getattr(row, f"{field}_{language}")
            ],
            "classification": row.kind,
            "scope": row.scope,
            "status": row.status,
            "parent_id": row.parent_slug or None,
            "founding_date": format_precise_date(row.founded_on, row.founded_on_precision) or None,
            "founding_date_precision": row.founded_on_precision,
            "area": areas(row.area_codes),
            "causes": row.cause_slugs,
            "member_count": row.member_count,
            "member_count_qualifier": row.member_count_qualifier or None,
            "description": both(row, "description"),
            "listing": row.listing,
            "last_verified": row.last_verified.isoformat() if row.last_verified else None,
            "sources": [{"id": slug, "title": title} for slug, title in row.sources],
            "citations": [own, *cited],
        }
