"""Control characters never reach the database (networks/controls.py), and migration 0012 removes those that
did (issue 16: an organization saved in the admin with "\\x01\\x08\\x1b" at the end of its English name made
every backup fail)."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone, translation

from networks import controls
from networks.models import DIRECTORY_MODELS, Organization, Person, Source
from tests.admin_helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

AUDIT = "\x01\x08\x1b"  # what the audit saved in the admin
MESSAGE = "Remove the control character U+{code:04X} at position {position}"


class TestTheRule:
    @pytest.mark.parametrize(
        "character",
        ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\ufffe"],
    )
    def test_control_characters_surrogates_and_non_characters_are_refused(self, character):
        with pytest.raises(ValidationError) as raised:
            controls.validate_text(f"ab{character}c")
        with translation.override("en"):  # the message is translated; the site's default language is Arabic
            assert raised.value.messages[0].startswith(MESSAGE.format(code=ord(character), position=3))

    @pytest.mark.parametrize(
        "text",
        ["tab\tand\nlines\r\n", "الرباط\u200f", "no-break\u00a0space", "🌍", "\ufeffbom", "\ufffd"],
    )
    def test_text_passes(self, text):
        controls.validate_text(text)

    def test_every_directory_model_holds_its_texts_to_it(self):
        assert [m.__name__ for m in DIRECTORY_MODELS if not issubclass(m, controls.TextOnly)] == []


def change(client, model, obj, edit):
    """Submit the admin change form of `obj` with `edit(data)` applied; return the response."""
    url = admin_url(f"networks_{model._meta.model_name}_change", obj.pk)
    data = form_data(client.get(url))
    edit(data)
    return client.post(url, data)


class TestTheAdminRefusesThem:
    @pytest.mark.parametrize("field", ["name_en", "name_ar", "description_ar"])
    def test_on_an_organization_field_in_either_language(self, client, editor, seeded, field):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        before, versions = getattr(organization, field), organization.history.count()
        response = change(
            client, Organization, organization, lambda data: data.update({field: before + AUDIT})
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == [field]
        assert errors[field][0].startswith(MESSAGE.format(code=1, position=len(before.strip()) + 1))
        organization.refresh_from_db()
        assert getattr(organization, field) == before
        assert organization.history.count() == versions

    def test_in_an_inline(self, client, editor, seeded):
        client.force_login(editor)
        person = Person.objects.filter(memberships__isnull=False).order_by("slug").first()

        def edit(data):
            quote = next(name for name in data if name.endswith("-0-quote"))
            data[quote] += "\x7f"

        response = change(client, Person, person, edit)
        assert response.status_code == 200
        formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
        [memberships] = [formset for formset in formsets if any(formset.errors)]
        assert list(memberships.errors[0]) == ["quote"]
        assert "U+007F" in memberships.errors[0]["quote"][0]

    def test_on_an_untranslated_field_of_another_model(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug="defenders-libya-self-description")
        response = change(client, Source, source, lambda data: data.update(full_text="a\x85b"))
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["full_text"]


class TestTheAccountsAdminRefusesThem:
    """Users and groups are in every backup too (the audit's character in a name broke it alike)."""

    @pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
    def test_on_a_user(self, client, superuser, editor, field):
        client.force_login(superuser)
        url = admin_url("auth_user_change", editor.pk)
        data = form_data(client.get(url))
        joined = timezone.localtime(editor.date_joined)  # a split widget: two inputs
        data.pop("date_joined"), data.pop("last_login", None)
        data |= {"date_joined_0": f"{joined:%Y-%m-%d}", "date_joined_1": f"{joined:%H:%M:%S}"}
        data[field] = '"ed\x01"@example.org' if field == "email" else "Ed" + AUDIT
        with translation.override("en"):
            response = client.post(url, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == [field]
        assert "U+0001" in errors[field][0]
        editor.refresh_from_db()
        assert getattr(editor, field) == ""

    def test_on_a_group(self, client, superuser):
        client.force_login(superuser)
        response = client.post(admin_url("auth_group_add"), {"name": "Reviewers\x1b"})
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["name"]
        assert not Group.objects.filter(name__startswith="Reviewers").exists()

    def test_a_clean_group_is_still_saved(self, client, superuser):
        client.force_login(superuser)
        response = client.post(admin_url("auth_group_add"), {"name": "Reviewers"})
        assert response.status_code == 302
        assert Group.objects.filter(name="Reviewers").exists()


# --- Migration 0012: rows written before the rule -----------------------------------------------------

MIGRATION = "0012_remove_control_characters"
cleaning = importlib.import_module(f"networks.migrations.{MIGRATION}")


def apps_at_the_migration():
    """The models as migration 0012 sees them (without modeltranslation's managers, which rewrite `name`)."""
    return MigrationLoader(connection).project_state(("networks", MIGRATION)).apps


@pytest.fixture(scope="module")
def migrated_apps(django_db_blocker):
    with django_db_blocker.unblock():
        return apps_at_the_migration()


def remove_control_characters(apps):
    cleaning.remove_control_characters(apps, SimpleNamespace(connection=connection))


def write_control_characters(organization: Organization) -> dict:
    """What the admin and the import let in before the rule, written past it (update()): the audit's
    characters at the end of the organization's English name, its search text and its history, and a C1
    control in its Arabic description; a log entry naming it. Returns the clean values."""
    clean = {
        "name_en": organization.name_en,
        "description_ar": organization.description_ar,
        "search_text": organization.search_text,
    }
    dirty = {"name_en": clean["name_en"] + AUDIT, "description_ar": "\x85" + clean["description_ar"]}
    search_text = Organization.search_text_from(lambda name: dirty.get(name, getattr(organization, name)))
    assert "\x01" in search_text
    Organization.objects.filter(pk=organization.pk).update(**dirty, search_text=search_text)
    assert Organization.history.filter(id=organization.pk).update(**dirty, name=dirty["name_en"])
    LogEntry.objects.create(
        user=User.objects.create_user("audit"),
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=str(organization.pk),
        object_repr=dirty["name_en"],
        action_flag=CHANGE,
    )
    return clean


class TestTheMigration:
    def test_removes_them_from_a_row_its_search_text_its_history_and_the_log(self, seeded, migrated_apps):
        organization = Organization.objects.get(slug="defenders-libya")
        clean = write_control_characters(organization)
        others = list(Organization.objects.exclude(pk=organization.pk).order_by("pk").values())
        history = Organization.history.exclude(id=organization.pk).count()
        remove_control_characters(migrated_apps)
        row = Organization.objects.filter(pk=organization.pk).values(*clean).get()
        assert row == clean
        assert set(Organization.history.filter(id=organization.pk).values_list("name_en", "name")) == {
            (clean["name_en"], clean["name_en"])
        }
        assert LogEntry.objects.get(object_id=str(organization.pk)).object_repr == clean["name_en"]
        # Nothing else changed.
        assert list(Organization.objects.exclude(pk=organization.pk).order_by("pk").values()) == others
        assert Organization.history.exclude(id=organization.pk).count() == history

    def test_removes_them_from_users_and_groups(self, seeded, migrated_apps, editor):
        User.objects.filter(pk=editor.pk).update(first_name="Ed" + AUDIT, email='"ed\x7f"@example.org')
        Group.objects.create(name="Reviewers\x1b")
        remove_control_characters(migrated_apps)
        editor.refresh_from_db()
        assert (editor.first_name, editor.email) == ("Ed", '"ed"@example.org')
        assert Group.objects.filter(name="Reviewers").exists()

    def test_a_search_text_keeps_single_spaces(self, seeded, migrated_apps):
        organization = Organization.objects.get(slug="defenders-libya")
        Organization.objects.filter(pk=organization.pk).update(search_text="a \x1b b\x7f ")
        remove_control_characters(migrated_apps)
        organization.refresh_from_db()
        assert organization.search_text == "a b"
