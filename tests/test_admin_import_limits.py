"""What the admin's import refuses before it imports a row, and how long it may run (networks/imports.py).

Each test is a finding of the import's audit (issue 16): a zip bomb, a file too large or too long, two rows
with the same key, formula cells, a file without its key column, an import holding the database for
minutes, and a preview as large as the file's largest cell. Refusals are form errors on the import page
(no preview, nothing written); a stopped import sends staff back to the import page with a message.
"""

import io
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from networks.models import Organization
from tests.admin_helpers import admin_url
from tests.test_admin_import_export import (
    CSV_FORMAT,
    XLSX_FORMAT,
    XLSX_TYPE,
    columns,
    confirm,
    csv_file,
    exported_row,
    import_types,
    new_organization_row,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def xlsx_file(model_name, rows, name="import.xlsx") -> SimpleUploadedFile:
    """A workbook as openpyxl writes it: a text starting with "=" is written as a formula."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns(model_name))
    for row in rows:
        sheet.append([row.get(column) for column in columns(model_name)])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def zip_bomb(megabytes: int) -> SimpleUploadedFile:
    """A real one-row workbook whose first name is `megabytes` MB of one letter: a few KB on disk."""
    workbook = xlsx_file("organization", [new_organization_row(name_en="PLACEHOLDER")]).read()
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename != "xl/worksheets/sheet1.xml":
                out.writestr(member, content)
                continue
            before, after = content.split(b"PLACEHOLDER")
            with out.open(member.filename, "w") as sheet:  # streamed: the test holds no large string
                sheet.write(before)
                for _ in range(megabytes):
                    sheet.write(b"a" * 1024 * 1024)
                sheet.write(after)
    return SimpleUploadedFile("bomb.xlsx", bomb.getvalue(), content_type=XLSX_TYPE)


def assert_refused(response, *texts):
    """The import page came back with a form error on the file: no preview, nothing to confirm."""
    assert response.context["form"].errors, "no form error"
    assert "result" not in response.context
    assert not response.context.get("confirm_form")
    errors = " ".join(response.context["form"].errors["import_file"])
    for text in texts:
        assert text in errors, errors
    page = response.content.decode()
    assert "Traceback" not in page and "site-packages" not in page


def message(response) -> str:
    return str(list(get_messages(response.wsgi_request))[-1])


class TestFileLimits:
    @override_settings(IMPORT_MAX_BYTES=2000)
    def test_a_file_above_the_size_limit_is_refused_on_its_size(self, staff_client, db):
        rows = [new_organization_row(id=f"org-{n}", description_en="x" * 500) for n in range(4)]
        file = csv_file("organization", rows)
        assert file.size > 2000
        response = upload(staff_client, "organization", file)
        assert_refused(response, "an import reads 2.0\xa0KB at most")

    @override_settings(IMPORT_MAX_ROWS=3)
    def test_a_file_with_too_many_rows_is_refused(self, staff_client, db):
        rows = [new_organization_row(id=f"org-{n}") for n in range(4)]
        response = upload(staff_client, "organization", csv_file("organization", rows))
        assert_refused(response, "more rows than an import may hold (3)")
        response = upload(staff_client, "organization", xlsx_file("organization", rows), fmt=XLSX_FORMAT)
        assert_refused(response, "more rows than an import may hold (3)")

    @override_settings(IMPORT_MAX_ROWS=3)
    def test_blank_rows_are_not_counted(self, staff_client, seeded):
        rows = [new_organization_row(id=f"org-{n}") for n in range(3)]
        text = csv_file("organization", rows).read().decode()
        lines = text.splitlines()
        file = SimpleUploadedFile("import.csv", "\n\n".join(lines).encode() + b"\n,,,\n")
        assert import_types(upload(staff_client, "organization", file)) == ["new"] * 3

    @pytest.mark.parametrize(
        ("megabytes", "limit", "error"),
        [
            (3, 5 * 1024 * 1024, "times its own size: no spreadsheet compresses so well"),
            (30, 1024 * 1024, "unpacks to 30.0\xa0MB, more than an import reads (20.0\xa0MB)"),
        ],
    )
    def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_it_is_opened(
        self, staff_client, db, monkeypatch, megabytes, limit, error
    ):
        def never(*args, **kwargs):
            raise AssertionError("the workbook was opened")

        monkeypatch.setattr(openpyxl, "load_workbook", never)
        file = zip_bomb(megabytes)
        assert file.size < 50_000
        with override_settings(IMPORT_MAX_BYTES=limit):
            response = upload(staff_client, "organization", file, fmt=XLSX_FORMAT)
        assert_refused(response, error)


class TestIntegrity:
    def test_two_rows_with_the_same_slug_are_refused(self, staff_client, seeded):
        rows = [
            new_organization_row(id="twice", name_en="First"),
            new_organization_row(id="once"),
            new_organization_row(id="twice", name_en="Second"),
        ]
        response = upload(staff_client, "organization", csv_file("organization", rows))
        assert_refused(response, "Rows 2 and 4 have the same id “twice”")
        assert not Organization.objects.filter(slug__in=["twice", "once"]).exists()

    def test_two_rows_updating_the_same_organization_are_refused(self, staff_client, seeded):
        row = exported_row("organization", slug="defenders-libya")
        response = upload(
            staff_client, "organization", xlsx_file("organization", [row, row]), fmt=XLSX_FORMAT
        )
        assert_refused(response, "Rows 2 and 3 have the same id “defenders-libya”")

    def test_two_memberships_with_the_same_key_are_refused(self, staff_client, seeded):
        row = exported_row("membership", person__slug="nisreen-amer", organization__slug="defenders-libya")
        rows = [row, row | {"quote": "another passage"}]
        response = upload(staff_client, "membership", csv_file("membership", rows))
        assert_refused(
            response,
            "Rows 2 and 3 have the same person “nisreen-amer”, organization “defenders-libya”, role “chair”",
        )

    def test_formula_cells_are_refused_with_their_reference(self, staff_client, seeded):
        columns_ = columns("organization")
        rows = [new_organization_row(), new_organization_row(id="second", slogan_en='=HYPERLINK("x","y")')]
        response = upload(staff_client, "organization", xlsx_file("organization", rows), fmt=XLSX_FORMAT)
        slogan = openpyxl.utils.get_column_letter(columns_.index("slogan_en") + 1)
        assert_refused(response, f"Cells holding a formula: {slogan}3.")

        rows = [new_organization_row(member_count="=1+1"), new_organization_row(id="second", quote="=A1")]
        response = upload(staff_client, "organization", csv_file("organization", rows))
        count = openpyxl.utils.get_column_letter(columns_.index("member_count") + 1)
        quote = openpyxl.utils.get_column_letter(columns_.index("quote") + 1)
        assert_refused(response, f"Cells holding a formula: {count}2, {quote}3.")

    def test_a_text_escaped_with_an_apostrophe_is_imported_as_text(self, staff_client, seeded):
        rows = [new_organization_row(slogan_en="'=1+1 is our slogan")]
        preview = upload(staff_client, "organization", csv_file("organization", rows))
        assert import_types(preview) == ["new"]
        confirm(staff_client, "organization", preview)
        assert Organization.objects.get(slug="womens-voices-tunisia").slogan_en == "=1+1 is our slogan"

    @pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
    def test_a_file_without_its_key_column_is_refused(self, staff_client, seeded, fmt):
        book = openpyxl.Workbook()
        book.active.append(["name_ar", "name_en"])
        book.active.append(["اسم", "Name"])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue() if fmt == XLSX_FORMAT else "name_ar,name_en\nاسم,Name\n".encode()
        file = SimpleUploadedFile("import.xlsx" if fmt == XLSX_FORMAT else "import.csv", content)
        response = upload(staff_client, "organization", file, fmt=fmt)
        assert_refused(response, "Columns missing from the file: “id”. The import finds each row by “id”.")

    def test_a_membership_file_without_a_key_column_is_refused(self, staff_client, seeded):
        row = exported_row("membership", person__slug="nisreen-amer", organization__slug="defenders-libya")
        del row["body"]
        file = SimpleUploadedFile("import.csv", (",".join(row) + "\n").encode())
        response = upload(staff_client, "membership", file)
        assert_refused(response, "Columns missing from the file: “body”.")


class TestPreview:
    def test_long_cells_are_cut_in_the_preview_and_imported_whole(self, staff_client, seeded):
        long_text = "طويل " * 20_000  # 100,000 characters, no limit on a description
        rows = [new_organization_row(description_en=long_text)]
        preview = upload(staff_client, "organization", csv_file("organization", rows))
        assert import_types(preview) == ["new"]
        assert len(preview.content) < 60_000
        assert long_text[:200] + "…" in preview.content.decode()
        confirm(staff_client, "organization", preview)
        assert Organization.objects.get(slug="womens-voices-tunisia").description_en == long_text

    def test_a_cell_longer_than_its_column_is_a_row_error_shown_cut(self, staff_client, seeded):
        rows = [new_organization_row(name_en="n" * 100_000)]
        preview = upload(staff_client, "organization", csv_file("organization", rows))
        [invalid] = preview.context["result"].invalid_rows
        assert any("at most" in message for message in invalid.error_dict["name_en"])
        assert len(preview.content) < 60_000
        assert not preview.context.get("confirm_form")


class TestTimeout:
    def rows(self):
        return [new_organization_row(id=f"org-{n}") for n in range(3)]

    def test_a_dry_run_past_the_deadline_is_stopped(self, staff_client, seeded):
        before = snapshot()
        with override_settings(IMPORT_TIMEOUT_SECONDS=1e-6):
            response = staff_client.post(
                admin_url("networks_organization_import"),
                {"resource": "0", "format": CSV_FORMAT, "import_file": csv_file("organization", self.rows())},
            )
        assert response.status_code == 302
        assert response["Location"] == admin_url("networks_organization_import")
        assert "took longer than 1e-06 seconds and was stopped: nothing was imported" in message(response)
        assert snapshot() == before

    def test_an_import_past_the_deadline_is_stopped_and_rolled_back(self, staff_client, seeded):
        preview = upload(staff_client, "organization", csv_file("organization", self.rows()))
        assert import_types(preview) == ["new"] * 3
        before = snapshot()
        with override_settings(IMPORT_TIMEOUT_SECONDS=1e-6):
            response = confirm(staff_client, "organization", preview)
        assert response["Location"] == admin_url("networks_organization_import")
        assert "nothing was imported" in message(response)
        assert snapshot() == before
