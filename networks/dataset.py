"""The bulk dataset: every public table as a zipped Frictionless Data Package, built outside any request.

`manage.py build_dataset` (run after edits or on a schedule) writes `shabakat-<version>.zip` to
`settings.DATASET_ROOT` and then `latest.json` (its file name, size, build date and SHA-256), which the data
page reads to offer it. Inside the zip: `datapackage.json` (a Table Schema per table, written from the
tables' declarations in `tables.py`), `data/<table>.csv`, the JSON documents (`JSON_DOCUMENTS`), a licence and
a citation file. The version is the build date and a hash of the data, so a rebuild of unchanged data on the
same day has the same version.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation

from . import exports, licence, popolo, public
from .lists import safe_cells
from .privacy import Redactor
from .tables import TABLES

NAME = "shabakat"
LATEST = "latest.json"
KEEP = 3  # builds kept in DATASET_ROOT, the latest included
TITLE = "Shabakat: directory of women's networks in the Maghreb"
TITLE_AR = "شبكات: دليل الشبكات النسائية في المغرب الكبير"

LICENSE_TEXT = f"""Shabakat dataset {{version}}, built {{built}}.

The directory's data (its tables, texts and translations) is published under the Creative Commons
Attribution 4.0 International licence (CC BY 4.0): {licence.URL}
You may share and adapt it, also commercially, provided you credit "Shabakat, directory of women's
networks in the Maghreb" with the dataset's version and indicate if changes were made (see CITATION.cff).

The quoted passages (the `quote` columns and the sources' `full_text`) belong to their authors and
publishers, named in sources.csv; they are quoted to show where each fact comes from. The names of people
who are not public are withheld from them and from every table.
"""


def organizations_json(redact: Redactor, now: datetime.datetime) -> Iterator[str]:
    """The organizations' JSON export (the API's shape), every public organization."""
    spec = exports.LISTS["organizations"]
    about = exports.export_about({}, "slug", now)
    return exports.json_stream(spec.records(spec.rows().order_by("slug"), redact), about, "organizations")


def popolo_json(lang: str) -> Callable[[Redactor, datetime.datetime], Iterator[str]]:
    """The Popolo export of every public organization in `lang`, its links to `settings.SITE_URL`."""

    def document(redact: Redactor, now: datetime.datetime) -> Iterator[str]:
        meta = {**exports.export_about({}, "slug", now), "lang": lang, "format": popolo.FORMAT}
        organizations = exports.LISTS["organizations"].rows().order_by("slug")
        return popolo.stream(organizations, meta, lang, settings.SITE_URL.rstrip("/"))

    return document


# The JSON documents in the package: {path in the zip: writer(redact, now) -> pieces of text}.
JSON_DOCUMENTS: dict[str, Callable[[Redactor, datetime.datetime], Iterator[str]]] = {
    "json/organizations.json": organizations_json,
    **{f"json/popolo-{lang}.json": popolo_json(lang) for lang in popolo.LANGUAGES},
}


class _Line:
    """A file-like object whose write() returns the line, for csv.writer."""

    def write(self, value):
        return value


def _member(path: str, now: datetime.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=now.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write(archive: zipfile.ZipFile, path: str, pieces, now, digest=None) -> None:
    """Write the text `pieces` to `path` in the zip as UTF-8, hashing them into `digest` (the version)."""
    with archive.open(_member(path, now), "w", force_zip64=True) as handle:
        for piece in exports.buffered(pieces):
            data = piece.encode()
            handle.write(data)
            if digest is not None:
                digest.update(data)


def table_lines(table, redact: Redactor) -> Iterator[str]:
    """The table as CSV lines (UTF-8 without a byte-order mark, as the Frictionless standard reads it)."""
    writer = csv.writer(_Line())
    cells = exports.Table(table.columns, redact)
    yield writer.writerow(cells.header)
    rows = table.rows()
    for row in exports.model_rows(rows) if isinstance(rows, QuerySet) else rows:
        yield writer.writerow(safe_cells(cells.cells(row)))


def translated(text, language: str) -> str:
    with translation.override(language):
        return str(text)


def described(text) -> dict:
    """A description in English (the Frictionless `description`) and in Arabic (`description_ar`)."""
    return {"description": translated(text, "en"), "description_ar": translated(text, "ar")}


def table_schema(table) -> dict:
    schema = {
        "fields": [
            {"name": column.name, "type": column.type, **described(column.description)}
            for column in table.columns
        ],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.references:
        schema["foreignKeys"] = [
            {
                "fields": column,
                # A reference to the table itself names no resource (the Table Schema's rule).
                "reference": {"resource": "" if other == table.name else other, "fields": key},
            }
            for column, (other, key) in (
                (column, target.split(".")) for column, target in table.references.items()
            )
        ]
    return schema


def descriptor(version: str, now: datetime.datetime) -> dict:
    return {
        "name": NAME,
        "title": TITLE,
        "title_ar": TITLE_AR,
        "version": version,
        "created": now.isoformat(timespec="seconds"),
        "licenses": [{"name": licence.SPDX_ID, "path": licence.URL, "title": licence.TITLE}],
        "resources": [
            {
                "name": name,
                "title": translated(table.title, "en"),
                "title_ar": translated(table.title, "ar"),
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for name, table in TABLES.items()
        ]
        + [
            {
                "name": Path(path).stem + "-json",
                "path": path,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            }
            for path in JSON_DOCUMENTS
        ],
    }


def citation_file(version: str, now: datetime.datetime) -> str:
    return "\n".join(
        [
            "cff-version: 1.2.0",
            'message: "If you use this dataset, please cite it as below."',
            "type: dataset",
            f'title: "{TITLE}"',
            "authors:",
            '  - name: "Shabakat editors"',
            f'version: "{version}"',
            f"date-released: {now.date().isoformat()}",
            f"license: {licence.SPDX_ID}",
            "",
        ]
    )


def build(root: Path | None = None, now: datetime.datetime | None = None) -> dict:
    """Write the dataset to `root` (default `settings.DATASET_ROOT`) and point `latest.json` at it.
    Returns what `latest.json` says. The zip is written under a temporary name and renamed, so the data
    page never offers a file half written."""
    root = Path(root or settings.DATASET_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime(now).replace(microsecond=0)
    redact = public.redactor()
    digest = hashlib.sha256()
    partial = root / f".building-{os.getpid()}.zip"
    try:
        with zipfile.ZipFile(partial, "w") as archive, translation.override("en"):
            for name, table in TABLES.items():
                _write(archive, f"data/{name}.csv", table_lines(table, redact), now, digest)
            # The JSON documents say when they were built: they are left out of the version's hash, which
            # the tables (the same data) make.
            for path, document in JSON_DOCUMENTS.items():
                _write(archive, path, document(redact, now), now)
            version = f"{now:%Y.%m.%d}-{digest.hexdigest()[:10]}"
            built = now.isoformat(timespec="seconds")
            _write(archive, "LICENSE.txt", [LICENSE_TEXT.format(version=version, built=built)], now)
            _write(archive, "CITATION.cff", [citation_file(version, now)], now)
            package = json.dumps(descriptor(version, now), ensure_ascii=False, indent=2)
            _write(archive, "datapackage.json", [package], now)
        filename = f"{NAME}-{version}.zip"
        os.replace(partial, root / filename)
    finally:
        partial.unlink(missing_ok=True)
    latest = {
        "version": version,
        "file": filename,
        "size": (root / filename).stat().st_size,
        "sha256": file_sha256(root / filename),
        "built_at": built,
    }
    pointer = root / f".{LATEST}.{os.getpid()}"
    pointer.write_text(json.dumps(latest, indent=2) + "\n")
    os.replace(pointer, root / LATEST)
    prune(root, keep=KEEP, current=filename)
    return latest


def prune(root: Path, keep: int, current: str) -> None:
    """Remove all but the `keep` newest builds (the current one always stays): a download of an older one
    that is under way finishes, since the file it has open outlives its name."""
    builds = sorted(root.glob(f"{NAME}-*.zip"), key=lambda path: path.stat().st_mtime, reverse=True)
    for path in [path for path in builds if path.name != current][max(keep - 1, 0) :]:
        path.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def latest(root: Path | None = None) -> dict | None:
    """What `latest.json` says of the last build, with `path` and `built_at` as a datetime; None when no
    build is there (never built, or its file gone)."""
    root = Path(root or settings.DATASET_ROOT)
    try:
        info = json.loads((root / LATEST).read_text())
        path = root / Path(info["file"]).name
        if not path.is_file():
            return None
        return {
            **info,
            "path": path,
            "built_at": datetime.datetime.fromisoformat(info["built_at"]),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None
