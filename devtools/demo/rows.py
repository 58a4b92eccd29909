"""Rows built in memory and written a few thousand organizations at a time: with `COPY` on PostgreSQL,
`bulk_create` on SQLite.

Primary keys are given here, so rows can point at each other before they are written; each flush writes the
models in `WRITE_ORDER`, and the sequences are moved past the given keys at the end. Neither calls
`save()`, so the generator stores what `save()` would derive by calling the same model functions
(`Searchable.search_text_from`, `Place.find_country`). It also skips django-simple-history's signals, which
is what we want: demo rows get no edit history.
"""

from __future__ import annotations

import operator
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, reset_queries

from networks.bulk import copy_rows, quoted
from networks.models import (
    DIRECTORY_MODELS,
    Body,
    Citation,
    EventOrganization,
    Organization,
    Participation,
    Person,
)

OrganizationAreas = Organization.areas.through
OrganizationCauses = Organization.causes.through

# Written in this order at every flush: each model only points at rows of models written before it (or
# earlier in its own list), so the foreign keys can be checked statement by statement. DIRECTORY_MODELS is
# in that order already; the organizations' places and causes go in after their citations.
_AFTER_ORGANIZATIONS = DIRECTORY_MODELS.index(Citation) + 1
WRITE_ORDER: tuple[type[models.Model], ...] = (
    *DIRECTORY_MODELS[:_AFTER_ORGANIZATIONS],
    OrganizationAreas,
    OrganizationCauses,
    *DIRECTORY_MODELS[_AFTER_ORGANIZATIONS:],
)


def label(model: type[models.Model]) -> str:
    """A short English name for the model's rows, for the command's output."""
    return {
        OrganizationAreas: "organization areas",
        OrganizationCauses: "organization causes",
        EventOrganization: "event organizations",
        Participation: "participations",
        Person: "people",
        Body: "bodies",
    }.get(model, f"{model._meta.model_name}s")


class Rows:
    """The rows waiting for the next flush, and what has been written."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.buffers: dict[type[models.Model], list] = {model: [] for model in WRITE_ORDER}
        self.layouts: dict[type[models.Model], tuple] = {}  # defaults, getter in field order, pk name
        self.buffered = 0
        self.written = Counter()
        self.write_seconds = Counter()
        self.next_id: dict[type[models.Model], int] = {}
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer")
        self.pending: Future | None = None

    def new_id(self, model) -> int:
        if model not in self.next_id:
            self.next_id[model] = (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model, **values):
        """A new row with the next primary key, buffered for the next flush. `values` are attribute names
        (`parent_id`, `name_ar`, …); a misspelt one is an error, as in `Model(**kwargs)`.

        The row is built with every field's value in field order, `Model(*values)`, as the documented
        `Model.from_db()` builds rows: keyword arguments cost several times more on a translated model,
        where django-modeltranslation rewrites each keyword and computes the default of each one left out.
        """
        layout = self.layouts.get(model)
        if layout is None:
            blank = model()
            names = [field.attname for field in model._meta.concrete_fields]
            defaults = {name: getattr(blank, name) for name in names}
            layout = self.layouts[model] = (defaults, operator.itemgetter(*names), model._meta.pk.attname)
        defaults, in_field_order, pk = layout
        row_values = defaults | values
        if len(row_values) != len(defaults):
            raise TypeError(f"{model.__name__} has no field {sorted(values.keys() - defaults.keys())}")
        row_values[pk] = self.new_id(model)
        row = model(*in_field_order(row_values))
        self.buffers[model].append(row)
        self.buffered += 1
        return row

    def flush(self) -> None:
        """Write the buffered rows. On PostgreSQL the COPY runs on a second thread while the next rows are
        built: the server's share of the work (the indexes above all) then overlaps the building."""
        buffers = {model: rows for model, rows in self.buffers.items() if rows}
        self.buffers = {model: [] for model in WRITE_ORDER}
        self.buffered = 0
        self.finish()
        if connection.vendor == "postgresql":
            database = connections[DEFAULT_DB_ALIAS]  # not the `connection` proxy, looked up per value
            database.ensure_connection()
            self.pending = self.writer.submit(
                self.write, buffers, lambda model, rows: copy_rows(model, rows, database)
            )
        else:
            self.write(
                buffers, lambda model, rows: model.objects.bulk_create(rows, batch_size=self.batch_size)
            )
            # With DEBUG on (as the command runs in development), Django keeps the text of the last 9,000
            # queries, and each of these INSERTs is megabytes of SQL: forget them, or memory grows with N.
            reset_queries()

    def write(self, buffers: dict, write_one) -> None:
        for model, rows in buffers.items():
            started = time.monotonic()
            write_one(model, rows)
            self.write_seconds[model] += time.monotonic() - started
            self.written[model] += len(rows)

    def finish(self) -> None:
        """Wait for the rows being written, raising what the writing raised."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def reset_sequences(self) -> None:
        """Primary keys were given here: move each PostgreSQL sequence past them. (SQLite moves its own
        past any key inserted.)"""
        self.finish()
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in self.next_id:
                table, pk = model._meta.db_table, model._meta.pk.column
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max({quoted(pk)}), 1), "
                    f"max({quoted(pk)}) IS NOT NULL) FROM {quoted(table)}",
                    [quoted(table), pk],
                )
