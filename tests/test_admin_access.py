"""Who may open what in the admin: every admin URL, walked as an anonymous visitor, an editor and a superuser.

The URLs are read from the admin site itself, so a model or view added later is walked too (and the test
fails until its expectation is known). Expectations:
- anonymous visitors are sent to the login page from everywhere (the login page itself opens);
- editors (the Editors group) open everything about directory content, and get 403 on users, groups and
  login lockouts (and 404 on those apps' index pages, as Django's admin does);
- superusers open everything (but cannot add login lockouts by hand).
"""

import pytest
from axes.models import AccessFailureLog
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, reverse
from django.utils import translation

from networks.models import Organization

pytestmark = pytest.mark.django_db

DIRECTORY_APP = "networks"
# Views that are not pages: logout is POST only; process_import is the POST that confirms an import.
NOT_PAGES = {"logout"}


def named_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from named_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


def model_admin_for(name: str):
    """The ModelAdmin a URL name such as `networks_organization_change` belongs to, or None."""
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model, model_admin
    return None, None


def url_for(name: str, superuser) -> str:
    """A URL for the pattern `name`, its arguments taken from rows of the database."""
    model, _ = model_admin_for(name)
    organization = Organization.objects.get(slug="inlw-morocco")
    with translation.override("en"):
        if name == "app_list":
            raise AssertionError("app_list is walked per app")
        if name == "view_on_site":
            return reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Organization).pk, organization.pk],
            )
        if name == "autocomplete":
            return (
                reverse("admin:autocomplete")
                + "?app_label=networks&model_name=organization&field_name=parent"
            )
        if name == "auth_user_password_change":
            return reverse(f"admin:{name}", args=[superuser.pk])
        one_row = ("_simple_history", "_change", "_delete", "_history", "_workbench", "_workbench_check")
        if model is None or not name.endswith(one_row):
            return reverse(f"admin:{name}")
        row = model.objects.order_by("pk").first()
        assert row is not None, f"no {model.__name__} row to open {name} with"
        if name.endswith("_simple_history"):
            return reverse(f"admin:{name}", args=[row.pk, row.history.first().history_id])
        return reverse(f"admin:{name}", args=[row.pk])


def expected(name: str, role: str) -> int:
    model, _ = model_admin_for(name)
    directory = model is not None and model._meta.app_label == DIRECTORY_APP
    if role == "anonymous":
        return 200 if name == "login" else 302
    if name == "login":
        return 302  # already logged in: on to the admin index
    if name == "view_on_site":
        return 302  # to the public page
    if name.endswith("_process_import") or name == "review_confirm":
        return 405  # a POST confirming a previewed import, or a fact in the review queue; never a page
    if name.endswith("_workbench_check"):
        return 405  # the source workbench's check of a quote, posted by its script; never a page
    if role == "editor" and model is not None and not directory:
        return 403
    if model is not None and model._meta.app_label == "axes" and name.endswith("_add"):
        return 403  # login lockouts are recorded by axes, never added by hand
    return 200


@pytest.fixture
def people_with_roles(client, seeded, editor, superuser):
    # Every model of the admin has a row: a failed and a successful login fill the lockout tables.
    client.post(reverse("admin:login"), {"username": "somebody", "password": "wrong"})
    client.post(reverse("admin:login"), {"username": "editor", "password": "pw-editor-1"})
    client.logout()
    AccessFailureLog.objects.create(
        username="somebody", ip_address="127.0.0.1", user_agent="test", path_info="/"
    )
    return {"anonymous": None, "editor": editor, "superuser": superuser}


@pytest.mark.parametrize("role", ["anonymous", "editor", "superuser"])
def test_every_admin_url_opens_only_for_those_allowed(client, people_with_roles, superuser, role):
    user = people_with_roles[role]
    if user is not None:
        client.force_login(user)
    names = sorted(set(named_patterns(admin.site.urls[0])) - NOT_PAGES - {"app_list"})
    assert len(names) > 100, "the walk must see the whole admin"
    wrong = {}
    for name in names:
        url = url_for(name, superuser)
        status = client.get(url).status_code
        if status != expected(name, role):
            wrong[name] = (url, status, expected(name, role))
    assert wrong == {}


@pytest.mark.parametrize(
    ("role", "app", "status"),
    [
        ("anonymous", "networks", 302),
        ("editor", "networks", 200),
        ("editor", "auth", 404),
        ("editor", "axes", 404),
        ("superuser", "auth", 200),
        ("superuser", "axes", 200),
    ],
)
def test_app_index_pages(client, people_with_roles, role, app, status):
    user = people_with_roles[role]
    if user is not None:
        client.force_login(user)
    with translation.override("en"):
        url = reverse("admin:app_list", args=[app])
    assert client.get(url).status_code == status


def test_staff_without_a_group_see_no_content(client, seeded):
    staff = User.objects.create_user("staff", password="pw-staff-1", is_staff=True)
    client.force_login(staff)
    with translation.override("en"):
        assert client.get(reverse("admin:networks_organization_changelist")).status_code == 403
        assert client.get(reverse("admin:networks_organization_add")).status_code == 403
