"""What the admin's import accepts: limits on a file and on an import, and the file's integrity.

The columns and rows are `resources.py`'s. Here, everything refused before a row is imported, with a form
error on the import page, and the bounds of the import itself:

- **Size.** A file above `IMPORT_MAX_BYTES` is refused on its size, before anything reads it. (Django has
  already streamed an upload above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so the upload itself
  costs no memory; the web server's own body limit is the outer bound.)
- **Zip bomb.** An XLSX is a zip archive: the sizes its members declare are added up before openpyxl opens
  it, and refused above `XLSX_MAX_EXPANSION` times `IMPORT_MAX_BYTES`, or above `XLSX_MAX_RATIO` times the
  file's own size (spreadsheets compress about tenfold; one cell of 300 MB of one letter, a thousandfold).
  Python's zipfile never yields more than a member declares (then fails its CRC check), so a member that
  lies about its size cannot get past this check.
- **Rows.** At most `IMPORT_MAX_ROWS` rows, counted as they are read: a longer file is refused there, and
  the rest of it is never read. Blank rows are skipped and not counted.
- **Formulas.** An XLSX cell holding a formula, or a CSV cell starting with "=", is refused with its
  reference (`C4`): the import would store the formula's text, or the value it last had, or nothing, never
  knowingly. The exports write such text with a leading apostrophe (`lists.safe_cells`), which the import
  removes, so exported text starting with "=" comes back unchanged.
- **Keys.** The columns that identify a row must be there, and no two rows may have the same key (the
  second would silently overwrite the first).
- **Time.** An import (its preview, then its confirmation) runs for at most `IMPORT_TIMEOUT_SECONDS` in its
  transaction: `Deadline` stops it between two rows, and stops a statement that runs past it (PostgreSQL:
  `statement_timeout`, set for the import's transaction only; SQLite: the progress handler of
  `timeouts.py`), and the import is rolled back. On SQLite the database is also locked for writing for as
  long as an import's transaction lasts: the deadline bounds that too.

Rows and cells are numbered as a spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import math
import time
import zipfile
from contextlib import contextmanager

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.db import OperationalError, connections
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.forms import ImportForm
from openpyxl.utils import get_column_letter

from . import lists, timeouts

XLSX_MAX_EXPANSION = 20
XLSX_MAX_RATIO = 100
# The cells an error lists at most, and the characters of a cell the preview shows.
LISTED = 10
PREVIEW_CHARS = 200


class ImportFileError(ValueError):
    """The file is refused as a whole; the message is shown on the import form."""


class ImportTimeout(Exception):
    """The import ran past its deadline, and was rolled back."""

    def __init__(self):
        super().__init__(
            _(
                "The import took longer than %(seconds)s seconds and was stopped: nothing was imported. "
                "Split the file into smaller ones."
            )
            % {"seconds": settings.IMPORT_TIMEOUT_SECONDS}
        )


class Sheet(tablib.Dataset):
    """The rows read from a file, with the spreadsheet row number of each (blank rows are skipped)."""

    def __init__(self):
        super().__init__()
        self.sheet_rows: list[int] = []

    def add(self, number: int, cells: list):
        if len(self) >= settings.IMPORT_MAX_ROWS:
            raise ImportFileError(
                _("The file has more rows than an import may hold (%(max)s): split it into smaller files.")
                % {"max": settings.IMPORT_MAX_ROWS}
            )
        self.append(cells)
        self.sheet_rows.append(number)


def listed(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + ", …" if len(items) > LISTED else shown


def formula_error(cells: list[str]) -> ImportFileError:
    return ImportFileError(
        _(
            "Cells holding a formula: %(cells)s. Import values, not formulas: paste the cells as values "
            "(to keep a text that starts with “=”, start it with an apostrophe: '=)."
        )
        % {"cells": listed(cells)}
    )


def is_blank(cells) -> bool:
    return all(value is None or value == "" for value in cells)


def read_csv(text: str) -> Sheet:
    sheet, formulas = Sheet(), []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), 1):
        formulas += [
            f"{get_column_letter(column)}{number}"
            for column, value in enumerate(cells, 1)
            if value.startswith("=")
        ]
        if number == 1:
            sheet.headers = cells
        elif not is_blank(cells):
            width = len(sheet.headers)
            if not is_blank(cells[width:]):
                raise ImportFileError(
                    _("Row %(row)s has more cells than the header has columns (%(width)s).")
                    % {"row": number, "width": width}
                )
            sheet.add(number, cells[:width] + [""] * (width - len(cells)))
    if formulas:
        raise formula_error(formulas)
    return sheet


def check_xlsx_size(data: bytes):
    """Refuse an XLSX that unpacks to more than an import may read (see the module's docstring)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return  # not a zip: openpyxl says so when it reads it
    limit = XLSX_MAX_EXPANSION * settings.IMPORT_MAX_BYTES
    if unpacked > limit:
        raise ImportFileError(
            _("The XLSX file unpacks to %(size)s, more than an import reads (%(limit)s).")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )
    if unpacked > XLSX_MAX_RATIO * len(data):
        raise ImportFileError(
            _(
                "The XLSX file unpacks to %(size)s, %(ratio)s times its own size: no spreadsheet compresses "
                "so well, so it is refused."
            )
            % {"size": filesizeformat(unpacked), "ratio": unpacked // max(len(data), 1)}
        )


def read_xlsx(data: bytes) -> Sheet:
    check_xlsx_size(data)
    # Formulas as written (data_only=False), to refuse them; read-only mode streams the rows.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        worksheet = book.active
        sheet, formulas = Sheet(), []
        header = list(next(worksheet.iter_rows(max_row=1), ()))
        while header and header[-1].value is None:
            header.pop()
        sheet.headers = [cell.value for cell in header]
        formulas += [cell.coordinate for cell in header if cell.data_type == "f"]
        # Cells right of the header are not read: a stray cell far right would widen every row.
        width = max(len(header), 1)
        for number, cells in enumerate(worksheet.iter_rows(min_row=2, max_col=width), 2):
            formulas += [cell.coordinate for cell in cells if cell.data_type == "f"]
            values = [cell.value for cell in cells]
            if not is_blank(values):
                sheet.add(number, values + [None] * (len(header) - len(values)))
    finally:
        book.close()
    if formulas:
        raise formula_error(formulas)
    return sheet


def key_text(value) -> str:
    return "" if value is None else str(lists.unescaped(value)).strip()


def check_keys(sheet: Sheet, resource) -> None:
    """The columns that identify a row are all there, and no two rows have the same key."""
    columns = [resource.fields[name].column_name for name in resource.get_import_id_fields()]
    missing = [column for column in columns if column not in sheet.headers]
    if missing:
        raise ImportFileError(
            _("Columns missing from the file: %(missing)s. The import finds each row by %(columns)s.")
            % {
                "missing": ", ".join(f"“{column}”" for column in missing),
                "columns": ", ".join(f"“{column}”" for column in columns),
            }
        )
    positions = [sheet.headers.index(column) for column in columns]
    first_row, duplicates = {}, []
    for number, cells in zip(sheet.sheet_rows, sheet, strict=True):
        key = tuple(key_text(cells[position]) for position in positions)
        if is_blank(key):
            continue  # no key at all: the row's own validation says what is missing
        if key in first_row:
            named = ", ".join(f"{name} “{value}”" for name, value in zip(columns, key, strict=True) if value)
            duplicates.append(
                _("Rows %(first)s and %(second)s have the same %(key)s: a file may hold each row only once.")
                % {"first": first_row[key], "second": number, "key": named}
            )
        else:
            first_row[key] = number
    if duplicates:
        more = len(duplicates) - LISTED
        if more > 0:
            duplicates = [*duplicates[:LISTED], _("… and %(count)s more.") % {"count": more}]
        raise ImportFileError(duplicates)


def shortened(value):
    """A cell as the preview shows it: long text cut (the import itself keeps it whole)."""
    if isinstance(value, str) and len(value) > PREVIEW_CHARS:
        return value[:PREVIEW_CHARS] + "…"
    return value


class LimitedImportForm(ImportForm):
    """django-import-export's import form, which refuses a file that breaks the rules above with a form
    error, before the dry run. It keeps what it read on the file (`sheet`), for the dry run to use."""

    def __init__(self, formats, resources, encoding=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats, self.resources, self.encoding = formats, resources, encoding
        self.fields["import_file"].help_text = _(
            "CSV or XLSX, %(size)s and %(rows)s rows at most, without formulas."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES), "rows": settings.IMPORT_MAX_ROWS}

    def clean(self):
        cleaned = super().clean()
        file, chosen = cleaned.get("import_file"), cleaned.get("format")
        if file is None or chosen in (None, ""):
            return cleaned
        if file.size > settings.IMPORT_MAX_BYTES:
            self.add_error(
                "import_file",
                _("The file is %(size)s: an import reads %(limit)s at most. Split it into smaller files.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
            return cleaned
        input_format = self.formats[int(chosen)](encoding=self.encoding)
        file.seek(0)
        try:
            sheet = input_format.create_dataset(file.read())
            check_keys(sheet, self.resources[int(cleaned.get("resource") or 0)]())
        except ImportFileError as error:
            self.add_error("import_file", forms.ValidationError(error.args[0]))
            return cleaned
        except Exception:  # an unreadable file: the dry run reports it, in the library's words
            return cleaned
        finally:
            file.seek(0)
        file.sheet = sheet
        return cleaned


@contextmanager
def deadline(using: str):
    """The bound of one import's transaction (see the module's docstring), entered inside it. Yields the
    check to make after each row: past the deadline, or a row stopped by a statement timeout, stops it."""
    seconds = settings.IMPORT_TIMEOUT_SECONDS
    at = time.monotonic() + seconds
    connection = connections[using]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # For this transaction only (undone with it); never looser than the servers' own statement timeout.
        limit = min(seconds, settings.DATABASE_STATEMENT_TIMEOUT or math.inf)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(math.ceil(limit * 1000))])

    def check(errors=()):
        stopped = (error.error for error in errors if isinstance(error.error, OperationalError))
        if time.monotonic() > at or any(timeouts.is_timeout(error) for error in stopped):
            raise ImportTimeout()

    with timeouts.deadline(seconds):  # SQLite's
        yield check
