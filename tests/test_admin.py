"""The staff's admin: every model editable, in Arabic (RTL) and English, by the right people only."""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.contrib.auth.models import Group
from django.forms import ModelChoiceField
from django.utils import translation
from django.utils.html import escape

from networks import models as directory
from networks.models import Goal, Organization
from tests.admin_helpers import admin_url, form_data
from tests.builders import make_organization, make_source

pytestmark = pytest.mark.django_db

DIRECTORY_MODELS = [m for m in admin.site._registry if m._meta.app_label == "networks"]


class TestEveryModelIsEditable:
    def test_all_directory_models_are_registered(self):
        from django.apps import apps

        registered = set(DIRECTORY_MODELS)
        inline_only = {
            "EventOrganization",
            "Participation",
        }  # edited inside events and organizations
        for model in directory.DIRECTORY_MODELS:
            assert model in registered or model.__name__ in inline_only, model
        # Every model of the app is directory content, the edit history of one, derived from it, or the
        # editors' review of it.
        historical = {
            m for m in apps.get_app_config("networks").get_models() if m.__name__.startswith("Historical")
        }
        assert set(apps.get_app_config("networks").get_models()) == set(
            directory.DIRECTORY_MODELS
        ) | historical | set(directory.DERIVED_MODELS) | set(directory.REVIEW_MODELS)

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_every_changelist_add_and_change_page_opens(self, client, superuser, seeded, language):
        client.force_login(superuser)
        for model in DIRECTORY_MODELS:
            name = f"{model._meta.app_label}_{model._meta.model_name}"
            assert client.get(admin_url(f"{name}_changelist", language=language)).status_code == 200
            assert client.get(admin_url(f"{name}_add", language=language)).status_code == 200
            row = model.objects.first()
            assert row is not None, f"the seeds have no {model.__name__}"
            response = client.get(admin_url(f"{name}_change", row.pk, language=language))
            assert response.status_code == 200, model

    def test_the_organizations_list_shows_the_five_source_organizations_and_their_parents(
        self, client, superuser, seeded
    ):
        client.force_login(superuser)
        response = client.get(admin_url("networks_organization_changelist"))
        page = response.content.decode()
        for slug in [
            "inlw-morocco",
            "inlw",
            "maghreb-womens-coalition",
            "global-womens-coalition-quds-palestine",
            "haraki-women-beni-mellal-khenifra",
            "haraki-women",
            "popular-movement",
            "defenders-libya",
            "participatory-democracy-coalition",
        ]:
            with translation.override("en"):
                assert escape(Organization.objects.get(slug=slug).name) in page, slug

    def test_list_search_finds_an_organization_by_its_arabic_name(self, client, superuser, seeded):
        client.force_login(superuser)
        response = client.get(admin_url("networks_organization_changelist"), {"q": "مدافعات"})
        assert list(response.context["cl"].result_list) == [Organization.objects.get(slug="defenders-libya")]


class TestBothLanguages:
    def test_the_arabic_admin_is_right_to_left(self, client, superuser):
        client.force_login(superuser)
        page = client.get(admin_url("index", language="ar")).content.decode()
        assert 'dir="rtl"' in page
        assert 'lang="ar"' in page

    def test_the_english_admin_is_left_to_right(self, client, superuser):
        client.force_login(superuser)
        page = client.get(admin_url("index", language="en")).content.decode()
        assert 'dir="ltr"' in page

    @pytest.mark.parametrize(
        ("language", "names"),
        [
            ("ar", ["الدليل", "المصادقة والتفويض", "إقفال تسجيل الدخول"]),
            ("en", ["Directory", "Authentication and Authorization", "Login lockouts"]),
        ],
    )
    def test_the_index_starts_with_the_directory_and_names_every_app_in_its_language(
        self, client, superuser, language, names
    ):
        client.force_login(superuser)
        response = client.get(admin_url("index", language=language))
        assert [str(app["name"]) for app in response.context["app_list"]] == names

    def test_translated_fields_are_edited_as_language_tabs_with_local_scripts(
        self, client, superuser, seeded
    ):
        client.force_login(superuser)
        organization = Organization.objects.get(slug="defenders-libya")
        response = client.get(admin_url("networks_organization_change", organization.pk))
        page = response.content.decode()
        assert 'name="name_ar"' in page and 'name="name_en"' in page
        assert "tabbed_translation_fields.js" in page
        assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
        assert "googleapis" not in page and "cdn" not in page.lower()

    def test_an_organizations_cited_facts_are_on_their_own_lists_linked_from_its_page(
        self, client, superuser, seeded
    ):
        client.force_login(superuser)
        organization = Organization.objects.get(slug="maghreb-womens-coalition")
        response = client.get(admin_url("networks_organization_change", organization.pk))
        inlines = {f.formset.model.__name__ for f in response.context["inline_admin_formsets"]}
        assert inlines == {"EventOrganization"}
        page = response.content.decode()
        goals = admin_url("networks_goal_changelist") + f"?organization__id__exact={organization.pk}"
        assert f'<a href="{goals}">Goals</a> (19)' in page  # 9 objectives, 4 means, 6 sources of strength
        listed = client.get(goals)
        assert listed.context["cl"].result_count == 19
        add = client.get(admin_url("networks_goal_add") + f"?organization={organization.pk}")
        assert add.context["adminform"].form.initial["organization"] == str(organization.pk)
        relations = admin_url("networks_relation_changelist") + f"?subject__id__exact={organization.pk}"
        assert f'href="{relations}"' in page

    def test_every_foreign_key_is_an_autocomplete(self, rf, superuser):
        request = rf.get("/")
        request.user = superuser
        checked = 0
        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label != "networks":
                continue
            forms = [model_admin.get_form(request)]
            forms += [i.get_formset(request).form for i in model_admin.get_inline_instances(request)]
            for form in forms:
                for name, field in form.base_fields.items():
                    if isinstance(field, ModelChoiceField):
                        widget = getattr(field.widget, "widget", field.widget)
                        assert isinstance(widget, AutocompleteMixin), (form, name)
                        checked += 1
        assert checked > 40


class TestEditors:
    def test_an_editor_can_edit_an_organization(self, client, editor, seeded):
        client.force_login(editor)
        organization = Organization.objects.get(slug="defenders-libya")
        url = admin_url("networks_organization_change", organization.pk)
        response = client.get(url)
        assert response.status_code == 200
        data = form_data(response)
        data["slogan_en"] = "Defending your rights is our duty"
        response = client.post(url, data)
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors
        organization.refresh_from_db()
        assert organization.slogan_en == "Defending your rights is our duty"

    @pytest.mark.parametrize("name", ["auth_user_changelist", "auth_group_changelist", "auth_user_add"])
    def test_an_editor_cannot_open_users_or_groups(self, client, editor, name):
        client.force_login(editor)
        assert client.get(admin_url(name)).status_code == 403

    def test_the_editors_group_holds_directory_permissions_only(self):
        permissions = Group.objects.get(name="Editors").permissions.all()
        assert {p.content_type.app_label for p in permissions} == {"networks"}
        assert permissions.filter(codename="change_organization").exists()

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, client):
        response = client.get(admin_url("networks_organization_changelist"))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


class TestFactsNeedASource:
    def test_a_goal_without_a_source_is_a_form_error(self, client, superuser):
        client.force_login(superuser)
        organization = make_organization()
        response = client.post(
            admin_url("networks_goal_add"),
            {
                "organization": organization.pk,
                "kind": "means",
                "order": 1,
                "text_ar": "هدف",
                "quote": "",
            },
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "source" in errors and "quote" in errors
        assert not Goal.objects.exists()

    def test_a_goal_with_its_source_and_quote_is_saved(self, client, superuser):
        client.force_login(superuser)
        organization, source = make_organization(), make_source()
        response = client.post(
            admin_url("networks_goal_add"),
            {
                "organization": organization.pk,
                "kind": "means",
                "order": 1,
                "text_ar": "هدف",
                "source": source.pk,
                "quote": "نص المصدر",
                "derivation": "stated",
            },
        )
        assert response.status_code == 302
        assert Goal.objects.get().source == source
