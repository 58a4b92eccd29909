"""What the admin tests share (the staff users are fixtures in conftest.py)."""

from django.urls import reverse
from django.utils import translation


def admin_url(name, *args, language="en"):
    """An admin URL under its language prefix: /en/admin/… or /ar/admin/…."""
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def form_data(response) -> dict:
    """The POST data an unchanged submit of an admin change form would send."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            else:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):  # none on a history version
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def log_in(page, base_url, language="en"):
    """In a browser (Playwright's `page`), log in as the `superuser` fixture; lands on the admin's index."""
    page.goto(base_url + admin_url("login", language=language))
    page.fill("#id_username", "admin")
    page.fill("#id_password", "pw-admin-1")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    assert page.url == base_url + admin_url("index", language=language)
