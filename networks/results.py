"""The organizations list's results for a valid `OrganizationFilter`: which organizations it keeps, how many,
the ids of one page in the chosen order, and every facet's counts.

They are computed in memory, from data held per directory version (`cache.held`): the facets' bitmaps
(`facets.Index`) and each order of the whole directory as an array of ids. Filters that are not facets (the
search, the founding years, the network) are read from the database as a set of ids once per request. A page
then reads only its own rows. The exports and the API read the same FilterSet's `qs` from the database; a
test checks both give the same rows in the same order (`tests/test_results.py`).
"""

from __future__ import annotations

import heapq
from array import array
from functools import cached_property
from itertools import islice

from django.utils.translation import get_language
from pyroaring import BitMap

from . import facets, public
from .cache import held
from .filters import OrganizationFilter
from .search import terms
from .search.engines import engine


def order(sort: str) -> array:
    """Every public organization's id in the order `sort` (`OrganizationFilter.Sort`), in the active
    language."""
    return held(
        f"organization-order:{sort}:{get_language()}",
        lambda: array(
            "q",
            public.organizations().order_by(*OrganizationFilter.ordering(sort)).values_list("pk", flat=True),
        ),
    )


def positions() -> tuple[array, array]:
    """The order by name (in the active language) and, by id, each organization's place in it: what breaks
    the ties between equal scores. Held together, so that both always describe the same directory."""

    def compute():
        ids = order(OrganizationFilter.Sort.NAME)
        position = array("q", bytes(8 * (max(ids, default=0) + 1)))
        for place, pk in enumerate(ids):
            position[pk] = place
        return ids, position

    return held(f"organization-positions:{get_language()}", compute)


class Results:
    Sort = OrganizationFilter.Sort

    def __init__(self, filterset: OrganizationFilter):
        self.filterset = filterset
        self.index = facets.index()
        self.visible = facets.visible(self.index)
        data = filterset.form.cleaned_data
        self.facets = {
            name: self.index.having(name, values)
            for name in facets.BY_NAME
            if (values := filterset.facet_values(name))
        }
        self.query = data.get("q") or ""
        self.redactor = public.redactor() if self.query else None  # for the query and the snippets
        self.sort = filterset.chosen_sort()

    @cached_property
    def asked(self) -> list[tuple[str, ...]]:
        return terms.asked(self.query, self.redactor)

    @cached_property
    def searched(self) -> BitMap:
        """The organizations that the search finds."""
        found = engine().found(self.asked) if self.asked else []
        return self.visible & BitMap(found)

    @cached_property
    def others(self) -> BitMap:
        """The organizations kept by the filters that are not facets (all of them when none is in use): the
        search, and the others (founding years, network…) read from the database as the exports apply them."""
        data = self.filterset.form.cleaned_data
        names = [
            name for name in self.filterset.active_filters() if name not in facets.BY_NAME and name != "q"
        ]
        kept = self.searched if self.query else self.visible
        if names:
            rows = public.organizations()
            for name in names:
                rows = self.filterset.filters[name].filter(rows, data[name])
            kept = kept & BitMap(rows.values_list("pk", flat=True))
        return kept

    def matching(self, excluding: str = "") -> BitMap:
        """The organizations kept by every filter but `excluding` (a facet's name)."""
        kept = self.others
        for name, organizations in self.facets.items():
            if name != excluding:
                kept = kept & organizations
        return kept

    @cached_property
    def organizations(self) -> BitMap:
        return self.matching()

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """{facet: {value: results}}: the facets not in use counted over the results, each facet in use over
        the results of the other filters, so that its other options say how many results adding them gives."""
        return {
            facet.name: self.index.count(
                self.matching(excluding=facet.name) if facet.name in self.facets else self.organizations,
                facet.name,
            )
            for facet in facets.FACETS
        }

    def ids(self, start: int, stop: int) -> list[int]:
        """The ids of the results from `start` to `stop` in the chosen order."""
        if self.sort == OrganizationFilter.Sort.RELEVANCE:
            return self.ranked(start, stop)
        ids = order(self.sort)
        if len(self.organizations) == len(ids):
            return list(ids[start:stop])
        return list(islice(filter(self.organizations.__contains__, ids), start, stop))

    def ranked(self, start: int, stop: int) -> list[int]:
        """The results by relevance (the engine's score, then the name), ranked only as far as `stop`: the
        organizations whose names hold the query, then, if the page reaches them, the others."""
        among = self.organizations
        if not among:
            return []
        narrowed = list(among) if len(among) < len(self.searched) else None  # other filters narrow it
        by_name, position = positions()

        def best(scored, n: int) -> list[int]:
            keys = ((-score, position[pk]) for pk, score in scored if pk in among)
            return [by_name[p] for _, p in heapq.nsmallest(n, keys)]

        search = engine()
        ranked = best(search.scored(self.asked, in_names=True, among=narrowed), stop)
        if len(ranked) < stop:
            ranked += best(search.scored(self.asked, in_names=False, among=narrowed), stop - len(ranked))
        return ranked[start:stop]


class Rows:
    """The results as Django's paginator reads them: their number, and a page's rows read by id from
    `rows` (a queryset of organizations, with what the page shows of each) in the results' order."""

    def __init__(self, results: Results, rows):
        self.results = results
        self.rows = rows

    def count(self) -> int:
        return len(self.results.organizations)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice | int):
        if isinstance(key, int):
            rows = self[key : key + 1]
            if not rows:
                raise IndexError(key)
            return rows[0]
        start, stop, _ = key.indices(self.count())
        ids = self.results.ids(start, stop)
        by_id = {row.pk: row for row in self.rows.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids]

    def __iter__(self):
        return iter(self[:])
