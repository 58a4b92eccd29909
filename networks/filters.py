"""The filters of the organizations list. The list page and (later) its exports use this one FilterSet, so
what a visitor sees and what they download are computed the same way."""

import functools

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from . import facets, pickers, public
from .cache import kept
from .models import Event, Goal, Membership, Organization, Person, Place, name_in
from .search import normalize

AREA_KINDS = facets.AREA_KINDS
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
MAX_QUERY_LENGTH = 200


def within_place(place, path: str) -> Q:
    """The place at `path` is `place` or inside it: for a country (or the Maghreb), every place it is the
    derived country of; for a region, itself and the places up to two levels below it."""
    if place.kind == Place.Kind.REGION:
        return Q(**{path: place}) | Q(**{f"{path}__parent": place}) | Q(**{f"{path}__parent__parent": place})
    return Q(**{f"{path}__country": place})


def in_place(place) -> Exists:
    """Working in `place` (a country, the Maghreb or a region) or anywhere inside it. An Exists, so that an
    organization working in two Moroccan regions is listed once."""
    return Exists(
        Organization.areas.through.objects.filter(within_place(place, "place"), organization=OuterRef("pk"))
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


@extend_schema_field(OpenApiTypes.STR)
class OrganizationNameFilter(django_filters.Filter):
    """An organization by its name, or part of it, in either language (`?organization=Defenders`), or by its
    identifier (`?organization=defenders-libya`, as each organization's page links to these lists): see
    `pickers`. A list of every organization would not fit in a page once there are thousands."""

    field_class = pickers.OrganizationField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Organization"))
        kwargs.setdefault("help_text", _("Its name, or a part of it, in Arabic or English."))
        super().__init__(**kwargs)


@extend_schema_field(OpenApiTypes.STR)
class FacetFilter(django_filters.MultipleChoiceFilter):
    """One facet of `facets.FACETS`: `?country=MA&country=LY` keeps the organizations with any of the values
    (a repeated parameter, as a GET form's checkboxes send it), read from the facet table."""

    def __init__(self, name: str, default: tuple[str, ...] = (), **kwargs):
        facet = facets.BY_NAME[name]
        super().__init__(label=facet.label, choices=functools.partial(facets.options, name), **kwargs)
        self.facet = facet
        self.default = default  # the values that apply when none is asked for

    def filter(self, queryset, value):
        value = value or self.default
        if not value:
            return queryset
        return queryset.filter(pk__in=facets.having(self.facet.name, value))


class DirectoryFilterSet(django_filters.FilterSet):
    """Always bound, so that an empty query string gets the default order like any other; knows which
    filters are in use (for export file names and their "about" sheet)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def in_use(self) -> bool:
        """Whether any filter (the sort aside) narrows the rows. Call after validation."""
        return bool(self.active_filters())

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as they appear in the URL (codes and slugs, not names); `sort` left out.
        Call after validation."""
        active = {}
        for name, value in self.form.cleaned_data.items():
            if name == "sort" or value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            active[name] = ",".join(
                str(getattr(v, "code", None) or getattr(v, "slug", None) or v) for v in values
            )
        return active


class OrganizationFilter(DirectoryFilterSet):
    class Sort:
        RELEVANCE = "relevance"
        NAME = "name"
        FOUNDED = "founded"
        FOUNDED_DESC = "-founded"
        CHOICES = [
            (RELEVANCE, _("Relevance, then name")),
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
    country = FacetFilter("country")
    cause = FacetFilter("cause")
    kind = FacetFilter("kind")
    scope = FacetFilter("scope")
    status = FacetFilter("status")
    listing = FacetFilter("listing", default=(Organization.Listing.ENTRY,))
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

    def filter_network(self, queryset, name, organization):
        return queryset.filter(within_organization(organization))

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that the default applies too

    def facet_values(self, name: str) -> list[str]:
        """The values of the facet `name` that apply: those asked for, else its default. Call after
        validation."""
        return list(self.form.cleaned_data.get(name) or self.filters[name].default)

    def chosen_sort(self) -> str:
        """The order asked for, or the default one: relevance when searching, else the name. Call after
        validation."""
        searching = bool(self.form.cleaned_data.get("q"))
        sort = self.form.cleaned_data.get("sort") or self.Sort.RELEVANCE
        return sort if searching or sort != self.Sort.RELEVANCE else self.Sort.NAME

    @classmethod
    def ordering(cls, sort: str) -> tuple:
        """The `order_by()` of `sort` (relevance reads the `search_rank` of `search()`)."""
        if sort == cls.Sort.RELEVANCE:
            return (F("search_rank").desc(), localized_name(), "pk")
        if sort == cls.Sort.FOUNDED:
            return (F("founded_on").asc(nulls_last=True), localized_name(), "pk")
        if sort == cls.Sort.FOUNDED_DESC:
            return (F("founded_on").desc(nulls_last=True), localized_name(), "pk")
        return (localized_name(), "pk")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by(*self.ordering(self.chosen_sort()))


class PersonFilter(DirectoryFilterSet):
    """People: by name (either script, however typed), by organization, by role."""

    q = FoldedSearchFilter()
    organization = OrganizationNameFilter(field_name="memberships__organization", distinct=True)
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
    organization = OrganizationNameFilter(field_name="organizations", distinct=True)
    year_from, year_to = year_range("date", _("From (year)"), _("Up to (year)"))

    class Meta:
        model = Event
        fields: list[str] = []


class GoalFilter(DirectoryFilterSet):
    """Goals, means, tasks…: by organization, kind and words (folded like every search)."""

    q = FoldedSearchFilter()
    organization = OrganizationNameFilter()
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
        return queryset.filter(organization__in=public.organizations().filter(in_place(place)))


NETWORK_OPTIONS = 30


def network_choices(selected) -> list[tuple[str, str]]:
    """The networks offered in the list's filter: the largest ones (by direct branches) and the selected one
    (a validated Organization, never the raw parameter). Any network can still be chosen by its identifier
    in the URL (links from each organization page)."""
    largest = kept(
        f"largest-networks:{get_language()}",
        lambda: [(n.slug, n.name) for n in public.organizations().largest_networks(NETWORK_OPTIONS)],
    )
    if selected is not None and selected.slug not in dict(largest):
        return [*largest, (selected.slug, selected.name)]
    return largest


def with_values(data, name: str, values: list[str]) -> str:
    """The query string of `data` (a QueryDict) with `values` for `name`, back on the first page."""
    data = data.copy()
    data.setlist(name, values)
    data.pop("page", None)
    return "?" + data.urlencode()


def without(data, name: str, value: str) -> str:
    """The query string of `data` without `name=value`, back on the first page."""
    return with_values(data, name, [v for v in data.getlist(name) if v != value])


def facet_options(filterset, counts):
    """The list's facets with, for each option, how many results it would give and whether it is chosen,
    and the link that removes it (the chips of the filters in use)."""
    result = []
    for name in (*facets.BY_NAME, "network"):
        field = filterset.form[name]
        asked = field.value() or []
        asked = [str(v) for v in (asked if isinstance(asked, list) else [asked])]
        # A default applies (selected) without being asked for: it has no chip to remove.
        chosen = asked or [str(v) for v in getattr(filterset.filters[name], "default", ())]
        if name == "network":
            choices = network_choices(getattr(filterset.form, "cleaned_data", {}).get("network"))
        else:
            choices = field.field.choices
        options = [
            {
                "value": value,
                "label": label,
                "count": counts.get(name, {}).get(value, 0) if name in counts else None,
                "selected": value in chosen,
                "remove": without(filterset.data, name, value) if value in asked else "",
            }
            for value, label in ((str(getattr(v, "value", v)), label) for v, label in choices)
            if value != ""
        ]
        result.append({"field": field, "options": options, "multiple": name != "network"})
    return result


# How a chosen facet reads in the sentence that says what the list counts; the others read "label: values".
SUMMARY_PHRASES = {"country": _("in {values}"), "cause": _("working on {values}")}


def results_summary(facet_list, count: int, query: str = ""):
    """What the list counts, in words: "3 organizations in Morocco working on women's rights", then the
    other filters asked for. Values are isolated (`<bdi>`): a Latin name on an Arabic page stays whole."""

    def values(options):
        return format_html_join(gettext(" or "), "<bdi>{}</bdi>", ((o["label"],) for o in options))

    parts = [ngettext("%(counter)s organization", "%(counter)s organizations", count) % {"counter": count}]
    others = []
    for facet in facet_list:
        asked = [option for option in facet["options"] if option["remove"]]
        if not asked:
            continue
        name = facet["field"].name
        if name in SUMMARY_PHRASES:
            parts.append(format_html(str(SUMMARY_PHRASES[name]), values=values(asked)))
        else:
            others.append(format_html("{}: {}", facet["field"].label, values(asked)))
    if query:
        parts.append(format_html(gettext("matching “{}”"), format_html("<bdi>{}</bdi>", query)))
    sentence = format_html_join(" ", "{}", ((part,) for part in parts))
    if others:
        sentence = format_html("{} ({})", sentence, format_html_join("; ", "{}", ((o,) for o in others)))
    return sentence
