"""Matching and ranking on each database, over the same terms (`terms.query`): every word of the query must
match (one of its terms), in any of the four weighted columns of the organization's search document.

Each engine gives two expressions for the organizations queryset: `matches()`, a `pk__in` subquery that reads
no outer column (so it stays right inside other subqueries: counts, facets), and `rank()`, correlated
subqueries for the order (higher is better). PostgreSQL scores with `ts_rank_cd` (cover density, weights
A 1.0, B 0.4, C 0.2, D 0.1), SQLite with FTS5's `bm25` (weights 10, 4, 2, 1); both put first the
organizations whose names hold every word of the query.
"""

from __future__ import annotations

from django.db import connections, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from ..models import SearchDocument, SearchIndexRow

Query = list[tuple[str, ...]]
NAME_BONUS = 1000.0


def ranked(score, in_names: Exists):
    """The order of the results: the organizations whose names hold every word of the query first (an exact
    name comes first even where its words are common elsewhere), then by the engine's score."""
    bonus = models.Case(models.When(in_names, then=models.Value(NAME_BONUS)), default=models.Value(0.0))
    return models.ExpressionWrapper(bonus + score, output_field=models.FloatField())


class PostgreSQL:
    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A

    @staticmethod
    def text(query: Query, weight: str = "") -> str:
        """A `to_tsquery` text: terms are letters and digits only (terms.py), quoted all the same. `weight`
        (":A") keeps the matches in that weight only."""
        return " & ".join(
            "(" + " | ".join(f"'{term}'{weight}" for term in alternatives) + ")" for alternatives in query
        )

    def matches(self, query: Query):
        return RawSQL(
            "SELECT organization_id FROM networks_searchdocument WHERE vector @@ to_tsquery('simple', %s)",
            [self.text(query)],
        )

    def rank(self, query: Query):
        # One lookup per organization: the score and the bonus of a name holding every word together.
        score = RawSQL(
            "ts_rank_cd(%s::float4[], vector, to_tsquery('simple', %s))"
            " + CASE WHEN vector @@ to_tsquery('simple', %s) THEN %s ELSE 0 END",
            [self.WEIGHTS, self.text(query), self.text(query, weight=":A"), NAME_BONUS],
            output_field=models.FloatField(),
        )
        documents = SearchDocument.objects.filter(organization=OuterRef("pk")).annotate(score=score)
        return Subquery(documents.values("score"), output_field=models.FloatField())


class SQLite:
    @staticmethod
    def text(query: Query, column: str = "") -> str:
        """An FTS5 query: every term in double quotes (letters and digits only, terms.py), so none is read
        as an operator (`OR`, `NEAR`, `NOT`). `column` ("names") keeps the matches in that column only."""
        text = " AND ".join(
            "(" + " OR ".join(f'"{term}"' for term in alternatives) + ")" for alternatives in query
        )
        return f"{column} : ({text})" if column else text

    def found(self, query: Query, column: str = ""):
        return SearchIndexRow.objects.filter(document__match=self.text(query, column))

    def matches(self, query: Query):
        return self.found(query).values("rowid")

    def rank(self, query: Query):
        # FTS5 seeks the MATCH to the one rowid: a lookup per organization, not a search per organization.
        score = models.Func(
            models.F("document"), 10.0, 4.0, 2.0, 1.0, function="-bm25", output_field=models.FloatField()
        )
        documents = self.found(query).filter(rowid=OuterRef("pk")).annotate(score=score)
        return ranked(
            Subquery(documents.values("score"), output_field=models.FloatField()),
            Exists(self.found(query, "names").filter(rowid=OuterRef("pk"))),
        )


def engine(alias: str = "default"):
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return PostgreSQL()
    if vendor == "sqlite":
        return SQLite()
    raise NotImplementedError(f"Full-text search is built for PostgreSQL and SQLite, not {vendor}.")
