"""The read-only JSON API under /api/: the same filters as the pages, the Popolo shape of the JSON export,
an OpenAPI schema at /api/schema/. Anonymous GET only, rate-limited, readable from any origin (CORS)."""

import re

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers, viewsets
from rest_framework.exceptions import NotFound

from . import public, serializers
from .api_schema import Pagination
from .filters import EventFilter, OrganizationFilter, PersonFilter


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, reading its rows through the visibility layer (`public.py`), and the names of people who
    are not public withheld from every quoted text."""

    # Slugs and place codes ("MA-05"): anything else is a 404 before it reaches the database (PostgreSQL
    # refuses a NUL byte in a query). Checked here rather than by the URL pattern, so that the 404 is the
    # API's JSON answer and not the site's HTML page; the schema gives the pattern (api_schema.py).
    key_pattern = re.compile("[A-Za-z0-9_-]+")
    lookup_value_regex = "[^/]+"
    pagination_class = Pagination

    def get_object(self):
        if not self.key_pattern.fullmatch(self.kwargs[self.lookup_field]):
            raise NotFound
        return super().get_object()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "redact": public.redactor()}


class OrganizationViewSet(PublicViewSet):
    """Organizations, filtered and sorted exactly as on /organizations/ (same parameters)."""

    reader_description = (
        "Organizations, filtered and sorted as on the site's organizations list, with the same parameters."
    )

    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "slug"
    queryset = public.organization_records()


class PersonViewSet(PublicViewSet):
    reader_description = "People whose names are public, with their memberships, filtered as on the site."
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    queryset = public.person_list().order_by("slug")


class EventViewSet(PublicViewSet):
    reader_description = "Events (foundings, meetings, publications), in the timeline's order."
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    queryset = public.timeline()


class PlaceViewSet(PublicViewSet):
    reader_description = "Places, by code: countries by their ISO code, and their regions and cities."
    serializer_class = serializers.PlaceSerializer
    lookup_field = "code"
    queryset = public.places().select_related("parent").order_by("code")
    filterset_fields = ["kind"]


class CauseViewSet(PublicViewSet):
    reader_description = "The causes organizations work for."
    serializer_class = serializers.CauseSerializer
    lookup_field = "slug"
    queryset = public.causes().order_by("slug")


class SourceViewSet(PublicViewSet):
    reader_description = "The source documents every fact is cited to, with their full text."
    serializer_class = serializers.SourceSerializer
    lookup_field = "slug"
    queryset = public.sources().order_by("slug")
    filterset_fields = ["language"]


router = routers.DefaultRouter()
router.register("organizations", OrganizationViewSet)
router.register("people", PersonViewSet)
router.register("events", EventViewSet)
router.register("places", PlaceViewSet)
router.register("causes", CauseViewSet)
router.register("sources", SourceViewSet)

urlpatterns = [
    # A fixed version: `?version=` would otherwise reach the Content-Disposition header unchecked.
    path("schema/", SpectacularAPIView.as_view(api_version="1"), name="api-schema"),
    path("", include(router.urls)),
]
