"""Full-text search, specified on the seeded directory: what a visitor types and what they should find. The
suite runs on SQLite and on PostgreSQL (`make test` with DATABASE_URL), so each case holds on both."""

import re

import pytest
from django.core.management import call_command

from networks.models import Goal, Organization, Person, SearchDocument
from networks.search import engines, terms
from networks.search.suggest import similarity
from tests.builders import make_goal, make_organization, make_person


def found(query: str) -> list[str]:
    """The slugs of the public organizations a query finds, best first."""
    return list(
        Organization.objects.published()
        .search(query)
        .order_by("-search_rank", "pk")
        .values_list("slug", flat=True)
    )


class TestWhatVisitorsType:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            # Clitics and prefixes: the article, "for the", "with the", "and".
            ("السجينات", ["defenders-libya"]),
            ("للسجينات", ["defenders-libya"]),
            ("بالرباط", ["inlw-morocco"]),
            ("وبالرباط", ["inlw-morocco"]),
            # Feminine plurals and their singulars: the names say الليبراليات، الحركيات، المدافعات.
            ("الليبرالية", ["inlw", "inlw-morocco"]),
            ("المدافعات", ["defenders-libya"]),
            ("مدافعة", ["defenders-libya"]),
            # English plurals.
            ("prisoners", ["defenders-libya"]),
            # Places where organizations work or publish.
            ("Rabat", ["inlw-morocco"]),
            ("Benghazi", ["defenders-libya"]),
            ("بنغازي", ["defenders-libya"]),
            # An event's slogan.
            ("الطريق إلى 2026", ["haraki-women-provincial-bureau", "haraki-women-beni-mellal-khenifra"]),
            # Typed without its hamza.
            (
                "ائتلاف المراة المغاربي",
                ["maghreb-womens-coalition", "global-womens-coalition-quds-palestine"],
            ),
        ],
    )
    def test_finds(self, seeded, query, expected):
        # The same organizations on both databases; their order is each engine's (names first: see below).
        assert sorted(found(query)) == sorted(expected)

    @pytest.mark.parametrize("query", ["الحركية", "الحركيات"])
    def test_the_provincial_bureau_under_either_form_of_its_adjective(self, seeded, query):
        assert "haraki-women-provincial-bureau" in found(query)

    @pytest.mark.parametrize(
        ("query", "slug"), [("liberals", "inlw"), ("coalitions", "maghreb-womens-coalition")]
    )
    def test_english_plurals_find_the_singular_names(self, seeded, query, slug):
        assert slug in found(query)

    @pytest.mark.parametrize("query", ["Maghreb Women's Coalition", "ائتلاف المرأة المغاربي"])
    def test_an_exact_name_ranks_first(self, seeded, query):
        assert found(query)[0] == "maghreb-womens-coalition"

    def test_the_list_is_in_order_of_relevance_when_searching(self, client, seeded):
        response = client.get("/en/organizations/", {"q": "Maghreb Women's Coalition"})
        assert response.context["object_list"][0].slug == "maghreb-womens-coalition"
        by_name = client.get("/en/organizations/", {"q": "Maghreb Women's Coalition", "sort": "name"})
        assert by_name.context["object_list"][0].slug == "global-womens-coalition-quds-palestine"


class TestTypos:
    def test_a_misspelt_name_offers_the_right_one(self, client, seeded):
        response = client.get("/en/organizations/", {"q": "Defendrs"})
        assert response.context["paginator"].count == 0
        assert response.context["did_you_mean"] == {"query": "Defenders", "link": "?q=Defenders"}
        assert re.search(
            r'Did you mean:\s*<a href="\?q=Defenders" rel="nofollow"><bdi>Defenders</bdi></a>',
            response.content.decode(),
        )
        assert found("Defenders")[0] == "defenders-libya"

    def test_an_arabic_typo_offers_the_word_as_written(self, client, seeded):
        response = client.get("/ar/organizations/", {"q": "ائتلف"})
        assert response.context["did_you_mean"]["query"] == "ائتلاف"

    def test_nothing_is_offered_for_gibberish(self, client, seeded):
        assert client.get("/en/organizations/", {"q": "zzzzqx"}).context["did_you_mean"] is None

    def test_similarity_is_pg_trgms(self):
        assert similarity("word", "word") == 1.0
        assert round(similarity("defenders", "defendrs"), 3) == round(7 / 12, 3)


class TestSnippets:
    def test_show_the_matched_words_marked_in_the_pages_language(self, client, seeded):
        html = client.get("/ar/organizations/", {"q": "السجينات"}).content.decode()
        snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
        assert "<mark>للسجينات</mark>" in snippet and "women" not in snippet

    def test_are_escaped(self, client, seeded):
        goal = Goal.objects.filter(organization__slug="defenders-libya").first()
        goal.text_en = "Plants <script>mangroves</script> & more"
        goal.save()
        html = client.get("/en/organizations/", {"q": "<script>mangroves"}).content.decode()
        assert "<script>" not in html.split('class="results"')[1]
        marked = "&lt;<mark>script</mark>&gt;<mark>mangroves</mark>&lt;/<mark>script</mark>&gt;"
        assert f'<p class="snippet">Plants {marked} &amp; more</p>' in html


class TestWordsNeverSyntax:
    @pytest.mark.parametrize(
        "query",
        [
            '"',
            "-",
            "OR",
            "NOT",
            "AND",
            "*",
            "^",
            "NEAR",
            "(",
            ")",
            ":",
            "the",
            "في",
            '"women" NEAR(x)',
            "women OR",
            "-women",
            "women*",
            "names:women",
            "^women",
            "'; DROP TABLE x; --",
            "!" * 200,
            "ائتلاف coalition",
            "٢٠٢٦",
            "\u200f\u200e",
            "a" * 200,
        ],
    )
    def test_any_input_is_words_and_never_matches_everything(self, client, seeded, query):
        response = client.get("/en/organizations/", {"q": query})
        assert response.status_code == 200
        assert response.context["paginator"].count < Organization.objects.published().count(), query

    def test_an_operator_between_words_is_a_word_too(self, seeded):
        # "or" is only a word, and too common a one: the other words must all match, as without it.
        assert found("women OR coalition") == found("women coalition") != []
        assert set(found("women coalition")) == set(found("coalition women"))

    def test_the_query_texts_quote_every_term(self):
        asked = terms.query("NEAR women's (coalition)")
        assert engines.SQLite.text(asked) == '("near") AND ("women") AND ("coalit")'
        assert engines.PostgreSQL.text(asked) == "('near') & ('women') & ('coalit')"


class TestTheIndexFollowsEveryWrite:
    def test_a_saved_name_is_found_at_once(self, seeded):
        organization = Organization.objects.get(slug="inlw")
        organization.name_en = "Zenobia Network"
        organization.save()
        assert found("zenobia") == ["inlw"]

    def test_goals_added_and_deleted(self, db):
        goal = make_goal(text_en="Mangrove restoration")
        assert found("mangroves") == [goal.organization.slug]
        goal.delete()
        assert found("mangroves") == []

    def test_a_cause_added_to_an_organization(self, seeded):
        from networks.models import Cause

        cause = Cause.objects.create(slug="water", name_ar="المياه", name_en="Water rights")
        Organization.objects.get(slug="inlw").causes.add(cause)
        assert found("water") == ["inlw"]
        cause.organizations.clear()
        assert found("water") == []

    def test_a_person_withheld_is_taken_out_of_every_document(self, seeded):
        person = Person.objects.get(slug="fouzia-labyad")
        assert found("Fouzia Labyad") == ["inlw-morocco"]
        person.is_public = False
        person.save()
        assert found("Fouzia Labyad") == []
        assert not SearchDocument.objects.filter(texts__contains="labyad").exists()

    def test_a_name_withheld_then_published_again_is_found_again_where_it_is_quoted(self, db):
        quoting = make_organization(description_en="Founded by Salma Idrissi in Fes.")
        person = make_person(name_en="Salma Idrissi", name_ar="سلمى الإدريسي")
        assert found("Salma Idrissi") == [quoting.slug]
        person.is_public = False
        person.save()
        assert found("Salma Idrissi") == []
        person.is_public = True
        person.save()
        assert found("Salma Idrissi") == [quoting.slug]

    def test_rebuild_writes_the_same_documents(self, seeded, capsys):
        before = list(SearchDocument.objects.order_by("pk").values())
        SearchDocument.objects.all().delete()
        assert found("Benghazi") == []
        call_command("rebuild_search_index")
        assert "Search index rebuilt: 16 organizations" in capsys.readouterr().out
        assert list(SearchDocument.objects.order_by("pk").values()) == before
        assert found("Benghazi") == ["defenders-libya"]

    def test_an_organization_deleted_takes_its_document(self, db):
        organization = make_organization(name_en="Ephemeral")
        assert found("ephemeral") == [organization.slug]
        organization.delete()
        assert not SearchDocument.objects.exists()
