"""The read-only JSON API under /api/: the same filters as the pages, the Popolo shape of the JSON export,
an OpenAPI schema at /api/schema/. Anonymous GET only, rate-limited, readable from any origin (CORS)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers, viewsets

from . import public, serializers
from .filters import EventFilter, OrganizationFilter, PersonFilter


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, reading its rows through the visibility layer (`public.py`), and the names of people who
    are not public withheld from every quoted text."""

    # Slugs and place codes ("MA-05"): anything else is a 404 before it reaches the database (PostgreSQL
    # refuses a NUL byte in a query).
    lookup_value_regex = "[A-Za-z0-9_-]+"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "redact": public.redactor()}


class OrganizationViewSet(PublicViewSet):
    """Organizations, filtered and sorted exactly as on /organizations/ (same parameters)."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "slug"
    queryset = public.organization_records()


class PersonViewSet(PublicViewSet):
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    queryset = public.person_list().order_by("slug")


class EventViewSet(PublicViewSet):
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    queryset = public.timeline()


class PlaceViewSet(PublicViewSet):
    serializer_class = serializers.PlaceSerializer
    lookup_field = "code"
    queryset = public.places().select_related("parent").order_by("code")
    filterset_fields = ["kind"]


class CauseViewSet(PublicViewSet):
    serializer_class = serializers.CauseSerializer
    lookup_field = "slug"
    queryset = public.causes().order_by("slug")


class SourceViewSet(PublicViewSet):
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
