from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/export.<str:fmt>", views.organization_export, name="organization_export"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("places/<str:code>/", views.place_detail, name="place_detail"),
    path("causes/<slug:slug>/", views.cause_detail, name="cause_detail"),
    path("events/", views.event_list, name="event_list"),
    path("data/", views.data_dictionary, name="data_dictionary"),
    path("data/organizations.schema.json", views.organizations_schema, name="organizations_schema"),
]
