"""Every organization reachable by country, and the related bodies apart from the directory's entries
(issue 13), on the seeded directory."""

import re

import pytest

from networks.models import Citation, Derivation, Organization, Place
from networks.seeds import SeedError

pytestmark = pytest.mark.django_db

RELATED_BODIES = {"un", "ecosoc", "iohrd", "popular-movement"}


def listed(client, query: str = "", language="en") -> set[str]:
    response = client.get(f"/{language}/organizations/?{query}")
    assert response.status_code == 200
    return {o.slug for o in response.context["object_list"]}


def country_counts(html: str) -> list[int]:
    """The numbers of the home page's "by country or region" list."""
    section = html.split('id="by-country"', 1)[1].split("</section>", 1)[0]
    return [int(n) for n in re.findall(r'class="count">(\d+)<', section)]


class TestEntriesAndRelatedBodies:
    def test_the_related_bodies_are_out_of_the_default_list(self, client, seeded):
        entries = listed(client)
        assert len(entries) == 12 and not entries & RELATED_BODIES

    def test_a_filter_reaches_them(self, client, seeded):
        assert listed(client, "listing=related") == RELATED_BODIES
        assert len(listed(client, "listing=related&listing=entry")) == 16

    def test_their_pages_stay(self, client, seeded):
        for slug in RELATED_BODIES:
            assert client.get(f"/en/organizations/{slug}/").status_code == 200

    def test_the_listing_facet_counts_both(self, client, seeded):
        facets = client.get("/en/organizations/").context["facets"]
        listing = next(f for f in facets if f["field"].name == "listing")
        counts = {o["value"]: (o["count"], o["selected"]) for o in listing["options"]}
        assert counts == {"entry": (12, True), "related": (4, False)}

    def test_the_default_is_no_chip(self, client, seeded):
        assert 'class="chips"' not in client.get("/en/organizations/").content.decode()


class TestEveryEntryPlaced:
    def test_every_organization_is_placed_but_one_the_sources_leave_unplaced(self, seeded):
        # IOHRD: the source says only that it supports the network; placing it would be inventing.
        unplaced = set(Organization.objects.filter(areas=None).values_list("slug", flat=True))
        assert unplaced == {"iohrd"}

    def test_the_home_page_counts_add_up_to_the_entries(self, client, seeded):
        html = client.get("/en/").content.decode()
        assert "12 organizations" in html
        assert sum(country_counts(html)) == 12

    def test_the_country_facet_adds_up_too(self, client, seeded):
        facets = client.get("/en/organizations/").context["facets"]
        country = next(f for f in facets if f["field"].name == "country")
        assert sum(o["count"] for o in country["options"]) == 12

    def test_international_is_an_entry_of_its_own(self, client, seeded):
        assert Place.objects.get(code="world").kind == Place.Kind.WORLD
        assert listed(client, "country=world") == {"inlw", "global-womens-coalition-quds-palestine"}

    def test_the_regional_coordinators_are_reached_by_morocco(self, client, seeded):
        coordinators = {"saharan-training-centre", "active-women-network", "chouaibat-development-solidarity"}
        assert coordinators | {"haraki-women-provincial-bureau"} <= listed(client, "country=MA")


class TestInferredPlaces:
    def test_an_inferred_place_says_why(self, seeded):
        citation = Citation.objects.get(organization__slug="chouaibat-development-solidarity", field="areas")
        assert citation.derivation == Derivation.INFERRED
        assert "Guelmim-Oued Noun" in citation.inference_en and citation.inference_ar

    def test_a_stated_place_stays_stated(self, seeded):
        citation = Citation.objects.get(organization__slug="defenders-libya", field="areas")
        assert citation.derivation == Derivation.STATED and not citation.inference_en

    def test_the_page_marks_it_inferred_with_its_reason(self, client, seeded):
        html = client.get("/en/organizations/chouaibat-development-solidarity/").content.decode()
        assert "inferred by the editors" in html
        assert "coordinates the Guelmim-Oued Noun region" in html
        html = client.get("/en/organizations/defenders-libya/").content.decode()
        works_in = html.split("Works in", 1)[1].split("</dd>", 1)[0]
        assert "inferred" not in works_in

    def test_an_inferred_citation_without_a_reason_is_refused(self, seeded):
        citation = Citation.objects.get(organization__slug="inlw", field="areas")
        citation.inference_ar = citation.inference_en = ""
        with pytest.raises(Exception, match=r"inference_given|CHECK"):
            citation.save()


class TestSeedSyntax:
    def test_an_inferred_citation_needs_its_reason(self, tmp_path, settings):
        from networks.seeds import SeedLoader

        loader = SeedLoader(tmp_path)
        with pytest.raises(SeedError, match="inferred"):
            loader.citation({"quote": "x", "inferred": {"ar": "", "en": ""}}, "citations.areas")
