"""Matching and ranking on each database, over the same terms (`terms.query`): every word of the query must
match (one of its terms), in any of the four weighted columns of the organization's search document.

The order, on both: first the organizations whose names (or short names) hold every word of the query,
ranked on their names alone; then the others, ranked on their whole document. PostgreSQL scores with
`ts_rank_cd` (cover density, weights A 1.0, B 0.4, C 0.2, D 0.1), SQLite with FTS5's `bm25` (weights 10, 4,
2, 1). Ranking the name matches on their names is both what a visitor expects (`Maghreb Women's Coalition`
first for that query) and cheap: a few words each, where the whole documents of 10,000 matches take tens of
milliseconds to score.

Each engine gives:
- `matches()`, a `pk__in` subquery that reads no outer column (so it stays right inside other subqueries),
  and `rank()`, the score as an expression, for the organizations queryset (exports, the API);
- `found()`, the ids of the matches, and `scored()`, the scores of one tier, for the list page, which ranks
  in memory only as far as the page needs (`results.py`) — the same scores as `rank()`.
"""

from __future__ import annotations

import json

from django.db import connections, models, router
from django.db.models import OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from ..models import SearchDocument, SearchIndexRow

Query = list[tuple[str, ...]]
NAME_BONUS = 1000.0  # above any score: the name matches come first


class PostgreSQL:
    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A

    def __init__(self, alias: str):
        self.alias = alias

    @staticmethod
    def text(query: Query) -> str:
        """A `to_tsquery` text: terms are letters and digits only (terms.py), quoted all the same."""
        return " & ".join(
            "(" + " | ".join(f"'{term}'" for term in alternatives) + ")" for alternatives in query
        )

    def score(self, query: Query) -> tuple[str, list]:
        """The score of a matching document (its row's columns), as SQL and its parameters."""
        text = self.text(query)
        return (
            "CASE WHEN names_vector @@ to_tsquery('simple', %s)"
            " THEN %s + ts_rank_cd(%s::float4[], names_vector, to_tsquery('simple', %s))"
            " ELSE ts_rank_cd(%s::float4[], vector, to_tsquery('simple', %s)) END",
            [text, NAME_BONUS, self.WEIGHTS, text, self.WEIGHTS, text],
        )

    def matches(self, query: Query):
        return RawSQL("SELECT * FROM networks_search_found(to_tsquery('simple', %s))", [self.text(query)])

    def rank(self, query: Query):
        sql, params = self.score(query)
        documents = SearchDocument.objects.filter(organization=OuterRef("pk")).annotate(
            score=RawSQL(sql, params, output_field=models.FloatField())
        )
        return Subquery(documents.values("score"), output_field=models.FloatField())

    def found(self, query: Query) -> list[int]:
        # Through the GIN index, whatever the planner thinks of a common word (migration 0010).
        sql = "SELECT * FROM networks_search_found(to_tsquery('simple', %s))"
        return [pk for (pk,) in select(self.alias, sql, [self.text(query)])]

    def scored(self, query: Query, in_names: bool, among: list[int] | None = None) -> list[tuple[int, float]]:
        """(id, score) of the matches whose names hold every word (`in_names`) or of the others, among the
        organizations `among` (None: all)."""
        sql, params = self.score(query)
        text = self.text(query)
        if in_names:  # the names are in the document: a name match is a match
            where, more = "names_vector @@ to_tsquery('simple', %s)", [text]
        else:
            where = "vector @@ to_tsquery('simple', %s) AND NOT names_vector @@ to_tsquery('simple', %s)"
            more = [text, text]
        if among is not None:
            where += " AND organization_id = ANY(%s)"
            more.append(among)
        return select(
            self.alias,
            f"SELECT organization_id, {sql} FROM networks_searchdocument WHERE {where}",
            params + more,
        )


class SQLite:
    TABLE = SearchIndexRow._meta.db_table
    NAMES = "{names other_names}"

    def __init__(self, alias: str):
        self.alias = alias

    @staticmethod
    def text(query: Query, columns: str = "") -> str:
        """An FTS5 query: every term in double quotes (letters and digits only, terms.py), so none is read
        as an operator (`OR`, `NEAR`, `NOT`). `columns` keeps the matches in those columns only."""
        text = " AND ".join(
            "(" + " OR ".join(f'"{term}"' for term in alternatives) + ")" for alternatives in query
        )
        return f"{columns} : ({text})" if columns else text

    # The score of a row of a MATCH on the names, and on the whole document.
    NAMES_SCORE = f"%s - bm25({TABLE}, 10.0, 4.0, 0.0, 0.0)"
    SCORE = f"-bm25({TABLE}, 10.0, 4.0, 2.0, 1.0)"

    def found_rows(self, query: Query, columns: str = ""):
        return SearchIndexRow.objects.using(self.alias).filter(document__match=self.text(query, columns))

    def matches(self, query: Query):
        return self.found_rows(query).values("rowid")

    def rank(self, query: Query):
        # FTS5 seeks the MATCH to the one rowid: a lookup per organization, not a search per organization.
        def score(columns, sql, params):
            rows = self.found_rows(query, columns).filter(rowid=OuterRef("pk"))
            rows = rows.annotate(score=RawSQL(sql, params, output_field=models.FloatField()))
            return Subquery(rows.values("score"), output_field=models.FloatField())

        return Coalesce(score(self.NAMES, self.NAMES_SCORE, [NAME_BONUS]), score("", self.SCORE, []))

    def found(self, query: Query) -> list[int]:
        sql = f"SELECT rowid FROM {self.TABLE} WHERE {self.TABLE} MATCH %s"
        return [pk for (pk,) in select(self.alias, sql, [self.text(query)])]

    def scored(self, query: Query, in_names: bool, among: list[int] | None = None) -> list[tuple[int, float]]:
        names = self.text(query, self.NAMES)
        if in_names:
            sql = f"SELECT rowid, {self.NAMES_SCORE} FROM {self.TABLE} WHERE {self.TABLE} MATCH %s"
            params = [NAME_BONUS, names]
        else:
            sql = (
                f"SELECT rowid, {self.SCORE} FROM {self.TABLE} WHERE {self.TABLE} MATCH %s"
                f" AND +rowid NOT IN (SELECT rowid FROM {self.TABLE} WHERE {self.TABLE} MATCH %s)"
            )
            params = [self.text(query), names]
        if among is not None:
            # "+": a filter on the rows found, not one FTS5 search per id
            sql += " AND +rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(among))
        return select(self.alias, sql, params)


def select(alias: str, sql: str, params: list) -> list[tuple]:
    """The rows of a statement of the engines' own (ids, scores), without building models."""
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def engine(alias: str | None = None):
    """The search on database `alias`; by default the one the router reads from (a public request's reads go
    to the read replica when there is one, directory/routers.py)."""
    alias = alias or router.db_for_read(SearchDocument)
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return PostgreSQL(alias)
    if vendor == "sqlite":
        return SQLite(alias)
    raise NotImplementedError(f"Full-text search is built for PostgreSQL and SQLite, not {vendor}.")
