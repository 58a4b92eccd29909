"""Every organization reachable by country, and the related bodies apart from the directory's entries
(issue 13), on the seeded directory."""

import csv
import io
import re
from html import unescape

import pytest

from networks import public
from networks.models import Citation, Derivation, Goal, Organization, Place, Source
from networks.seeds import SeedError, fold_whitespace
from networks.sources import DESCRIBED

pytestmark = pytest.mark.django_db

RELATED_BODIES = {"un", "ecosoc", "iohrd", "popular-movement"}


def listed(client, query: str = "", language="en") -> set[str]:
    response = client.get(f"/{language}/organizations/?{query}")
    assert response.status_code == 200
    return {o.slug for o in response.context["object_list"]}


def country_counts(html: str) -> list[int]:
    """The numbers of the home page's table "by country or region", but the regions', which count again
    organizations their country counts."""
    section = html.split('id="by-country"', 1)[1].split("</section>", 1)[0]
    return [int(n) for n in re.findall(r'class="map-count">(\d+)<', section)]


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


class TestDerivationInExports:
    """Every export says which facts the editors inferred: the organizations CSV names the fields, the other
    lists carry each row's derivation and reason, and the API gives each citation's."""

    @staticmethod
    def csv_of(client, list_name: str) -> list[dict]:
        response = client.get(f"/en/{list_name}/export.csv")
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    def test_the_organizations_csv_names_the_inferred_fields(self, client, seeded):
        rows = {row["id"]: row for row in self.csv_of(client, "organizations")}
        assert rows["chouaibat-development-solidarity"]["inferred_fields"] == "areas"
        assert rows["defenders-libya"]["inferred_fields"] == ""

    def test_a_goal_inferred_by_the_editors_says_so_with_its_reason(self, client, seeded):
        goals = self.csv_of(client, "goals")
        assert {row["derivation"] for row in goals} == {"stated"}
        goal = Goal.objects.order_by("pk").first()
        Goal.objects.filter(pk=goal.pk).update(
            derivation=Derivation.INFERRED,
            inference_en="read from the list's heading",
            inference_ar="من العنوان",
        )
        inferred = [row for row in self.csv_of(client, "goals") if row["derivation"] == "inferred"]
        assert [(row["inference_en"], row["inference_ar"]) for row in inferred] == [
            ("read from the list's heading", "من العنوان")
        ]

    def test_people_and_events_carry_the_derivation(self, client, seeded):
        assert {row["derivation"] for row in self.csv_of(client, "people")} == {"stated"}
        events = {row["id"]: row for row in self.csv_of(client, "events")}
        assert events["inlw-morocco-preparatory-work-2016"]["derivation"] == "stated"
        assembly = events["inlw-morocco-founding-assembly"]
        assert assembly["derivation"] == "inferred" and "date or place" in assembly["inference_en"]

    def test_the_api_gives_each_citations_derivation(self, client, seeded):
        record = client.get("/api/organizations/chouaibat-development-solidarity/").json()
        areas = [c for c in record["citations"] if c["field"] == "areas"]
        assert areas[0]["derivation"] == "inferred"
        assert "Guelmim-Oued Noun" in areas[0]["inference"]["en"]


class TestSeedSyntax:
    def test_an_inferred_citation_needs_its_reason(self, tmp_path, settings):
        from networks.seeds import SeedLoader

        loader = SeedLoader(tmp_path)
        with pytest.raises(SeedError, match="inferred"):
            loader.citation({"quote": "x", "inferred": {"ar": "", "en": ""}}, "citations.areas")


class TestWherePlacesComeFrom:
    def test_every_placed_organization_page_cites_its_place(self, client, seeded):
        for organization in Organization.objects.exclude(areas=None):
            html = client.get(f"/en/organizations/{organization.slug}/").content.decode()
            works_in = html.split("<dt>Works in</dt>", 1)[1].split("</dd>", 1)[0]
            assert 'class="cite"' in works_in, organization.slug


class TestIndexPages:
    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_sources_places_and_causes_answer_in_both_languages(self, client, seeded, language):
        for path in ("sources", "places", "causes"):
            assert client.get(f"/{language}/{path}/").status_code == 200, path
        for source in Source.objects.all():
            assert client.get(f"/{language}/sources/{source.slug}/").status_code == 200, source.slug

    def test_the_places_index_counts_add_up_to_the_entries(self, client, seeded):
        places = client.get("/en/places/").context["places"]
        assert sum(place.organization_count for place in places) == 12
        assert {p.code: p.organization_count for p in places}["world"] == 2

    def test_the_causes_index_counts_entries_only(self, client, seeded):
        causes = {c.slug: c.organization_count for c in client.get("/en/causes/").context["causes"]}
        assert causes["palestine-solidarity"] == 2

    def test_a_missing_source_is_a_404(self, client, seeded):
        assert client.get("/en/sources/no-such-source/").status_code == 404


class TestSourcePage:
    SLUG = "participatory-democracy-coalition-founding"

    def test_it_is_a_record(self, client, seeded):
        html = client.get(f"/en/sources/{self.SLUG}/").content.decode()
        assert "<dt>Kind</dt><dd>news item</dd>" in html
        accessed = html.split("<dt>Accessed</dt>", 1)[1].split("</dd>", 1)[0]
        assert "not recorded" in accessed  # the seeds give none: never invented

    def test_it_groups_the_facts_that_cite_it_by_organization(self, client, seeded):
        groups = client.get(f"/en/sources/{self.SLUG}/").context["groups"]
        headings = [group.heading for group in groups]
        assert "Chouaibat for Development and Social Solidarity" in headings
        inferred = [f for g in groups for f in g.facts if f.derivation == Derivation.INFERRED]
        assert len(inferred) == 6  # the three regional coordinators' places and memberships

    def test_every_fact_links_to_its_passage_marked_in_the_full_text(self, client, seeded):
        response = client.get(f"/en/sources/{self.SLUG}/")
        html = response.content.decode()
        numbers = {f.number for g in response.context["groups"] for f in g.facts}
        assert 0 not in numbers  # every quote is a passage of the text
        for number in numbers:
            assert f'href="#cite-{number}"' in html and f'id="cite-{number}"' in html

    def test_a_withheld_name_is_redacted_in_the_full_text(self, client, seeded):
        from networks.models import Person

        Person.objects.filter(slug="sidi-ahmed-bouchta").update(is_public=False)
        html = client.get(f"/ar/sources/{self.SLUG}/").content.decode()
        assert "سيدي أحمد بوشتى" not in html


class TestTranslations:
    def test_the_editors_arabic_of_an_english_source_says_so(self, client, seeded):
        html = client.get("/ar/organizations/defenders-libya/").content.decode()
        about = html.split('id="about"', 1)[1].split("</section>", 1)[0]
        assert "ترجمة المحررين للمصدر الإنجليزي" in about

    def test_the_source_language_is_not_marked(self, client, seeded):
        html = client.get("/en/organizations/defenders-libya/").content.decode()
        about = html.split('id="about"', 1)[1].split("</section>", 1)[0]
        assert "translation" not in about

    def test_a_note_repeated_down_the_page_is_given_once_and_linked(self, client, seeded):
        """The Moroccan branch's ten objectives are the editors' English of an Arabic source, and the
        thirteen members of its bureau were dated by one inference: each note is written once, its repeats
        link to it."""
        html = client.get("/en/organizations/inlw-morocco/").content.decode()
        assert html.count("the editors&#x27; translation of the Arabic source") == 1
        assert html.count('href="#translated-1"') >= 9
        assert html.count("which the item does not date") == 1
        assert html.count('href="#why-') >= 12


class TestEveryFactOnItsPage:
    """Every cited fact of the five sources is on the public page of its organization, in both languages: its
    quoted passage is in the page's sources block (within a longer passage when one holds it)."""

    @staticmethod
    def page_text(client, url: str) -> str:
        html = client.get(url).content.decode()
        return fold_whitespace(unescape(re.sub(r"<[^>]+>", "", html)))

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_every_organizations_fact_is_quoted_on_its_page(self, client, seeded, language):
        pages, checked = {}, 0
        for kind, queryset in public.cited_facts().items():
            for row in queryset:
                organization, _what = DESCRIBED[kind](row)
                if organization is None:  # people and events: their own pages and lists
                    continue
                url = f"/{language}/organizations/{organization.slug}/"
                if url not in pages:
                    pages[url] = self.page_text(client, url)
                assert fold_whitespace(row.quote) in pages[url], f"{kind} {row.pk} not quoted on {url}"
                checked += 1
        assert checked > 100 and len(pages) == Organization.objects.count()
