"""The public pages: languages, the filtered list, the detail pages, bad input and query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from networks.models import Cause, DatePrecision, Place
from tests.builders import (
    make_event,
    make_goal,
    make_membership,
    make_organization,
    make_person,
    make_place,
)
from tests.shared import rolled_back

pytestmark = pytest.mark.django_db


def page(client, url, status=200, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def listed_slugs(client, query: str, language="en") -> set[str]:
    response = client.get(f"/{language}/organizations/?{query}")
    assert response.status_code == 200
    return {o.slug for o in response.context["object_list"]}


class TestLanguages:
    def test_the_root_redirects_by_accept_language(self, client):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar-MA,ar;q=0.9")["Location"] == "/ar/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/ar/"  # Arabic is the default

    @pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
    def test_every_page_declares_its_language_and_direction(self, client, seeded, language, direction):
        for path in ["", "organizations/", "organizations/defenders-libya/", "events/", "places/LY/"]:
            html = page(client, f"/{language}/{path}")
            assert f'<html lang="{language}" dir="{direction}">' in html, path

    def test_the_language_switch_keeps_the_page_and_its_filters(self, client, seeded):
        html = page(client, "/ar/organizations/?country=LY&sort=name")
        switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
        assert 'href="/en/organizations/?country=LY&amp;sort=name"' in switch

    def test_hreflang_alternates_point_to_both_languages(self, client, seeded):
        html = page(client, "/en/organizations/inlw-morocco/")
        assert 'hreflang="ar" href="http://testserver/ar/organizations/inlw-morocco/"' in html
        assert 'hreflang="en" href="http://testserver/en/organizations/inlw-morocco/"' in html

    def test_a_missing_translation_falls_back_and_says_so(self, client):
        organization = make_organization(description_ar="وصف بالعربية فقط", description_en="")
        html = page(client, f"/en/organizations/{organization.slug}/")
        assert '<p lang="ar" dir="auto">وصف بالعربية فقط</p>' in html
        assert "Available in Arabic only" in html

    def test_dates_show_at_their_precision(self, client):
        organization = make_organization(
            founded_on=datetime.date(2016, 1, 1), founded_on_precision=DatePrecision.YEAR
        )
        html = page(client, f"/en/organizations/{organization.slug}/")
        founded = re.search(r"<dt>Founded</dt><dd>(.*?)<", html).group(1)
        assert founded == "2016"
        day = make_organization(founded_on=datetime.date(2017, 9, 16), founded_on_precision="day")
        html = page(client, f"/en/organizations/{day.slug}/")
        assert re.search(r"<dt>Founded</dt><dd>(.*?)<", html).group(1) == "Sept. 16, 2017"


class TestOrganizationList:
    def test_filter_by_country_includes_regions_of_that_country(self, client, seeded):
        assert listed_slugs(client, "country=LY") == {"defenders-libya"}
        morocco = listed_slugs(client, "country=MA")
        assert "haraki-women-beni-mellal-khenifra" in morocco  # works in a Moroccan region
        assert "defenders-libya" not in morocco

    def test_filter_by_cause_kind_scope_status(self, client, seeded):
        assert "maghreb-womens-coalition" in listed_slugs(client, "cause=palestine-solidarity")
        assert listed_slugs(client, "kind=political_party") == set()  # a related body: asked for below
        assert listed_slugs(client, "kind=political_party&listing=related") == {"popular-movement"}
        assert listed_slugs(client, "scope=multi_country_region") == {"maghreb-womens-coalition"}
        assert listed_slugs(client, "status=planned") == {"haraki-women-provincial-bureau"}

    def test_filter_by_founding_year_range(self, client, seeded):
        assert listed_slugs(client, "founded_from=2017&founded_to=2017") == {"inlw-morocco"}
        assert listed_slugs(client, "founded_from=2018") == set()

    def test_filter_by_parent_network_includes_every_level_below(self, client, seeded):
        assert listed_slugs(client, "network=popular-movement") == {
            "haraki-women",
            "haraki-women-beni-mellal-khenifra",
            "haraki-women-provincial-bureau",
        }

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("المراة المغاربي", "maghreb-womens-coalition"),  # المرأة typed without hamza
            ("مدافعات", "defenders-libya"),
            ("beni mellal", "haraki-women-beni-mellal-khenifra"),  # Béni Mellal without accents
            ("Nisreen", "defenders-libya"),  # a person's name
            ("المقاولة النسائية", "inlw-morocco"),  # a goal's text
        ],
    )
    def test_search_understands_how_people_type(self, client, seeded, typed, expected):
        assert expected in listed_slugs(client, f"q={typed}")

    def test_search_finds_alef_hamza_variants(self, client):
        organization = make_organization(name_ar="الإئتلاف الوطني")
        assert listed_slugs(client, "q=الائتلاف") == {organization.slug}

    def test_each_filter_option_shows_its_count_for_the_current_result(self, client, seeded):
        everything = "&listing=entry&listing=related"  # the political party is a related body
        response = client.get(f"/en/organizations/?country=MA{everything}")
        facets = {
            f["field"].name: {o["value"]: o["count"] for o in f["options"]}
            for f in response.context["facets"]
        }
        moroccan = response.context["paginator"].count
        assert facets["country"]["MA"] == moroccan
        assert facets["kind"]["political_party"] == 1
        # The facet in use is counted without its own filter: ticking Libya as well adds its one organization.
        assert facets["country"]["LY"] == 1
        assert (
            client.get(f"/en/organizations/?country=MA&country=LY{everything}").context["paginator"].count
            == moroccan + 1
        )
        html = response.content.decode()
        assert re.search(
            r'value="political_party">\s*<bdi>political party</bdi>\s*<span class="count">1</span>', html
        )

    def test_sort_by_founding_date_puts_unknown_dates_last(self, client):
        undated = make_organization()
        old = make_organization(founded_on=datetime.date(2016, 1, 1), founded_on_precision="year")
        new = make_organization(founded_on=datetime.date(2017, 9, 16), founded_on_precision="day")
        oldest_first = client.get("/en/organizations/?sort=founded").context["object_list"]
        assert list(oldest_first) == [old, new, undated]
        newest_first = client.get("/en/organizations/?sort=-founded").context["object_list"]
        assert list(newest_first) == [new, old, undated]

    def test_sort_by_name_in_the_active_language_with_fallback(self, client):
        b = make_organization(name_en="Beta", name_ar="ألف")
        a = make_organization(name_en="Alpha", name_ar="باء")
        c = make_organization(name_en="", name_ar="Gamma")  # no English name: sorts by its Arabic one
        assert list(client.get("/en/organizations/").context["object_list"]) == [a, b, c]
        arabic = client.get("/ar/organizations/").context["object_list"]
        assert [o for o in arabic if o != c] == [b, a]  # ألف before باء

    def test_pagination_keeps_the_filters(self, client, seeded):
        libya = Place.objects.get(code="LY")
        for n in range(25):
            make_organization(name_en=f"Libyan association {n:02}").areas.add(libya)
        html = page(client, "/en/organizations/?country=LY")
        assert 'href="?country=LY&amp;page=2"' in html
        second = client.get("/en/organizations/?country=LY&page=2")
        assert len(second.context["object_list"]) == 6

    def test_the_whole_state_is_in_the_url(self, client, seeded):
        query = "q=women&country=MA&cause=womens-rights&kind=branch&sort=-founded"
        first, second = client.get(f"/en/organizations/?{query}"), client.get(f"/en/organizations/?{query}")
        assert list(first.context["object_list"]) == list(second.context["object_list"])


class TestBadInput:
    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("country=XX", "country"),
            ("cause=no-such-cause", "cause"),
            ("kind=spaceship", "kind"),
            ("founded_from=99999", "founded_from"),
            ("founded_to=abc", "founded_to"),
            ("q=" + "م" * 5000, "q"),
            ("sort=price", "sort"),
        ],
    )
    def test_a_bad_filter_value_is_a_form_error_not_a_500(self, client, seeded, query, field):
        response = client.get(f"/en/organizations/?{query}")
        assert response.status_code == 200
        assert field in response.context["filter"].errors
        assert 'role="alert"' in response.content.decode()

    @pytest.mark.parametrize("page_number", ["abc", "999999", "0", "-1"])
    def test_a_page_that_does_not_exist_is_a_404(self, client, seeded, page_number):
        assert client.get(f"/en/organizations/?page={page_number}").status_code == 404

    def test_markup_typed_by_a_visitor_is_escaped(self, client, seeded):
        html = page(client, "/en/organizations/?q=<script>alert(1)</script>")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    @pytest.mark.parametrize(
        "url",
        [
            "/en/organizations/no-such-organization/",
            "/en/people/no-such-person/",
            "/en/places/XX/",
            "/en/places/rabat/",  # a city has no country page
            "/en/causes/no-such-cause/",
        ],
    )
    def test_unknown_things_are_404(self, client, seeded, url):
        assert client.get(url).status_code == 404


class TestOrganizationPage:
    def test_shows_both_names_breadcrumb_and_branches(self, client, seeded):
        html = page(client, "/en/organizations/haraki-women-beni-mellal-khenifra/")
        assert "الفرع الجهوي لمنظمة المرأة الحركية" in html
        breadcrumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
        assert breadcrumb.index("popular-movement") < breadcrumb.index("haraki-women/")
        assert "/en/organizations/haraki-women-provincial-bureau/" in html  # its planned branch

    def test_goals_are_grouped_by_kind_in_source_order(self, client, seeded):
        response = client.get("/en/organizations/maghreb-womens-coalition/")
        groups = {heading: items for heading, _, items in response.context["goal_groups"]}
        assert [len(items) for items in groups.values()] == [9, 4, 6]
        assert all([g.order for g in items] == sorted(g.order for g in items) for items in groups.values())

    def test_every_citation_mark_links_to_a_quoted_passage(self, client, seeded):
        html = page(client, "/en/organizations/inlw-morocco/")
        marks = set(re.findall(r'href="#cite-(\d+)"', html))
        anchors = set(re.findall(r'id="cite-(\d+)"', html))
        assert marks and marks == anchors
        assert '<blockquote lang="ar" dir="rtl">' in html
        assert html.count("خديجة أم البشائر المرابط") == 1  # a public name: quoted, once

    def test_each_passage_is_quoted_once(self, client, seeded):
        # 22 passages of the branch's founding article are cited; two of them hold the other twenty.
        response = client.get("/en/organizations/inlw-morocco/")
        html = response.content.decode()
        sources = re.search(r'<section class="sources".*?</section>', html, re.S).group(0)
        assert sources.count("<blockquote") == 2
        assert len(response.context["citations"]) == 22
        anchors = re.findall(r'id="cite-(\d+)"', html)
        assert len(anchors) == len(set(anchors)) == 22
        assert set(re.findall(r'href="#cite-(\d+)"', html)) == set(anchors)
        assert sources.count("<mark id=") == 20

    def test_bodies_members_and_their_associations(self, client, seeded):
        html = page(client, "/en/organizations/participatory-democracy-coalition/")
        assert "on behalf of" in html
        assert "/en/people/maskoula-baamar/" in html
        assert "deputy national coordinator" in html

    def test_publications_and_relations(self, client, seeded):
        html = page(client, "/en/organizations/defenders-libya/")
        assert "Defender" in html and "400 families" in html
        assert "supported by" in html and "IOHRD" in html
        assert "more than 89" in html


class TestOtherPages:
    def test_person_page_lists_roles_and_events(self, client, seeded):
        html = page(client, "/en/people/nisreen-amer/")
        assert "chair" in html and "/en/organizations/defenders-libya/" in html
        assert "convener" in html
        assert "Latin spelling as published" in html

    def test_country_page_lists_its_organizations_and_events(self, client, seeded):
        response = client.get("/ar/places/LY/")
        assert "مبادرة شبكة مدافعات عن حقوق المرأة" in response.content.decode()
        events = [e.slug for e in response.context["events"]]
        assert events == ["defenders-libya-meeting-2016-01-04"]

    def test_cause_page(self, client, seeded):
        cause = Cause.objects.get(slug="participatory-democracy")
        html = page(client, f"/en/causes/{cause.slug}/")
        assert "/en/organizations/participatory-democracy-coalition/" in html

    def test_events_timeline_dated_first_then_undated(self, client, seeded):
        events = list(client.get("/en/events/").context["object_list"])
        dated = [e.date for e in events if e.date]
        assert dated == sorted(dated)
        assert events[-1].date is None

    def test_home_has_counts_entry_points_and_charts(self, client, seeded):
        html = page(client, "/en/")
        assert 'href="/en/organizations/?country=LY"' in html
        assert "/en/causes/womens-rights/" in html
        assert html.count("<svg") == 2  # the map (its table beside it) and the causes' chart
        assert '<title id="chart-cause-title">' in html
        assert "<caption>" in html  # the chart's text alternative

    def test_sitemap_lists_both_languages_with_alternates(self, client, seeded):
        xml = page(client, "/sitemap.xml")
        assert "http://testserver/ar/organizations/defenders-libya/" in xml
        assert "http://testserver/en/organizations/defenders-libya/" in xml
        assert 'hreflang="x-default"' in xml
        # Countries, and the regions the map links to.
        assert "http://testserver/ar/places/MA/" in xml and "http://testserver/en/places/LY/" in xml
        region = Place.objects.filter(kind=Place.Kind.REGION).first()
        assert f"http://testserver/en/places/{region.code}/" in xml


QUERY_COUNT_URLS = [
    "/en/",
    "/ar/organizations/",
    "/ar/organizations/?country=LY&cause=womens-rights&q=منظمة&sort=-founded",
    "/ar/organizations/?q=ليبيا&cause=womens-rights",  # ranked by relevance (on the places: both tiers)
    "/en/organizations/parent/",
    "/en/people/someone/",
    "/en/places/LY/",
    "/en/causes/womens-rights/",
    "/en/events/",
    "/en/people/",
    "/en/goals/?organization=parent",
    "/en/organizations/export.csv?country=LY",
    "/en/organizations/export.json",
    "/en/organizations/feed.atom",
]
SIZES = (10, 200)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)  # the export's queries run while it streams
    return len(queries)


class TestQueryCounts:
    """Pages run a number of queries that does not grow with the rows (10 vs 200 organizations). The rows
    are built once for the class: each page is counted at 10 organizations, then again after growing the
    same directory to 200."""

    @pytest.fixture(scope="class")
    @classmethod
    def counts(cls, django_db_setup, django_db_blocker) -> dict[tuple[str, int], int]:
        counts = {}
        with django_db_blocker.unblock(), rolled_back():
            country = make_place(code="LY", kind="country", name_en="Libya", name_ar="ليبيا")
            cause = Cause.objects.create(
                slug="womens-rights", name_ar="حقوق المرأة", name_en="Women's rights"
            )
            parent = make_organization(slug="parent")
            person = make_person(slug="someone")
            built = 0
            for n in SIZES:
                for i in range(built, n):
                    organization = make_organization(parent=parent)
                    organization.areas.add(country)
                    organization.causes.add(cause)
                    make_goal(organization=parent, order=i + 1)
                    make_membership(organization=parent)
                for i in range(built // 10, n // 10):
                    make_membership(person=person)
                    make_event(slug=f"event-{i}").participations.create(person=person, role="attendee")
                built = n
                client = Client()
                counts.update({(url, n): queries_of(client, url) for url in QUERY_COUNT_URLS})
        return counts

    @pytest.mark.parametrize("n", SIZES)
    @pytest.mark.parametrize("url", QUERY_COUNT_URLS)
    def test_constant_queries(self, counts, n, url):
        assert counts[url, n] <= 16
        assert counts[url, n] == counts[url, SIZES[0]]


class TestArabicPlurals:
    """Arabic has six plural forms; the catalogue must pick the right one for each count."""

    TEMPLATE = (
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} organization"
        "{% plural %}{{ counter }} organizations{% endblocktranslate %}"
    )

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, "لا توجد منظمات"),
            (1, "منظمة واحدة"),
            (2, "منظمتان"),
            (3, "3 منظمات"),
            (10, "10 منظمات"),
            (11, "11 منظمة"),
            (99, "99 منظمة"),
            (100, "100 منظمة"),
            (103, "103 منظمات"),
        ],
    )
    def test_organization_counts_read_correctly_in_arabic(self, n, expected):
        from django.template import Context, Template

        with translation.override("ar"):
            assert Template(self.TEMPLATE).render(Context({"n": n})) == expected

    def test_the_list_heading_uses_them(self, client, seeded):
        assert "منظمة واحدة" in page(client, "/ar/organizations/?country=LY")
