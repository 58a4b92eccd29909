"""The public pages. Pages are served from the cache when it is on (`cache.cached_page`); exports stream and
are computed on each request."""

from django.urls import path

from . import feeds, views
from .cache import cached_page

app_name = "networks"

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("organizations/", cached_page(views.OrganizationListView.as_view()), name="organization_list"),
    path(
        "organizations/export.<str:fmt>",
        views.export,
        {"list_name": "organizations"},
        name="organizations_export",
    ),
    path("organizations/feed.atom", cached_page(feeds.organization_feed), name="organization_feed"),
    path("organizations/<slug:slug>/", cached_page(views.organization_detail), name="organization_detail"),
    path("people/<slug:slug>/", cached_page(views.person_detail), name="person_detail"),
    # ISO codes ("MA-05") are slugs.
    path("places/", cached_page(views.place_list), name="place_list"),
    path("places/<slug:code>/", cached_page(views.place_detail), name="place_detail"),
    path("causes/", cached_page(views.cause_list), name="cause_list"),
    path("causes/<slug:slug>/", cached_page(views.cause_detail), name="cause_detail"),
    path("sources/", cached_page(views.source_list), name="source_list"),
    path("sources/<slug:slug>/", cached_page(views.source_detail), name="source_detail"),
    path("events/", cached_page(views.EventListView.as_view()), name="event_list"),
    path("events/export.<str:fmt>", views.export, {"list_name": "events"}, name="events_export"),
    path("people/", cached_page(views.PersonListView.as_view()), name="person_list"),
    path("people/export.<str:fmt>", views.export, {"list_name": "people"}, name="people_export"),
    path("goals/", cached_page(views.GoalListView.as_view()), name="goal_list"),
    path("goals/export.<str:fmt>", views.export, {"list_name": "goals"}, name="goals_export"),
    path("data/", views.data_dictionary, name="data_dictionary"),
    path("data/shabakat.zip", views.dataset_download, name="dataset_download"),
    path("data/organizations.schema.json", views.organizations_schema, name="organizations_schema"),
]
