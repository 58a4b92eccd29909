"""The visibility boundary: every public URL (pages, exports, the sitemap, the API) reads the guarded models
only through the visibility layer, networks/public.py.

The guard records every query compiled while a public URL answers, subqueries included, and fails on one
that reads a guarded table (an organization, a person, or a row pointing at one) from a queryset the layer
did not make. The URLs are found by walking the URL configuration, so a new view is checked as soon as it
is routed; one that takes arguments must be given them below, or the test says so.
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db.models.sql.query import Query
from django.db.models.sql.subqueries import AggregateQuery
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, path, reverse
from django.utils import translation
from rest_framework.throttling import SimpleRateThrottle

from directory.urls import urlpatterns as site_urlpatterns
from networks import dataset, public
from networks.models import Cause, Event, EventOrganization, Organization, Participation, Place, Relation
from tests.builders import make_body, make_goal, make_membership, make_organization, make_person, make_source

pytestmark = pytest.mark.django_db

GUARDED_TABLES = {model._meta.db_table for model in public.GUARDED_MODELS}
EXPORT_FORMATS = [{"fmt": fmt} for fmt in ("csv", "xlsx", "json")]


@contextmanager
def reads_outside_the_layer():
    """Yields a list that collects, while inside, a description of every query that reads a guarded table
    through a queryset not made by `networks.public`. Every query, subqueries included, is compiled
    through `Query.get_compiler`; a count's outer AggregateQuery is skipped (its inner query is checked)."""
    leaks = []
    compile_query = Query.get_compiler

    def get_compiler(query, *args, **kwargs):
        if (
            query.model is not None
            and not isinstance(query, AggregateQuery)
            and not public.is_public_read(query)
        ):
            # Joins Django trimmed (a filter on the foreign key alone) stay in alias_map with no reference.
            joined = [j.table_name for alias, j in query.alias_map.items() if query.alias_refcount[alias]]
            tables = {query.model._meta.db_table, *joined}
            if tables & GUARDED_TABLES:
                leaks.append(f"{query.model.__name__} query reading {sorted(tables & GUARDED_TABLES)}")
        return compile_query(query, *args, **kwargs)

    with mock.patch.object(Query, "get_compiler", get_compiler):
        yield leaks


def public_routes(resolver=None, namespace=""):
    """(name, required arguments) of every URL pattern but the admin's."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from public_routes(pattern, inner)
        else:
            required = set(pattern.pattern.regex.groupindex) - set(pattern.default_args)
            yield f"{namespace}{pattern.name}", frozenset(required)


@pytest.fixture
def directory(db, monkeypatch, settings, tmp_path):
    """A small directory with a row of each kind, hidden organizations and a withheld person among them, and
    its bulk dataset built in `tmp_path` (for its download to answer; what the build reads is checked by a
    test of its own)."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None})
    settings.DATASET_ROOT = tmp_path
    source = make_source()
    country = Place.objects.create(code="MA", kind=Place.Kind.COUNTRY, name_ar="المغرب", name_en="Morocco")
    cause = Cause.objects.create(slug="rights", name_ar="حقوق", name_en="Rights")
    hidden = make_organization(status=Organization.Status.HIDDEN, source=source)
    network = make_organization(parent=hidden, source=source)
    organization = make_organization(parent=network, source=source, name_en="Open network")
    region = Place.objects.create(
        code="MA-05", kind=Place.Kind.REGION, parent=country, name_ar="جهة", name_en="Region"
    )
    organization.areas.add(country, region)
    organization.causes.add(cause)
    person = make_person(source=source, name_en="Amina Open")
    withheld = make_person(source=source, is_public=False)
    body = make_body(organization=organization, source=source)
    make_membership(person=person, organization=organization, body=body, source=source)
    make_membership(person=withheld, organization=organization, source=source)
    make_membership(person=person, organization=network, on_behalf_of=hidden, source=source)
    make_membership(member_organization=hidden, organization=organization, source=source)
    make_goal(organization=organization, source=source, text_en="Open goal")
    event = Event.objects.create(slug="meeting", kind="meeting", name_ar="لقاء", source=source, quote="نص")
    EventOrganization.objects.create(event=event, organization=organization, role="organizer")
    EventOrganization.objects.create(event=event, organization=hidden, role="participant")
    Participation.objects.create(event=event, person=withheld, role="attendee")
    Relation.objects.create(
        subject=organization, kind="supported_by", object=hidden, source=source, quote="ن"
    )
    dataset.build()
    one = {"slug": organization.slug}
    return {
        "arguments": {
            "networks:organization_detail": [one],
            "networks:person_detail": [{"slug": person.slug}],
            "networks:place_detail": [{"code": country.code}, {"code": region.code}],
            "networks:cause_detail": [{"slug": cause.slug}],
            "networks:source_detail": [{"slug": source.slug}],
            **{
                f"networks:{name}_export": EXPORT_FORMATS
                for name in ("organizations", "people", "events", "goals")
            },
            "organization-detail": [one],
            "person-detail": [{"slug": person.slug}],
            "event-detail": [{"slug": event.slug}],
            "place-detail": [{"code": country.code}],
            "cause-detail": [{"slug": cause.slug}],
            "source-detail": [{"slug": source.slug}],
        },
        # Filters and searches run subqueries of their own.
        "queries": {
            "networks:organization_list": [f"q=open+amina&country=MA&cause=rights&network={network.slug}"],
            "networks:organizations_export": [f"q=open&network={network.slug}"],
            "networks:person_list": [f"q=amina&organization={organization.slug}&role=member"],
            "networks:event_list": [f"organization={organization.slug}&country=MA"],
            "networks:goal_list": [f"q=goal&organization={organization.slug}&country=MA"],
            "organization-list": ["q=amina&country=MA"],
            "person-list": [f"organization={organization.slug}"],
        },
    }


def public_urls(directory) -> list[str]:
    """Every public URL with its arguments (API ones in JSON), then with the filters of `queries`."""
    urls, missing = [], []
    with translation.override("en"):
        for name, required in dict.fromkeys(public_routes()):
            calls = [{}] if not required - {"format"} else directory["arguments"].get(name)
            if calls is None:
                missing.append(name)
                continue
            for arguments in calls:
                arguments = {key: value for key, value in arguments.items() if key in required}
                if "format" in required:
                    arguments["format"] = "json"
                url = reverse(name, kwargs=arguments)
                urls += [url, *(f"{url}?{query}" for query in directory["queries"].get(name, []))]
    assert not missing, f"tell tests/test_public.py how to call {missing}, so that the guard checks them"
    return urls


def leaks_of(client, urls) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        with reads_outside_the_layer() as leaks:
            response = client.get(url, follow=True)
            if response.streaming:
                b"".join(response.streaming_content)  # a streamed export runs its queries as it is read
        assert response.status_code == 200, url
        if leaks:
            found[url] = leaks
    return found


class TestTheVisibilityBoundary:
    def test_every_public_url_reads_through_the_public_layer(self, client, directory):
        urls = public_urls(directory)
        assert len(urls) > 40 and any("/api/" in url for url in urls) and "/sitemap.xml" in urls
        assert leaks_of(client, urls) == {}

    def test_the_bulk_dataset_reads_through_the_public_layer(self, directory, tmp_path_factory):
        with reads_outside_the_layer() as leaks:
            dataset.build(tmp_path_factory.mktemp("dataset"))
        assert leaks == []

    def test_the_guard_sees_reads_outside_the_layer_even_in_a_subquery(self, directory):
        with reads_outside_the_layer() as leaks:
            list(public.organizations().filter(pk__in=Relation.objects.values("subject")))
            Organization.objects.count()
            assert len(public.people()) == 1
        assert len(leaks) == 2, leaks

    def test_a_new_view_without_the_layer_fails_the_guard(self, client, directory, settings):
        """A deliberately leaky view, routed like any public page: the guard names it."""

        def leaky(request):
            return HttpResponse(", ".join(o.name for o in Organization.objects.all()))

        urlconf = type(
            "urlconf", (), {"urlpatterns": [path("leaky/", leaky, name="leaky"), *site_urlpatterns]}
        )
        settings.ROOT_URLCONF = urlconf
        urls = public_urls(directory)
        assert "/leaky/" in urls
        assert list(leaks_of(client, urls)) == ["/leaky/"]

    def test_a_new_view_with_arguments_must_be_given_them(self, directory, settings):
        def leaky(request, slug):
            return HttpResponse(Organization.objects.get(slug=slug).name)

        patterns = [path("leaky/<slug:slug>/", leaky, name="leaky"), *site_urlpatterns]
        settings.ROOT_URLCONF = type("urlconf", (), {"urlpatterns": patterns})
        with pytest.raises(AssertionError, match="how to call \\['leaky'\\]"):
            public_urls(directory)


class TestWhatTheLayerHandsOver:
    def test_a_hidden_parent_and_a_withheld_member_are_empty_links(self, directory):
        (organization,) = public.organization_page().filter(name_en="Open network")
        assert organization.public_parent is not None
        assert organization.public_parent.public_parent is None  # its parent is hidden
        members = {
            m.public_person.name_en if m.public_person else None for m in organization.memberships.all()
        }
        assert members == {None}  # the withheld person; the hidden member organization is left out
        assert organization.parent is not None  # the model's own link is still there: not for the public

    def test_rows_pointing_at_a_hidden_organization_are_left_out(self, directory):
        hidden = Organization.objects.get(status=Organization.Status.HIDDEN)
        assert hidden not in public.organizations()
        assert not public.relations().exists()
        assert not public.memberships().filter(on_behalf_of=hidden).exists()
        assert not public.event_organizations().filter(organization=hidden).exists()
        assert not public.participations().exists()  # the only participant is withheld
