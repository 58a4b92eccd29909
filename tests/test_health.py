"""What the site does about its database (networks/health.py): /healthz says whether it is reachable, every
page answers a friendly 503 while it is away, and the site comes back by itself when it returns. Also the
error pages, which must render without the database.

Runs on SQLite and on PostgreSQL (DATABASE_URL). On PostgreSQL the outage is real: the connection is closed
and reopened on a port nobody listens on. SQLite's in-memory test database cannot go away (Django ignores
close() on it, since closing would destroy it), so there the outage is simulated where a real one shows
itself: every attempt to use the connection fails with SQLite's own "unable to open database file".
"""

import re
import socket
import sqlite3
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError, connections
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from networks.health import DatabaseUnavailableMiddleware
from networks.models import Organization
from networks.views import OrganizationListView
from tests.admin_helpers import admin_url

# Closing the connection mid-test would break the transaction the `db` fixture wraps each test in.
pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/en/organizations/"


def unused_local_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: a connection there is refused


@contextmanager
def database_outage():
    """The default database is unreachable inside the block, and reachable again after it."""
    connection = connections["default"]
    if connection.vendor == "sqlite":

        def unreachable():
            with connection.wrap_database_errors:  # as Django reports a failed connection
                raise sqlite3.OperationalError("unable to open database file")

        with mock.patch.object(connection, "ensure_connection", unreachable):
            yield
        return

    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(unused_local_port()))
    try:
        yield
    finally:
        connection.settings_dict.update(saved)
        connection.close()  # nothing to close after a failed connect, but never leave a broken one


def test_the_outage_is_real_enough():
    """The helper above does cut the database off, and gives it back."""
    with database_outage(), pytest.raises(OperationalError):
        Organization.objects.count()
    assert Organization.objects.count() == 0


def test_healthz_says_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_the_site_answers_503_while_the_database_is_away_and_recovers_by_itself(client):
    assert client.get(PAGE).status_code == 200

    with database_outage():
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health["Content-Type"] == "text/plain; charset=utf-8"

        page = client.get(PAGE)
        assert page.status_code == 503
        assert page["Retry-After"] == "30"
        assert page["Content-Type"].startswith("text/html")
        html = page.content.decode()
        assert '<html lang="en" dir="ltr">' in html
        assert "<h1>Temporarily unavailable</h1>" in html
        assert "Traceback" not in html
        assert "OperationalError" not in html

    # Same client, same process, nothing restarted: Django reconnects on the next query.
    assert client.get(PAGE).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_the_503_page_is_in_the_language_of_the_request(client):
    with database_outage():
        response = client.get("/ar/organizations/")
    assert response.status_code == 503
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_staff_pages_answer_503_too(client, superuser):
    client.force_login(superuser)  # the session is written before the outage; reading it then fails
    with database_outage():
        response = client.get(admin_url("index"))
    assert response.status_code == 503
    assert client.get(admin_url("index")).status_code == 200


def test_only_a_lost_database_is_a_503():
    """Other errors, database ones included, stay errors: a bug must not hide behind "try again later"."""
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get(PAGE)
    assert middleware.process_exception(request, ValueError("a bug")) is None
    assert middleware.process_exception(request, IntegrityError("a broken rule")) is None
    assert middleware.process_exception(request, OperationalError("gone")).status_code == 503


# --- Error pages ---------------------------------------------------------------------------------------


def other_language(language: str) -> str:
    return "en" if language == "ar" else "ar"


def assert_the_site_header(html: str, language: str, switch_to: str) -> None:
    """The page has the site's navigation, its search form and a language switch leading to `switch_to`."""
    assert '<nav class="site-nav"' in html
    assert f'href="/{language}/people/"' in html
    assert f'<form class="site-search" action="/{language}/organizations/" method="get" role="search"' in html
    assert '<input id="site-q" type="search" name="q"' in html
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    assert f'<a href="{switch_to}" lang="{other_language(language)}"' in switch


ERROR_TEMPLATES = [
    "400.html",
    "403.html",
    "403_csrf.html",
    "404.html",
    "500.html",
    "503.html",
    "lockout.html",
]


@pytest.mark.parametrize("template", ERROR_TEMPLATES)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_error_pages_render_without_the_database_or_a_request(template, language, django_assert_num_queries):
    """Django renders 400.html and 500.html without a request; 503.html is shown when there is no database."""
    with translation.override(language), django_assert_num_queries(0):
        html = render_to_string(template)
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "<h1>" in html
    assert_the_site_header(html, language, switch_to=f"/{other_language(language)}/")
    # Nothing the Content-Security-Policy would refuse.
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_an_unknown_page_is_the_friendly_404(client):
    response = client.get("/en/organizations/no-such-organization/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_a_refused_form_is_the_friendly_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(admin_url("login"), {"username": "admin", "password": "x"})
    assert response.status_code == 403
    assert "<h1>The form could not be sent</h1>" in response.content.decode()


@override_settings(DEBUG=False)  # as in production: debug mode shows Django's technical 404 instead
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_404_page_has_the_navigation_the_search_and_the_language_switch(client, language):
    """On an address that is no page, the switch leads to the other language's home page; on a page that
    exists but not for this object, to the same address in the other language."""
    other = other_language(language)
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert_the_site_header(response.content.decode(), language, switch_to=f"/{other}/")

    response = client.get(f"/{language}/organizations/no-such-organization/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_the_site_header(html, language, switch_to=f"/{other}/organizations/no-such-organization/")
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="alternate"' not in html  # no alternates for a page that is not there


@override_settings(DEBUG=False)  # as in production: debug mode shows the traceback instead
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_500_page_has_the_navigation_the_search_and_the_language_switch_without_the_database(language):
    """Django renders 500.html without a request; here the database is away too."""
    client = Client(raise_request_exception=False)
    failing = mock.patch.object(OrganizationListView, "get", side_effect=RuntimeError("a bug"))
    with database_outage(), failing:
        response = client.get(f"/{language}/organizations/")
    assert response.status_code == 500
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "a bug" not in html and "RuntimeError" not in html
    assert_the_site_header(html, language, switch_to=f"/{other_language(language)}/")


def test_an_outage_logs_a_line_per_request_and_a_traceback_at_most_once_a_minute(client, caplog, monkeypatch):
    """The audit's case: every request of an outage logged a whole traceback (866 in 9 s)."""
    clock = [1000.0]
    monkeypatch.setattr("networks.health.monotonic", lambda: clock[0])
    monkeypatch.setattr("networks.health._last_traceback", [float("-inf")])  # whatever ran before
    with database_outage():
        for _ in range(5):
            assert client.get(PAGE).status_code == 503
        clock[0] += 61
        assert client.get(PAGE).status_code == 503
    lines = [
        r for r in caplog.records if r.name == "networks.health" and "Database unavailable" in r.getMessage()
    ]
    assert len(lines) == 6
    assert [bool(r.exc_info) for r in lines] == [True, False, False, False, False, True]
    assert all(PAGE in record.getMessage() for record in lines)
