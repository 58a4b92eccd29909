"""No edit is lost: every create, change and delete is recorded with who, when and what changed (translated
fields included), staff see it in the admin and can restore an earlier version; records are retired by a
status, and an organization that others depend on cannot be deleted."""

import pytest
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.html import escape

from networks.models import DIRECTORY_MODELS, Cause, Organization
from tests.admin_helpers import admin_url, form_data
from tests.builders import make_membership, make_organization

pytestmark = pytest.mark.django_db


def edit_in_admin(client, organization, **changes):
    """Submit the organization's admin change form with `changes`, as staff would."""
    url = admin_url("networks_organization_change", organization.pk)
    data = form_data(client.get(url)) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""


class TestEveryEditIsRecorded:
    def test_every_directory_model_has_a_history(self):
        for model in DIRECTORY_MODELS:
            assert hasattr(model, "history"), model

    def test_a_change_records_who_when_and_the_old_and_new_values_in_both_languages(
        self, client, seeded, editor
    ):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        old_ar = organization.name_ar
        edit_in_admin(client, organization, name_ar="اسم جديد", name_en="A new name")

        latest, previous = organization.history.all()[:2]
        assert (latest.history_type, latest.history_user) == ("~", editor)
        changes = {c.field: (c.old, c.new) for c in latest.diff_against(previous).changes}
        assert changes["name_ar"] == (old_ar, "اسم جديد")
        assert changes["name_en"][1] == "A new name"

        page = client.get(admin_url("networks_organization_history", organization.pk)).content.decode()
        assert "editor" in page
        assert "اسم جديد" in page  # the History page shows what changed

    def test_creation_and_deletion_are_recorded(self, client, editor):
        cause = Cause.objects.create(slug="new-cause", name_ar="قضية", name_en="A cause")
        cause.delete()
        assert [r.history_type for r in Cause.history.filter(slug="new-cause")] == ["-", "+"]

    def test_a_change_of_places_or_causes_is_recorded(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        before = organization.history.count()
        data = form_data(client.get(admin_url("networks_organization_change", organization.pk)))
        data["causes"] = [str(Cause.objects.get(slug="legal-aid").pk)]
        client.post(admin_url("networks_organization_change", organization.pk), data)
        latest = organization.history.first()
        assert organization.history.count() > before
        assert {m.cause.slug for m in latest.causes.all()} == {"legal-aid"}


class TestTheHistoryTellsTheTruth:
    """The audit's case: editing only an organization's two names was listed as changes to its Description,
    to "Name: Arabic → English", and "None" for translations nobody touched."""

    def changes_listed(self, client, organization) -> list[dict]:
        response = client.get(admin_url("networks_organization_history", organization.pk))
        latest = response.context["page_obj"][0]
        return [{key: str(value) for key, value in change.items()} for change in latest.history_delta_changes]

    def test_a_version_lists_only_the_fields_that_changed_per_language(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        old_ar, old_en = organization.name_ar, organization.name_en
        edit_in_admin(client, organization, name_ar="اسم جديد", name_en="A new name")
        assert self.changes_listed(client, organization) == [
            {"field": "Name [ar]", "old": old_ar, "new": "اسم جديد"},
            {"field": "Name [en]", "old": escape(old_en), "new": "A new name"},  # as the page shows it
        ]

    def test_an_empty_translation_left_empty_is_no_change(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        Organization.objects.filter(pk=organization.pk).update(slogan_en=None)
        organization.history.filter(pk=organization.history.first().pk).update(slogan_en=None)
        edit_in_admin(client, organization, name_en="A new name")  # the form sends slogan_en as ""
        assert [change["field"] for change in self.changes_listed(client, organization)] == ["Name [en]"]


class TestRestoringAnEarlierVersion:
    def test_a_revert_says_it_is_one(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        original = organization.history.first()
        edit_in_admin(client, organization, name_en="A mistaken name")
        url = admin_url("networks_organization_simple_history", organization.pk, original.history_id)
        assert client.post(url, form_data(client.get(url))).status_code == 302
        reason = organization.history.first().history_change_reason
        when = timezone.localtime(original.history_date).strftime("%Y-%m-%d %H:%M")
        assert reason == f"Reverted to the version of {when} by {editor.get_username()}"
        page = client.get(admin_url("networks_organization_history", organization.pk)).content.decode()
        assert reason in page

    def test_staff_revert_to_an_earlier_version_from_the_history(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        original = organization.history.first()
        edit_in_admin(client, organization, name_en="A mistaken name")
        assert Organization.objects.get(pk=organization.pk).name_en == "A mistaken name"

        url = admin_url("networks_organization_simple_history", organization.pk, original.history_id)
        form = client.get(url)
        assert form.status_code == 200
        assert form.context["adminform"].form.initial["name_en"] == original.name_en
        response = client.post(url, form_data(form))
        assert response.status_code == 302

        restored = Organization.objects.get(pk=organization.pk)
        assert (restored.name_en, restored.name_ar) == (original.name_en, original.name_ar)
        assert restored.search_text  # derived fields are recomputed on revert
        assert restored.history.first().history_user == editor


class TestRetiringInsteadOfDeleting:
    def test_an_organization_with_branches_members_or_citations_cannot_be_deleted(self, seeded):
        for slug in ("inlw", "inlw-morocco", "defenders-libya"):  # branches; members; citations
            with pytest.raises(ProtectedError):
                Organization.objects.get(slug=slug).delete()

    def test_the_admin_refuses_and_says_why(self, client, editor):
        organization = make_organization()
        make_membership(organization=organization)
        client.force_login(editor)
        url = admin_url("networks_organization_delete", organization.pk)
        page = client.get(url)
        assert "would require deleting the following protected related objects" in page.content.decode()
        client.post(url, {"post": "yes"})
        assert Organization.objects.filter(pk=organization.pk).exists()

    def test_retiring_is_a_status_the_public_does_not_see(self, client, seeded, editor):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        edit_in_admin(client, organization, status=Organization.Status.HIDDEN)
        client.logout()
        assert client.get("/en/organizations/defenders-libya/").status_code == 404
        assert Organization.objects.get(pk=organization.pk).history.first().status == "hidden"
