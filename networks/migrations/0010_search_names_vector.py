from django.db import migrations, models

# PostgreSQL only (SQLite's FTS5 table has a column per weight already):
# - `names_vector`, the names and short names alone, kept in the row (never compressed): the search finds
#   and ranks the organizations whose names hold every word of the query with it, without reading their
#   whole document;
# - the other long values (the texts, the document's vector) stored out of the row (TOAST), so that the row
#   stays narrow: reading the ids of 100,000 matches through a GIN index then reads tens of megabytes of
#   rows instead of a hundred and thirty (bench/README, "Search").
FORWARD = [
    """ALTER TABLE networks_searchdocument ADD COLUMN names_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, names), 'A')
        || setweight(to_tsvector('simple'::regconfig, other_names), 'B')
    ) STORED""",
    "CREATE INDEX networks_searchdocument_names_vector ON networks_searchdocument USING gin (names_vector)",
    # Rows written from now on (an existing index: `manage.py rebuild_search_index`, or VACUUM FULL).
    "ALTER TABLE networks_searchdocument ALTER COLUMN names_vector SET STORAGE PLAIN",
    "ALTER TABLE networks_searchdocument ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE networks_searchdocument SET (toast_tuple_target = 128)",
    # The ids of the documents matching a query, always through the GIN index: for a word most documents hold,
    # the planner would rather read the table and decompress every vector, several times slower. A function,
    # so that the setting holds for this one query (and is not inlined into the caller's plan); no JIT, which
    # the cost of a disabled scan would otherwise set off.
    """CREATE FUNCTION networks_search_found(query tsquery) RETURNS SETOF bigint
        LANGUAGE sql STABLE SET enable_seqscan = off SET jit = off
        AS $$ SELECT organization_id FROM networks_searchdocument WHERE vector @@ query $$""",
]
REVERSE = [
    "DROP FUNCTION networks_search_found(tsquery)",
    "ALTER TABLE networks_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE networks_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED",
    "DROP INDEX networks_searchdocument_names_vector",
    "ALTER TABLE networks_searchdocument DROP COLUMN names_vector",
]


def statements(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in sql:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0009_withheld_people_index"),
    ]

    operations = [
        migrations.RunPython(statements(FORWARD), statements(REVERSE)),
        migrations.RemoveIndex(model_name="organization", name="organization_public_id"),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(
                condition=models.Q(("status", "hidden")), fields=["id"], name="organization_hidden_id"
            ),
        ),
    ]
