"""The tables of the bulk dataset (`dataset.py`), each declared once, in the style of `lists.py`.

Organizations, people, events and goals are the public lists' own declarations (`lists.PUBLIC_LISTS`), so the
dataset's columns and their meanings are those of the exports and the data dictionary. The other tables are
declared here with the same `Column`s: the dataset's Table Schemas are written from these declarations, the
field descriptions being the columns' descriptions. Every table's rows are read through `public.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import exports, public
from .lists import (
    EVENTS,
    GOALS,
    ORGANIZATIONS,
    PEOPLE,
    Column,
    date_column,
    derivation_columns,
    source_columns,
    text_column,
    translated_columns,
)
from .models import format_precise_date


def slug_of(attribute: str) -> Callable:
    """The slug of the related row at `attribute`, empty when there is none (or it is withheld)."""

    def value(row):
        related = getattr(row, attribute)
        return related.slug if related is not None else ""

    return value


def quote_column() -> Column:
    return Column(
        "quote",
        _("The passage of the source that states it, in the source's language."),
        attrgetter("quote"),
        quote=True,
    )


def precise_date_columns(name: str, attribute: str, what) -> list[Column]:
    """`<name>` in ISO 8601 at its precision and `<name>_precision`."""
    return [
        Column(
            name,
            what,
            lambda row: format_precise_date(getattr(row, attribute), getattr(row, f"{attribute}_precision")),
        ),
        Column(
            f"{name}_precision",
            _("Precision of that date: day, month, year or unknown."),
            attrgetter(f"{attribute}_precision"),
        ),
    ]


@dataclass(frozen=True)
class DatasetTable:
    """One table of the dataset: its columns, the columns that identify a row, and its public rows in a
    stable order, as the columns read them."""

    name: str
    columns: list[Column]
    primary_key: tuple[str, ...]
    rows: Callable[[], Iterable]
    # {column: "table.column" it refers to}: the schema's foreign keys, which `frictionless validate` checks.
    references: dict[str, str] = field(default_factory=dict)
    title: Any = ""  # lazily translated, for the data page


MEMBERSHIP_COLUMNS = [
    Column("id", _("Identifier of the membership in this dataset."), attrgetter("pk"), type="integer"),
    Column("organization_id", _("Identifier of the organization."), slug_of("organization")),
    Column(
        "body_id",
        _("Identifier of the organization's body (bureau, committee) it is held in, when one."),
        slug_of("body"),
    ),
    Column(
        "person_id",
        _("Identifier of the person who is the member; empty for an organization or a withheld name."),
        slug_of("public_person"),
    ),
    Column(
        "member_organization_id",
        _("Identifier of the organization that is the member, when the member is an organization."),
        slug_of("member_organization"),
    ),
    text_column("role", _("Role: chair, member, coordinator, deputy_national_coordinator…")),
    Column(
        "on_behalf_of_id",
        _("Identifier of the organization the membership is held on behalf of, when one."),
        slug_of("on_behalf_of"),
    ),
    *precise_date_columns("start_date", "start", _("Start date in ISO 8601; empty when unknown.")),
    *precise_date_columns("end_date", "end", _("End date in ISO 8601; empty when unknown.")),
    *source_columns(),
    *derivation_columns(),
    quote_column(),
]

BODY_COLUMNS = [
    Column("organization_id", _("Identifier of the organization."), slug_of("organization")),
    text_column("id", _("Identifier of the body within its organization."), "slug"),
    *translated_columns("name", _("Name")),
    text_column("kind", _("Kind of body: executive_bureau, preparatory_committee, bureau…")),
    text_column("status", _("formed, or planned.")),
    Column(
        "area_code",
        _("The place it covers (place code), when one."),
        lambda b: b.area.code if b.area else "",
    ),
    *source_columns(),
    *derivation_columns(),
    quote_column(),
]

PLACE_COLUMNS = [
    text_column(
        "code", _("Code of the place: ISO 3166 for countries and regions, our lowercase codes otherwise.")
    ),
    *translated_columns("name", _("Name")),
    text_column("kind", _("Kind of place: world, multi_country_region, country, region, province, city.")),
    Column(
        "is_iso_code", _("1 when the code is an ISO 3166 code."), lambda p: int(p.is_iso_code), type="integer"
    ),
    Column(
        "parent_code",
        _("Code of the place it lies within, empty for a root."),
        lambda p: p.parent.code if p.parent else "",
    ),
]

CAUSE_COLUMNS = [
    text_column("id", _("Identifier of the cause."), "slug"),
    *translated_columns("name", _("Name")),
]

SOURCE_COLUMNS = [
    text_column("id", _("Identifier of the source (as in its URL)."), "slug"),
    *translated_columns("title", _("Title")),
    text_column("kind", _("Kind of document: news_item, self_description, report, other.")),
    text_column("language", _("Language of the document: ar or en.")),
    *translated_columns("publisher", _("Publisher, when named")),
    *translated_columns("author", _("Author, when named")),
    *precise_date_columns(
        "published_date", "published_on", _("Publication date in ISO 8601; empty when unknown.")
    ),
    text_column("url", _("Address of the document, when known.")),
    text_column("archive_url", _("Address of an archived copy, when known.")),
    date_column("accessed_on", _("When the editors read it (ISO 8601); empty if not recorded.")),
    Column(
        "full_text",
        _("The document's full text, every quote of the directory being a passage of it."),
        attrgetter("full_text"),
        quote=True,
    ),
]

CITATION_COLUMNS = [
    Column("organization_id", _("Identifier of the organization."), slug_of("organization")),
    text_column("field", _("The organization's field the passage is cited for (founded, members, areas…).")),
    Column("source_id", _("Identifier of the source quoted."), slug_of("source")),
    *derivation_columns(),
    quote_column(),
]


def organization_rows():
    return exports.organization_rows(exports.LISTS["organizations"].rows().order_by("slug"))


ORGANIZATION = "organizations.id"
SOURCE = "sources.id"
PLACE = "places.code"

TABLES = {
    table.name: table
    for table in (
        # The organization's own row is a fact too: its derivation follows the list's columns.
        DatasetTable(
            "organizations",
            [*ORGANIZATIONS.columns, *derivation_columns()],
            ("id",),
            organization_rows,
            {"parent_id": ORGANIZATION, "seat_code": PLACE},
            title=_("Organizations"),
        ),
        DatasetTable(
            "people",
            PEOPLE.columns,
            ("id",),
            lambda: public.person_list().order_by("slug"),
            {"source_ids": SOURCE},
            title=_("People"),
        ),
        DatasetTable(
            "memberships",
            MEMBERSHIP_COLUMNS,
            ("id",),
            lambda: (
                public.memberships()
                .select_related(
                    "organization", "body", "public_person", "member_organization", "on_behalf_of", "source"
                )
                .order_by("organization__slug", "pk")
            ),
            {
                "organization_id": ORGANIZATION,
                "person_id": "people.id",
                "member_organization_id": ORGANIZATION,
                "on_behalf_of_id": ORGANIZATION,
                "source_ids": SOURCE,
            },
            title=_("Memberships"),
        ),
        DatasetTable(
            "bodies",
            BODY_COLUMNS,
            ("organization_id", "id"),
            lambda: (
                public.bodies()
                .select_related("organization", "area", "source")
                .order_by("organization__slug", "slug")
            ),
            {"organization_id": ORGANIZATION, "area_code": PLACE, "source_ids": SOURCE},
            title=_("Bodies"),
        ),
        DatasetTable(
            "goals",
            GOALS.columns,
            (),
            exports.LISTS["goals"].rows,
            {"organization_id": ORGANIZATION, "event_id": "events.id", "source_ids": SOURCE},
            title=_("Goals"),
        ),
        DatasetTable(
            "events",
            EVENTS.columns,
            ("id",),
            public.timeline,
            {"place_code": PLACE, "source_ids": SOURCE},
            title=_("Events"),
        ),
        DatasetTable(
            "places",
            PLACE_COLUMNS,
            ("code",),
            lambda: public.places().select_related("parent"),
            {"parent_code": PLACE},
            title=_("Places"),
        ),
        DatasetTable(
            "causes", CAUSE_COLUMNS, ("id",), lambda: public.causes().order_by("slug"), title=_("Causes")
        ),
        DatasetTable(
            "sources", SOURCE_COLUMNS, ("id",), lambda: public.sources().order_by("slug"), title=_("Sources")
        ),
        DatasetTable(
            "citations",
            CITATION_COLUMNS,
            ("organization_id", "field", "source_id"),
            lambda: (
                public.citations()
                .select_related("organization", "source")
                .order_by("organization__slug", "field", "source__slug")
            ),
            {"organization_id": ORGANIZATION, "source_id": SOURCE},
            title=_("Citations"),
        ),
    )
}
