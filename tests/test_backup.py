"""`make backup` / `make restore`: a complete dump that loads back into an empty database unchanged."""

import gzip
import json
import re
import shutil
import stat
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation

from networks import controls
from networks.models import DERIVED_MODELS, Confirmation, Organization, Person
from tests.admin_helpers import admin_url, form_data
from tests.test_admin_import_export import csv_file, new_organization_row, upload
from tests.test_controls import (
    AUDIT,
    apps_at_the_migration,
    change,
    remove_control_characters,
    write_control_characters,
)
from tests.test_seeds import SEEDS

pytestmark = pytest.mark.django_db

# What migrate recreates, or what a backup leaves out on purpose (networks/management/commands/backup.py).
NOT_BACKED_UP = {"contenttypes", "sessions", "axes"}


def snapshot() -> dict[str, list]:
    """Every row of every backed-up model, all fields (both languages, history), foreign keys to content
    types and permissions by natural key: what must survive a round trip. Read in one language whatever the
    last request activated: modeltranslation reads an untranslated field (`name`) in the active one."""
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot()


def _snapshot() -> dict[str, list]:
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in NOT_BACKED_UP or model._meta.label == "auth.Permission":
            continue
        if model in DERIVED_MODELS:  # rebuilt by restore, not restored (test_search checks the rebuild)
            continue
        rows[model._meta.label] = serializers.serialize(
            "python", model.objects.order_by("pk"), use_natural_foreign_keys=True
        )
    return rows


def untranslated_names_are_in_the_default_language() -> bool:
    """The `name` column itself, which modeltranslation fills on save in the language then active, holds the
    site's default (Arabic, else English) in every row."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, name_ar, name_en FROM {Organization._meta.db_table}")
        rows = cursor.fetchall()
    return bool(rows) and all(name == (name_ar or name_en) for name, name_ar, name_en in rows)


def empty_the_database():
    if connection.vendor == "postgresql":
        # Inside the test's transaction, TRUNCATE refuses tables with deferred foreign-key checks pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


class TestRoundTrip:
    def test_restore_of_a_backup_keeps_every_row_and_every_translation(
        self, seeded, editor, client, tmp_path
    ):
        # Staff edits, so that there is history with a user, in both languages.
        client.force_login(editor)
        organization = Organization.objects.get(slug="inlw-morocco")
        organization.name_en, organization.name_ar = "Edited name", "اسم معدل"
        organization._history_user = editor
        organization.save()
        Person.objects.filter(slug="nisreen-amer").update(is_public=False)
        # An editor's confirmation of a fact (the review queue's), its content type by natural key.
        Confirmation.objects.create(
            content_type=ContentType.objects.get_for_model(Organization),
            object_id=organization.pk,
            version=organization.history.first().history_id,
            user=editor,
        )
        before = snapshot()
        assert len(before["networks.HistoricalOrganization"]) > 16  # the seeds' rows and the edit
        assert before["auth.User"] and before["auth.Group"] and before["networks.Confirmation"]

        file = tmp_path / "backup.xml.gz"
        call_command("backup", str(file), stdout=StringIO())
        assert ElementTree.fromstring(gzip.decompress(file.read_bytes())).tag == "django-objects"

        empty_the_database()
        assert not Organization.objects.exists()
        with translation.override("en"):  # as manage.py runs it in an English terminal
            call_command("restore", str(file), stdout=StringIO())

        after = snapshot()
        assert after == before
        assert untranslated_names_are_in_the_default_language()
        restored = Organization.objects.get(slug="inlw-morocco")
        assert (restored.name_ar, restored.name_en) == ("اسم معدل", "Edited name")
        assert restored.history.first().history_user.username == "editor"

    def test_restore_refuses_a_database_that_is_not_empty(self, seeded, tmp_path):
        file = tmp_path / "backup.xml"
        call_command("backup", str(file), stdout=StringIO())
        before = snapshot()
        with pytest.raises(CommandError, match=r"not empty .*\(nothing was written\)\.$"):
            call_command("restore", str(file), stdout=StringIO())
        assert snapshot() == before

    def test_a_malformed_backup_is_refused_and_writes_nothing(self, db, tmp_path):
        good = [{"model": "networks.cause", "pk": 1, "fields": {"slug": "a", "name": "x", "name_ar": "س"}}]
        bad = [*good, {"model": "networks.organization", "pk": 1, "fields": {"slug": "no-source"}}]
        file = tmp_path / "broken.json"
        file.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(
            CommandError, match=r"broken\.json: cannot be restored: .*\(nothing was written\)\.$"
        ):
            call_command("restore", str(file), stdout=StringIO())
        assert not apps.get_model("networks", "Cause").objects.exists()

    def test_a_missing_file_is_a_clear_error(self, db, tmp_path):
        with pytest.raises(CommandError, match=r"no such file"):
            call_command("restore", str(tmp_path / "nothing.json"), stdout=StringIO())

    def test_backup_never_overwrites_a_file(self, db, tmp_path):
        file = tmp_path / "backup.xml"
        file.write_text("precious", encoding="utf-8")
        with pytest.raises(CommandError, match="exists already"):
            call_command("backup", str(file), stdout=StringIO())
        assert file.read_text(encoding="utf-8") == "precious"


class TestAWholeFileOrNone:
    """Issue 16: a failed backup left a partial file at its path, which `restore` read into a traceback."""

    def test_a_backup_is_readable_by_its_owner_only(self, db, tmp_path):
        file = tmp_path / "backup.xml"
        call_command("backup", str(file), stdout=StringIO())
        assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds the users' password hashes
        assert [p.name for p in tmp_path.iterdir()] == ["backup.xml"]  # no temporary file left

    def test_a_failed_backup_leaves_no_file_and_once_the_migration_cleaned_the_rows_it_round_trips(
        self, seeded, tmp_path
    ):
        write_control_characters(Organization.objects.get(slug="defenders-libya"))
        file = tmp_path / "backup.xml.gz"
        with pytest.raises(CommandError, match=r"unserializable characters.*\(nothing was written\)\.$"):
            call_command("backup", str(file), stdout=StringIO())
        assert list(tmp_path.iterdir()) == []

        remove_control_characters(apps_at_the_migration())
        before = snapshot()
        call_command("backup", str(file), stdout=StringIO())
        empty_the_database()
        call_command("restore", str(file), stdout=StringIO())
        assert snapshot() == before

    def test_control_characters_tried_through_every_entry_point_are_refused_and_the_backup_round_trips(
        self, seeded, superuser, client, tmp_path
    ):
        """Issue 16's "done when": each way text comes in refuses the audit's characters, so a backup taken
        afterwards holds none of them and loads back unchanged."""
        client.force_login(superuser)
        organization = Organization.objects.get(slug="defenders-libya")
        before = snapshot()
        # The admin: a directory row, a user, a group.
        edit = change(
            client, Organization, organization, lambda data: data.update(name_en="Defenders" + AUDIT)
        )
        assert "name_en" in edit.context["adminform"].form.errors
        user_url = admin_url("auth_user_change", superuser.pk)
        data = form_data(client.get(user_url))
        joined = timezone.localtime(superuser.date_joined)
        data.pop("date_joined"), data.pop("last_login", None)
        data |= {"date_joined_0": f"{joined:%Y-%m-%d}", "date_joined_1": f"{joined:%H:%M:%S}"}
        assert (
            "last_name" in client.post(user_url, data | {"last_name": AUDIT}).context["adminform"].form.errors
        )
        group = client.post(admin_url("auth_group_add"), {"name": "Reviewers" + AUDIT})
        assert "name" in group.context["adminform"].form.errors
        # The spreadsheet import: the preview lists the row's error and offers no confirmation.
        row = new_organization_row(id="womens-voices-morocco", name_en="Women's Voices" + AUDIT)
        preview = upload(client, "organization", csv_file("organization", [row]))
        assert preview.context["result"].invalid_rows and not preview.context.get("confirm_form")
        # The seed files: as a YAML escape, and as the raw bytes.
        # The seed files: a YAML escape is refused by load_seeds, the raw bytes already by seeds_manifest.
        for written, command in (
            ('"Defenders\\x01\\x1b"', "load_seeds"),
            ("Defenders\x01\x1b", "seeds_manifest"),
        ):
            seeds = tmp_path / "seeds"
            shutil.rmtree(seeds, ignore_errors=True)
            shutil.copytree(SEEDS, seeds)
            path = seeds / "003_defenders_libya.yaml"
            text = path.read_text(encoding="utf-8")
            anchor = "      en: Women’s Rights & Women’s Network Initiative (Defenders)\n"
            path.write_text(text.replace(anchor, f"      en: {written}\n", 1), encoding="utf-8")
            refused_by = "seeds_manifest"
            with pytest.raises(CommandError, match=r"U\+0001"):
                call_command("seeds_manifest", directory=seeds, stdout=StringIO())
                refused_by = "load_seeds"
                call_command("load_seeds", directory=seeds, stdout=StringIO())
            assert refused_by == command
        assert snapshot() == before

        file = tmp_path / "backup.xml.gz"
        call_command("backup", str(file), stdout=StringIO())
        assert not controls.NOT_TEXT.search(gzip.decompress(file.read_bytes()).decode("utf-8"))
        empty_the_database()
        call_command("restore", str(file), stdout=StringIO())
        assert snapshot() == before

    @pytest.mark.parametrize(
        ("name", "damage", "reason"),
        [
            (
                "cut.xml.gz",
                lambda xml: (data := gzip.compress(xml))[: len(data) // 2],
                "the compressed file is cut short",
            ),
            ("cut.xml", lambda xml: xml[: len(xml) // 2], r"not well-formed XML at line \d+, column \d+: "),
            ("notes.xml", lambda xml: b"These are not the rows you are looking for.", "not well-formed XML"),
            ("text.xml.gz", lambda xml: xml, "the compressed file is damaged: Not a gzipped file"),
        ],
    )
    def test_a_damaged_file_is_refused_in_one_line_and_nothing_is_written(
        self, db, seeds_snapshot, tmp_path, name, damage, reason
    ):
        file = tmp_path / name
        file.write_bytes(damage(seeds_snapshot.read_bytes()))
        with pytest.raises(CommandError) as raised:
            call_command("restore", str(file), stdout=StringIO())
        message = str(raised.value)
        assert re.fullmatch(
            rf"{re.escape(str(file))}: cannot be restored: {reason}.*\(nothing was written\)\.", message
        )
        assert "\n" not in message
        assert not Organization.objects.exists() and not apps.get_model("networks", "Source").objects.exists()
