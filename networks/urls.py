from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/export.<str:fmt>",
        views.export,
        {"list_name": "organizations"},
        name="organizations_export",
    ),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("places/<slug:code>/", views.place_detail, name="place_detail"),  # ISO codes ("MA-05") are slugs
    path("causes/<slug:slug>/", views.cause_detail, name="cause_detail"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/export.<str:fmt>", views.export, {"list_name": "events"}, name="events_export"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/export.<str:fmt>", views.export, {"list_name": "people"}, name="people_export"),
    path("goals/", views.GoalListView.as_view(), name="goal_list"),
    path("goals/export.<str:fmt>", views.export, {"list_name": "goals"}, name="goals_export"),
    path("data/", views.data_dictionary, name="data_dictionary"),
    path("data/organizations.schema.json", views.organizations_schema, name="organizations_schema"),
]
