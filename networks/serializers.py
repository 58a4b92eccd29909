"""The Popolo shape of the directory's records, shared by the JSON export and the read-only API.

Popolo (https://www.popoloproject.com/) names: `id`, `name`, `other_names`, `classification`, `parent_id`,
`founding_date`, `area`, `memberships`, `sources`. Extensions: both languages side by side, the precision of
every date, and `citations` with the quoted passages.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import public, records
from .lists import EVENTS, GOALS, ORGANIZATIONS, PEOPLE, primary
from .models import (
    Cause,
    Event,
    Goal,
    Membership,
    Organization,
    Person,
    Place,
    Source,
    format_precise_date,
)

LANGUAGES = records.LANGUAGES
both_languages = records.both  # a translated field's two languages, as every JSON record gives them


TRANSLATED = {
    "type": "object",
    "properties": {"ar": {"type": "string"}, "en": {"type": "string"}},
    "required": ["ar", "en"],
}
OTHER_NAMES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "lang": {"type": "string", "enum": list(LANGUAGES)},
            "note": {"type": "string"},
        },
    },
}
CITATIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "field": {"type": "string"},
            "source_id": {"type": "string"},
            "quote": {"type": "string"},
            "derivation": {"type": "string", "enum": ["stated", "inferred"]},
            "inference": {**TRANSLATED, "nullable": True},
        },
    },
}
# What the schema says of a value that may be missing (OpenAPI 3.0: `nullable`): the API answers null.
NULLABLE_STRING = {"type": "string", "nullable": True}
SOURCES = {
    "type": "array",
    "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}},
}


class PublicSerializer(serializers.ModelSerializer):
    """What the public reads: free texts quoting the sources go through the context's `redact` (a
    `public.redactor()`, made once per request or export and shared by every row's serializer)."""

    def redact(self, text: str) -> str:
        if "redact" not in self.context:
            self.context["redact"] = public.redactor()
        return self.context["redact"](text)

    def citation(self, field: str, cited) -> dict:
        """Where a fact comes from (`cited`: a fact row or a field's Citation): its source, the quoted
        passage, and whether the source states it or the editors infer it from the passage (and why)."""
        inference = both_languages(cited, "inference")
        return records.citation(
            field, cited.source.slug, cited.quote, cited.derivation, inference, self.redact
        )

    def own_citation(self, row, field: str) -> dict:
        """The citation every fact row carries: its source and the quoted passage."""
        return self.citation(field, row)


def organization_sources(organization) -> list[Source]:
    """The sources of the organization's own row and of its field citations, first seen first."""
    seen = {organization.source.pk: organization.source}
    for citation in organization.citations.all():
        seen.setdefault(citation.source.pk, citation.source)
    return list(seen.values())


class PlaceSerializer(PublicSerializer):
    id = serializers.CharField(source="code")
    name = serializers.SerializerMethodField()
    classification = serializers.CharField(source="kind")
    parent_id = serializers.SlugRelatedField(
        source="parent", slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Place
        fields = ["id", "name", "classification", "parent_id", "is_iso_code"]

    @extend_schema_field(TRANSLATED)
    def get_name(self, place):
        return both_languages(place, "name")


class AreaSerializer(PlaceSerializer):
    class Meta(PlaceSerializer.Meta):
        fields = ["id", "name", "classification"]


class CauseSerializer(PublicSerializer):
    id = serializers.CharField(source="slug")
    name = serializers.SerializerMethodField()

    class Meta:
        model = Cause
        fields = ["id", "name"]

    @extend_schema_field(TRANSLATED)
    def get_name(self, cause):
        return both_languages(cause, "name")


class SourceSerializer(PublicSerializer):
    id = serializers.CharField(source="slug")
    title = serializers.SerializerMethodField()
    publisher = serializers.SerializerMethodField()
    published_date = serializers.SerializerMethodField()
    full_text = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["id", "title", "language", "publisher", "published_date", "full_text"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_full_text(self, source):
        return self.redact(source.full_text)

    @extend_schema_field(TRANSLATED)
    def get_title(self, source):
        return both_languages(source, "title")

    @extend_schema_field(TRANSLATED)
    def get_publisher(self, source):
        return both_languages(source, "publisher")

    @extend_schema_field(NULLABLE_STRING)
    def get_published_date(self, source):
        return format_precise_date(source.published_on, source.published_on_precision) or None


class OrganizationSerializer(PublicSerializer):
    id = serializers.CharField(source="slug")
    name = serializers.SerializerMethodField()
    other_names = serializers.SerializerMethodField()
    classification = serializers.CharField(source="kind")
    parent_id = serializers.SerializerMethodField()
    founding_date = serializers.SerializerMethodField()
    founding_date_precision = serializers.CharField(source="founded_on_precision")
    area = AreaSerializer(source="areas", many=True, read_only=True)
    causes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    member_count_qualifier = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    citations = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = list(ORGANIZATIONS.json_fields)  # declared in lists.py

    @extend_schema_field(OpenApiTypes.STR)
    def get_name(self, organization):
        return primary(organization)

    @extend_schema_field(NULLABLE_STRING)
    def get_parent_id(self, organization):
        # `public_parent` (public.organizations()) is empty when the parent is hidden.
        return organization.public_parent.slug if organization.public_parent else None

    @extend_schema_field(OTHER_NAMES)
    def get_other_names(self, organization):
        return [
            {"name": getattr(organization, f"{field}_{language}"), "lang": language, "note": note}
            for field, note in (("name", "name"), ("short_name", "short name"))
            for language in LANGUAGES
            if getattr(organization, f"{field}_{language}")
        ]

    @extend_schema_field(NULLABLE_STRING)
    def get_founding_date(self, organization):
        return format_precise_date(organization.founded_on, organization.founded_on_precision) or None

    @extend_schema_field(NULLABLE_STRING)
    def get_member_count_qualifier(self, organization):
        return organization.member_count_qualifier or None

    @extend_schema_field(TRANSLATED)
    def get_description(self, organization):
        return both_languages(organization, "description")

    @extend_schema_field(SOURCES)
    def get_sources(self, organization):
        return [{"id": s.slug, "title": primary(s, "title")} for s in organization_sources(organization)]

    @extend_schema_field(CITATIONS)
    def get_citations(self, organization):
        own = self.own_citation(organization, "organization")
        fields = [self.citation(c.field, c) for c in organization.citations.all()]
        return [own, *fields]


class MembershipSerializer(PublicSerializer):
    person_id = serializers.SlugRelatedField(
        source="person", slug_field="slug", read_only=True, allow_null=True
    )
    member_organization_id = serializers.SlugRelatedField(
        source="member_organization", slug_field="slug", read_only=True, allow_null=True
    )
    organization_id = serializers.SlugRelatedField(source="organization", slug_field="slug", read_only=True)
    post = serializers.SerializerMethodField()
    on_behalf_of_id = serializers.SlugRelatedField(
        source="on_behalf_of", slug_field="slug", read_only=True, allow_null=True
    )
    start_date = serializers.SerializerMethodField()
    end_date = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "person_id",
            "member_organization_id",
            "organization_id",
            "post",
            "role",
            "on_behalf_of_id",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "sources",
        ]

    @extend_schema_field({**TRANSLATED, "nullable": True})
    def get_post(self, membership):
        return both_languages(membership.body, "name") if membership.body else None

    @extend_schema_field(NULLABLE_STRING)
    def get_start_date(self, membership):
        return format_precise_date(membership.start, membership.start_precision) or None

    @extend_schema_field(NULLABLE_STRING)
    def get_end_date(self, membership):
        return format_precise_date(membership.end, membership.end_precision) or None

    @extend_schema_field(CITATIONS)
    def get_sources(self, membership):
        return [self.own_citation(membership, "membership")]


class PersonSerializer(PublicSerializer):
    id = serializers.CharField(source="slug")
    name = serializers.SerializerMethodField()
    other_names = serializers.SerializerMethodField()
    memberships = MembershipSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = list(PEOPLE.json_fields)

    @extend_schema_field(OpenApiTypes.STR)
    def get_name(self, person):
        return primary(person)

    @extend_schema_field(OTHER_NAMES)
    def get_other_names(self, person):
        note = "published spelling" if person.published_latin else "transliteration"
        names = [{"name": person.name_ar, "lang": "ar", "note": "name"}]
        if person.name_en:
            names.append({"name": person.name_en, "lang": "en", "note": note})
        return names

    @extend_schema_field(CITATIONS)
    def get_sources(self, person):
        return [self.own_citation(person, "person")]


class EventSerializer(PublicSerializer):
    id = serializers.CharField(source="slug")
    name = serializers.SerializerMethodField()
    classification = serializers.CharField(source="kind")
    start_date = serializers.SerializerMethodField()
    location = serializers.SlugRelatedField(
        source="place", slug_field="code", read_only=True, allow_null=True
    )
    organizations = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = list(EVENTS.json_fields)

    @extend_schema_field(TRANSLATED)
    def get_name(self, event):
        return both_languages(event, "name")

    @extend_schema_field(NULLABLE_STRING)
    def get_start_date(self, event):
        return format_precise_date(event.date, event.date_precision) or None

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_organizations(self, event):
        return [
            {"organization_id": part.organization.slug, "role": part.role}
            for part in event.eventorganization_set.all()
        ]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_participants(self, event):
        # `public.timeline()` prefetches only the participants whose names are public.
        return [{"person_id": p.person.slug, "role": p.role} for p in event.participations.all()]

    @extend_schema_field(CITATIONS)
    def get_sources(self, event):
        return [self.own_citation(event, "event")]


class GoalSerializer(PublicSerializer):
    organization_id = serializers.SlugRelatedField(source="organization", slug_field="slug", read_only=True)
    event_id = serializers.SlugRelatedField(
        source="event", slug_field="slug", read_only=True, allow_null=True
    )
    text = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = list(GOALS.json_fields)

    @extend_schema_field(TRANSLATED)
    def get_text(self, goal):
        return both_languages(goal, "text")

    @extend_schema_field(CITATIONS)
    def get_sources(self, goal):
        return [self.own_citation(goal, "goal")]
