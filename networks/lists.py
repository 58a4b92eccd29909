"""The public lists (organizations, people, events, goals), each declared once.

A `PublicList` names its columns, what each means in both languages, how its value is read and how the admin
imports it back. From it come the CSV and XLSX columns (`exports.py`), the data dictionary page, the admin's
import/export resources (`resources.py`) and the keys of the JSON/API records (`serializers.py`); the JSON
Schema is checked against it by `tests/test_lists.py`. The rules every spreadsheet cell follows, whoever
writes it, are here too: one multi-value separator and one formula escape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import facets
from .models import Cause, Derivation, Event, Goal, Organization, Place, Source, format_precise_date

SEPARATOR = " | "  # between the values of a multi-valued cell (areas, causes, sources)
# Characters that make a spreadsheet read a CSV cell as a formula; in XLSX only "=" does (openpyxl then
# writes a formula cell), so "-founded" can stay as it is there.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_FORMULA_START = ("=",)
FORMULA_ESCAPE = "'"


def safe_cells(values: list, formula_start=CSV_FORMULA_START) -> list:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe; None is an empty cell.
    A row at a time: a call per cell cost about a second on 100,000 rows. (Every formula start is one
    character: a text's first character is looked up in a set.)"""
    first = _FIRST_CHARACTERS[formula_start]
    return [
        (FORMULA_ESCAPE + value if value[:1] in first else value)
        if type(value) is str
        else ("" if value is None else value)
        for value in values
    ]


_FIRST_CHARACTERS = {start: frozenset(start) for start in (CSV_FORMULA_START, XLSX_FORMULA_START)}


def xlsx_cells(values: list) -> list:
    """`safe_cells` for XLSX, without the control characters a worksheet cannot hold (a search typed
    with one must not break the "about" sheet)."""
    return [
        ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
        for value in safe_cells(values, XLSX_FORMULA_START)
    ]


def unescaped(value):
    """A cell as it was before `safe_cells`, for the import: the escape of either format is undone."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_ESCAPE)
        and value[len(FORMULA_ESCAPE) :].startswith(CSV_FORMULA_START)
    ):
        return value[len(FORMULA_ESCAPE) :]
    return value


def joined(values: Iterable) -> str:
    return SEPARATOR.join([str(v) for v in values if v is not None and v != ""])


def primary(obj, field: str = "name") -> str:
    """Arabic, the directory's default language, or English when there is no Arabic."""
    return in_primary_language(getattr(obj, f"{field}_ar"), getattr(obj, f"{field}_en"))


def in_primary_language(arabic: str | None, english: str | None) -> str:
    """`primary` of two values read as they are."""
    return arabic or english or ""


@dataclass(frozen=True)
class Load:
    """How the admin's import writes a column back to the model (`resources.py` makes the widget)."""

    attribute: str
    kind: str = "text"  # text, number, boolean, date, reference, references
    model: type | None = None  # of a reference
    key: str = "slug"  # the column holds the related rows' `key`
    precision: str = ""  # a date's precision column
    default: Any = None  # what an empty cell imports as (None: nothing, the cell is written as it is)


@dataclass(frozen=True)
class Column:
    name: str
    description: Any  # lazily translated, for the data dictionary
    value: Callable[[Any], Any]
    # A passage quoted from a source: it may name a person who is not public and cannot be edited without
    # falsifying it, so it is redacted, as on the pages and in the JSON. The texts the directory writes itself
    # (names, descriptions, goals) are staff's to edit, and are exported as the pages show them.
    quote: bool = False
    # None: derived from other rows (sources, memberships), so the import reads past it.
    load: Load | None = None
    # Its Frictionless Table Schema type in the bulk dataset (`dataset.py`): string unless said.
    type: str = "string"
    # A label column: `value` gives the code (or list of codes) of the column beside it, and the cell is its
    # label in the export's language, for a reader who does not know the codes.
    labels: Callable[[], Iterable[tuple[Any, Any]]] | None = None

    def reader(self) -> Callable[[Any], Any]:
        """How this column's cell is read from a row. A label column reads its labels here, once per export
        and in the active language, rather than once per row."""
        if self.labels is None:
            return self.value
        names = {str(code): str(label) for code, label in self.labels()}

        def label(row):
            codes = self.value(row)
            if isinstance(codes, str):
                return names.get(codes, codes)
            return joined(names.get(code, code) for code in codes)

        return label


@dataclass(frozen=True)
class PublicList:
    name: str
    columns: list[Column]  # CSV, XLSX, the data dictionary, the admin's columns
    json_fields: tuple[str, ...]  # the keys of a JSON/API record (Popolo)
    # The admin's columns after the public ones: what staff edit but the public exports leave out.
    staff_columns: list[Column] = ()

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def staff_header(self) -> list[str]:
        return [column.name for column in (*self.columns, *self.staff_columns)]


def translated_columns(field: str, description) -> list[Column]:
    """`<field>_ar` and `<field>_en`, side by side."""
    return [
        Column(
            f"{field}_{language}",
            format_lazy(what, what=description),
            attrgetter(f"{field}_{language}"),
            load=Load(f"{field}_{language}"),
        )
        for language, what in (("ar", _("{what}, in Arabic")), ("en", _("{what}, in English")))
    ]


def text_column(name: str, description, attribute: str | None = None) -> Column:
    """A column holding one text attribute of the row as it is."""
    attribute = attribute or name
    return Column(name, description, attrgetter(attribute), load=Load(attribute))


def date_column(name: str, description) -> Column:
    """A date the directory records itself (not a source's, which has a precision): ISO 8601, empty when
    not recorded."""
    read = attrgetter(name)
    return Column(name, description, lambda row: read(row).isoformat() if read(row) else "", type="date")


def label_column(code_column: str, value: Callable[[Any], Any], labels, name: str = "") -> Column:
    """`<code_column>_label`: the labels of the codes of `code_column`, in the export's language."""
    return Column(
        name or f"{code_column}_label",
        format_lazy(_("The {column} column in words, in the language of the export."), column=code_column),
        value,
        labels=labels,
    )


def choices(model, field: str = "kind"):
    """The (code, label) choices of a model's field, for a label column."""
    return lambda: model._meta.get_field(field).choices


def source_columns() -> list[Column]:
    """`source_ids` and `source_titles` of a fact row, which comes from one source."""
    return [
        Column(
            "source_ids", _("Identifiers of the sources this row comes from."), lambda row: row.source.slug
        ),
        Column(
            "source_titles",
            _("Titles of those sources, in the same order."),
            lambda row: primary(row.source, "title"),
        ),
    ]


def derivation_columns() -> list[Column]:
    """Whether the source states the row or the editors infer it from the quote, and why."""
    return [
        Column(
            "derivation",
            _("stated: the quoted passage says it; inferred: the editors read it from the passage."),
            attrgetter("derivation"),
            load=Load("derivation", default=Derivation.STATED),
        ),
        *translated_columns("inference", _("Why the editors infer it (empty when stated)")),
    ]


def staff_source_columns(source_slug: Callable[[Any], str]) -> list[Column]:
    """The row's own source and quoted passage, which only staff export and import."""
    return [
        Column(
            "source",
            _("Identifier of the source the row itself comes from."),
            source_slug,
            load=Load("source", "reference", Source),
        ),
        text_column("quote", _("The passage of the source that states it, in the source's language.")),
    ]


def memberships_of(person) -> list:
    return list(person.memberships.all())


# Organizations are read as plain values by `exports.organization_rows`, not as model instances.
ORGANIZATIONS = PublicList(
    "organizations",
    [
        text_column("id", _("Stable identifier of the organization (its slug, as in its URL)."), "slug"),
        *translated_columns("name", _("Name")),
        *translated_columns("short_name", _("Short name or acronym")),
        text_column("kind", _("Kind of organization (codes listed below).")),
        label_column("kind", attrgetter("kind"), choices(Organization)),
        text_column("scope", _("Scope of its work (codes listed below).")),
        label_column("scope", attrgetter("scope"), choices(Organization, "scope")),
        text_column("status", _("Status: active, planned (in formation) or dissolved.")),
        label_column("status", attrgetter("status"), choices(Organization, "status")),
        Column(
            "listing",
            _("entry: one of the directory's subjects; related: a body the sources only mention."),
            attrgetter("listing"),
            load=Load("listing", default=Organization.Listing.ENTRY),
        ),
        date_column(
            "last_verified",
            _("When staff last checked the entry against its sources (ISO 8601); empty when never."),
        ),
        Column(
            "parent_id",
            _("Identifier of the parent organization, empty for a root."),
            lambda o: o.parent_slug or "",
            load=Load("parent", "reference", Organization),
        ),
        Column(
            "area_codes",
            _("Places it works in: ISO 3166 codes for countries and regions, our codes otherwise."),
            lambda o: joined(o.area_codes),
            load=Load("areas", "references", Place, "code"),
        ),
        Column(
            "seat_code",
            _("Place of its seat, when a source states it."),
            lambda o: o.seat_code or "",
            load=Load("seat", "reference", Place, "code"),
        ),
        Column(
            "causes",
            _("Causes it works for (identifiers)."),
            lambda o: joined(o.cause_slugs),
            load=Load("causes", "references", Cause),
        ),
        # The facet's options: kept in the cache per directory version, so no query per export.
        label_column("causes", attrgetter("cause_slugs"), lambda: facets.options("cause"), "cause_labels"),
        Column(
            "founding_date",
            _(
                "Founding date in ISO 8601 at the precision the source gives (2017-09-16, 2017-09 or 2017); "
                "empty when unknown."
            ),
            lambda o: format_precise_date(o.founded_on, o.founded_on_precision),
            load=Load("founded_on", "date", precision="founding_date_precision"),
        ),
        text_column(
            "founding_date_precision",
            _("Precision of the founding date: day, month, year or unknown."),
            "founded_on_precision",
        ),
        Column(
            "member_count",
            _("Number of members, when a source gives one."),
            attrgetter("member_count"),
            load=Load("member_count", "number"),
            type="integer",
        ),
        text_column(
            "member_count_qualifier",
            _("How to read the number: exactly, at_least or more_than (a lower bound)."),
        ),
        *translated_columns("description", _("Description")),
        *translated_columns("vision", _("Vision")),
        *translated_columns("mission", _("Mission or message")),
        *translated_columns("slogan", _("Slogan")),
        Column(
            "inferred_fields",
            _(
                "The fields the editors inferred from the quoted passage rather than read in it (the JSON "
                "export and the API give each one's reason); the others are stated by the source."
            ),
            lambda o: joined(o.inferred_fields),
        ),
        Column(
            "source_ids",
            _("Identifiers of the sources this row comes from."),
            lambda o: joined(slug for slug, _title in o.sources),
        ),
        Column(
            "source_titles",
            _("Titles of those sources, in the same order."),
            lambda o: joined(title for _slug, title in o.sources),
        ),
    ],
    (
        "id",
        "name",
        "other_names",
        "classification",
        "scope",
        "status",
        "parent_id",
        "founding_date",
        "founding_date_precision",
        "area",
        "causes",
        "member_count",
        "member_count_qualifier",
        "description",
        "listing",
        "last_verified",
        "sources",
        "citations",
    ),
    staff_columns=staff_source_columns(attrgetter("source_slug")),
)

PEOPLE = PublicList(
    "people",
    [
        text_column("id", _("Stable identifier of the person (as in their URL)."), "slug"),
        text_column("name_ar", _("Name in Arabic script.")),
        text_column("name_en", _("Name in Latin script.")),
        Column(
            "name_en_is_published",
            _(
                "1 when the Latin spelling is one a source publishes, "
                "0 when it is the directory's transliteration."
            ),
            lambda p: int(p.published_latin),
            load=Load("published_latin", "boolean"),
            type="integer",
        ),
        Column(
            "organization_ids",
            _("Organizations the person has a role in, one per membership."),
            lambda p: joined(m.organization.slug for m in memberships_of(p)),
        ),
        Column(
            "roles",
            _("The role in each of those memberships, in the same order."),
            lambda p: joined(m.role for m in memberships_of(p)),
        ),
        Column(
            "on_behalf_of_ids",
            _("The organization each membership is held on behalf of, in the same order ('-' when none)."),
            lambda p: joined((m.on_behalf_of.slug if m.on_behalf_of else "-") for m in memberships_of(p)),
        ),
        *source_columns(),
        *derivation_columns(),
    ],
    ("id", "name", "other_names", "memberships", "sources"),
    staff_columns=[
        *translated_columns("description", _("Description")),
        *staff_source_columns(lambda p: p.source.slug),
    ],
)

EVENTS = PublicList(
    "events",
    [
        Column("id", _("Stable identifier of the event."), lambda e: e.slug),
        *translated_columns("name", _("Name")),
        Column("kind", _("Kind of event."), lambda e: e.kind),
        label_column("kind", attrgetter("kind"), choices(Event)),
        Column(
            "date",
            _("Date in ISO 8601 at the precision the source gives; empty when unknown."),
            lambda e: format_precise_date(e.date, e.date_precision),
        ),
        Column(
            "date_precision",
            _("Precision of the date: day, month, year or unknown."),
            lambda e: e.date_precision,
        ),
        Column(
            "place_code", _("Where it took place (place code)."), lambda e: e.place.code if e.place else ""
        ),
        *translated_columns("venue", _("Venue")),
        *translated_columns("slogan", _("Slogan")),
        Column(
            "organization_ids",
            _("Organizations taking part, each as identifier:role."),
            lambda e: joined(f"{p.organization.slug}:{p.role}" for p in e.eventorganization_set.all()),
        ),
        Column(
            "participant_ids",
            _("People taking part, each as identifier:role."),
            lambda e: joined(f"{p.person.slug}:{p.role}" for p in e.participations.all()),
        ),
        *source_columns(),
        *derivation_columns(),
    ],
    (
        "id",
        "name",
        "classification",
        "start_date",
        "date_precision",
        "location",
        "organizations",
        "participants",
        "sources",
    ),
)

GOALS = PublicList(
    "goals",
    [
        Column("organization_id", _("Identifier of the organization."), lambda g: g.organization.slug),
        Column(
            "event_id",
            _("Identifier of the event, when these are one event's objectives."),
            lambda g: g.event.slug if g.event else "",
        ),
        Column(
            "kind",
            _("Kind: objectives, specific objectives, means, tasks, sources of strength, activities."),
            lambda g: g.kind,
        ),
        label_column("kind", attrgetter("kind"), choices(Goal)),
        Column("order", _("Position in the source's list, from 1."), lambda g: g.order, type="integer"),
        *translated_columns("text", _("Text")),
        *source_columns(),
        *derivation_columns(),
        Column(
            "quote",
            _("The passage of the source that states it, in the source's language."),
            lambda g: g.quote,
            quote=True,
        ),
    ],
    ("organization_id", "event_id", "kind", "order", "text", "sources"),
)

PUBLIC_LISTS = {public_list.name: public_list for public_list in (ORGANIZATIONS, PEOPLE, EVENTS, GOALS)}
