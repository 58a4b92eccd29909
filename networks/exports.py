"""What researchers download: the rows of a filtered list as CSV, XLSX or Popolo-shaped JSON.

One list of `Column`s per export describes each column once; the CSV and XLSX writers, the data dictionary
page and the tests all read it. Writers take an iterator of rows and stream, so memory stays flat whatever
the number of rows.
"""

from __future__ import annotations

import csv
import datetime
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import filters, public, serializers
from .models import Organization, format_precise_date
from .privacy import Redactor
from .serializers import primary

SCHEMA = Path(__file__).parent / "schemas" / "organizations.schema.json"
SEPARATOR = " | "  # between the values of a multi-valued cell (areas, causes, sources)
# Characters that make a spreadsheet read a CSV cell as a formula; in XLSX only "=" does (openpyxl then
# writes a formula cell), so "-founded" can stay as it is there.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_FORMULA_START = ("=",)
CHUNK_SIZE = 2000  # rows read from the database at a time
STREAM_PIECE = 64 * 1024  # characters written to the socket at a time
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    name: str
    description: Any  # lazily translated, for the data dictionary
    value: Callable[[Any], Any]
    # A passage quoted from a source: it may name a person who is not public and cannot be edited without
    # falsifying it, so it is redacted, as on the pages and in the JSON. The texts the directory writes itself
    # (names, descriptions, goals) are staff's to edit, and are exported as the pages show them.
    quote: bool = False


class Table:
    """The cells of each row under `columns`, as the CSV and XLSX writers write them: the quotes redacted,
    all of a row's at once (`Redactor.all`)."""

    def __init__(self, columns: list[Column], redact: Redactor):
        self.columns = columns
        self.redact = redact
        self.quotes = [index for index, column in enumerate(columns) if column.quote]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def cells(self, row) -> list:
        values = [column.value(row) for column in self.columns]
        if not self.quotes:
            return values
        texts = self.redact.all([values[index] for index in self.quotes])
        for index, text in zip(self.quotes, texts, strict=True):
            values[index] = text
        return values


def joined(values: Iterable) -> str:
    return SEPARATOR.join(str(v) for v in values if v not in (None, ""))


def translated_columns(field: str, description) -> list[Column]:
    """`<field>_ar` and `<field>_en`, side by side."""
    return [
        Column(
            f"{field}_ar",
            format_lazy(_("{what}, in Arabic"), what=description),
            attrgetter(f"{field}_ar"),
        ),
        Column(
            f"{field}_en",
            format_lazy(_("{what}, in English"), what=description),
            attrgetter(f"{field}_en"),
        ),
    ]


ORGANIZATION_COLUMNS: list[Column] = [
    Column("id", _("Stable identifier of the organization (its slug, as in its URL)."), lambda o: o.slug),
    *translated_columns("name", _("Name")),
    *translated_columns("short_name", _("Short name or acronym")),
    Column("kind", _("Kind of organization (codes listed below)."), lambda o: o.kind),
    Column("scope", _("Scope of its work (codes listed below)."), lambda o: o.scope),
    Column("status", _("Status: active, planned (in formation) or dissolved."), lambda o: o.status),
    Column(
        "parent_id",
        _("Identifier of the parent organization, empty for a root."),
        lambda o: o.parent_slug or "",
    ),
    Column(
        "area_codes",
        _("Places it works in: ISO 3166 codes for countries and regions, our codes otherwise."),
        lambda o: joined(o.area_codes),
    ),
    Column("seat_code", _("Place of its seat, when a source states it."), lambda o: o.seat_code or ""),
    Column("causes", _("Causes it works for (identifiers)."), lambda o: joined(o.cause_slugs)),
    Column(
        "founding_date",
        _(
            "Founding date in ISO 8601 at the precision the source gives (2017-09-16, 2017-09 or 2017); "
            "empty when unknown."
        ),
        lambda o: format_precise_date(o.founded_on, o.founded_on_precision),
    ),
    Column(
        "founding_date_precision",
        _("Precision of the founding date: day, month, year or unknown."),
        lambda o: o.founded_on_precision,
    ),
    Column("member_count", _("Number of members, when a source gives one."), lambda o: o.member_count),
    Column(
        "member_count_qualifier",
        _("How to read the number: exactly, at_least or more_than (a lower bound)."),
        lambda o: o.member_count_qualifier,
    ),
    *translated_columns("description", _("Description")),
    *translated_columns("vision", _("Vision")),
    *translated_columns("mission", _("Mission or message")),
    *translated_columns("slogan", _("Slogan")),
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
]


# What ORGANIZATION_COLUMNS read of the organization's own row; organization_rows() adds the rest.
ORGANIZATION_FIELDS = [
    "id",
    "slug",
    *(f"{field}_{language}" for field in ("name", "short_name") for language in ("ar", "en")),
    "kind",
    "scope",
    "status",
    "founded_on",
    "founded_on_precision",
    "member_count",
    "member_count_qualifier",
    *(
        f"{field}_{language}"
        for field in ("description", "vision", "mission", "slogan")
        for language in ("ar", "en")
    ),
    "source_id",
]


# The organization's relations that its row lists: {key: (related rows in their order, the field that links
# them to the organization, the value listed)}.
ORGANIZATION_LISTS = {
    "area_codes": (Organization.areas.through.objects.order_by("place__code"), "organization", "place__code"),
    "cause_slugs": (
        Organization.causes.through.objects.order_by("cause__slug"),
        "organization",
        "cause__slug",
    ),
    "cited_source_ids": (
        public.citations_of_listed_organizations().order_by("field", "source"),
        "organization",
        "source",
    ),
}


def organization_rows(queryset) -> Iterator[SimpleNamespace]:
    """The organizations of `queryset`, in its order, as ORGANIZATION_COLUMNS read them: the row's own values,
    `parent_slug` (empty when the parent is hidden), `seat_code`, the ORGANIZATION_LISTS and `sources` (the
    (slug, title) of the row's source, then of its citations' sources, first seen first).

    Plain values rather than model instances: building an organization with its places, causes, citations
    and their sources, each through modeltranslation, cost about 1 ms a row (100 s for 100,000). The lists
    and sources are read per chunk of CHUNK_SIZE rows, so memory holds one chunk whatever the row count."""
    rows = (
        queryset.select_related(None)
        .prefetch_related(None)
        .values(
            *ORGANIZATION_FIELDS,
            parent_slug=F("public_parent__slug"),
            seat_code=F("seat__code"),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    vendor = connections[queryset.db].vendor
    while chunk := list(islice(rows, CHUNK_SIZE)):
        by_id = {row["id"]: row for row in chunk}
        ids = _id_list(list(by_id), vendor)
        for key, (related, link, value) in ORGANIZATION_LISTS.items():
            for row in chunk:
                row[key] = []
            for pk, item in related.filter(**{f"{link}__in": ids}).values_list(link, value):
                by_id[pk][key].append(item)
        source_ids = {pk for row in chunk for pk in (row["source_id"], *row["cited_source_ids"])}
        titles = {
            source.pk: (source.slug, primary(source, "title"))
            for source in public.sources().filter(pk__in=source_ids).only("slug", "title_ar", "title_en")
        }
        for row in chunk:
            sources = dict.fromkeys([row["source_id"], *row.pop("cited_source_ids")])
            yield SimpleNamespace(**row, sources=[titles[pk] for pk in sources])


def _id_list(ids: list[int], vendor: str):
    """`ids` as the right-hand side of an `__in` lookup. On PostgreSQL one array parameter: a query with
    2,000 placeholders spends 20 ms in Django and psycopg before it reaches the database."""
    return RawSQL("SELECT unnest(%s::bigint[])", (ids,)) if vendor == "postgresql" else ids


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


def memberships_of(person) -> list:
    return list(person.memberships.all())


PERSON_COLUMNS: list[Column] = [
    Column("id", _("Stable identifier of the person (as in their URL)."), lambda p: p.slug),
    Column("name_ar", _("Name in Arabic script."), lambda p: p.name_ar),
    Column("name_en", _("Name in Latin script."), lambda p: p.name_en),
    Column(
        "name_en_is_published",
        _(
            "1 when the Latin spelling is one a source publishes, "
            "0 when it is the directory's transliteration."
        ),
        lambda p: int(p.published_latin),
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
]

EVENT_COLUMNS: list[Column] = [
    Column("id", _("Stable identifier of the event."), lambda e: e.slug),
    *translated_columns("name", _("Name")),
    Column("kind", _("Kind of event."), lambda e: e.kind),
    Column(
        "date",
        _("Date in ISO 8601 at the precision the source gives; empty when unknown."),
        lambda e: format_precise_date(e.date, e.date_precision),
    ),
    Column(
        "date_precision", _("Precision of the date: day, month, year or unknown."), lambda e: e.date_precision
    ),
    Column("place_code", _("Where it took place (place code)."), lambda e: e.place.code if e.place else ""),
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
]

GOAL_COLUMNS: list[Column] = [
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
    Column("order", _("Position in the source's list, from 1."), lambda g: g.order),
    *translated_columns("text", _("Text")),
    *source_columns(),
    Column(
        "quote",
        _("The passage of the source that states it, in the source's language."),
        lambda g: g.quote,
        quote=True,
    ),
]


def model_rows(queryset) -> Iterator:
    """The rows of `queryset` as model instances, read CHUNK_SIZE at a time."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def safe_cells(values: list, formula_start=CSV_FORMULA_START) -> list:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe; None is an empty cell.
    A row at a time: a call per cell cost about a second on 100,000 rows."""
    return [
        ("'" + value if value.startswith(formula_start) else value)
        if isinstance(value, str)
        else ("" if value is None else value)
        for value in values
    ]


def xlsx_cells(values: list) -> list:
    """`safe_cells` for XLSX, without the control characters a worksheet cannot hold (a search typed
    with one must not break the "about" sheet)."""
    return [
        ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
        for value in safe_cells(values, XLSX_FORMULA_START)
    ]


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def buffered(pieces: Iterable[str], size: int = STREAM_PIECE) -> Iterator[str]:
    """The pieces joined into pieces of about `size` characters: a streamed response writes each piece to the
    socket on its own, and one write per row cost seconds on 100,000 rows."""
    batch, length = [], 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def csv_stream(rows: Iterable, table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the BOM tells Excel the file is UTF-8, so Arabic shows as Arabic
    yield writer.writerow(table.header)
    for row in rows:
        yield writer.writerow(safe_cells(table.cells(row)))


def xlsx_file(rows: Iterable, table: Table, about: dict):
    """A workbook written in openpyxl's write-only mode to a temporary file: the rows, then an "About"
    sheet (filters, export time, row count, how to cite). Returns the open file, at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(table.header)
    count = 0
    for row in rows:
        sheet.append(xlsx_cells(table.cells(row)))
        count += 1
    info = workbook.create_sheet("about")
    for key, value in [*about_rows(about), (str(_("Rows")), str(count))]:
        info.append(xlsx_cells([key, value]))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def json_stream(rows: Iterable, about: dict, key: str, serializer, redact) -> Iterator[str]:
    """`{"meta": …, "<key>": [ … ]}`, one row at a time, in the API's Popolo shape."""
    yield '{"meta": ' + json.dumps(about, ensure_ascii=False) + f', "{key}": ['
    context = {"redact": redact}
    for index, row in enumerate(rows):
        item = serializer(row, context=context).data
        yield ("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"


ABOUT_LABELS = {
    "directory": _("Directory"),
    "filters": _("Filters"),
    "sort": _("Sort"),
    "exported_at": _("Exported at"),
    "how_to_cite": _("How to cite"),
}


def export_about(filters: dict, sort: str, now: datetime.datetime | None = None) -> dict:
    """What an export says about itself: the JSON's `meta`, the XLSX's "about" sheet."""
    now = timezone.localtime(now)
    return {
        "directory": str(_("Shabakat: directory of women's networks in the Maghreb")),
        "filters": filters,
        "sort": sort,
        "exported_at": now.isoformat(timespec="seconds"),
        "how_to_cite": str(
            _(
                "Shabakat, directory of women's networks in the Maghreb, export of %(date)s. "
                "Each row lists the sources it comes from."
            )
            % {"date": now.date().isoformat()}
        ),
    }


def about_rows(about: dict) -> list[tuple[str, str]]:
    """The "about" sheet: one labelled line per item, filters as `name=value; …`."""
    rows = []
    for key, value in about.items():
        if isinstance(value, dict):
            value = "; ".join(f"{k}={v}" for k, v in value.items()) or str(_("none"))
        rows.append((str(ABOUT_LABELS[key]), str(value)))
    return rows


def export_filename(kind: str, filters: dict, extension: str, today: datetime.date | None = None) -> str:
    """`organizations_country-LY_cause-womens-rights_2026-11-22.csv`: what is inside, and when."""
    today = today or timezone.localdate()
    parts = [kind, *(f"{key}-{value}" for key, value in filters.items())]
    safe = "_".join(parts).replace("/", "-").replace(" ", "-")
    return f"{safe[:150]}_{today.isoformat()}.{extension}"


@dataclass(frozen=True)
class ListSpec:
    """One public list: its FilterSet and base rows (shared by the page and its exports), its columns and
    its JSON shape."""

    name: str
    filterset: type
    rows: Callable[[], Any]
    columns: list[Column]
    serializer: type
    # The filtered rows as the columns read them (CSV, XLSX); the JSON serializer reads model instances.
    table_rows: Callable[[Any], Iterable] = model_rows


LISTS = {
    "organizations": ListSpec(
        "organizations",
        filters.OrganizationFilter,
        lambda: public.organization_records().select_related("seat"),
        ORGANIZATION_COLUMNS,
        serializers.OrganizationSerializer,
        organization_rows,
    ),
    "people": ListSpec(
        "people",
        filters.PersonFilter,
        public.person_list,
        PERSON_COLUMNS,
        serializers.PersonSerializer,
    ),
    "events": ListSpec(
        "events",
        filters.EventFilter,
        public.timeline,
        EVENT_COLUMNS,
        serializers.EventSerializer,
    ),
    "goals": ListSpec(
        "goals",
        filters.GoalFilter,
        lambda: (
            public.goals()
            .select_related("organization", "event", "source")
            .order_by("organization__slug", "event__slug", "kind", "order")
        ),
        GOAL_COLUMNS,
        serializers.GoalSerializer,
    ),
}
