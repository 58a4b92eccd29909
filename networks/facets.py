"""The facets of the organizations list: each declared once, here, with the values an organization has for it
(written to the narrow `FacetValue` table with the search documents), its options and their labels.

The list filters and counts in memory (`Index`): each value's organizations as a compressed bitmap
(pyroaring), built from that table once per directory version. Several values of one facet: the union of
their bitmaps; several facets: the intersection; a count: the size of an intersection. The exports and the
API filter on the table itself (`having`), in SQL. The options, and the largest networks offered as options,
are kept in the cache per directory version (`cache.py`): data, not pages, and replaced by any edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connections, router
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pyroaring import BitMap

from . import public
from .cache import held, kept
from .models import FacetValue, Organization, Place

# The places a list filters by: countries, multi-country regions (the Maghreb) and the world (international).
AREA_KINDS = (Place.Kind.COUNTRY, Place.Kind.MULTI_COUNTRY_REGION, Place.Kind.WORLD)


@dataclass(frozen=True)
class Facet:
    name: str  # its URL parameter and its rows' `facet`
    label: str | Promise
    values: Callable[
        [list[int]], Iterable[tuple[int, str]]
    ]  # (organization id, value) of those organizations
    options: Callable[[], list[tuple[str, str]]]  # (value, label) in the active language, in display order


def _own(field: str):
    return lambda ids: Organization.objects.filter(pk__in=ids).values_list("pk", field)


def _countries():
    return [(p.code, p.name) for p in public.places().filter(kind__in=AREA_KINDS)]


def _causes():
    return [(c.slug, c.name) for c in public.causes()]


FACETS: tuple[Facet, ...] = (
    Facet(
        "country",
        _("Country or region"),
        lambda ids: Organization.areas.through.objects.filter(
            organization_id__in=ids, place__country__isnull=False
        ).values_list("organization_id", "place__country__code"),
        _countries,
    ),
    Facet(
        "cause",
        _("Cause"),
        lambda ids: Organization.causes.through.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "cause__slug"
        ),
        _causes,
    ),
    Facet("kind", _("Kind"), "kind", lambda: list(Organization.Kind.choices)),
    Facet("scope", _("Scope"), "scope", lambda: list(Organization.Scope.choices)),
    Facet("status", _("Status"), "status", public.status_choices),
    # Directory entries unless asked (`OrganizationFilter`): related bodies are left out of lists and counts.
    Facet("listing", _("Listed as"), "listing", lambda: list(Organization.Listing.choices)),
)
BY_NAME = {facet.name: facet for facet in FACETS}


def options(name: str) -> list[tuple[str, str]]:
    """The options of the facet `name` in the active language, kept per directory version: read when the
    filter validates its values and again when the page lists them."""
    return kept(
        f"facet-options:{name}:{get_language()}",
        lambda: [(str(value), str(label)) for value, label in BY_NAME[name].options()],
    )


ROW_FIELDS = ["organization_id", "facet", "value"]


def rows(ids) -> list[tuple[int, str, str]]:
    """The facet values of the organizations `ids` (a list, or a subquery of ids), to write: tuples of
    ROW_FIELDS."""
    own = [facet for facet in FACETS if isinstance(facet.values, str)]
    pairs = [
        (facet.name, pk, value)
        for pk, *values in Organization.objects.filter(pk__in=ids).values_list("pk", *(f.values for f in own))
        for facet, value in zip(own, values, strict=True)
    ]
    for facet in FACETS:
        if not isinstance(facet.values, str):
            pairs += [(facet.name, pk, value) for pk, value in facet.values(ids)]
    return [(pk, name, value) for name, pk, value in dict.fromkeys(pairs) if value]


def having(name: str, values: Iterable[str]):
    """The ids of the organizations with any of `values` for the facet `name` (a `pk__in` subquery): the
    filter of the exports and the API, which read their rows from the database."""
    return FacetValue.objects.filter(facet=name, value__in=list(values)).values("organization")


@dataclass(frozen=True)
class Index:
    """Every public organization's facet values as bitmaps of organization ids: the list filters and counts
    by intersecting them, microseconds where a GROUP BY over the matching organizations took hundreds of
    milliseconds at 100,000. Built from the facet table once per directory version, shared through the
    cache and held in each process (`cache.held`)."""

    organizations: BitMap  # every public organization
    values: dict[str, dict[str, BitMap]]  # facet: value: the organizations with it
    hidden: tuple[int, int]  # the hidden organizations then (`public.fingerprint`)

    @classmethod
    def build(cls) -> Index:
        hidden = public.fingerprint(public.hidden_organizations())
        organizations = BitMap(public.organizations().values_list("pk", flat=True))
        values: dict[str, dict[str, BitMap]] = {facet.name: {} for facet in FACETS}
        for name, value, ids in _ids_by_value():
            values[name][value] = BitMap(ids) & organizations
        return cls(organizations, values, hidden)

    def having(self, name: str, values: Iterable[str]) -> BitMap:
        """The organizations with any of `values` for the facet `name`."""
        return BitMap.union(BitMap(), *(self.values[name].get(value, BitMap()) for value in values))

    def count(self, among: BitMap, name: str) -> dict[str, int]:
        """{value: how many of the organizations `among` have it} for the facet `name`."""
        return {
            value: n
            for value, organizations in self.values[name].items()
            if (n := among.intersection_cardinality(organizations))
        }


def _ids_by_value() -> Iterable[tuple[str, str, Iterable[int]]]:
    """(facet, value, the ids of the organizations with it) for every row of the facet table, grouped by the
    database: 65 rows of lists rather than half a million rows at 100,000 organizations."""
    database = connections[router.db_for_read(FacetValue)]  # the read replica, in a public request
    postgresql = database.vendor == "postgresql"
    ids = "array_agg(organization_id)" if postgresql else "group_concat(organization_id)"
    with database.cursor() as cursor:
        cursor.execute(f"SELECT facet, value, {ids} FROM {FacetValue._meta.db_table} GROUP BY facet, value")
        for name, value, found in cursor.fetchall():
            yield name, value, found if postgresql else map(int, found.split(","))


# In the key: a cache shared by processes (a directory, Redis) outlives a deploy, and an Index of another
# shape must not be read back. Change it whenever Index changes.
INDEX_FORMAT = 3


def index() -> Index:
    return held(f"facet-index-{INDEX_FORMAT}", Index.build)


def visible(index: Index) -> BitMap:
    """The index's organizations but any hidden since it was built: hiding one by `QuerySet.update()` sends
    no signal, and must not wait for the next edit. Which organizations are hidden is read on every request
    (their number and the sum of their ids, from a partial index); their ids only when that changed."""
    hidden = public.hidden_organizations()
    if public.fingerprint(hidden) == index.hidden:
        return index.organizations
    return index.organizations - BitMap(hidden.values_list("pk", flat=True))
