"""Public pages. Views stay thin: their rows come from the visibility layer (public.py), filtering from
filters.py. Every page answers GET and HEAD only (`require_safe`; the list views only define `get`)."""

from django.db.models import Count, F
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe
from django_filters.views import FilterView
from pyroaring import BitMap
from rest_framework.settings import api_settings

from . import (
    api,
    charts,
    dataset,
    diagrams,
    exports,
    facets,
    licence,
    limits,
    lists,
    maps,
    popolo,
    public,
    sharing,
    sources,
    timeouts,
)
from .filters import (
    AREA_KINDS,
    facet_options,
    in_place,
    localized_name,
    results_summary,
    with_values,
    within_place,
    without,
)
from .models import Organization, Place
from .provenance import CitationIndex, marked_html
from .results import Results, Rows
from .search import snippets, suggest
from .tables import TABLES


@require_safe
def home(request):
    areas = [place for place in counted_areas(public.places()) if place.organization_count]
    causes = list(counted_causes().filter(organization_count__gt=0))
    context = {
        "organization_count": public.entries().count(),
        "person_count": public.people().count(),
        "areas": areas,
        "area_map": maps.directory_map(areas, counted_regions(public.places())),
        "causes": causes,
        "founding_events": public.latest_foundings()[:5],
        "cause_chart": charts.bar_chart(
            [(c.name, c.organization_count) for c in causes], _("Organizations by cause")
        ),
    }
    return render(request, "networks/home.html", context)


@require_safe
def organization_detail(request, slug):
    organization = get_object_or_404(public.organization_page(), slug=slug)
    index = CitationIndex(public.redactor())
    organization.cite = index.cite(organization.source, organization.quote)
    field_citations = {c.field: c for c in index.annotate(organization.citations.all())}
    goals = index.annotate(organization.goals.all())
    bodies = index.annotate(organization.bodies.all())
    for body in bodies:
        index.annotate(body.memberships.all())
    memberships = index.annotate(organization.memberships.all())
    member_of = index.annotate(organization.memberships_held.all())
    events = [part.event for part in organization.eventorganization_set.all()]
    index.annotate(events)
    relations = index.annotate([*organization.relations.all(), *organization.inverse_relations.all()])
    publications = index.annotate(organization.publications.all())
    context = {
        "organization": organization,
        "ancestors": public.ancestors(organization),
        "field_citations": field_citations,
        "goal_groups": group_goals(goals),
        "bodies": bodies,
        "memberships": memberships,
        "member_of": member_of,
        "events": events,
        "relations": relations,
        "publications": publications,
        "citations": index,
        "diagram": diagrams.network(organization, bodies, memberships),
        "page_citation": sharing.page_citation(
            request, "organization", organization, organization.last_changed, organization.last_verified
        ),
    }
    return render(request, "networks/organization_detail.html", context)


def group_goals(goals):
    """Goals grouped by kind (and event), in source order: [(heading, event, [goal, …]), …]."""
    groups: dict = {}
    for goal in goals:
        groups.setdefault((goal.kind, goal.event_id), []).append(goal)
    return [(items[0].get_kind_display(), items[0].event, items) for items in groups.values()]


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(public.person_page(), slug=slug)
    index = CitationIndex(public.redactor())
    person.cite = index.cite(person.source, person.quote)
    memberships = index.annotate(person.memberships.all())
    participations = list(person.participations.all())
    index.annotate([p.event for p in participations])
    context = {
        "person": person,
        "memberships": memberships,
        "participations": participations,
        "citations": index,
        "page_citation": sharing.page_citation(request, "person", person, person.last_changed),
    }
    return render(request, "networks/person_detail.html", context)


# A country or cause page shows its first organizations and events, and links to the filtered lists for the
# rest: a page never grows with the directory.
PREVIEW_SIZE = 20


@require_safe
def place_detail(request, code):
    """A country, the Maghreb, international, or a region (which the map links to: the list filters by
    country)."""
    place = get_object_or_404(
        public.places().filter(kind__in=(*AREA_KINDS, Place.Kind.REGION)).select_related("country"), code=code
    )
    organizations = (
        public.organization_list().filter(in_place(place), listing=Organization.Listing.ENTRY)
    ).order_by(localized_name(), "pk")
    events = public.events().filter(within_place(place, "place")).select_related("place")
    context = {
        "place": place,
        # A region's lists are its country's: the list filters by country.
        "within": place.country if place.kind == Place.Kind.REGION else None,
        "area_map": maps.directory_map(
            counted_areas(public.places()), counted_regions(public.places()), current=place
        ),
        "organizations": organizations[:PREVIEW_SIZE],
        "organization_count": organizations.count(),
        "events": events.order_by(F("date").desc(nulls_last=True), "slug")[:PREVIEW_SIZE],
        "event_count": events.count(),
    }
    return render(request, "networks/place_detail.html", context)


@require_safe
def cause_detail(request, slug):
    cause = get_object_or_404(public.causes(), slug=slug)
    organizations = (
        public.organization_list().filter(causes=cause, listing=Organization.Listing.ENTRY)
    ).order_by(localized_name(), "pk")
    context = {
        "cause": cause,
        "organizations": organizations[:PREVIEW_SIZE],
        "organization_count": organizations.count(),
    }
    return render(request, "networks/cause_detail.html", context)


def counted_areas(places) -> list:
    """The countries, multi-country regions and the world among `places`, each with `organization_count`:
    the directory entries working there, from the facet bitmaps. Each entry is placed once (a country, a
    multi-country region or worldwide), so these add up to the number of entries."""
    index = facets.index()
    entries = facets.visible(index) & index.having("listing", [Organization.Listing.ENTRY])
    counts = index.count(entries, "country")
    places = list(places.filter(kind__in=AREA_KINDS))
    for place in places:
        place.organization_count = counts.get(place.code, 0)
    return places


def counted_regions(places) -> list:
    """The regions among `places`, each with `organization_count`: the directory entries working in the
    region or in a place inside it (two levels down). The places in each region and the organizations
    working there are read in one query each, the entries are the facet bitmaps' (as `counted_areas`)."""
    places = list(places)
    parents = {place.pk: place.parent_id for place in places}
    regions = [place for place in places if place.kind == Place.Kind.REGION]
    region_ids = {region.pk for region in regions}
    region_of = {}
    for place in places:
        chain = (place.pk, parents.get(place.pk), parents.get(parents.get(place.pk)))
        region_of[place.pk] = next((pk for pk in chain if pk in region_ids), None)
    working = {pk: BitMap() for pk in region_ids}
    pairs = Organization.areas.through.objects.filter(
        place__in=[pk for pk, region in region_of.items() if region]
    ).values_list("organization_id", "place_id")
    for organization, place in pairs:
        working[region_of[place]].add(organization)
    index = facets.index()
    entries = facets.visible(index) & index.having("listing", [Organization.Listing.ENTRY])
    for region in regions:
        region.organization_count = working[region.pk].intersection_cardinality(entries)
    return regions


def counted_causes():
    """The causes, each with `organization_count`: the directory entries working for it."""
    return public.causes().annotate(
        organization_count=Count("organizations", filter=public.is_entry("organizations"))
    )


@require_safe
def place_list(request):
    places = counted_areas(public.places().order_by("kind", localized_name()))
    return render(request, "networks/place_list.html", {"places": places})


@require_safe
def cause_list(request):
    # A few rows, by their name in the active language.
    causes = sorted(counted_causes(), key=lambda cause: cause.name)
    return render(request, "networks/cause_list.html", {"causes": causes})


@require_safe
def source_list(request):
    return render(request, "networks/source_list.html", {"sources": public.source_list()})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(public.sources(), slug=slug)
    groups = sources.facts_citing(source)
    text, notes = sources.marked_text(source, groups, public.redactor())
    context = {"source": source, "groups": groups, "full_text": marked_html(text, notes)}
    return render(request, "networks/source_detail.html", context)


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": exports.XLSX_TYPE, "json": "application/json"}


@require_safe
def export(request, list_name, fmt):
    """A public list as a file: the page's own FilterSet and rows, so the same rows in the same order.
    An invalid filter is a 400 with the page's form errors; an unknown format a 404."""
    spec = exports.LISTS[list_name]
    if fmt not in EXPORT_TYPES:
        raise Http404(_("Unknown export format."))
    filterset = spec.filterset(request.GET, queryset=spec.rows())
    if not filterset.is_valid():
        return render(request, "networks/export_error.html", {"filter": filterset}, status=400)
    slot, refused = export_slot(request)
    if refused:
        return refused
    filters = filterset.active_filters()
    about = exports.export_about(filters, filterset.form.cleaned_data.get("sort") or "")
    filename = exports.export_filename(list_name, filters, fmt)
    redact = public.redactor()
    table = exports.Table(spec.columns, redact)
    # The CSV and XLSX are written whole before they are sent, with their length: a database failure meanwhile
    # is a 503 (DatabaseUnavailableMiddleware). The JSON streams, and says at its end that it is complete.
    if fmt == "xlsx":
        sheet_about = exports.about_sheet(about, filterset)
        with limits.slot_held(slot), timeouts.export_deadline():
            handle = exports.xlsx_file(spec.table_rows(filterset.qs), table, sheet_about)
    elif fmt == "csv":
        with limits.slot_held(slot), timeouts.export_deadline():
            handle = exports.csv_file(spec.table_rows(filterset.qs), table)
    else:
        body = exports.json_stream(spec.records(filterset.qs, redact), about, list_name)
        body = exports.ended_on_failure(body, request.get_full_path())
        pieces = limits.Holding(slot, exports.buffered(body))
        response = StreamingHttpResponse(pieces, content_type=EXPORT_TYPES[fmt])
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=EXPORT_TYPES[fmt])


BUSY_RETRY_SECONDS = 30


def export_slot(request):
    """(one of the server's export slots, None) for this request, or (None, the 429 that refuses it): too
    many exports from this client, or too many running (`limits.py`); the bulk dataset has everything."""
    refusal = limits.over_rate(request)
    slot = None if refusal else limits.take_slot()
    if slot is not None:
        return slot, None
    refusal = refusal or limits.Refusal("busy", BUSY_RETRY_SECONDS)
    response = render(request, "networks/export_refused.html", {"refusal": refusal}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return None, response


@require_safe
def organizations_popolo(request):
    """The filtered organizations list as one Popolo JSON document (`popolo.py`) in one language: `lang`
    (ar or en), the page's language by default. Bad input is a 400, as for the other exports."""
    lang = request.GET.get("lang") or get_language()
    spec = exports.LISTS["organizations"]
    filterset = spec.filterset(request.GET, queryset=spec.rows())
    valid = filterset.is_valid()
    if lang not in popolo.LANGUAGES:
        filterset.form.add_error(None, _("Unknown language: choose ar or en."))
        valid = False
    if not valid:
        return render(request, "networks/export_error.html", {"filter": filterset}, status=400)
    slot, refused = export_slot(request)
    if refused:
        return refused
    filters = filterset.active_filters()
    meta = {
        **exports.export_about(filters, filterset.form.cleaned_data.get("sort") or ""),
        "lang": lang,
        "format": popolo.FORMAT,
    }
    filename = exports.export_filename("organizations", {**filters, "lang": lang}, "popolo.json")
    body = popolo.stream(filterset.qs, meta, lang, request.build_absolute_uri("/").rstrip("/"))
    pieces = limits.Holding(slot, exports.buffered(body))
    response = StreamingHttpResponse(pieces, content_type=EXPORT_TYPES["json"])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ExportableListView(FilterView):
    """A public list whose rows and filters are exactly those of its exports (`exports.LISTS`)."""

    list_name = ""
    paginate_by = 50
    strict = True

    def get_filterset_class(self):
        return exports.LISTS[self.list_name].filterset

    def get_queryset(self):
        return exports.LISTS[self.list_name].rows()

    def get_context_data(self, **kwargs):
        return super().get_context_data(list_name=self.list_name, **kwargs)


class OrganizationListView(ExportableListView):
    list_name = "organizations"
    template_name = "networks/organization_list.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        """FilterView's, without building the FilterSet's queryset: a valid filter's page is computed in
        memory (`paginate_queryset`)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.queryset.none()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def paginate_queryset(self, queryset, page_size):
        """A valid filter's results are computed in memory (`results.py`); the page reads its own rows."""
        if self.filterset.is_valid():
            self.results = Results(self.filterset)
            queryset = Rows(self.results, self.page_rows())
        return super().paginate_queryset(queryset, page_size)

    def page_rows(self):
        """What the page shows of each organization (its rows read by id)."""
        return public.organization_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        valid = filterset.is_valid()
        context["facets"] = facet_options(filterset, self.results.facet_counts() if valid else {})
        context["filters_in_use"] = valid and filterset.in_use()
        query = valid and filterset.form.cleaned_data.get("q")
        context["summary"] = results_summary(context["facets"], context["paginator"].count, query or "")
        if query:
            context["search_chip"] = {"query": query, "remove": without(filterset.data, "q", query)}
            if not context["paginator"].count:
                context["did_you_mean"] = self.did_you_mean(filterset, query)
            page = list(context["object_list"])
            snippets.annotate(page, query, public.goals_of(page), get_language(), self.results.redactor)
        return context

    @staticmethod
    def did_you_mean(filterset, query: str) -> dict | None:
        """A corrected query that finds something, with the link to it (the other filters kept)."""
        suggestion = suggest.did_you_mean(
            query, lambda text: not public.organizations().search(text).exists()
        )
        if suggestion is None:
            return None
        return {"query": suggestion, "link": with_values(filterset.data, "q", [suggestion])}


class PersonListView(ExportableListView):
    list_name = "people"
    template_name = "networks/person_list.html"


class GoalListView(ExportableListView):
    list_name = "goals"
    template_name = "networks/goal_list.html"


class EventListView(ExportableListView):
    list_name = "events"
    template_name = "networks/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        foundings = public.events().foundings().filter(pk__in=context["filter"].qs.values("pk"))
        context["chart"] = charts.bar_chart(
            charts.count_by_year(foundings.only("date")), _("Founding events by year")
        )
        return context


@require_safe
def organizations_schema(request):
    """The published JSON Schema of the organizations export."""
    return FileResponse(open(exports.SCHEMA, "rb"), content_type="application/schema+json")


@require_safe
def api_docs(request):
    """The API's documentation: what it is, its endpoints, and Swagger UI reading its OpenAPI schema."""
    endpoints = [prefix for prefix, *_ in api.router.registry]
    context = {"endpoints": endpoints, "page_size": api_settings.PAGE_SIZE}
    return render(request, "networks/api_docs.html", context)


def data_dictionary(request):
    """Every column of every export, documented in the active language, and the latest bulk dataset (not
    cached: a build changes it without changing the directory)."""
    context = {
        "dataset": dataset.latest(),
        "licence": licence,
        "lists": exports.LISTS,
        # The dataset's tables that no list exports: documented here too.
        "dataset_tables": [table for name, table in TABLES.items() if name not in exports.LISTS],
        "separator": lists.SEPARATOR,
        "codes": {
            "kind": Organization.Kind.choices,
            "scope": Organization.Scope.choices,
            "status": public.status_choices(),
        },
    }
    return render(request, "networks/data_dictionary.html", context)


def _dataset_etag(request):
    latest = dataset.latest()
    return f'"{latest["sha256"]}"' if latest else None


@require_safe
@condition(etag_func=_dataset_etag)
def dataset_download(request):
    """The latest bulk dataset (`manage.py build_dataset`), with its length and ETag (304 when the client
    has it); a 404 page saying so when none was built."""
    latest = dataset.latest()
    if latest is None:
        return render(request, "networks/dataset_missing.html", status=404)
    return FileResponse(
        open(latest["path"], "rb"),
        as_attachment=True,
        filename=latest["file"],
        content_type="application/zip",
    )
