"""The bulk dataset: a zipped Frictionless Data Package of every public table that `frictionless validate`
passes, built by a command outside any request and offered by the data page with its size, date, checksum,
`Content-Length` and `ETag`."""

import csv
import datetime
import io
import json
import os
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from frictionless import validate

from networks import dataset, licence
from networks.models import Organization, Person
from networks.tables import TABLES
from networks.templatetags.directory import isolated
from tests.test_popolo import schema_errors

pytestmark = pytest.mark.django_db

TABLE_NAMES = [
    "organizations",
    "people",
    "memberships",
    "bodies",
    "goals",
    "events",
    "places",
    "causes",
    "sources",
    "citations",
]
BUILT_AT = timezone.make_aware(datetime.datetime(2026, 11, 30, 22, 15))


@pytest.fixture(scope="module")
def built(_seeds_for_module, django_db_blocker, tmp_path_factory):
    """The seeded directory's dataset, built once for the module: (its directory, what latest.json says)."""
    root = tmp_path_factory.mktemp("dataset")
    with django_db_blocker.unblock():
        latest = dataset.build(root, now=BUILT_AT)
    return root, latest


def zipped(root, latest) -> zipfile.ZipFile:
    return zipfile.ZipFile(root / latest["file"])


def table(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(f"data/{name}.csv").decode())))


def errors_of(path) -> list[str]:
    report = validate(str(path))
    return [error.message for error in report.errors] + [
        error.message for task in report.tasks for error in task.errors
    ]


class TestThePackage:
    def test_frictionless_validate_reports_no_error(self, seeded, built):
        root, latest = built
        assert errors_of(root / latest["file"]) == []

    def test_it_holds_every_table_the_json_export_a_licence_and_a_citation_file(self, seeded, built):
        root, latest = built
        names = set(zipped(root, latest).namelist())
        assert names == {
            *(f"data/{name}.csv" for name in TABLE_NAMES),
            "json/organizations.json",
            "json/popolo-ar.json",
            "json/popolo-en.json",
            "datapackage.json",
            "LICENSE.txt",
            "CITATION.cff",
        }
        archive = zipped(root, latest)
        assert "CC BY 4.0" in archive.read("LICENSE.txt").decode()
        assert "license: CC-BY-4.0" in archive.read("CITATION.cff").decode()
        assert f'version: "{latest["version"]}"' in archive.read("CITATION.cff").decode()

    def test_the_tables_hold_the_public_rows(self, seeded, built):
        archive = zipped(*built)
        assert {row["id"] for row in table(archive, "organizations")} == set(
            Organization.objects.published().values_list("slug", flat=True)
        )
        assert {row["id"] for row in table(archive, "people")} == set(
            Person.objects.public().values_list("slug", flat=True)
        )
        for name in TABLE_NAMES:
            assert table(archive, name), f"{name} is empty"
        json_export = json.loads(archive.read("json/organizations.json"))
        assert len(json_export["organizations"]) == len(table(archive, "organizations"))

    def test_each_fact_says_how_it_is_known_in_both_languages(self, seeded, built):
        archive = zipped(*built)
        for name in ("organizations", "people", "memberships", "bodies", "goals", "events", "citations"):
            header = table(archive, name)[0].keys()
            assert {"derivation", "inference_ar", "inference_en"} <= header, name
        inferred = [row for row in table(archive, "citations") if row["derivation"] == "inferred"]
        assert inferred and all(row["inference_ar"] or row["inference_en"] for row in inferred)

    def test_each_table_schema_is_written_from_the_columns_declarations(self, seeded, built):
        package = json.loads(zipped(*built).read("datapackage.json"))
        resources = {resource["name"]: resource for resource in package["resources"]}
        assert [name for name in resources if name in TABLE_NAMES] == TABLE_NAMES
        for name in TABLE_NAMES:
            fields = resources[name]["schema"]["fields"]
            columns = TABLES[name].columns
            assert [field["name"] for field in fields] == [column.name for column in columns]
            for field, column in zip(fields, columns, strict=True):
                with translation.override("en"):
                    assert field["description"] == str(column.description)
                assert field["description_ar"]
        organizations = {field["name"]: field for field in resources["organizations"]["schema"]["fields"]}
        assert organizations["member_count"]["type"] == "integer"
        assert organizations["id"]["description"].startswith("Stable identifier of the organization")

    def test_it_has_a_version_and_a_build_date(self, seeded, built):
        root, latest = built
        package = json.loads(zipped(root, latest).read("datapackage.json"))
        assert latest["version"].startswith("2026.11.30-")
        assert package["version"] == latest["version"]
        assert package["created"] == latest["built_at"] == BUILT_AT.isoformat()
        assert latest["file"] == f"shabakat-{latest['version']}.zip"

    def test_latest_json_gives_the_zips_size_and_checksum(self, seeded, built):
        root, latest = built
        assert json.loads((root / "latest.json").read_text()) == latest
        assert latest["size"] == (root / latest["file"]).stat().st_size
        assert latest["sha256"] == dataset.file_sha256(root / latest["file"])

    def test_unchanged_data_rebuilt_the_same_day_keeps_its_version(self, seeded, built, tmp_path):
        later = BUILT_AT + datetime.timedelta(hours=1, seconds=7)
        assert dataset.build(tmp_path, now=later)["version"] == built[1]["version"]

    def test_the_popolo_documents_validate_and_link_to_the_site(self, seeded, built, settings):
        archive = zipped(*built)
        for lang in ("ar", "en"):
            document = json.loads(archive.read(f"json/popolo-{lang}.json"))
            assert document["meta"]["lang"] == lang
            assert len(document["organizations"]) == len(table(archive, "organizations"))
            assert schema_errors(document) == []
            url = document["organizations"][0]["links"][0]["url"]
            assert url.startswith(f"{settings.SITE_URL}/{lang}/organizations/")

    def test_a_broken_csv_fails_validation(self, seeded, built, tmp_path):
        """The validation test means something: a package whose organizations table repeats an id and holds
        a member count that is not a number, and whose memberships name an organization it lacks, fails."""

        def break_organizations(rows):
            rows[1]["id"] = rows[0]["id"]
            rows[0]["member_count"] = "many"

        def break_memberships(rows):
            rows[0]["organization_id"] = "no-such-organization"

        broken = rewritten(*built, tmp_path, organizations=break_organizations, memberships=break_memberships)
        messages = errors_of(broken)
        assert any("primary key" in message for message in messages)
        assert any('"many"' in message for message in messages)
        assert any("foreign key" in message and "no-such-organization" in message for message in messages)
        assert errors_of(rewritten(*built, tmp_path)) == []  # the copy itself is valid


def rewritten(root, latest, tmp_path, **changes):
    """A copy of the built zip with `changes` ({table: change(rows)}) made to its tables."""
    path = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}.zip"
    with zipped(root, latest) as original, zipfile.ZipFile(path, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            table_name = name.removeprefix("data/").removesuffix(".csv")
            if table_name in changes:
                rows = table(original, table_name)
                changes[table_name](rows)
                out = io.StringIO()
                writer = csv.DictWriter(out, fieldnames=rows[0].keys())
                writer.writeheader()
                writer.writerows(rows)
                data = out.getvalue().encode()
            copy.writestr(name, data)
    return path


def test_only_the_latest_builds_are_kept(db, tmp_path):
    older = [tmp_path / f"shabakat-2026.11.{day}-0.zip" for day in (1, 2, 3, 4)]
    for age, path in enumerate(reversed(older)):
        path.write_bytes(b"")
        os.utime(path, (1e9 - age, 1e9 - age))
    latest = dataset.build(tmp_path)
    kept = sorted(path.name for path in tmp_path.glob("shabakat-*.zip"))
    assert kept == sorted([latest["file"], older[3].name, older[2].name])


class TestPrivacy:
    def test_a_withheld_person_is_nowhere_in_the_dataset(self, seeded, tmp_path):
        person = Person.objects.get(slug="khadija-oum-el-bachaer-el-mrabet")
        person.is_public = False
        person.save()
        archive = zipped(tmp_path, dataset.build(tmp_path))
        for name in archive.namelist():
            text = archive.read(name).decode()
            for withheld in (person.slug, person.name_ar, person.name_en):
                assert withheld not in text, f"{withheld} in {name}"
        memberships = table(archive, "memberships")
        assert any(row["organization_id"] == "inlw-morocco" and not row["person_id"] for row in memberships)

    def test_a_hidden_organization_and_its_rows_are_left_out(self, seeded, tmp_path):
        Organization.objects.filter(slug="inlw-morocco").update(status=Organization.Status.HIDDEN)
        archive = zipped(tmp_path, dataset.build(tmp_path))
        assert "inlw-morocco" not in {row["id"] for row in table(archive, "organizations")}
        for name in ("memberships", "bodies", "goals", "citations"):
            assert "inlw-morocco" not in {row["organization_id"] for row in table(archive, name)}, name


def test_the_data_page_documents_the_tables_no_list_exports(db, client):
    page = client.get("/en/data/").content.decode()
    for name in ("memberships", "bodies", "places", "causes", "sources", "citations"):
        assert f'id="table-{name}"' in page
        for column in TABLES[name].columns:
            with translation.override("en"):
                assert f"<code>{column.name}</code>" in page and isolated(column.description) in page, (
                    column.name
                )


class TestTheDownload:
    def test_the_data_page_offers_the_latest_build(self, seeded, built, client, settings):
        root, latest = built
        settings.DATASET_ROOT = root
        page = client.get("/en/data/").content.decode()
        assert 'href="/en/data/shabakat.zip"' in page
        assert latest["version"] in page and latest["sha256"] in page
        assert "Nov. 30, 2026" in page

    def test_it_is_served_with_its_length_and_etag(self, seeded, built, client, settings):
        root, latest = built
        settings.DATASET_ROOT = root
        response = client.get("/en/data/shabakat.zip")
        assert response.status_code == 200
        assert response["Content-Length"] == str(latest["size"])
        assert response["ETag"] == f'"{latest["sha256"]}"'
        assert response["Content-Type"] == "application/zip"
        assert f'filename="{latest["file"]}"' in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == (root / latest["file"]).read_bytes()

    def test_a_client_that_has_it_gets_304(self, seeded, built, client, settings):
        root, latest = built
        settings.DATASET_ROOT = root
        response = client.get("/en/data/shabakat.zip", headers={"If-None-Match": f'"{latest["sha256"]}"'})
        assert response.status_code == 304
        assert response["ETag"] == f'"{latest["sha256"]}"'
        stale = client.get("/en/data/shabakat.zip", headers={"If-None-Match": '"an-older-build"'})
        assert stale.status_code == 200

    def test_none_built_is_a_404_that_says_so(self, db, client, settings, tmp_path):
        settings.DATASET_ROOT = tmp_path
        response = client.get("/en/data/shabakat.zip")
        assert response.status_code == 404
        assert "has not been built on this server yet" in response.content.decode()
        assert "has not been built on this server yet" in client.get("/en/data/").content.decode()

    def test_a_pointer_to_a_missing_file_is_a_404(self, db, client, settings, tmp_path):
        (tmp_path / "latest.json").write_text('{"file": "shabakat-gone.zip", "sha256": "x"}')
        settings.DATASET_ROOT = tmp_path
        assert client.get("/en/data/shabakat.zip").status_code == 404


def test_the_command_builds_it_and_says_what_it_wrote(seeded, tmp_path):
    out = StringIO()
    call_command("build_dataset", "--root", str(tmp_path), stdout=out)
    latest = json.loads((tmp_path / "latest.json").read_text())
    assert (tmp_path / latest["file"]).is_file()
    assert latest["version"] in out.getvalue() and latest["sha256"] in out.getvalue()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_data_page_states_the_licence_of_the_data_and_of_the_quotes(db, client, language):
    page = client.get(f"/{language}/data/").content.decode()
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">' in page
    assert "(CC BY 4.0)</a>" in page
    with translation.override(language):
        assert str(licence.QUOTES) in page
