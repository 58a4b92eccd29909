"""Exports carry exactly the rows the page lists, open cleanly in researchers' tools, and say where they
come from."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from networks import exports
from networks.exports import LISTS, ORGANIZATION_COLUMNS
from networks.lists import SEPARATOR, safe_cells
from networks.models import Citation, Organization
from tests.builders import make_organization, make_source

pytestmark = pytest.mark.django_db

FILTER_COMBINATIONS = [
    "",
    "country=LY",
    "country=MA",
    "country=MA&sort=-founded",
    "cause=womens-rights",
    "cause=political-participation&country=MA",
    "kind=branch",
    "scope=national&status=active",
    "status=planned",
    "founded_from=2016&founded_to=2017",
    "network=popular-movement",
    "q=المراة",
    "q=women&sort=founded",
    "country=maghreb",
    "kind=political_party&cause=womens-rights",  # an empty result
    # Several values of one facet: any of them; and search results in their order of relevance.
    "country=MA&country=LY",
    "kind=branch&kind=national_network&cause=womens-rights",
    "q=coalition",
    "q=Maghreb+Women%27s+Coalition&country=maghreb&country=MA",
]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def page_slugs(client, query) -> list[str]:
    """Every row the list page shows for this query, across all its pages, in order."""
    response = client.get(f"/en/organizations/?{query}")
    assert response.status_code == 200
    return [o.slug for o in response.context["paginator"].object_list]


def csv_rows(client, query) -> list[dict]:
    response = client.get(f"/en/organizations/export.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def xlsx_workbook(client, query):
    response = client.get(f"/en/organizations/export.xlsx?{query}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(body(response)), read_only=True)


def json_export(client, query) -> dict:
    response = client.get(f"/en/organizations/export.json?{query}")
    assert response.status_code == 200
    return json.loads(body(response))


class TestTheExportIsThePage:
    @pytest.mark.parametrize("query", FILTER_COMBINATIONS)
    def test_every_format_has_exactly_the_rows_of_the_page_in_its_order(self, client, seeded, query):
        expected = page_slugs(client, query)
        assert [row["id"] for row in csv_rows(client, query)] == expected
        sheet = xlsx_workbook(client, query)["data"]
        assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == expected
        assert [o["id"] for o in json_export(client, query)["organizations"]] == expected

    @pytest.mark.parametrize("query", ["country=MA&country=LY", "q=coalition&kind=coalition&kind=network"])
    def test_the_api_takes_the_same_repeated_parameters(self, client, seeded, query):
        answer = client.get(f"/api/organizations/?{query}&page_size=100").json()
        expected = page_slugs(client, query)
        assert expected and sorted(o["id"] for o in answer["results"]) == sorted(
            expected
        )  # names sort per language

    def test_the_combinations_are_not_all_the_same_list(self, client, seeded):
        results = {tuple(page_slugs(client, query)) for query in FILTER_COMBINATIONS}
        assert len(results) >= 10
        assert () in results  # and one of them is empty

    def test_the_page_links_to_its_exports_with_its_filters(self, client, seeded):
        html = client.get("/en/organizations/?country=LY&page=1").content.decode()
        assert 'href="/en/organizations/export.csv?country=LY"' in html
        assert 'href="/en/organizations/export.xlsx?country=LY"' in html
        assert 'href="/en/organizations/export.json?country=LY"' in html


OTHER_LISTS = [
    ("people", "", "id"),
    ("people", "organization=participatory-democracy-coalition", "id"),
    ("people", "role=chair", "id"),
    ("people", "q=احمد", "id"),
    ("events", "", "id"),
    ("events", "country=LY", "id"),
    ("events", "kind=communication_meeting", "id"),
    ("events", "year_from=2017", "id"),
    ("goals", "organization=maghreb-womens-coalition", None),
    ("goals", "kind=task", None),
    ("goals", "q=المراة", None),
    ("goals", "country=LY&kind=specific_objective", None),
]


def row_key(list_name, item):
    """How a page row and an export row are compared: the id, or for goals (organization, kind, order)."""
    if list_name != "goals":
        return item.slug if hasattr(item, "slug") else item["id"]
    if hasattr(item, "order"):
        return (item.organization.slug, item.kind, str(item.order))
    return (item.get("organization_id"), item["kind"], str(item["order"]))


class TestEveryListExportsWhatItShows:
    @pytest.mark.parametrize(("list_name", "query", "_key"), OTHER_LISTS)
    def test_csv_xlsx_and_json_rows_equal_the_page_rows(self, client, seeded, list_name, query, _key):
        response = client.get(f"/en/{list_name}/?{query}")
        assert response.status_code == 200
        expected = [row_key(list_name, item) for item in response.context["paginator"].object_list]
        assert expected, f"{list_name}?{query} shows nothing: pick a query with rows"
        csv_body = body(client.get(f"/en/{list_name}/export.csv?{query}")).decode("utf-8-sig")
        assert [row_key(list_name, row) for row in csv.DictReader(io.StringIO(csv_body))] == expected
        workbook = load_workbook(io.BytesIO(body(client.get(f"/en/{list_name}/export.xlsx?{query}"))))
        header, *rows = workbook["data"].iter_rows(values_only=True)
        sheet_rows = [
            dict(zip(header, (str(v) if v is not None else "" for v in row), strict=True)) for row in rows
        ]
        assert [row_key(list_name, row) for row in sheet_rows] == expected
        document = json.loads(body(client.get(f"/en/{list_name}/export.json?{query}")))
        assert [row_key(list_name, item) for item in document[list_name]] == expected

    @pytest.mark.parametrize("list_name", ["people", "events", "goals"])
    def test_every_list_page_links_to_its_exports(self, client, seeded, list_name):
        html = client.get(
            f"/en/{list_name}/?q=x" if list_name != "events" else f"/en/{list_name}/"
        ).content.decode()
        # The page's query string, page left out; none at all when the page has none.
        query = "" if list_name == "events" else "?q=x"
        assert f'href="/en/{list_name}/export.csv{query}"' in html

    def test_an_invalid_filter_on_another_list_is_a_400(self, client, seeded):
        assert client.get("/en/events/export.csv?year_from=99999").status_code == 400
        assert client.get("/en/people/export.json?organization=nobody").status_code == 400


class TestCsv:
    def test_utf8_with_a_bom_so_excel_shows_arabic(self, client, seeded):
        raw = body(client.get("/en/organizations/export.csv?country=LY"))
        assert raw.startswith(b"\xef\xbb\xbf")
        assert "مبادرة شبكة مدافعات عن حقوق المرأة".encode() in raw

    def test_one_header_row_of_stable_snake_case_columns(self, client, seeded):
        raw = body(client.get("/en/organizations/export.csv")).decode("utf-8-sig")
        header = raw.splitlines()[0].split(",")
        assert header == [c.name for c in ORGANIZATION_COLUMNS]
        assert {"name_ar", "name_en", "founding_date", "founding_date_precision", "source_ids"} <= set(header)
        assert all(name == name.lower() and " " not in name for name in header)

    def test_dates_at_their_precision_counts_with_their_qualifier_and_sources(self, client, seeded):
        rows = {row["id"]: row for row in csv_rows(client, "")}
        assert rows["inlw-morocco"]["founding_date"] == "2017-09-16"
        assert rows["inlw-morocco"]["founding_date_precision"] == "day"
        assert rows["defenders-libya"]["founding_date"] == ""
        assert rows["defenders-libya"]["founding_date_precision"] == "unknown"
        assert (
            rows["defenders-libya"]["member_count"],
            rows["defenders-libya"]["member_count_qualifier"],
        ) == (
            "89",
            "more_than",
        )
        assert rows["defenders-libya"]["source_ids"] == "defenders-libya-self-description"
        causes = rows["defenders-libya"]["causes"].split(SEPARATOR)
        assert "womens-rights" in causes and len(causes) > 1

    def test_a_year_only_date_is_written_as_the_year(self, client):
        make_organization(slug="yearly", founded_on="2016-01-01", founded_on_precision="year")
        assert csv_rows(client, "")[0]["founding_date"] == "2016"

    def test_an_empty_result_is_a_valid_file_with_its_header(self, client, seeded):
        raw = body(client.get("/en/organizations/export.csv?kind=political_party&cause=womens-rights"))
        lines = raw.decode("utf-8-sig").splitlines()
        assert len(lines) == 1 and lines[0].startswith("id,name_ar,name_en")

    def test_cells_that_would_run_as_formulas_are_defused(self, client):
        make_organization(slug="formula", name_en='=HYPERLINK("http://x")')
        assert csv_rows(client, "")[0]["name_en"] == '\'=HYPERLINK("http://x")'
        assert safe_cells(["-1", "ok", None]) == ["'-1", "ok", ""]


class TestTheCsvSaysWhatTheJsonSays:
    """The CSV and XLSX columns read plain values fetched a chunk at a time (`exports.organization_rows`);
    the JSON reads model instances. Both must say the same about every organization, across chunks."""

    @pytest.fixture
    def small_chunks(self, monkeypatch):
        monkeypatch.setattr(exports, "CHUNK_SIZE", 3)

    def test_relations_and_sources_agree_row_by_row(self, client, seeded, small_chunks):
        hidden = make_organization(slug="hidden-parent", status=Organization.Status.HIDDEN)
        make_organization(slug="child-of-hidden", parent=hidden)
        cited_twice = Organization.objects.get(slug="inlw-morocco")
        for source in (make_source(title_ar="", title_en="English only"), cited_twice.source):
            Citation.objects.create(organization=cited_twice, field="members", source=source, quote="89")

        csv_by_id = {row["id"]: row for row in csv_rows(client, "")}
        items = json_export(client, "")["organizations"]
        entries = Organization.objects.published().filter(listing=Organization.Listing.ENTRY)
        assert len(items) == len(csv_by_id) == entries.count() > 3 * 3
        for item in items:
            row = csv_by_id[item["id"]]
            assert row["parent_id"] == (item["parent_id"] or "")
            assert row["area_codes"] == SEPARATOR.join(area["id"] for area in item["area"])
            assert row["causes"] == SEPARATOR.join(item["causes"])
            assert row["source_ids"] == SEPARATOR.join(source["id"] for source in item["sources"])
            assert row["source_titles"] == SEPARATOR.join(source["title"] for source in item["sources"])
        assert csv_by_id["child-of-hidden"]["parent_id"] == ""
        assert csv_by_id["inlw-morocco"]["source_titles"].split(SEPARATOR)[1:] == ["English only"]
        assert sum(bool(row["parent_id"]) for row in csv_by_id.values()) >= 5

    def test_the_query_count_does_not_grow_with_the_rows(self, client, seeded, django_assert_max_num_queries):
        def export_queries() -> int:
            # Which people are withheld, and their names, the causes' labels (the cache emptied, so that both
            # runs read them), the rows, then per chunk: areas, causes, citations (their sources and which are
            # inferred), sources.
            cache.clear()
            with django_assert_max_num_queries(8) as captured:
                body(client.get("/en/organizations/export.csv"))
            return len(captured)

        before = export_queries()
        for _ in range(30):
            make_organization(source=Organization.objects.first().source)
        assert export_queries() == before


class TestXlsx:
    def test_a_real_workbook_with_the_data_and_a_sheet_about_the_export(self, client, seeded):
        workbook = xlsx_workbook(client, "country=MA&sort=-founded")
        assert workbook.sheetnames == ["data", "about"]
        header = next(workbook["data"].iter_rows(max_row=1, values_only=True))
        assert list(header) == [c.name for c in ORGANIZATION_COLUMNS]
        about = dict(workbook["about"].iter_rows(min_row=2, values_only=True))
        assert about["Filters in the address"] == "country=MA"
        assert about["Sort"] == "Founding date, newest first (-founded)"
        assert about["Rows"] == str(len(page_slugs(client, "country=MA")))
        assert "Exported at" in about and "How to cite" in about

    def test_arabic_survives(self, client, seeded):
        rows = list(xlsx_workbook(client, "country=LY")["data"].iter_rows(min_row=2, values_only=True))
        assert rows[0][1] == "مبادرة شبكة مدافعات عن حقوق المرأة"


class TestJson:
    def test_validates_against_the_published_schema(self, client, seeded):
        schema = json.loads(client.get("/en/data/organizations.schema.json").getvalue())
        document = json_export(client, "")
        Draft202012Validator(schema).validate(document)
        assert len(document["organizations"]) == 12  # the directory entries, not the related bodies

    def test_popolo_shape_with_both_languages_and_citations(self, client, seeded):
        document = json_export(client, "network=haraki-women")
        (bureau,) = [o for o in document["organizations"] if o["id"] == "haraki-women-provincial-bureau"]
        assert bureau["parent_id"] == "haraki-women-beni-mellal-khenifra"
        assert bureau["status"] == "planned"
        assert {n["lang"] for n in bureau["other_names"]} == {"ar", "en"}
        assert bureau["citations"][0]["quote"]
        assert document["meta"]["filters"] == {"network": "haraki-women"}

    def test_the_schema_rejects_what_is_not_an_export(self, client):
        schema = json.loads(client.get("/en/data/organizations.schema.json").getvalue())
        errors = list(Draft202012Validator(schema).iter_errors({"organizations": [{"id": "X Y"}]}))
        assert errors


class TestBadInput:
    def test_an_unknown_format_is_a_404(self, client, seeded):
        assert client.get("/en/organizations/export.pdf").status_code == 404
        assert client.get("/en/organizations/export.").status_code == 404

    @pytest.mark.parametrize(
        "query", ["country=XX", "founded_from=99999", "kind=spaceship", "q=" + "x" * 5000]
    )
    def test_an_invalid_filter_is_a_400_with_the_form_error(self, client, seeded, query):
        response = client.get(f"/en/organizations/export.csv?{query}")
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()


class TestFileNames:
    def test_the_file_name_says_what_is_inside(self, client, seeded):
        response = client.get("/en/organizations/export.csv?country=LY&cause=womens-rights")
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="organizations_country-LY_cause-womens-rights_')
        assert disposition.endswith('.csv"')


class TestDataDictionary:
    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_documents_every_column_in_both_languages(self, client, language):
        html = client.get(f"/{language}/data/").content.decode()
        for spec in LISTS.values():
            for column in spec.columns:
                assert f"<code>{column.name}</code>" in html
        assert ("بالعربية" in html) if language == "ar" else ("in Arabic" in html)


def test_large_exports_stream(client):
    """No export is built whole in memory (the benchmark measures it): the JSON is streamed, the CSV and XLSX
    are sent from a temporary file that goes to disk beyond `SPOOL_SIZE`."""
    make_organization()
    assert client.get("/en/organizations/export.json").streaming
    assert client.get("/en/organizations/export.csv").streaming
    assert exports.SPOOL_SIZE <= 1024 * 1024
    assert settings.DEFAULT_CHARSET == "utf-8"
