"""The filters of the organizations list. The list page and (later) its exports use this one FilterSet, so
what a visitor sees and what they download are computed the same way."""

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from . import public
from .models import Event, Goal, Membership, Organization, Person, Place, name_in
from .search import normalize

AREA_KINDS = (Place.Kind.COUNTRY, Place.Kind.MULTI_COUNTRY_REGION)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
MAX_QUERY_LENGTH = 200


def in_country(place) -> Exists:
    """Working in `place` (a country or the Maghreb) or anywhere inside it. An Exists, so that an
    organization working in two Moroccan regions is listed once."""
    return Exists(
        Organization.areas.through.objects.filter(organization=OuterRef("pk"), place__country=place)
    )


def within_organization(organization) -> Q:
    """A branch of `organization` at any depth of the tree (up to four levels)."""
    return (
        Q(parent=organization)
        | Q(parent__parent=organization)
        | Q(parent__parent__parent=organization)
        | Q(parent__parent__parent__parent=organization)
    )


def localized_name(field: str = "name"):
    """Sort key: the field in the active language, falling back to the other one (see `name_in`)."""
    return name_in("en" if get_language() == "en" else "ar", field)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FoldedSearchFilter(django_filters.CharFilter):
    """Every word of the query, folded by `search.normalize`, found in the row's `search_text`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(field_name="search_text", **kwargs)

    def filter(self, queryset, value):
        for word in normalize(value or "").split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def year_range(date_field: str, label_from, label_to):
    """`…_from` and `…_to` filters on the year of a date; bounded, so a year of 99999 is a form error."""
    bounds = {"field_name": f"{date_field}__year", "min_value": EARLIEST_YEAR, "max_value": LATEST_YEAR}
    return (
        YearFilter(label=label_from, lookup_expr="gte", **bounds),
        YearFilter(label=label_to, lookup_expr="lte", **bounds),
    )


@extend_schema_field(OpenApiTypes.STR)
class KeyChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of row by its code or slug (`?country=LY`), documented as a string in the API schema."""


class OrganizationKeyFilter(KeyChoiceFilter):
    """An organization by its identifier (`?organization=defenders-libya`), typed rather than picked from a
    list: a list of every organization would not fit in a page once there are thousands. Pages link to
    these filtered lists from each organization."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Organization (identifier)"))
        kwargs.setdefault(
            "help_text", _("As in the address of the organization's page: …/organizations/identifier/")
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false", "dir": "ltr"}))
        super().__init__(queryset=public.organizations(), to_field_name="slug", **kwargs)


class DirectoryFilterSet(django_filters.FilterSet):
    """Always bound, so that an empty query string gets the default order like any other; knows which
    filters are in use (for export file names and their "about" sheet)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as they appear in the URL (codes and slugs, not names); `sort` left out.
        Call after validation."""
        active = {}
        for name, value in self.form.cleaned_data.items():
            if name == "sort" or value in (None, ""):
                continue
            active[name] = str(getattr(value, "code", None) or getattr(value, "slug", None) or value)
        return active


class OrganizationFilter(DirectoryFilterSet):
    class Sort:
        NAME = "name"
        FOUNDED = "founded"
        FOUNDED_DESC = "-founded"
        CHOICES = [
            (NAME, _("Name")),
            (FOUNDED, _("Founding date, oldest first")),
            (FOUNDED_DESC, _("Founding date, newest first")),
        ]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Names, descriptions, goals and people's names, in Arabic or English."),
    )
    country = KeyChoiceFilter(
        label=_("Country or region"),
        queryset=public.places().filter(kind__in=AREA_KINDS),
        to_field_name="code",
        method="filter_country",
    )
    cause = django_filters.ModelChoiceFilter(
        label=_("Cause"), queryset=public.causes(), to_field_name="slug", field_name="causes"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organization.Kind.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Organization.Scope.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=public.status_choices(),
    )
    founded_from, founded_to = year_range("founded_on", _("Founded from (year)"), _("Founded up to (year)"))
    # Validated against every network; offered (facet_options) from the largest ones.
    network = KeyChoiceFilter(
        label=_("Part of the network"),
        queryset=public.organizations().filter(children__isnull=False).distinct(),
        to_field_name="slug",
        method="filter_network",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.CHOICES, method="sort_by", empty_label=None
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_country(self, queryset, name, place):
        return queryset.filter(in_country(place))

    def filter_network(self, queryset, name, organization):
        return queryset.filter(within_organization(organization))

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that the default applies too

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or self.Sort.NAME
        if sort == self.Sort.FOUNDED:
            return queryset.order_by(F("founded_on").asc(nulls_last=True), localized_name(), "pk")
        if sort == self.Sort.FOUNDED_DESC:
            return queryset.order_by(F("founded_on").desc(nulls_last=True), localized_name(), "pk")
        return queryset.order_by(localized_name(), "pk")


class PersonFilter(DirectoryFilterSet):
    """People: by name (either script, however typed), by organization, by role."""

    q = FoldedSearchFilter()
    organization = OrganizationKeyFilter(field_name="memberships__organization", distinct=True)
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Membership.Role.choices, field_name="memberships__role", distinct=True
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by(localized_name(), "pk")


class EventFilter(DirectoryFilterSet):
    """Events: by kind, country, organization and year."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    country = KeyChoiceFilter(
        label=_("Country or region"),
        queryset=public.places().filter(kind__in=AREA_KINDS),
        to_field_name="code",
        field_name="place__country",
    )
    organization = OrganizationKeyFilter(field_name="organizations", distinct=True)
    year_from, year_to = year_range("date", _("From (year)"), _("Up to (year)"))

    class Meta:
        model = Event
        fields: list[str] = []


class GoalFilter(DirectoryFilterSet):
    """Goals, means, tasks…: by organization, kind and words (folded like every search)."""

    q = FoldedSearchFilter()
    organization = OrganizationKeyFilter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Goal.Kind.choices)
    country = KeyChoiceFilter(
        label=_("Country or region"),
        queryset=public.places().filter(kind__in=AREA_KINDS),
        to_field_name="code",
        method="filter_country",
    )

    class Meta:
        model = Goal
        fields: list[str] = []

    def filter_country(self, queryset, name, place):
        return queryset.filter(organization__in=public.organizations().filter(in_country(place)))


def count_by(queryset, field: str) -> dict:
    """{value of `field`: number of organizations of `queryset` with it}, in one GROUP BY query.

    A field of the organization itself is grouped on the queryset as it is. A field across a many-to-many
    join (areas, causes) is grouped over `pk IN (queryset)`: joined to the filtered queryset, it would reuse
    the filter's own join (`?cause=x` would then count cause x only), and it counts each organization once
    per value."""
    if "__" not in field:
        rows = queryset.order_by().values(field).annotate(n=Count("pk"))
    else:
        rows = (
            public.organizations()
            .filter(pk__in=queryset.order_by().values("pk"))
            .order_by()
            .values(field)
            .annotate(n=Count("pk", distinct=True))
        )
    return {row[field]: row["n"] for row in rows if row[field] is not None}


FACET_FIELDS = {
    "country": "areas__country__code",
    "cause": "causes__slug",
    "kind": "kind",
    "scope": "scope",
    "status": "status",
}


def facet_counts(queryset) -> dict[str, dict[str, int]]:
    """For the current result, how many organizations each filter option would keep: one query per
    facet, whatever the number of rows or options."""
    return {name: count_by(queryset, field) for name, field in FACET_FIELDS.items()}


NETWORK_OPTIONS = 30


def network_choices(selected) -> list[tuple[str, str]]:
    """The networks offered in the list's filter: the largest ones (by direct branches) and the selected one
    (a validated Organization, never the raw parameter). Any network can still be chosen by its identifier
    in the URL (links from each organization page)."""
    networks = public.organizations().largest_networks(NETWORK_OPTIONS)
    if selected is not None and selected not in networks:
        networks.append(selected)
    return [(n.slug, n.name) for n in networks]


def facet_options(filterset, counts):
    """The list's filter fields with, for each option, how many current results it would keep."""
    result = []
    for name in ("country", "cause", "kind", "scope", "status", "network"):
        field = filterset.form[name]
        options = []
        if name == "network":
            choices = network_choices(getattr(filterset.form, "cleaned_data", {}).get("network"))
        else:
            choices = field.field.choices
        for value, label in choices:
            value = str(getattr(value, "value", value))  # ModelChoiceIteratorValue → its slug/code
            if value == "":
                continue
            options.append(
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(name, {}).get(value),
                    "selected": str(field.value() or "") == value,
                }
            )
        result.append({"field": field, "options": options})
    return result
