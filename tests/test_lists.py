"""Each public list is declared once (`networks/lists.py`): every output that shows it says what the
declaration says, and the public CSV export imports back through the admin unchanged."""

import csv
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from networks import lists
from networks.models import Organization, Person
from networks.resources import OrganizationResource, PersonResource
from tests.test_admin_import_export import CSV_FORMAT, confirm, import_types, snapshot, upload

pytestmark = pytest.mark.django_db

LIST_NAMES = ["organizations", "people", "events", "goals"]
RESOURCES = {"organizations": OrganizationResource, "people": PersonResource}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def export(client, list_name, fmt, query="", language="en"):
    response = client.get(f"/{language}/{list_name}/export.{fmt}?{query}")
    assert response.status_code == 200
    return body(response)


def csv_table(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


# --- Drift: every output of a list says what its declaration says ---------------------------------------


class TestEveryOutputFollowsTheDeclaration:
    @pytest.mark.parametrize("list_name", LIST_NAMES)
    def test_csv_and_xlsx_headers(self, client, list_name):
        declared = lists.PUBLIC_LISTS[list_name].header
        content = export(client, list_name, "csv").decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(content))) == declared
        sheet = load_workbook(io.BytesIO(export(client, list_name, "xlsx")), read_only=True)["data"]
        assert list(next(sheet.iter_rows(values_only=True))) == declared

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_data_dictionary_documents_every_column_in_order(self, client, language):
        html = client.get(f"/{language}/data/").content.decode()
        for name, declaration in lists.PUBLIC_LISTS.items():
            section = re.search(rf'<section aria-labelledby="export-{name}">(.*?)</section>', html, re.S)
            rows = re.findall(r"<th scope=\"row\"><code>(.*?)</code></th><td>(.*?)</td>", section.group(1))
            assert [column for column, _meaning in rows] == declaration.header
            assert all(meaning.strip() for _column, meaning in rows)

    @pytest.mark.parametrize("list_name", LIST_NAMES)
    def test_json_export_records_have_exactly_the_declared_keys(self, client, seeded, list_name):
        declared = list(lists.PUBLIC_LISTS[list_name].json_fields)
        records = json.loads(export(client, list_name, "json"))[list_name]
        assert records and all(list(record) == declared for record in records)

    @pytest.mark.parametrize("list_name", ["organizations", "people", "events"])  # goals have no endpoint
    def test_api_records_have_exactly_the_declared_keys(self, client, seeded, list_name):
        declared = list(lists.PUBLIC_LISTS[list_name].json_fields)
        api = client.get(f"/api/{list_name}/").json()["results"]
        assert api and all(list(record) == declared for record in api)

    def test_the_json_schema_describes_exactly_the_declared_keys(self, client):
        schema = json.loads(client.get("/en/data/organizations.schema.json").getvalue())
        organization = schema["$defs"]["organization"]
        assert list(organization["properties"]) == list(lists.ORGANIZATIONS.json_fields)
        assert set(organization["required"]) <= set(lists.ORGANIZATIONS.json_fields)

    @pytest.mark.parametrize("list_name", sorted(RESOURCES))
    def test_the_admin_resource_has_the_public_columns_then_the_staff_ones(self, list_name):
        declaration = lists.PUBLIC_LISTS[list_name]
        resource = RESOURCES[list_name]()
        assert resource.get_export_headers() == declaration.staff_header
        assert resource.get_export_headers()[: len(declaration.columns)] == declaration.header
        imported = {field.column_name for field in resource.get_import_fields() if not field.readonly}
        loaded = {c.name for c in (*declaration.columns, *declaration.staff_columns) if c.load}
        assert imported == loaded

    def test_one_separator_and_one_formula_escape(self):
        from networks import exports, resources

        assert exports.safe_cells is resources.lists.safe_cells is lists.safe_cells
        assert resources.NaturalKeysWidget(Organization, "slug").separator == lists.SEPARATOR


# --- Round trip: the public CSV export imports back through the admin unchanged -------------------------


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def year_only(seeded):
    """A branch with a parent, areas, causes, both names and a founding date known to the year only."""
    organization = Organization.objects.get(slug="inlw-morocco")
    organization.founded_on, organization.founded_on_precision = "2017-01-01", "year"
    organization.full_clean()
    organization.save()
    return organization


def import_file(client, model_name, content: bytes, language):
    """The file as staff would feed it to the admin: the dry run, then the confirmation."""
    file = SimpleUploadedFile("export.csv", content, content_type="text/csv")
    preview = upload(client, model_name, file, fmt=CSV_FORMAT, language=language)
    result = preview.context["result"]
    assert not result.has_errors(), [e.error for _, errors in result.row_errors() for e in errors]
    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    confirmed = confirm(client, model_name, preview, language=language)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse(f"admin:networks_{model_name}_changelist")
    return import_types(preview)


class TestPublicExportImportsBack:
    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_organizations_unchanged(self, staff_client, year_only, language):
        content = export(staff_client, "organizations", "csv", "country=MA", language=language)
        rows = {row["id"]: row for row in csv_table(content)}
        branch = rows["inlw-morocco"]
        assert (branch["founding_date"], branch["founding_date_precision"]) == ("2017", "year")
        assert branch["parent_id"] == "inlw" and branch["area_codes"] and branch["causes"]
        assert branch["name_ar"] and branch["name_en"]
        assert any(lists.SEPARATOR in row["causes"] for row in rows.values())
        before = snapshot()
        assert import_file(staff_client, "organization", content, language) == ["skip"] * len(rows)
        assert snapshot() == before

    def test_an_edited_public_export_writes_every_kind_of_column(self, staff_client, year_only):
        content = export(staff_client, "organizations", "csv", "country=MA")
        rows = csv_table(content)
        [branch] = [row for row in rows if row["id"] == "inlw-morocco"]
        branch |= {
            "name_ar": "اسم جديد",
            "name_en": "New name",
            "founding_date": "2016",
            "area_codes": "LY | MA",
            "causes": "womens-rights",
            "parent_id": "",
            "member_count": "12",
            "member_count_qualifier": "at_least",
        }
        types = import_file(staff_client, "organization", csv_bytes(rows), "en")
        assert types.count("update") == 1 and types.count("skip") == len(rows) - 1
        organization = Organization.objects.get(slug="inlw-morocco")
        assert (organization.name_ar, organization.name_en) == ("اسم جديد", "New name")
        assert (organization.founded_on.isoformat(), organization.founded_display) == ("2016-01-01", "2016")
        assert sorted(organization.areas.values_list("code", flat=True)) == ["LY", "MA"]
        assert list(organization.causes.values_list("slug", flat=True)) == ["womens-rights"]
        assert organization.parent is None
        assert (organization.member_count, organization.member_count_qualifier) == (12, "at_least")

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_people_unchanged(self, staff_client, seeded, language):
        content = export(staff_client, "people", "csv", language=language)
        rows = csv_table(content)
        assert rows and any(row["organization_ids"] for row in rows)
        assert any(re.search("[\u0600-\u06ff]", row["name_ar"]) and row["name_en"] for row in rows)
        before = snapshot()
        assert import_file(staff_client, "person", content, language) == ["skip"] * len(rows)
        assert snapshot() == before
        rows[0]["name_en"] = "Edited"
        import_file(staff_client, "person", csv_bytes(rows), language)
        assert Person.objects.get(slug=rows[0]["id"]).name_en == "Edited"
