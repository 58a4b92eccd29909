"""The Popolo export: a filtered list of organizations as one Popolo JSON document in one language.

`{"meta": …, "organizations": […], "memberships": […], "posts": […], "persons": […], "events": […],
"areas": […]}`: every object validates against the Popolo project's JSON Schemas, a copy of which is in
`schemas/popolo/` (tests/test_popolo.py validates the seeded directory's export against them). The document
is in one language (`lang`); the other language's names are `other_names` tagged with their `lang`.

Popolo's schemas allow properties of one's own (none says `additionalProperties: false`); ours:
`citations` (where each fact comes from: the source, the quoted passage, `derivation` stated or inferred
and, when inferred, the editors' `inference`), the precision of each date (`…_precision`), codes beside
labels (`kind`, `role_code`…), an organization's `area_ids` (its areas of work; `area_id` is its seat) and
`causes`, a post's `body_id`. Everything is read through `public.py`, quoted texts through its redactor.

The API and the `export.json` files keep their own shape (`serializers.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections
from django.urls import reverse
from django.utils import translation

from . import bulk, public, records
from .exports import json_text
from .models import Event, Membership, Organization, Place, format_precise_date

SCHEMAS = Path(__file__).parent / "schemas" / "popolo"
LANGUAGES = ("ar", "en")
CHUNK_SIZE = 2000
FORMAT = "Popolo (https://www.popoloproject.com/), one language; other_names carry the other"
# Top-level key → the Popolo schema its objects follow.
SCHEMA_OF = {
    "organizations": "organization.json",
    "memberships": "membership.json",
    "posts": "post.json",
    "persons": "person.json",
    "events": "event.json",
    "areas": "area.json",
}


def other(lang: str) -> str:
    return "en" if lang == "ar" else "ar"


def text_in(obj, name: str, lang: str) -> str:
    """A translated field in `lang`, or in the other language when `lang` has none."""
    return getattr(obj, f"{name}_{lang}") or getattr(obj, f"{name}_{other(lang)}") or ""


def other_names(obj, lang: str, fields: Iterable[tuple[str, str]]) -> list[dict]:
    """The names that are not the primary one, each tagged with its language: Popolo's `other_name` has a
    `note`, and `lang` is ours."""
    primary = text_in(obj, "name", lang)
    names = []
    for name, note in fields:
        for language in (lang, other(lang)):
            value = getattr(obj, f"{name}_{language}") or ""
            if value and value != primary and all(value != n["name"] for n in names):
                names.append({"name": value, "note": note, "lang": language})
    return names


@dataclass
class Document:
    """One export being written: its language, the links it makes, and the ids it met on the way (which
    people, posts and areas the later sections list)."""

    lang: str
    base_url: str  # "https://host" with no trailing slash
    redact: object = None
    person_ids: set = field(default_factory=set)
    area_codes: set = field(default_factory=set)
    posts: dict = field(default_factory=dict)

    def url(self, name: str, **kwargs) -> str:
        with translation.override(self.lang):
            return self.base_url + reverse(f"networks:{name}", kwargs=kwargs)

    def source_link(self, source) -> dict:
        """A Popolo `link` to the source's public page."""
        return {
            "url": self.url("source_detail", slug=source.slug),
            "note": text_in(source, "title", self.lang),
        }

    def citation(self, what: str, cited) -> dict:
        """Where a fact comes from (`cited`: a fact row or a field's Citation)."""
        inference = text_in(cited, "inference", self.lang)
        return records.citation(
            what, cited.source.slug, cited.quote, cited.derivation, inference, self.redact
        )

    # Objects ------------------------------------------------------------------------------------------

    def organization(self, organization) -> dict:
        sources = {organization.source.pk: organization.source}
        for citation in organization.citations.all():
            sources.setdefault(citation.source.pk, citation.source)
        areas = [place.code for place in organization.areas.all()]
        self.area_codes.update(areas)
        seat = organization.seat.code if organization.seat_id else None
        if seat:
            self.area_codes.add(seat)
        return {
            "id": organization.slug,
            "name": text_in(organization, "name", self.lang),
            "other_names": other_names(
                organization, self.lang, (("name", "name"), ("short_name", "short name"))
            ),
            "classification": str(Organization.Kind(organization.kind).label),
            "kind": organization.kind,
            "scope": organization.scope,
            "status": organization.status,
            "listing": organization.listing,
            "parent_id": organization.public_parent.slug if organization.public_parent else None,
            "area_id": seat,
            "area_ids": areas,
            "causes": [cause.slug for cause in organization.causes.all()],
            "founding_date": format_precise_date(organization.founded_on, organization.founded_on_precision)
            or None,
            "founding_date_precision": organization.founded_on_precision,
            "member_count": organization.member_count,
            "member_count_qualifier": organization.member_count_qualifier or None,
            "description": text_in(organization, "description", self.lang),
            "links": [{"url": self.url("organization_detail", slug=organization.slug), "note": "Shabakat"}],
            "sources": [self.source_link(source) for source in sources.values()],
            "citations": [
                self.citation("organization", organization),
                *(self.citation(c.field, c) for c in organization.citations.all()),
            ],
        }

    def membership(self, membership) -> dict:
        person = membership.public_person
        if person:
            self.person_ids.add(person.pk)
        role = str(Membership.Role(membership.role).label)
        post_id = self.post(membership, role)
        return {
            "id": f"membership-{membership.pk}",
            "label": role,
            "role": role,
            "role_code": membership.role,
            # A member whose name is withheld stays (the role is public), without who they are.
            "person_id": person.slug if person else None,
            "member_withheld": membership.person_id is not None and person is None,
            "member": (
                {"@type": "Organization", "id": membership.member_organization.slug}
                if membership.member_organization_id
                else None
            ),
            "organization_id": membership.organization.slug,
            "post_id": post_id,
            "on_behalf_of_id": membership.on_behalf_of.slug if membership.on_behalf_of_id else None,
            "start_date": format_precise_date(membership.start, membership.start_precision) or None,
            "start_date_precision": membership.start_precision,
            "end_date": format_precise_date(membership.end, membership.end_precision) or None,
            "end_date_precision": membership.end_precision,
            "sources": [self.source_link(membership.source)],
            "citations": [self.citation("membership", membership)],
        }

    def post(self, membership, role: str) -> str | None:
        """The post a membership holds: a role in one of the organization's bodies (a bureau, a committee).
        A role in the organization itself is no post."""
        body = membership.body
        if body is None:
            return None
        post_id = f"{membership.organization.slug}/{body.slug}/{membership.role}"
        if post_id not in self.posts:
            body_name = text_in(body, "name", self.lang)
            self.posts[post_id] = {
                "id": post_id,
                "label": f"{role}, {body_name}",
                "role": role,
                "organization_id": membership.organization.slug,
                "body_id": body.slug,
                "body_name": body_name,
                "sources": [self.source_link(body.source)],
                "citations": [self.citation("body", body)],
            }
        return post_id

    def person(self, person) -> dict:
        note = "published spelling" if person.published_latin else "transliteration"
        return {
            "id": person.slug,
            "name": text_in(person, "name", self.lang),
            "other_names": other_names(person, self.lang, (("name", note if self.lang == "ar" else "name"),)),
            "links": [{"url": self.url("person_detail", slug=person.slug), "note": "Shabakat"}],
            "sources": [self.source_link(person.source)],
            "citations": [self.citation("person", person)],
        }

    def event(self, event) -> dict:
        if event.place_id:
            self.area_codes.add(event.place.code)
        parts = event.eventorganization_set.all()
        organizer = next((p for p in parts if p.role == "organizer"), None)
        for participation in event.participations.all():
            self.person_ids.add(participation.person_id)
        return {
            "id": event.slug,
            "name": text_in(event, "name", self.lang),
            "description": self.redact(text_in(event, "description", self.lang)) or None,
            "classification": str(Event.Kind(event.kind).label),
            "kind": event.kind,
            "start_date": format_precise_date(event.date, event.date_precision) or None,
            "start_date_precision": event.date_precision,
            "location": text_in(event.place, "name", self.lang) if event.place_id else None,
            "area_id": event.place.code if event.place_id else None,
            "organization_id": organizer.organization.slug if organizer else None,
            "organizations": [{"organization_id": p.organization.slug, "role": p.role} for p in parts],
            # public.timeline() reads only the participants whose names are public.
            "participants": [
                {"person_id": p.person.slug, "role": p.role} for p in event.participations.all()
            ],
            "sources": [self.source_link(event.source)],
            "citations": [self.citation("event", event)],
        }

    def area(self, place) -> dict:
        return {
            "id": place.code,
            "name": text_in(place, "name", self.lang),
            "other_names": other_names(place, self.lang, (("name", "name"),)),
            "identifier": place.code if place.is_iso_code else None,
            "classification": str(Place.Kind(place.kind).label),
            "kind": place.kind,
            "parent_id": place.parent.code if place.parent_id else None,
        }


def organization_rows(organizations):
    return organizations.iterator(chunk_size=CHUNK_SIZE)


def membership_rows(organizations):
    return (
        public.memberships()
        .filter(organization__in=organizations.values("pk"))
        .select_related(
            "public_person", "organization", "member_organization", "on_behalf_of", "body__source", "source"
        )
        .order_by("organization__slug", "body__slug", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def event_rows(organizations):
    listed = public.event_organizations().filter(organization__in=organizations.values("pk"))
    return public.timeline().filter(pk__in=listed.values("event")).iterator(chunk_size=CHUNK_SIZE)


def person_rows(ids: set):
    people = public.people()
    listed = bulk.in_ids(sorted(ids), connections[people.db].vendor)  # any number of ids
    return people.filter(pk__in=listed).select_related("source").order_by("slug").iterator(CHUNK_SIZE)


def area_rows(codes: set) -> list:
    """The places met, with their ancestors (so that every `parent_id` is listed), by code."""
    found: dict[str, Place] = {}
    while codes:
        places = public.places().filter(code__in=codes).select_related("parent")
        codes = set()
        for place in places:
            found[place.code] = place
            if place.parent_id and place.parent.code not in found:
                codes.add(place.parent.code)
    return [found[code] for code in sorted(found)]


def stream(organizations, meta: dict, lang: str, base_url: str) -> Iterator[str]:
    """The document, one object at a time, in `lang`; `organizations`: the filtered list's queryset."""
    with translation.override(lang):
        doc = Document(lang, base_url, public.redactor())
        yield '{"meta": ' + json_text(meta)
        sections = [
            ("organizations", lambda: map(doc.organization, organization_rows(organizations))),
            ("memberships", lambda: map(doc.membership, membership_rows(organizations))),
            ("posts", lambda: iter(doc.posts.values())),
            ("events", lambda: map(doc.event, event_rows(organizations))),
            ("persons", lambda: map(doc.person, person_rows(doc.person_ids))),
            ("areas", lambda: map(doc.area, area_rows(doc.area_codes))),
        ]
        for key, objects in sections:
            yield f',\n"{key}": ['
            for index, item in enumerate(objects()):
                yield ("," if index else "") + "\n" + json_text(item)
            yield "\n]"
        yield "}\n"
