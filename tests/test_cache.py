"""Public pages come from the cache when it is on, and an edit anywhere makes every cached page stale."""

import pytest
from django.core.cache import cache
from django.utils import translation

from networks.cache import directory_changed, directory_version
from networks.models import Organization
from tests.builders import make_membership, make_organization, make_person, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_a_second_visit_is_served_from_the_cache_without_a_query(
    client, page_cache, django_assert_num_queries
):
    make_organization(name_en="Cached network")
    first = client.get("/en/organizations/")
    assert "Cached network" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/en/organizations/")
    assert second.content == first.content


def test_an_edit_is_visible_on_the_next_request(client, page_cache):
    organization = make_organization(name_en="Before")
    assert "Before" in client.get(organization.get_absolute_url()).content.decode()
    organization.name_en = "After"
    organization.save()
    assert "After" in client.get(organization.get_absolute_url()).content.decode()
    assert "After" in client.get("/en/organizations/").content.decode()


def test_a_person_withheld_disappears_at_once_even_from_cached_pages(client, page_cache):
    person = make_person(name_en="Named Person")
    membership = make_membership(person=person)
    with translation.override("en"):  # the page shows the name in its language
        url = membership.organization.get_absolute_url()
    assert "Named Person" in client.get(url).content.decode()
    person.is_public = False
    person.save()
    assert "Named Person" not in client.get(url).content.decode()


def test_a_change_of_places_or_causes_counts_as_an_edit(page_cache):
    organization, place = make_organization(), make_place()
    before = directory_version()
    organization.areas.add(place)
    assert directory_version() != before


def test_each_language_and_query_string_is_its_own_page(client, page_cache):
    make_organization(name_en="English name", name_ar="اسم عربي")
    assert "English name" in client.get("/en/organizations/").content.decode()
    assert "اسم عربي" in client.get("/ar/organizations/").content.decode()
    assert client.get("/en/organizations/", {"q": "nothing-matches"}).context["paginator"].count == 0


def test_only_successful_pages_are_kept(client, page_cache):
    assert client.get("/en/organizations/later/").status_code == 404
    make_organization(slug="later")
    assert client.get("/en/organizations/later/").status_code == 200


def test_bulk_changes_without_signals_are_announced_by_hand(client, page_cache):
    organization = make_organization(name_en="Old")
    client.get("/en/organizations/")
    Organization.objects.filter(pk=organization.pk).update(name_en="Renamed in bulk")
    assert "Renamed in bulk" not in client.get("/en/organizations/").content.decode()  # still cached
    directory_changed()
    assert "Renamed in bulk" in client.get("/en/organizations/").content.decode()


def test_off_by_default_in_development(client, settings):
    assert settings.PAGE_CACHE_SECONDS == 0  # DJANGO_DEBUG=1, as `make test` runs
    organization = make_organization(name_en="Old")
    client.get("/en/organizations/")
    Organization.objects.filter(pk=organization.pk).update(name_en="Renamed")
    assert "Renamed" in client.get("/en/organizations/").content.decode()
