"""Load the seed files (see seeds/README.md for their format) into the database.

First every file is checked against seeds/MANIFEST.sha256 and read as text (seed_files.py), so that a file
cut short or damaged is refused before anything is written. All files are then loaded in one transaction:
any error rolls everything back and is reported as `file:line: entry: what is wrong`. Rows are matched on
natural keys (slugs, codes, the tuple that identifies a membership or a goal), so loading twice changes
nothing. Every row goes through `full_clean()`, so the seeds obey the same rules as the admin, and every
quote is checked against the source's full text.

Staff edit the same rows in the admin. Where the database differs from the seeds (a value edited, a row
deleted), the loader reports each difference and writes nothing at all, unless `overwrite=True`
(`load_seeds --overwrite`), so a staff edit is never undone silently.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from . import seed_files
from .models import (
    Body,
    Cause,
    Citation,
    DatePrecision,
    Derivation,
    Event,
    EventOrganization,
    Goal,
    Membership,
    Organization,
    Participation,
    Person,
    Place,
    Publication,
    Relation,
    Source,
)
from .passages import fold_whitespace, is_passage
from .search import documents as search_documents
from .seed_files import SOURCES, SeedError

LANGUAGES = ("ar", "en")
TAXONOMY_FILE = "taxonomy.yaml"


class LineDict(dict):
    """A YAML mapping that remembers the line it starts on."""

    line: int = 0


class LineLoader(yaml.SafeLoader):
    """Builds every mapping, nested ones included, as a LineDict that knows its line."""

    def construct_yaml_map(self, node):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        yield mapping
        mapping.update(self.construct_mapping(node))


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_yaml_map)


@dataclass
class Report:
    """What a load did, per model: created, updated, unchanged; and where the database differed."""

    counts: dict[str, Counter] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)
    written: bool = True  # False when differences stopped the load

    def record(self, model: type[models.Model], outcome: str):
        self.counts.setdefault(model._meta.verbose_name_plural, Counter())[outcome] += 1

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def lines(self):
        for name, c in sorted(self.counts.items(), key=lambda item: str(item[0])):
            yield (
                f"{name!s:>26}: {c['created']:>3} created, {c['updated']:>3} updated, "
                f"{c['unchanged']:>3} unchanged"
            )


class SeedLoader:
    """Reads one directory of seed files. Use `load()`; it raises SeedError on the first problem.

    `overwrite`: replace values that differ in the database (staff edits) by the seeds' and recreate rows
    deleted there; without it, any difference leaves the database as it was."""

    def __init__(self, directory: Path, overwrite: bool = False):
        self.directory = Path(directory)
        self.overwrite = overwrite
        self.report = Report()
        self.path: Path | None = None
        self.texts: dict[str, str] = {}  # every seed file's text, by name, once proven whole
        self.source: Source | None = None
        self.where = ""  # the entry being loaded, `file:line: entry`, for the differences

    # --- Entry points ------------------------------------------------------------------------------

    def load(self) -> Report:
        taxonomy = self.directory / TAXONOMY_FILE
        if not taxonomy.exists():
            raise SeedError(f"missing {TAXONOMY_FILE}", path=self.directory)
        self.texts = seed_files.read(self.directory)
        # The *.yaml files (the other names are under sources/), the taxonomy aside.
        names = sorted(name for name in self.texts if "/" not in name and name != TAXONOMY_FILE)
        # The untranslated columns (`name`, …) take the active language's text on save: the site's default,
        # whatever the language of the terminal that runs the command (manage.py).
        # The search index is refreshed once at the end, for every organization written (search/).
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE), search_documents.batched():
            self.load_taxonomy(taxonomy)
            for name in names:
                self.load_source_file(self.directory / name)
            if self.report.differences and not self.overwrite:
                transaction.set_rollback(True)
                self.report.written = False
        return self.report

    def load_taxonomy(self, path: Path):
        data = self.read(path, sections={"places", "causes"})
        self.each(data, "places", self.place)
        self.each(data, "causes", self.cause)

    def load_source_file(self, path: Path):
        sections = {
            "source",
            "organizations",
            "bodies",
            "people",
            "memberships",
            "events",
            "goals",
            "relations",
            "publications",
        }
        data = self.read(path, sections=sections)
        if not isinstance(data.get("source"), dict):
            raise SeedError("the file needs a `source:` mapping", path=path, line=1)
        with self.at(data["source"], "source"):
            self.source = self.source_entry(data["source"])
        # In dependency order: bodies need organizations, memberships need people and bodies, …
        for section, handler in [
            ("organizations", self.organization),
            ("bodies", self.body),
            ("people", self.person),
            ("memberships", self.membership),
            ("events", self.event),
            ("goals", self.goals),
            ("relations", self.relation),
            ("publications", self.publication),
        ]:
            self.each(data, section, handler)

    # --- Reading and locating ----------------------------------------------------------------------

    def read(self, path: Path, sections: set[str]) -> dict:
        self.path = path
        try:
            data = yaml.load(self.texts[path.name], Loader=LineLoader)
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark else None
            raise SeedError(f"not valid YAML: {error.problem}", path=path, line=line) from error
        if not isinstance(data, dict):
            raise SeedError("the file must be a mapping of sections", path=path, line=1)
        unknown = set(data) - sections
        if unknown:
            raise SeedError(
                f"unknown section(s) {', '.join(sorted(map(str, unknown)))}; "
                f"expected {', '.join(sorted(sections))}",
                path=path,
                line=getattr(data, "line", 1),
            )
        return data

    def each(self, data: dict, section: str, handler):
        """Call `handler` on every entry of a section, locating any error at that entry."""
        items = data.get(section) or []
        if not isinstance(items, list):
            raise SeedError(f"`{section}` must be a list", path=self.path, line=data.line)
        for index, entry in enumerate(items):
            key = entry.get("slug") or entry.get("code") if isinstance(entry, dict) else None
            label = f"{section}[{index}]" + (f" {key!r}" if key else "")
            self.where = f"{self.path}:{getattr(entry, 'line', '?')}: {label}"
            with self.at(entry, label):
                if not isinstance(entry, dict):
                    raise SeedError("each entry must be a mapping")
                handler(entry)

    def at(self, entry, label: str):
        return _Locate(self, entry, label)

    # --- Value helpers -----------------------------------------------------------------------------

    @staticmethod
    def check_keys(entry: dict, required: set[str], optional: set[str] = frozenset()):
        if "quote" in required:  # a fact: the editors may have inferred it from its quote (`cited`)
            optional = {*optional, "inferred"}
        missing = required - set(entry)
        if missing:
            raise SeedError(f"missing {', '.join(sorted(missing))}")
        unknown = set(entry) - required - set(optional)
        if unknown:
            raise SeedError(
                f"unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                f"allowed: {', '.join(sorted(required | set(optional)))}"
            )

    @staticmethod
    def translated(entry: dict, key: str, required: bool = False) -> dict[str, str]:
        """`{ar: …, en: …}` → `{"key_ar": …, "key_en": …}`; missing languages become ''."""
        value = entry.get(key)
        if value is None:
            if required:
                raise SeedError(f"`{key}` is required")
            return {f"{key}_{lang}": "" for lang in LANGUAGES}
        if not isinstance(value, dict) or set(value) - set(LANGUAGES):
            raise SeedError(f"`{key}` must be a mapping of languages {{ar: …, en: …}}")
        return {f"{key}_{lang}": fold_whitespace(str(value.get(lang) or "")) for lang in LANGUAGES}

    @staticmethod
    def precise_date(entry: dict, key: str) -> tuple[datetime.date | None, str]:
        value = entry.get(key)
        if value is None:
            return None, DatePrecision.UNKNOWN
        if not isinstance(value, dict) or "precision" not in value:
            raise SeedError(f"`{key}` must be {{date: …, precision: day|month|year|unknown}}")
        precision, raw = value["precision"], value.get("date")
        if precision not in DatePrecision.values:
            raise SeedError(f"`{key}.precision` must be one of {', '.join(DatePrecision.values)}")
        if precision == DatePrecision.UNKNOWN:
            if raw is not None:
                raise SeedError(f"`{key}` has precision unknown but a date")
            return None, precision
        text = raw.isoformat() if isinstance(raw, datetime.date) else str(raw)
        formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
        try:
            date = datetime.datetime.strptime(text, formats[precision]).date()
        except ValueError:
            example = {"day": "2017-09-16", "month": "2017-09", "year": "2017"}[precision]
            raise SeedError(
                f"`{key}.date` {text!r} does not match precision {precision} (e.g. {example})"
            ) from None
        return date, precision

    def quote(self, text: Any, what: str = "quote") -> str:
        if not isinstance(text, str) or not text.strip():
            raise SeedError(f"`{what}` is required: the passage of the source that states this")
        if not is_passage(text, self.source.full_text):
            raise SeedError(f"`{what}` is not a passage of the source {self.source.slug!r}: {text!r}")
        return text.strip()

    @staticmethod
    def lookup(model: type[models.Model], what: str, **key):
        try:
            return model.objects.get(**key)
        except model.DoesNotExist:
            value = ", ".join(f"{v}" for v in key.values())
            raise SeedError(
                f"{what} {value!r} is not defined (define it in this file or an earlier one)"
            ) from None

    def organization_ref(self, slug, what="organization"):
        return None if slug is None else self.lookup(Organization, what, slug=slug)

    def place_ref(self, code, what="place"):
        return None if code is None else self.lookup(Place, what, code=code)

    def person_ref(self, slug):
        return None if slug is None else self.lookup(Person, "person", slug=slug)

    # --- Writing -----------------------------------------------------------------------------------

    def upsert(self, model, key: dict, values: dict, m2m: dict | None = None):
        """Create or update the row with this natural key, validating it first. Returns the row.

        A value that differs from the database's, or a row the database has deleted since, is recorded in
        the report's differences (the load is then rolled back unless overwriting)."""
        instance = model.objects.filter(**key).first()
        created = instance is None
        if created:
            deletion = model.history.filter(**key, history_type="-").order_by("-history_date").first()
            if deletion is not None:
                who = deletion.history_user or "a script"
                self.differ(model, key, f"deleted in the database ({who}, {deletion.history_date:%Y-%m-%d})")
            instance = model(**key, **values)
            changed = True
        else:
            changed = False
            for name, value in values.items():
                if getattr(instance, name) != value:
                    self.differ(
                        model, key, f"{name}: database has {getattr(instance, name)!r}, seeds have {value!r}"
                    )
                    setattr(instance, name, value)
                    changed = True
        instance.full_clean()
        if changed:
            instance._change_reason = "load_seeds"  # shown in the admin's History
            instance.save()
        for name, targets in (m2m or {}).items():
            manager = getattr(instance, name)
            current = set(manager.all())
            if current != set(targets):
                if not created:
                    self.differ(
                        model,
                        key,
                        f"{name}: database has {sorted(map(str, current))}, "
                        f"seeds have {sorted(map(str, targets))}",
                    )
                manager.set(targets)
                changed = True
        self.report.record(model, "created" if created else "updated" if changed else "unchanged")
        return instance

    def differ(self, model, key: dict, what: str):
        natural_key = ", ".join(str(getattr(v, "pk", v)) for v in key.values())
        self.report.differences.append(f"{self.where}: {model.__name__} ({natural_key}): {what}")

    def citation(self, cited: Any, what: str) -> dict:
        """A field's citation: its quote, or `{quote: …, inferred: {ar: …, en: …}}` when the editors infer
        the field from the quoted passage (the mapping says why)."""
        if not isinstance(cited, dict):
            return {"quote": self.quote(cited, what), "derivation": Derivation.STATED}
        self.check_keys(cited, {"quote", "inferred"})
        inference = self.translated(cited, "inferred", required=True)
        if not any(inference.values()):
            raise SeedError(f"`{what}.inferred` must say why, in Arabic or English")
        return {
            "quote": self.quote(cited["quote"], f"{what}.quote"),
            "derivation": Derivation.INFERRED,
            **{key.replace("inferred", "inference"): text for key, text in inference.items()},
        }

    def cited(self, entry: dict) -> dict:
        """A fact's source and quote, and whether the editors inferred it (`inferred: {ar: …, en: …}`)."""
        if "inferred" in entry:
            fact = {"quote": entry.get("quote"), "inferred": entry["inferred"]}
            return {"source": self.source, **self.citation(fact, "quote")}
        return {"source": self.source, **self.citation(entry.get("quote"), "quote")}

    # --- Sections ----------------------------------------------------------------------------------

    def place(self, entry):
        self.check_keys(entry, {"code", "kind", "name"}, {"iso", "parent"})
        self.upsert(
            Place,
            {"code": entry["code"]},
            {
                "kind": entry["kind"],
                "is_iso_code": bool(entry.get("iso", False)),
                "parent": self.place_ref(entry.get("parent"), "parent place"),
                **self.translated(entry, "name", required=True),
            },
        )

    def cause(self, entry):
        self.check_keys(entry, {"slug", "name"})
        self.upsert(Cause, {"slug": entry["slug"]}, self.translated(entry, "name", required=True))

    def source_entry(self, entry) -> Source:
        self.check_keys(
            entry,
            {"slug", "file", "language", "title", "kind"},
            {"publisher", "author", "published", "url", "archive_url", "accessed", "note"},
        )
        if entry["kind"] not in Source.Kind.values:
            raise SeedError(f"`kind` must be one of {', '.join(Source.Kind.values)}")
        accessed, accessed_precision = self.precise_date(entry, "accessed")
        if accessed_precision not in (DatePrecision.DAY, DatePrecision.UNKNOWN):
            raise SeedError("`accessed` is a day ({date: 2026-11-30, precision: day}) or unknown")
        document = f"{SOURCES}/{entry['file']}"
        if document not in self.texts:
            raise SeedError(f"source document {document} not found")
        published_on, precision = self.precise_date(entry, "published")
        return self.upsert(
            Source,
            {"slug": entry["slug"]},
            {
                "language": entry["language"],
                "kind": entry["kind"],
                "url": str(entry.get("url") or ""),
                "archive_url": str(entry.get("archive_url") or ""),
                "accessed_on": accessed,
                "document": str(entry["file"]),
                "full_text": self.texts[document],
                "published_on": published_on,
                "published_on_precision": precision,
                **self.translated(entry, "title", required=True),
                **self.translated(entry, "publisher"),
                **self.translated(entry, "author"),
                **self.translated(entry, "note"),
            },
        )

    def organization(self, entry):
        text_fields = ("short_name", "description", "vision", "mission", "slogan")
        self.check_keys(
            entry,
            {"slug", "name", "kind", "scope", "quote"},
            {"status", "listing", "parent", "areas", "seat", "causes", "founded", "members", "citations"}
            | set(text_fields),
        )
        founded_on, founded_precision = self.precise_date(entry, "founded")
        members = entry.get("members") or {}
        if members and set(members) != {"count", "qualifier"}:
            raise SeedError("`members` must be {count: N, qualifier: exactly|at_least|more_than}")
        values = {
            "kind": entry["kind"],
            "scope": entry["scope"],
            "status": entry.get("status", Organization.Status.ACTIVE),
            "listing": entry.get("listing", Organization.Listing.ENTRY),
            "parent": self.organization_ref(entry.get("parent"), "parent organization"),
            "seat": self.place_ref(entry.get("seat"), "seat"),
            "founded_on": founded_on,
            "founded_on_precision": founded_precision,
            "member_count": members.get("count"),
            "member_count_qualifier": members.get("qualifier", ""),
            **self.translated(entry, "name", required=True),
            **self.cited(entry),
        }
        for name in text_fields:
            values.update(self.translated(entry, name))
        m2m = {
            "areas": [self.place_ref(code, "area") for code in entry.get("areas") or []],
            "causes": [self.lookup(Cause, "cause", slug=s) for s in entry.get("causes") or []],
        }
        organization = self.upsert(Organization, {"slug": entry["slug"]}, values, m2m)
        citations = entry.get("citations") or {}
        if not isinstance(citations, dict):
            raise SeedError("`citations` must map field names to quotes")
        for name, cited in citations.items():
            if name not in Citation.Field.values:
                raise SeedError(
                    f"`citations.{name}`: not a citable field ({', '.join(Citation.Field.values)})"
                )
            self.upsert(
                Citation,
                {"organization": organization, "field": name, "source": self.source},
                self.citation(cited, f"citations.{name}"),
            )

    def body(self, entry):
        self.check_keys(entry, {"slug", "organization", "kind", "name", "quote"}, {"status", "area"})
        self.upsert(
            Body,
            {"organization": self.organization_ref(entry["organization"]), "slug": entry["slug"]},
            {
                "kind": entry["kind"],
                "status": entry.get("status", Body.Status.FORMED),
                "area": self.place_ref(entry.get("area"), "area"),
                **self.translated(entry, "name", required=True),
                **self.cited(entry),
            },
        )

    def person(self, entry):
        self.check_keys(entry, {"slug", "name", "quote"}, {"published_latin", "description"})
        self.upsert(
            Person,
            {"slug": entry["slug"]},
            {
                "published_latin": bool(entry.get("published_latin", False)),
                **self.translated(entry, "name", required=True),
                **self.translated(entry, "description"),
                **self.cited(entry),
            },
        )

    def membership(self, entry):
        self.check_keys(
            entry,
            {"organization", "role", "quote"},
            {"person", "member_organization", "body", "start", "end", "on_behalf_of"},
        )
        organization = self.organization_ref(entry["organization"])
        body = None
        if entry.get("body") is not None:
            body = self.lookup(Body, "body", organization=organization, slug=entry["body"])
        start, start_precision = self.precise_date(entry, "start")
        end, end_precision = self.precise_date(entry, "end")
        self.upsert(
            Membership,
            {
                "person": self.person_ref(entry.get("person")),
                "member_organization": self.organization_ref(
                    entry.get("member_organization"), "member organization"
                ),
                "organization": organization,
                "body": body,
                "role": entry["role"],
            },
            {
                "on_behalf_of": self.organization_ref(entry.get("on_behalf_of"), "on_behalf_of"),
                "start": start,
                "start_precision": start_precision,
                "end": end,
                "end_precision": end_precision,
                **self.cited(entry),
            },
        )

    def event(self, entry):
        self.check_keys(
            entry,
            {"slug", "kind", "name", "date", "quote"},
            {"place", "venue", "slogan", "description", "organizations", "participants"},
        )
        date, precision = self.precise_date(entry, "date")
        event = self.upsert(
            Event,
            {"slug": entry["slug"]},
            {
                "kind": entry["kind"],
                "date": date,
                "date_precision": precision,
                "place": self.place_ref(entry.get("place")),
                **self.translated(entry, "name", required=True),
                **self.translated(entry, "venue"),
                **self.translated(entry, "slogan"),
                **self.translated(entry, "description"),
                **self.cited(entry),
            },
        )
        for part in entry.get("organizations") or []:
            self.check_keys(part, {"organization", "role"})
            organization = self.organization_ref(part["organization"])
            self.upsert(
                EventOrganization,
                {"event": event, "organization": organization, "role": part["role"]},
                {},
            )
        for part in entry.get("participants") or []:
            self.check_keys(part, {"person", "role"})
            self.upsert(
                Participation,
                {"event": event, "person": self.person_ref(part["person"]), "role": part["role"]},
                {},
            )

    def goals(self, entry):
        self.check_keys(entry, {"organization", "kind", "items"}, {"event"})
        organization = self.organization_ref(entry["organization"])
        event = None
        if entry.get("event") is not None:
            event = self.lookup(Event, "event", slug=entry["event"])
        if not isinstance(entry["items"], list) or not entry["items"]:
            raise SeedError("`items` must be a non-empty list")
        for order, item in enumerate(entry["items"], start=1):
            with self.at(item, f"item {order}"):
                self.check_keys(item, {"text", "quote"})
                self.upsert(
                    Goal,
                    {
                        "organization": organization,
                        "event": event,
                        "kind": entry["kind"],
                        "order": order,
                    },
                    {**self.translated(item, "text", required=True), **self.cited(item)},
                )

    def relation(self, entry):
        self.check_keys(entry, {"subject", "kind", "object", "quote"})
        self.upsert(
            Relation,
            {
                "subject": self.organization_ref(entry["subject"], "subject"),
                "kind": entry["kind"],
                "object": self.organization_ref(entry["object"], "object"),
            },
            self.cited(entry),
        )

    def publication(self, entry):
        self.check_keys(
            entry,
            {"slug", "organization", "kind", "title", "quote"},
            {"part_of", "issues", "sample", "place", "description"},
        )
        sample = entry.get("sample") or {}
        if sample and set(sample) != {"size", "unit"}:
            raise SeedError("`sample` must be {size: N, unit: {ar: …, en: …}}")
        part_of = entry.get("part_of")
        self.upsert(
            Publication,
            {"slug": entry["slug"]},
            {
                "organization": self.organization_ref(entry["organization"]),
                "kind": entry["kind"],
                "part_of": None if part_of is None else self.lookup(Publication, "publication", slug=part_of),
                "issue_count": entry.get("issues"),
                "sample_size": sample.get("size"),
                "place": self.place_ref(entry.get("place")),
                **self.translated(entry, "title", required=True),
                **self.translated(entry, "description"),
                **{f"sample_{k}": v for k, v in self.translated(sample, "unit").items()},
                **self.cited(entry),
            },
        )


class _Locate:
    """Context manager that turns an error inside one entry into a SeedError naming file, line, entry.

    Nested uses (a goal item inside a goals entry) build a path: `goals[2] › item 3`.
    """

    def __init__(self, loader: SeedLoader, entry, label: str):
        self.loader, self.entry, self.label = loader, entry, label

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None:
            return False
        path, line = self.loader.path, getattr(self.entry, "line", None)
        if isinstance(error, SeedError):
            if error.entry:
                label, line = f"{self.label} › {error.entry}", error.line or line
            else:
                label = self.label
            raise SeedError(error.message, path, line, label) from error
        if isinstance(error, ValidationError):
            raise SeedError(describe(error), path, line, self.label) from error
        return False


def describe(error: ValidationError) -> str:
    """One line from a ValidationError: `field: message; field: message`, in English like the rest of the
    loader's report, whatever language the terminal's process has active."""
    with translation.override("en"):
        return _describe(error)


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for e in errors for m in e.messages)}"
            if name != "__all__"
            else " ".join(str(m) for e in errors for m in e.messages)
            for name, errors in error.error_dict.items()
        )
    return " ".join(error.messages)
