"""Staff export the filtered lists and import organizations, people and memberships (CSV, XLSX) in the admin.

The import is two steps (django-import-export 4): the file is posted to `…/import/` with `resource`, `format`
and `import_file`, which runs a dry run and shows the preview; when no row has an error, the page carries a
confirm form (`import_file_name`, `original_file_name`, `format`, `resource`) that is posted to
`…/process_import/`. A file with any bad row imports nothing.
"""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from networks.models import Body, Cause, Membership, Organization, Person
from networks.resources import MembershipResource, OrganizationResource, PersonResource
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

# Index of each format in the admin's format choices (CSV and XLSX only, in that order).
CSV_FORMAT, XLSX_FORMAT = "0", "1"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

RESOURCES = {"organization": OrganizationResource, "person": PersonResource, "membership": MembershipResource}
MODELS = {"organization": Organization, "person": Person, "membership": Membership}


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


# --- Helpers -----------------------------------------------------------------------------------------


def columns(model_name):
    return RESOURCES[model_name]().get_export_headers()


def exported_row(model_name, **lookup) -> dict:
    """One existing row as the export writes it, to be edited into an import file."""
    dataset = RESOURCES[model_name]().export(MODELS[model_name].objects.filter(**lookup))
    assert len(dataset) == 1
    return dict(dataset.dict[0])


def csv_file(model_name, rows, name="import.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(model_name), restval="")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def upload(client, model_name, file, fmt=CSV_FORMAT, language="en"):
    """Step 1: post the file; the response is the dry-run preview."""
    url = admin_url(f"networks_{model_name}_import", language=language)
    response = client.post(url, {"resource": "0", "format": fmt, "import_file": file})
    assert response.status_code == 200, response
    return response


def confirm(client, model_name, preview, language="en"):
    """Step 2: post the confirm form the preview carries."""
    form = preview.context["confirm_form"]
    data = {
        name: form.initial[name] for name in ("import_file_name", "original_file_name", "format", "resource")
    }
    return client.post(admin_url(f"networks_{model_name}_process_import", language=language), data)


def export(client, model_name, fmt, query="", language="en"):
    """Open the export page from the changelist (keeping its query string) and submit it, every column on."""
    url = admin_url(f"networks_{model_name}_export", language=language) + query
    page = client.get(url)
    assert page.status_code == 200
    data = {"resource": "0", "format": fmt}
    for name, field in page.context["form"].fields.items():
        if getattr(field, "is_selectable_field", False):
            data[name] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[dict]:
    assert response["Content-Type"] == XLSX_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def changelist_slugs(client, query):
    response = client.get(admin_url("networks_organization_changelist") + query)
    return sorted(o.slug for o in response.context["cl"].queryset)


def snapshot():
    """Everything an import of these three models could change. In one language: modeltranslation reads
    `values()`' untranslated `name` in the active one, which a request to /en/ or /ar/ switches."""
    with translation.override("en"):
        return (
            list(Organization.objects.order_by("pk").values()),
            [sorted(o.areas.values_list("pk", flat=True)) for o in Organization.objects.order_by("pk")],
            [sorted(o.causes.values_list("pk", flat=True)) for o in Organization.objects.order_by("pk")],
            list(Person.objects.order_by("pk").values()),
            list(Membership.objects.order_by("pk").values()),
        )


def import_types(preview):
    return [row.import_type for row in preview.context["result"].valid_rows()]


def assert_row_error(preview, number, text):
    """The preview lists the bad row by its number with the error, and offers no confirmation."""
    result = preview.context["result"]
    assert not result.has_errors(), [e.error for _, errors in result.row_errors() for e in errors]
    assert [row.number for row in result.invalid_rows] == [number]
    messages = [m for errors in result.invalid_rows[0].error_dict.values() for m in errors]
    assert any(text in message for message in messages), messages
    page = preview.content.decode()
    assert re.search(rf"<td>\s*{number}\s*</td>", page)
    assert escape(text) in page
    assert not preview.context.get("confirm_form")
    assert "process_import" not in page and "Confirm import" not in page


def new_organization_row(**values):
    row = {
        "id": "womens-voices-tunisia",
        "name_ar": "أصوات النساء",
        "name_en": "Women's Voices",
        "kind": "association",
        "scope": "national",
        "status": "active",
        "area_codes": "MA|maghreb",
        "causes": "womens-rights | legal-aid",
        "founding_date": "2019-03",
        "founding_date_precision": "month",
        "member_count": "40",
        "member_count_qualifier": "at_least",
        "parent_id": "defenders-libya",
        "source": "defenders-libya-self-description",
        "quote": "Women’s Rights & Women’s Network Initiative",
    }
    return row | values


# --- Pages and permissions ---------------------------------------------------------------------------


class TestPages:
    @pytest.mark.parametrize("user", ["superuser", "editor"])
    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_import_and_export_pages_open(self, client, seeded, request, user, language):
        client.force_login(request.getfixturevalue(user))
        for model_name in RESOURCES:
            for step in ("import", "export"):
                url = admin_url(f"networks_{model_name}_{step}", language=language)
                assert url.startswith(f"/{language}/admin/networks/{model_name}/{step}/")
                response = client.get(url)
                assert response.status_code == 200, url
                if step == "import":  # the expected columns are listed
                    assert "name_en" in response.content.decode() or model_name == "membership"

    def test_the_changelist_links_to_import_and_to_an_export_of_the_filtered_list(
        self, client, editor, seeded
    ):
        client.force_login(editor)
        page = client.get(admin_url("networks_organization_changelist"), {"kind__exact": "branch"})
        html = page.content.decode()
        assert admin_url("networks_organization_import") in html
        assert admin_url("networks_organization_export") + "?kind__exact=branch" in html

    def test_only_csv_and_xlsx_are_offered(self, staff_client):
        for step in ("import", "export"):
            form = staff_client.get(admin_url(f"networks_organization_{step}")).context["form"]
            assert [label for value, label in form.fields["format"].choices if value] == ["csv", "xlsx"]

    def test_a_staff_user_without_permissions_can_neither_import_nor_export(self, client):
        client.force_login(User.objects.create_user("staff", password="pw-staff-1", is_staff=True))
        for model_name in RESOURCES:
            assert client.get(admin_url(f"networks_{model_name}_import")).status_code == 403
            assert client.get(admin_url(f"networks_{model_name}_export")).status_code == 403
            assert client.post(admin_url(f"networks_{model_name}_process_import")).status_code == 403

    def test_viewing_is_enough_to_export_but_importing_needs_add_and_change(self, client):
        user = User.objects.create_user("viewer", password="pw-viewer-1", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_organization"))
        client.force_login(user)
        assert client.get(admin_url("networks_organization_export")).status_code == 200
        assert client.get(admin_url("networks_organization_import")).status_code == 403
        response = client.post(
            admin_url("networks_organization_import"),
            {"resource": "0", "format": CSV_FORMAT, "import_file": csv_file("organization", [])},
        )
        assert response.status_code == 403


# --- Export ------------------------------------------------------------------------------------------


class TestExport:
    @pytest.mark.parametrize("query", ["?kind__exact=branch", "?q=مدافعات", "?status__exact=active&q=women"])
    def test_csv_export_has_exactly_the_rows_of_the_filtered_changelist(self, staff_client, seeded, query):
        expected = changelist_slugs(staff_client, query)
        assert 0 < len(expected) < Organization.objects.count()
        rows = csv_rows(export(staff_client, "organization", CSV_FORMAT, query))
        assert sorted(row["id"] for row in rows) == expected
        assert list(rows[0]) == columns("organization")

    def test_csv_export_keeps_arabic_and_both_languages(self, staff_client, seeded):
        rows = csv_rows(
            export(staff_client, "organization", CSV_FORMAT, "?kind__exact=branch", language="ar")
        )
        by_slug = {row["id"]: row for row in rows}
        inlw = Organization.objects.get(slug="inlw-morocco")
        assert by_slug["inlw-morocco"]["name_ar"] == inlw.name_ar
        assert by_slug["inlw-morocco"]["name_en"] == inlw.name_en
        assert re.search("[\u0600-\u06ff]", by_slug["inlw-morocco"]["name_ar"])
        assert by_slug["inlw-morocco"]["parent_id"] == inlw.parent.slug

    def test_csv_export_writes_natural_keys_not_ids(self, staff_client, seeded):
        rows = csv_rows(export(staff_client, "organization", CSV_FORMAT, "?q=مدافعات"))
        [row] = rows
        assert row["id"] == "defenders-libya"  # the slug, not the database's id
        assert row["source"] == "defenders-libya-self-description"
        assert row["member_count"] == "89" and row["member_count_qualifier"] == "more_than"
        membership_rows = csv_rows(export(staff_client, "membership", CSV_FORMAT, "?q=inlw-morocco"))
        assert {row["body"] for row in membership_rows} >= {"executive-bureau"}
        assert all(row["organization"] == "inlw-morocco" for row in membership_rows)

    def test_xlsx_export_has_the_same_rows_as_csv(self, staff_client, seeded):
        query = "?kind__exact=branch"
        csv_export = csv_rows(export(staff_client, "organization", CSV_FORMAT, query))
        xlsx_export = xlsx_rows(export(staff_client, "organization", XLSX_FORMAT, query))
        assert [row["id"] for row in xlsx_export] == [row["id"] for row in csv_export]
        assert sorted(row["id"] for row in xlsx_export) == changelist_slugs(staff_client, query)
        for from_csv, from_xlsx in zip(csv_export, xlsx_export, strict=True):
            assert from_csv["name_ar"] == from_xlsx["name_ar"]
            assert from_csv["founding_date"] == (from_xlsx["founding_date"] or "")

    def test_people_and_memberships_export_follows_the_search(self, staff_client, seeded):
        rows = csv_rows(export(staff_client, "person", CSV_FORMAT, "?q=nisreen"))
        assert [row["id"] for row in rows] == ["nisreen-amer"]
        rows = csv_rows(export(staff_client, "membership", CSV_FORMAT, "?role__exact=chair"))
        assert len(rows) == Membership.objects.filter(role="chair").count() > 0

    def test_cells_that_would_start_a_formula_are_escaped_and_the_escape_round_trips(
        self, staff_client, seeded
    ):
        Organization.objects.filter(slug="defenders-libya").update(
            slogan_en='=HYPERLINK("http://example.com","x")', vision_en="-1+2", mission_en="@SUM(A1)"
        )
        before = snapshot()
        response = export(staff_client, "organization", CSV_FORMAT, "?q=مدافعات")
        [row] = csv_rows(response)
        assert row["slogan_en"] == '\'=HYPERLINK("http://example.com","x")'
        assert row["vision_en"] == "'-1+2" and row["mission_en"] == "'@SUM(A1)"
        xlsx = export(staff_client, "organization", XLSX_FORMAT, "?q=مدافعات")
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)

        file = SimpleUploadedFile("export.csv", response.content, content_type="text/csv")
        preview = upload(staff_client, "organization", file)
        assert import_types(preview) == ["skip"]
        assert snapshot() == before


# --- Import: organizations ---------------------------------------------------------------------------


BAD_ORGANIZATION_ROWS = [
    ({"kind": "federation"}, "is not a valid choice"),
    ({"founding_date": "", "founding_date_precision": "day"}, "The date must match its precision"),
    (
        {"founding_date": "2019-03-05", "founding_date_precision": "month"},
        "The date must match its precision",
    ),
    ({"founding_date": "05/03/2019", "founding_date_precision": "day"}, "Enter a date as YYYY-MM-DD"),
    ({"founding_date": "2019-13", "founding_date_precision": "month"}, "Enter a date as YYYY-MM-DD"),
    ({"founding_date": "2019", "founding_date_precision": "day"}, "has the precision “year”, not “day”"),
    ({"parent_id": "no-such-network"}, "There is no organization with the slug “no-such-network”."),
    ({"area_codes": "MA|atlantis"}, "There is no place with the code “atlantis”."),
    ({"causes": "womens-rights|no-such-cause"}, "There is no cause with the slug “no-such-cause”."),
    ({"source": "no-such-source"}, "There is no source with the slug “no-such-source”."),
    ({"member_count": "many"}, "Enter a whole number."),
    ({"member_count": "12", "member_count_qualifier": ""}, "needs its qualifier"),
    ({"quote": ""}, "This field cannot be blank."),
    ({"name_en": ""}, "This field cannot be blank."),
]


class TestOrganizationImport:
    def good_rows(self):
        changed = exported_row("organization", slug="defenders-libya")
        changed["slogan_en"] = "Defending your rights is our duty"
        changed["slogan_ar"] = "الدفاع عن حقوقكِ واجبنا"
        return [new_organization_row(), changed]

    @pytest.mark.parametrize("bad_values, error", BAD_ORGANIZATION_ROWS)
    def test_a_dry_run_with_one_bad_row_reports_it_and_writes_nothing(
        self, staff_client, seeded, bad_values, error
    ):
        before, counts = snapshot(), (Organization.objects.count(), Person.objects.count())
        bad = new_organization_row(id="womens-voices-tunisia-bad", name_en="Bad row") | bad_values
        preview = upload(staff_client, "organization", csv_file("organization", [*self.good_rows(), bad]))
        assert_row_error(preview, 3, error)
        assert (Organization.objects.count(), Person.objects.count()) == counts
        assert Membership.objects.count() == len(before[4])
        assert snapshot() == before
        assert not Organization.objects.filter(slug="womens-voices-tunisia").exists()
        assert Organization.objects.get(slug="defenders-libya").slogan_en == ""

    def test_control_characters_are_an_error_on_their_row_and_column(self, staff_client, seeded):
        # Issue 16: imported, "\x01\x1b" made every later backup fail.
        before = snapshot()
        bad = new_organization_row(id="womens-voices-morocco", name_en="Women's Voices\x01\x1b")
        preview = upload(staff_client, "organization", csv_file("organization", [*self.good_rows(), bad]))
        assert_row_error(preview, 3, "Remove the control character U+0001 at position 15:")
        assert list(preview.context["result"].invalid_rows[0].error_dict) == ["name_en"]
        assert snapshot() == before

    def test_a_parent_cycle_is_a_row_error(self, staff_client, seeded):
        before = snapshot()
        # inlw-morocco is a branch of inlw: making it inlw's parent would close a cycle
        cycle = exported_row("organization", slug="inlw") | {"parent_id": "inlw-morocco"}
        preview = upload(staff_client, "organization", csv_file("organization", [*self.good_rows(), cycle]))
        assert_row_error(preview, 3, "An organization cannot be its own ancestor.")
        assert snapshot() == before

    def test_the_arabic_preview_reports_the_bad_row_too(self, staff_client, seeded):
        bad = new_organization_row(id="bad-row", kind="federation")
        file = csv_file("organization", [*self.good_rows(), bad])
        preview = upload(staff_client, "organization", file, language="ar")
        assert [row.number for row in preview.context["result"].invalid_rows] == [3]
        assert 'dir="rtl"' in preview.content.decode()
        assert not preview.context.get("confirm_form")

    @pytest.mark.parametrize("user", ["superuser", "editor"])
    def test_a_valid_file_is_previewed_then_imported_on_confirmation(self, client, seeded, request, user):
        client.force_login(request.getfixturevalue(user))
        count = Organization.objects.count()
        preview = upload(client, "organization", csv_file("organization", self.good_rows()))
        assert import_types(preview) == ["new", "update"]
        page = preview.content.decode()
        assert "New" in page and "Update" in page and "Defending your rights is our duty" in page
        assert Organization.objects.count() == count  # the preview writes nothing

        response = confirm(client, "organization", preview)
        assert response.status_code == 302
        assert response["Location"] == admin_url("networks_organization_changelist")
        assert "1 new, 1 updated" in str(list(get_messages(response.wsgi_request))[-1])

        assert Organization.objects.count() == count + 1
        new = Organization.objects.get(slug="womens-voices-tunisia")
        assert (new.name_ar, new.name_en) == ("أصوات النساء", "Women's Voices")
        assert new.parent.slug == "defenders-libya"
        assert sorted(new.areas.values_list("code", flat=True)) == ["MA", "maghreb"]
        assert sorted(new.causes.values_list("slug", flat=True)) == ["legal-aid", "womens-rights"]
        assert (new.founded_on.isoformat(), new.founded_display) == ("2019-03-01", "2019-03")
        assert (new.member_count, new.member_count_qualifier) == (40, "at_least")
        assert new.source.slug == "defenders-libya-self-description"
        assert "اصوات النساء" in new.search_text  # saved through the model, so search finds it
        changed = Organization.objects.get(slug="defenders-libya")
        assert (changed.slogan_ar, changed.slogan_en) == (
            "الدفاع عن حقوقكِ واجبنا",
            "Defending your rights is our duty",
        )
        assert changed.member_count == 89  # the other columns are unchanged

    def test_an_xlsx_file_imports_too(self, staff_client, seeded):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(columns("organization"))
        row = new_organization_row(member_count=40)
        sheet.append([row.get(column) for column in columns("organization")])  # empty cells are None
        buffer = io.BytesIO()
        book.save(buffer)
        file = SimpleUploadedFile("import.xlsx", buffer.getvalue(), content_type=XLSX_TYPE)
        preview = upload(staff_client, "organization", file, fmt=XLSX_FORMAT)
        assert import_types(preview) == ["new"]
        assert confirm(staff_client, "organization", preview).status_code == 302
        new = Organization.objects.get(slug="womens-voices-tunisia")
        assert (new.short_name_en, new.member_count) == ("", 40)

    def test_a_file_that_turns_bad_between_preview_and_confirmation_imports_nothing(
        self, staff_client, seeded
    ):
        cause = Cause.objects.create(slug="short-lived", name_ar="قضية", name_en="Cause")
        rows = [
            new_organization_row(id="first-new"),
            new_organization_row(id="second-new", causes="short-lived"),
        ]
        preview = upload(staff_client, "organization", csv_file("organization", rows))
        assert import_types(preview) == ["new", "new"]
        cause.delete()
        count = Organization.objects.count()

        response = confirm(staff_client, "organization", preview)
        assert response.status_code == 302
        assert response["Location"] == admin_url("networks_organization_import")
        assert "Nothing was imported" in str(list(get_messages(response.wsgi_request))[-1])
        assert Organization.objects.count() == count
        assert not Organization.objects.filter(slug__in=["first-new", "second-new"]).exists()

    def test_a_file_with_a_missing_key_column_is_refused(self, staff_client, seeded):
        file = SimpleUploadedFile(
            "import.csv", "name_ar,name_en\nاسم,Name\n".encode(), content_type="text/csv"
        )
        response = upload(staff_client, "organization", file)
        assert "Columns missing from the file: “id”." in response.context["form"].errors["import_file"][0]
        assert "result" not in response.context and not response.context.get("confirm_form")
        assert "Traceback" not in response.content.decode()  # was a traceback naming the server's paths


# --- Import: people ----------------------------------------------------------------------------------


class TestPersonImport:
    def good_rows(self):
        changed = exported_row("person", slug="nisreen-amer")
        changed["description_en"] = "Chair of the Defenders network"
        new = {
            "id": "amina-new",
            "name_ar": "أمينة",
            "name_en": "Amina",
            "name_en_is_published": "1",
            "source": "defenders-libya-self-description",
            "quote": "Nisreen Amer the chairmen of the network",
        }
        return [new, changed]

    def test_a_valid_file_is_previewed_then_imported(self, client, editor, seeded):
        client.force_login(editor)
        count = Person.objects.count()
        preview = upload(client, "person", csv_file("person", self.good_rows()))
        assert import_types(preview) == ["new", "update"]
        assert Person.objects.count() == count
        assert confirm(client, "person", preview).status_code == 302
        assert Person.objects.count() == count + 1
        amina = Person.objects.get(slug="amina-new")
        assert (amina.name_ar, amina.name_en, amina.published_latin) == ("أمينة", "Amina", True)
        assert Person.objects.get(slug="nisreen-amer").description_en == "Chair of the Defenders network"

    @pytest.mark.parametrize(
        "bad_values, error",
        [
            ({"name_en": ""}, "This field cannot be blank."),
            ({"name_en_is_published": "yes"}, "Enter 1 (yes) or 0 (no)."),
            ({"id": "not a slug"}, "Enter a valid “slug”"),
            ({"quote": ""}, "This field cannot be blank."),
        ],
    )
    def test_a_dry_run_with_one_bad_row_reports_it_and_writes_nothing(
        self, staff_client, seeded, bad_values, error
    ):
        before = snapshot()
        bad = {**self.good_rows()[0], "id": "bad-person"} | bad_values
        preview = upload(staff_client, "person", csv_file("person", [*self.good_rows(), bad]))
        assert_row_error(preview, 3, error)
        assert snapshot() == before


# --- Import: memberships -----------------------------------------------------------------------------


class TestMembershipImport:
    def good_rows(self):
        changed = exported_row(
            "membership", person__slug="nisreen-amer", organization__slug="defenders-libya"
        )
        changed["start"], changed["start_precision"] = "2015-01-01", "year"
        new = {
            "person": "nisreen-amer",
            "organization": "inlw-morocco",
            "body": "preparatory-committee",
            "role": "member",
            "on_behalf_of": "defenders-libya",
            "start": "2017-09-01",
            "start_precision": "month",
            "end_precision": "unknown",
            "source": "inlw-morocco-founding-2017",
            "quote": "نص",
        }
        return [new, changed]

    def test_a_valid_file_is_previewed_then_imported(self, client, editor, seeded):
        client.force_login(editor)
        count = Membership.objects.count()
        preview = upload(client, "membership", csv_file("membership", self.good_rows()))
        assert import_types(preview) == ["new", "update"]
        assert Membership.objects.count() == count
        assert confirm(client, "membership", preview).status_code == 302
        assert Membership.objects.count() == count + 1
        new = Membership.objects.get(person__slug="nisreen-amer", organization__slug="inlw-morocco")
        assert new.body == Body.objects.get(organization__slug="inlw-morocco", slug="preparatory-committee")
        assert (new.on_behalf_of.slug, new.start.isoformat(), new.start_precision) == (
            "defenders-libya",
            "2017-09-01",
            "month",
        )
        changed = Membership.objects.get(person__slug="nisreen-amer", organization__slug="defenders-libya")
        assert (changed.start.isoformat(), changed.start_precision, changed.role) == (
            "2015-01-01",
            "year",
            "chair",
        )

    @pytest.mark.parametrize(
        "bad_values, error",
        [
            # body slugs are per organization: this one belongs to haraki-women
            ({"body": "haraki-bureau"}, "The organization “inlw-morocco” has no body “haraki-bureau”."),
            ({"person": ""}, "A membership is of a person or of an organization."),
            (
                {"member_organization": "defenders-libya"},
                "A membership is of a person or of an organization.",
            ),
            ({"person": "nobody"}, "There is no person with the slug “nobody”."),
            ({"organization": "no-such-organization", "body": ""}, "There is no organization with the slug"),
            ({"role": "treasurer"}, "is not a valid choice"),
            ({"end": "2016-01-01", "end_precision": "day"}, "A membership cannot end before it starts."),
            ({"start": "2017-09-16", "start_precision": "year"}, "The date must match its precision"),
        ],
    )
    def test_a_dry_run_with_one_bad_row_reports_it_and_writes_nothing(
        self, staff_client, seeded, bad_values, error
    ):
        before = snapshot()
        bad = {**self.good_rows()[0], "role": "coordinator"} | bad_values
        preview = upload(staff_client, "membership", csv_file("membership", [*self.good_rows(), bad]))
        assert_row_error(preview, 3, error)
        assert snapshot() == before

    def test_a_row_matching_several_memberships_is_a_row_error(self, staff_client, seeded):
        new_row = self.good_rows()[0]
        existing = Membership.objects.get(person__slug="nisreen-amer", organization__slug="defenders-libya")
        existing.pk = None
        existing.save()  # the natural key is not unique in the database: a second term, say
        before = snapshot()
        row = exported_row("membership", pk=existing.pk) | {"quote": "changed"}
        preview = upload(staff_client, "membership", csv_file("membership", [new_row, row]))
        assert_row_error(preview, 2, "Several existing rows match this row's key columns")
        assert snapshot() == before


# --- Round trip --------------------------------------------------------------------------------------


class TestRoundTrip:
    @pytest.mark.parametrize("model_name", ["organization", "person", "membership"])
    @pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
    def test_importing_an_export_changes_nothing(self, staff_client, seeded, model_name, fmt):
        before = snapshot()
        response = export(staff_client, model_name, fmt)
        name = "export.csv" if fmt == CSV_FORMAT else "export.xlsx"
        preview = upload(staff_client, model_name, SimpleUploadedFile(name, response.content), fmt=fmt)
        result = preview.context["result"]
        assert not result.has_errors() and not result.has_validation_errors()
        assert import_types(preview) == ["skip"] * MODELS[model_name].objects.count()
        assert "Skipped" in preview.content.decode()

        confirmed = confirm(staff_client, model_name, preview)
        assert confirmed.status_code == 302
        assert "0 new, 0 updated, 0 deleted" in str(list(get_messages(confirmed.wsgi_request))[-1])
        assert snapshot() == before


# --- Import: files that are not what they claim ----------------------------------------------------


class TestUnreadableFiles:
    @pytest.mark.parametrize(
        ("name", "content", "fmt"),
        [
            ("empty.csv", b"", CSV_FORMAT),
            ("binary.csv", bytes(range(256)) * 4, CSV_FORMAT),
            ("arabic-in-windows-1256.csv", "slug,name_ar\nx,اسم\n".encode("cp1256"), CSV_FORMAT),
            ("not-a-workbook.xlsx", b"PK\x03\x04 this is not a zip archive", XLSX_FORMAT),
            ("a-csv-called.xlsx", "slug,name_ar\nx,اسم\n".encode(), XLSX_FORMAT),
        ],
    )
    def test_is_refused_with_a_message_and_writes_nothing(self, staff_client, seeded, name, content, fmt):
        before = snapshot()
        file = SimpleUploadedFile(name, content)
        response = upload(staff_client, "organization", file, fmt=fmt)
        assert response.status_code == 200
        assert not response.context.get("confirm_form")
        page = response.content.decode()
        assert 'class="errorlist' in page or "errornote" in page or "Errors" in page, page[-3000:]
        assert snapshot() == before
