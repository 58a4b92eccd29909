"""The facets of the organizations list: each declared once, here, with the values an organization has for it
(written to the narrow `FacetValue` table with the search documents), its options and their labels.

The list filters on that table (several values of one facet: any of them; several facets: all of them) and
counts on it: one GROUP BY over the matching organizations for the facets not in use, and one per facet in
use, counted without its own filter, so that its other options say how many results adding them would give.
The counts of the whole directory, and the largest networks offered as options, are kept in the cache per
directory version (`cache.py`): data, not pages, and replaced by any edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import public
from .cache import kept
from .models import FacetValue, Organization, Place

# The places a list filters by: countries and multi-country regions (the Maghreb).
AREA_KINDS = (Place.Kind.COUNTRY, Place.Kind.MULTI_COUNTRY_REGION)


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
    """The ids of the organizations with any of `values` for the facet `name` (a `pk__in` subquery)."""
    return FacetValue.objects.filter(facet=name, value__in=list(values)).values("organization")


def count(organizations, names: Iterable[str]) -> dict[str, dict[str, int]]:
    """{facet: {value: organizations of `organizations` with it}} for the facets `names`, in one query."""
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    rows = (
        FacetValue.objects.filter(
            facet__in=list(counts), organization__in=organizations.order_by().values("pk")
        )
        .values_list("facet", "value")
        .annotate(n=Count("*"))  # not COUNT(id): the index holds every column read
        .order_by()
    )
    for facet, value, n in rows:
        counts[facet][value] = n
    return counts


def whole_directory(filterset) -> dict[str, dict[str, int]]:
    """Every facet's counts over the whole public directory, kept per directory version."""
    return kept("facet-counts", lambda: count(filterset.queryset, BY_NAME))


def counts(filterset) -> dict[str, dict[str, int]]:
    """The counts of every facet for a valid organizations FilterSet: the facets not in use over its
    results, each facet in use over the results of the other filters (the whole directory's counts when it
    is the only filter)."""
    in_use = [facet.name for facet in FACETS if filterset.form.cleaned_data.get(facet.name)]
    if not filterset.in_use():
        return whole_directory(filterset)
    result = count(filterset.qs, [name for name in BY_NAME if name not in in_use])
    for name in in_use:
        if filterset.in_use(excluding=name):
            result |= count(filterset.filtered(excluding=name), [name])
        else:
            result[name] = whole_directory(filterset)[name]
    return result
