"""What researchers download: the rows of a filtered list as CSV, XLSX or Popolo-shaped JSON.

Each list's columns are declared once, in `lists.py`; here are how their rows are read and the writers.
Writers take an iterator of rows and stream, so memory stays flat whatever the number of rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
from django import forms
from django.db import connections
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

from . import bulk, filters, licence, public, records, serializers
from .lists import (
    EVENTS,
    GOALS,
    ORGANIZATIONS,
    PEOPLE,
    Column,
    PublicList,
    in_primary_language,
    safe_cells,
    xlsx_cells,
)
from .models import Derivation, Organization
from .privacy import Redactor

logger = logging.getLogger(__name__)
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
        self.readers = [column.reader() for column in columns]
        self.quotes = [index for index, column in enumerate(columns) if column.quote]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def cells(self, row) -> list:
        values = [read(row) for read in self.readers]
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


# What the JSON export (`records.py`) reads of each citation beyond the CSV's: the passage and the reason.
CITATION_DETAILS = {
    "cited": (
        public.citations_of_listed_organizations().order_by("field", "source"),
        "organization",
        ("field", "source__slug", "quote", "derivation", "inference_ar", "inference_en"),
    )
}


def plain(queryset):
    """`queryset` read as Django reads it: modeltranslation's values() rebuilds every row to fill in the
    other language (about a fifth of the organizations export); these read each language's own field."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def organization_rows(queryset, staff: bool = False, cited: bool = False) -> Iterator[SimpleNamespace]:
    """The organizations of `queryset`, in its order, as ORGANIZATION_COLUMNS read them: the row's own values,
    `parent_slug` (empty when the parent is hidden, unless for `staff`), `seat_code`, the ORGANIZATION_LISTS
    and `sources` (the (slug, title) of the row's source, then of its citations' sources, first seen first).
    For `staff` (the admin's export) also `source_slug` and `quote`; for `cited` (the JSON export) those
    and the CITATION_DETAILS.

    Plain values rather than model instances: building an organization with its places, causes, citations
    and their sources, each through modeltranslation, cost about 1 ms a row (100 s for 100,000). The lists
    and sources are read per chunk of CHUNK_SIZE rows, so memory holds one chunk whatever the row count."""
    rows = (
        plain(queryset.select_related(None).prefetch_related(None))
        .values(
            *ORGANIZATION_FIELDS,
            *(["quote"] if staff or cited else []),
            # The public layer's link is empty when the parent is hidden; staff read every organization.
            parent_slug=F("parent__slug" if staff else "public_parent__slug"),
            seat_code=F("seat__code"),
            **({"source_slug": F("source__slug")} if staff or cited else {}),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    vendor = connections[queryset.db].vendor
    lists = {**ORGANIZATION_LISTS, **(CITATION_DETAILS if cited else {})}
    while chunk := list(islice(rows, CHUNK_SIZE)):
        by_id = {row["id"]: row for row in chunk}
        ids = bulk.in_ids(list(by_id), vendor)
        for key, (related, link, value) in lists.items():
            for row in chunk:
                row[key] = []
            related = plain(related.filter(**{f"{link}__in": ids}))
            if isinstance(value, tuple):
                for pk, *item in related.values_list(link, *value):
                    by_id[pk][key].append(item)
            else:
                for pk, item in related.values_list(link, value):
                    by_id[pk][key].append(item)
        inferred = Derivation.INFERRED.value
        for row in chunk:
            citations = row.pop("citations")
            row["inferred_fields"] = list(
                dict.fromkeys(field for field, _source, how in citations if how == inferred)
            )
            row["cited_source_ids"] = [source for _field, source, _how in citations]
        source_ids = {pk for row in chunk for pk in (row["source_id"], *row["cited_source_ids"])}
        titles = {
            pk: (slug, in_primary_language(title_ar, title_en))
            for pk, slug, title_ar, title_en in plain(
                public.sources().filter(pk__in=bulk.in_ids(list(source_ids), vendor))
            ).values_list("pk", "slug", "title_ar", "title_en")
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


SPOOL_SIZE = 1024 * 1024  # bytes of a CSV held in memory before it goes to a temporary file


def csv_file(rows: Iterable, table: Table):
    """The CSV written whole before any byte is sent, to a temporary file (in memory while small): its
    `Content-Length` lets a client tell a cut download from a whole one, and a database failure while it is
    written is an error answer (503), never a file that ends on a row boundary and looks complete. Returns
    the open binary file, at its start."""
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)  # noqa: SIM115 - FileResponse closes it
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text)
    text.write("\ufeff")  # the BOM tells Excel the file is UTF-8, so Arabic shows as Arabic
    writer.writerow(table.header)
    writer.writerows(safe_cells(table.cells(row)) for row in rows)
    text.flush()
    text.detach()
    handle.seek(0)
    return handle


# Widths are read from the first rows: openpyxl's write-only sheet writes them before any row, and holding
# every row to measure it would hold the whole export in memory.
WIDTH_SAMPLE = 500
MIN_WIDTH, MAX_WIDTH = 8, 60  # in characters; a column whose text is wider wraps it
HEADER_FONT = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, family=DEFAULT_FONT.family, bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # a label beside a value of several lines, on its first line


def column_widths(header: list[str], rows: list[list]) -> list[int]:
    """Each column's width: its widest cell (header included, longest line of a cell), bounded."""
    widths = [len(name) for name in header]
    for row in rows:
        for index, value in enumerate(row):
            if value is not None and value != "":
                widths[index] = max(widths[index], max(map(len, str(value).splitlines() or [""])))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def styled(sheet, values: list, styles: dict[int, dict]) -> list:
    """The row's values, those at the indexes of `styles` as cells with those styles."""
    cells = list(values)
    for index, style in styles.items():
        cell = WriteOnlyCell(sheet, cells[index])
        for name, value in style.items():
            setattr(cell, name, value)
        cells[index] = cell
    return cells


def start_sheet(sheet, header: list[str], sample: list[list], one_page_wide: bool = False) -> None:
    """A sheet's layout, set before its first row: widths, the header row frozen in view (and printed on
    every page), the direction of the export's language (an Arabic reader reads the columns from the right),
    then the bold header."""
    for index, width in enumerate(column_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    if one_page_wide:  # a label and its value on the same printed page
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.append(styled(sheet, header, {index: {"font": HEADER_FONT} for index in range(len(header))}))


LINE_HEIGHT = 15  # points: a line of the default font
MAX_LINES = 8  # a longer text is held whole in its cell, and shows its first lines


def lines_needed(values: list, widths: dict[int, int]) -> int:
    """How many lines the row's wrapped cells (`widths`: {index: width}) need: LibreOffice does not work
    it out when it opens the file, and would draw a wrapped text over the rows below it."""
    needed = 1
    for index, width in widths.items():
        value = values[index]
        if isinstance(value, str) and (len(value) > width - 2 or "\n" in value):
            lines = sum(max(1, -(-len(line) // (width - 2))) for line in value.splitlines())
            needed = max(needed, lines)
    return min(needed, MAX_LINES)


def append_row(sheet, number: int, values: list, styles: dict[int, dict], widths: dict[int, int]) -> None:
    """Row `number` of the sheet, its cells at `styles`, as tall as its wrapped cells need."""
    lines = lines_needed(values, widths)
    if lines > 1:
        sheet.row_dimensions[number].height = lines * LINE_HEIGHT
    sheet.append(styled(sheet, values, styles) if styles else values)
    if lines > 1:
        del sheet.row_dimensions[number]  # written now: not held for the rest of the export


def xlsx_file(rows: Iterable, table: Table, about: list[tuple[str, str]]):
    """A workbook written in openpyxl's write-only mode to a temporary file: the rows (bold frozen header,
    autofilter, widths from the content, long text wrapped), then an "about" sheet (`about`, then the row
    count). Returns the open file, at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    cells = (xlsx_cells(table.cells(row)) for row in rows)
    sample = list(islice(cells, WIDTH_SAMPLE))
    start_sheet(sheet, table.header, sample)
    widths = column_widths(table.header, sample)
    wrapped = {index: width for index, width in enumerate(widths) if width == MAX_WIDTH}
    styles = {index: {"alignment": WRAPPED} for index in wrapped}
    count = 0
    for count, values in enumerate(chain(sample, cells), start=1):
        append_row(sheet, count + 1, values, styles, wrapped)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{count + 1}"
    info = workbook.create_sheet("about")
    lines = [xlsx_cells([key, value]) for key, value in [*about, (str(_("Rows")), str(count))]]
    start_sheet(info, [str(_("About this export")), ""], lines, one_page_wide=True)
    value_width = {1: column_widths(["", ""], lines)[1]}
    styles = {0: {"font": HEADER_FONT, "alignment": TOP}, 1: {"alignment": WRAPPED}}
    for number, line in enumerate(lines, start=2):
        append_row(info, number, line, styles, value_width)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def json_text(value) -> str:
    """`value` as compact JSON, non-ASCII characters as they are: orjson, several times quicker than the
    standard library's encoder, which was a tenth of the organizations' JSON export."""
    return orjson.dumps(value).decode()


def serialized(serializer) -> Callable[[Any, Redactor], Iterator[dict]]:
    """A list's JSON records, each written by its API serializer from a model instance."""

    def records(queryset, redact: Redactor) -> Iterator[dict]:
        context = {"redact": redact}
        return (serializer(row, context=context).data for row in model_rows(queryset))

    return records


def json_stream(records: Iterable[dict], about: dict, key: str) -> Iterator[str]:
    """`{"meta": …, "<key>": [ … ], "count": n, "complete": true}`, one record at a time, in the API's
    shape. Streamed, so `complete` comes last: a document without it was cut (see `ended_on_failure`)."""
    yield '{"meta": ' + json_text(about) + f', "{key}": ['
    count = 0
    for count, item in enumerate(records, start=1):
        yield ("," if count > 1 else "") + "\n" + json_text(item)
    yield f'\n], "count": {count}, "complete": true}}\n'


def ended_on_failure(pieces: Iterable[str], path: str) -> Iterator[str]:
    """A streamed body that stops where reading the rows failed, the failure logged: the answer (200) has
    already begun, so the client learns it from the body, which lacks its end (`"complete": true`), rather
    than from an error page written into the middle of the file."""
    try:
        yield from pieces
    except Exception:
        logger.exception("Export %s failed after it began: the file sent ends where it failed", path)


def export_about(filters: dict, sort: str, now: datetime.datetime | None = None) -> dict:
    """What an export says about itself, in codes: the JSON's `meta`."""
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


def described(value, choices: dict) -> str:
    """A filter's value as a reader reads it: its label, then the code the address uses."""
    if hasattr(value, "pk"):  # a row chosen by its code or slug
        value, label = getattr(value, "code", None) or value.slug, getattr(value, "name", "")
    else:
        label = choices.get(str(value), "")
    return f"{label} ({value})" if label and str(label) != str(value) else str(value)


def described_filters(filterset) -> list[str]:
    """Each filter in use, one line each: its label, then its values' labels. Call after validation."""
    lines = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        # A model choice's options would be a query of every row: its values are rows, with their names.
        listed = isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField)
        choices = {str(code): label for code, label in field.choices} if listed else {}
        values = value if isinstance(value, list | tuple) else [value]
        text = gettext(", ").join(described(item, choices) for item in values)
        lines.append(f"{field.label or name}: {text}")
    return lines


def described_sort(filterset) -> str:
    """The order of the rows, in words: the sort chosen or the list's default one."""
    if not hasattr(filterset, "chosen_sort"):
        return str(_("the list's own order (as on its page)"))
    sort = filterset.chosen_sort()
    return described(sort, {str(code): label for code, label in filterset.form.fields["sort"].choices})


def about_sheet(about: dict, filterset) -> list[tuple[str, str]]:
    """The XLSX's "about" sheet (the row count follows): the export's `about`, its filters and sort in words
    as well as in codes, and the licence."""
    codes = "&".join(f"{name}={value}" for name, value in about["filters"].items())
    return [
        (str(_("Directory")), about["directory"]),
        (str(_("Filters")), "\n".join(described_filters(filterset)) or str(_("none"))),
        (str(_("Filters in the address")), codes or str(_("none"))),
        (str(_("Sort")), described_sort(filterset)),
        (str(_("Exported at")), about["exported_at"]),
        (str(_("How to cite")), about["how_to_cite"]),
        (str(_("Licence")), f"{licence.LINE}\n{licence.QUOTES}"),
    ]


def export_filename(kind: str, filters: dict, extension: str, today: datetime.date | None = None) -> str:
    """`organizations_country-LY_cause-womens-rights_2026-11-22.csv`: what is inside, and when."""
    today = today or timezone.localdate()
    parts = [kind, *(f"{key}-{value}" for key, value in filters.items())]
    safe = "_".join(parts).replace("/", "-").replace(" ", "-")
    return f"{safe[:150]}_{today.isoformat()}.{extension}"


@dataclass(frozen=True)
class ListSpec:
    """One public list: its FilterSet and base rows (shared by the page and its exports), its declaration
    (columns, JSON keys: `lists.py`) and its API serializer."""

    name: str
    filterset: type
    rows: Callable[[], Any]
    declaration: PublicList
    serializer: type
    # The filtered rows as the columns read them (CSV, XLSX).
    table_rows: Callable[[Any], Iterable] = model_rows
    # The filtered rows as the JSON export's records, in `serializer`'s shape (by default written by it).
    json_records: Callable[[Any, Redactor], Iterable[dict]] | None = None

    def records(self, queryset, redact: Redactor) -> Iterable[dict]:
        return (self.json_records or serialized(self.serializer))(queryset, redact)

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
        lambda queryset, redact: records.organizations(organization_rows(queryset, cited=True), redact),
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
