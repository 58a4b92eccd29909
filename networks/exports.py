"""What researchers download: the rows of a filtered list as CSV, XLSX or Popolo-shaped JSON.

Each list's columns are declared once, in `lists.py`; here are how their rows are read and the writers.
Writers take an iterator of rows and stream, so memory stays flat whatever the number of rows.
"""

from __future__ import annotations

import csv
import datetime
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.db import connections
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from . import bulk, filters, public, serializers
from .lists import EVENTS, GOALS, ORGANIZATIONS, PEOPLE, Column, PublicList, primary, safe_cells, xlsx_cells
from .models import Derivation, Organization
from .privacy import Redactor

SCHEMA = Path(__file__).parent / "schemas" / "organizations.schema.json"
CHUNK_SIZE = 2000  # rows read from the database at a time
STREAM_PIECE = 64 * 1024  # characters written to the socket at a time
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


ORGANIZATION_COLUMNS = ORGANIZATIONS.columns

# What ORGANIZATION_COLUMNS read of the organization's own row; organization_rows() adds the rest.
ORGANIZATION_FIELDS = [
    "id",
    "slug",
    *(f"{field}_{language}" for field in ("name", "short_name") for language in ("ar", "en")),
    "kind",
    "scope",
    "status",
    "listing",
    "last_verified",
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
    # The bulk dataset's organizations table gives the row's own derivation (`tables.py`).
    "derivation",
    "inference_ar",
    "inference_en",
]


# The organization's relations that its row lists: {key: (related rows in their order, the field that links
# them to the organization, the value or values listed)}.
ORGANIZATION_LISTS = {
    "area_codes": (Organization.areas.through.objects.order_by("place__code"), "organization", "place__code"),
    "cause_slugs": (
        Organization.causes.through.objects.order_by("cause__slug"),
        "organization",
        "cause__slug",
    ),
    # One read gives both the row's cited sources and its inferred fields.
    "citations": (
        public.citations_of_listed_organizations().order_by("field", "source"),
        "organization",
        ("field", "source", "derivation"),
    ),
}


def organization_rows(queryset, staff: bool = False) -> Iterator[SimpleNamespace]:
    """The organizations of `queryset`, in its order, as ORGANIZATION_COLUMNS read them: the row's own values,
    `parent_slug` (empty when the parent is hidden, unless for `staff`), `seat_code`, the ORGANIZATION_LISTS
    and `sources` (the (slug, title) of the row's source, then of its citations' sources, first seen first).
    For `staff` (the admin's export) also `source_slug` and `quote`.

    Plain values rather than model instances: building an organization with its places, causes, citations
    and their sources, each through modeltranslation, cost about 1 ms a row (100 s for 100,000). The lists
    and sources are read per chunk of CHUNK_SIZE rows, so memory holds one chunk whatever the row count."""
    rows = (
        queryset.select_related(None)
        .prefetch_related(None)
        .values(
            *ORGANIZATION_FIELDS,
            *(["quote"] if staff else []),
            # The public layer's link is empty when the parent is hidden; staff read every organization.
            parent_slug=F("parent__slug" if staff else "public_parent__slug"),
            seat_code=F("seat__code"),
            **({"source_slug": F("source__slug")} if staff else {}),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    vendor = connections[queryset.db].vendor
    while chunk := list(islice(rows, CHUNK_SIZE)):
        by_id = {row["id"]: row for row in chunk}
        ids = bulk.in_ids(list(by_id), vendor)
        for key, (related, link, value) in ORGANIZATION_LISTS.items():
            for row in chunk:
                row[key] = []
            if isinstance(value, tuple):
                for pk, *item in related.filter(**{f"{link}__in": ids}).values_list(link, *value):
                    by_id[pk][key].append(item)
            else:
                for pk, item in related.filter(**{f"{link}__in": ids}).values_list(link, value):
                    by_id[pk][key].append(item)
        for row in chunk:
            citations = row.pop("citations")
            row["inferred_fields"] = list(
                dict.fromkeys(field for field, _source, how in citations if how == Derivation.INFERRED)
            )
            row["cited_source_ids"] = [source for _field, source, _how in citations]
        source_ids = {pk for row in chunk for pk in (row["source_id"], *row["cited_source_ids"])}
        titles = {
            source.pk: (source.slug, primary(source, "title"))
            for source in public.sources().filter(pk__in=source_ids).only("slug", "title_ar", "title_en")
        }
        for row in chunk:
            sources = dict.fromkeys([row["source_id"], *row.pop("cited_source_ids")])
            yield SimpleNamespace(**row, sources=[titles[pk] for pk in sources])


def model_rows(queryset) -> Iterator:
    """The rows of `queryset` as model instances, read CHUNK_SIZE at a time."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


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
    """One public list: its FilterSet and base rows (shared by the page and its exports), its declaration
    (columns, JSON keys: `lists.py`) and its JSON serializer."""

    name: str
    filterset: type
    rows: Callable[[], Any]
    declaration: PublicList
    serializer: type
    # The filtered rows as the columns read them (CSV, XLSX); the JSON serializer reads model instances.
    table_rows: Callable[[Any], Iterable] = model_rows

    @property
    def columns(self) -> list[Column]:
        return self.declaration.columns


LISTS = {
    "organizations": ListSpec(
        "organizations",
        filters.OrganizationFilter,
        lambda: public.organization_records().select_related("seat"),
        ORGANIZATIONS,
        serializers.OrganizationSerializer,
        organization_rows,
    ),
    "people": ListSpec(
        "people",
        filters.PersonFilter,
        public.person_list,
        PEOPLE,
        serializers.PersonSerializer,
    ),
    "events": ListSpec(
        "events",
        filters.EventFilter,
        public.timeline,
        EVENTS,
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
        GOALS,
        serializers.GoalSerializer,
    ),
}
