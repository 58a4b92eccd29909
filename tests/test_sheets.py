"""The XLSX export reads well in a spreadsheet: a bold header frozen in view with an autofilter, columns as
wide as their content, long text wrapped, the sheet right-to-left in Arabic, codes beside their labels in the
export's language, and an "about" sheet that says what the file holds."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from networks import exports, lists
from tests.builders import make_organization

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def workbook(client, list_name="organizations", query="", language="en"):
    response = client.get(f"/{language}/{list_name}/export.xlsx?{query}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(body(response)))


@pytest.fixture(scope="module")
def sheets(_seeds_for_module, django_db_blocker):
    """The seeded directory's organizations in Morocco, exported in each language, read once."""
    with django_db_blocker.unblock():
        yield {
            language: workbook(Client(), query="country=MA", language=language) for language in ("ar", "en")
        }


def records(sheet) -> dict[str, dict]:
    """The rows of a data sheet by their id, each as {column: value}."""
    header, *rows = sheet.iter_rows(values_only=True)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


class TestTheDataSheet:
    def test_the_header_is_bold_frozen_and_filters_every_row(self, sheets):
        data = sheets["en"]["data"]
        assert all(cell.font.bold for cell in data[1])
        assert data["A1"].font.name == data["A2"].font.name  # the workbook's font, in bold
        assert not any(cell.font.bold for cell in data[2])
        assert data.freeze_panes == "A2"
        last_column = data.cell(1, data.max_column).column_letter
        assert data.auto_filter.ref == f"A1:{last_column}{data.max_row}"
        assert data.max_row > 2

    def test_columns_are_as_wide_as_their_content_within_bounds(self, sheets):
        data = sheets["en"]["data"]
        widths = {cell.value: data.column_dimensions[cell.column_letter].width for cell in data[1]}
        assert widths["id"] < widths["name_en"] <= exports.MAX_WIDTH
        assert widths["description_en"] == exports.MAX_WIDTH
        assert min(widths.values()) >= exports.MIN_WIDTH

    def test_long_text_wraps_and_short_text_does_not(self, sheets):
        data = sheets["en"]["data"]
        column = {cell.value: cell.column for cell in data[1]}
        assert data.cell(2, column["description_en"]).alignment.wrap_text
        assert not data.cell(2, column["id"]).alignment.wrap_text

    def test_the_arabic_export_reads_right_to_left_and_the_english_one_does_not(self, sheets):
        for sheet in ("data", "about"):
            assert sheets["ar"][sheet].sheet_view.rightToLeft
            assert not sheets["en"][sheet].sheet_view.rightToLeft

    def test_labels_in_the_language_of_the_export_beside_the_codes(self, sheets):
        branch = records(sheets["en"]["data"])["inlw-morocco"]
        assert (branch["kind"], branch["kind_label"]) == ("branch", "branch")
        arabic = records(sheets["ar"]["data"])["inlw-morocco"]
        assert arabic["kind"] == "branch" and arabic["kind_label"] == "الفرع"
        assert arabic["status_label"] == "نشطة" and arabic["scope_label"]
        assert "womens-rights" in arabic["causes"].split(lists.SEPARATOR)
        assert "حقوق المرأة" in arabic["cause_labels"].split(lists.SEPARATOR)
        assert len(arabic["cause_labels"].split(lists.SEPARATOR)) == len(
            arabic["causes"].split(lists.SEPARATOR)
        )

    def test_an_empty_export_is_a_header_with_its_filter(self, client, seeded):
        data = workbook(client, query="kind=political_party&cause=womens-rights")["data"]
        assert data.max_row == 1 and data.auto_filter.ref.endswith("1")


class TestTheAboutSheet:
    def about(self, sheets, language):
        return dict(sheets[language]["about"].iter_rows(min_row=2, values_only=True))

    def test_says_what_the_file_holds_and_how_to_reuse_it(self, sheets):
        about = self.about(sheets, "en")
        assert about["Filters"] == "Country or region: Morocco (MA)"
        assert about["Filters in the address"] == "country=MA"
        assert about["Sort"] == "Name (name)"
        assert about["Rows"] == str(sheets["en"]["data"].max_row - 1)
        assert about["Exported at"] and about["How to cite"].startswith("Shabakat")
        assert "CC BY 4.0" in about["Licence"]
        sheet = sheets["en"]["about"]
        assert all(cell.font.bold for cell in sheet["A"])
        # A label on the first line of its value, which wraps.
        assert all(
            a.alignment.vertical == b.alignment.vertical == "top" for a, b in sheet.iter_rows(min_row=2)
        )
        assert all(value.alignment.wrap_text for value in sheet["B"][1:])

    def test_in_arabic_every_label_whole(self, sheets):
        about = self.about(sheets, "ar")
        assert about["عوامل التصفية"] == "البلد أو المنطقة: المغرب (MA)"
        assert {"الترتيب", "وقت التصدير", "طريقة الاستشهاد", "عدد الأسطر"} <= set(about)
        # Wide enough for its longest label: a narrow column hid the start of "عوامل التصفية".
        sheet = sheets["ar"]["about"]
        assert sheet.column_dimensions["A"].width >= max(len(key) for key in about)

    def test_several_filters_and_a_search_are_each_one_line(self, client, seeded):
        query = "country=MA&country=LY&kind=branch&q=women&sort=-founded"
        sheet = workbook(client, query=query)["about"]
        about = dict(sheet.iter_rows(min_row=2, values_only=True))
        assert about["Filters"].splitlines() == [
            "Search: women",
            "Country or region: Morocco (MA), Libya (LY)",
            "Kind: branch",
        ]
        assert about["Sort"] == "Founding date, newest first (-founded)"

    def test_other_lists_say_their_filters_and_order(self, client, seeded):
        about = dict(workbook(client, "events", "country=LY")["about"].iter_rows(min_row=2, values_only=True))
        assert about["Filters"].startswith("Country") and "(LY)" in about["Filters"]
        assert about["Sort"] == "the list's own order (as on its page)"


def test_the_csv_has_the_same_labels(client, seeded):
    content = body(client.get("/ar/organizations/export.csv?country=MA")).decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(content))}
    assert rows["inlw-morocco"]["kind_label"] == "الفرع"


def test_a_text_too_wide_for_its_column_wraps_in_every_row(client, seeded):
    make_organization(slug="short", description_en="Short.")
    make_organization(slug="long", description_en="A long description. " * 40)
    data = workbook(client)["data"]
    column = [cell.value for cell in data[1]].index("description_en") + 1
    rows = {data.cell(row, 1).value: row for row in range(2, data.max_row + 1)}
    assert all(data.cell(rows[slug], column).alignment.wrap_text for slug in ("short", "long"))
    # As tall as its lines (LibreOffice would draw them over the next rows), within bounds.
    heights = {slug: data.row_dimensions[rows[slug]].height for slug in ("short", "long")}
    assert heights == {"long": exports.MAX_LINES * exports.LINE_HEIGHT, "short": None}
