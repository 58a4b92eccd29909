"""Writing and reading many rows at once, quickly on PostgreSQL: the search index's rebuild, the exports and
the demo data use these."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connections, models
from django.db.models.expressions import RawSQL


def quoted(name: str) -> str:
    """An SQL identifier (a table or column name) in double quotes, as SQLite and PostgreSQL read it."""
    return '"' + name.replace('"', '""') + '"'


def copy_rows(model: type[models.Model], rows: list, database, fields=None) -> None:
    """What `bulk_create(rows)` writes, written with PostgreSQL's COPY (psycopg's `Cursor.copy`) on the
    connection `database`: several times quicker for millions of rows, because `bulk_create` sends each batch
    as arrays that psycopg quotes on the client (bench/README, "Demo data generation"). Each value goes
    through the field's own `pre_save()` and `get_db_prep_save()`, as in `bulk_create`. `fields`: the
    columns written (default: all)."""
    fields = fields or model._meta.concrete_fields
    _copy(
        database,
        model._meta.db_table,
        [field.column for field in fields],
        ([field.get_db_prep_save(field.pre_save(row, True), database) for field in fields] for row in rows),
    )


def insert_values(
    model: type[models.Model], names: list[str], values: list[tuple], using: str = "default"
) -> None:
    """Rows of `model` given as tuples of the fields `names` (attribute names, values as stored: text,
    numbers), written without building model instances on PostgreSQL (COPY), with `bulk_create` elsewhere."""
    database = connections[using]
    if database.vendor != "postgresql":
        rows = [model(**dict(zip(names, row, strict=True))) for row in values]
        model.objects.using(using).bulk_create(rows, batch_size=2000)
        return
    _copy(database, model._meta.db_table, [model._meta.get_field(name).column for name in names], values)


def _copy(database, table: str, columns: list[str], rows: Iterable) -> None:
    """COPY `rows` (sequences of database values, in the order of `columns`) into `table`."""
    database.ensure_connection()
    with (
        database.connection.cursor() as cursor,
        cursor.copy(f"COPY {quoted(table)} ({', '.join(quoted(c) for c in columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def in_ids(ids: list[int], vendor: str):
    """`ids` as the right-hand side of an `__in` lookup. On PostgreSQL one array parameter, written as the
    array's text: a query with 2,000 placeholders spends 20 ms in Django and psycopg before it reaches the
    database, and psycopg's own array adapter 6 ms."""
    ids = [int(pk) for pk in ids]
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + ",".join(map(str, ids)) + "}",))
    # SQLite allows 32,766 parameters to a statement: one JSON array instead.
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
