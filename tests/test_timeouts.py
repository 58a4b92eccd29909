"""No query outlives its request: a statement past the timeout is stopped, and the visitor gets a page that
says so (503), on both databases."""

import time

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL

from networks import exports, views
from tests.builders import make_organization

# A statement that takes seconds on either database.
SLOW = {
    "postgresql": "SELECT 1 FROM pg_sleep(5)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
    "SELECT max(i) FROM n",
}


def statement_timeout(settings, seconds: float) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = seconds
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what settings.py passes when connecting; undone by the rollback
            cursor.execute(f"SET statement_timeout = {round(seconds * 1000)}")


@pytest.fixture
def slow_list(monkeypatch, db, settings):
    """The organizations list, made to run a statement of several seconds, under a 0.3 s timeout."""
    make_organization()
    statement_timeout(settings, 0.3)
    slow = RawSQL(f"({SLOW[connection.vendor]})", [])
    rows = views.OrganizationListView.page_rows
    monkeypatch.setattr(views.OrganizationListView, "page_rows", lambda self: rows(self).annotate(slow=slow))


def test_a_statement_past_the_timeout_answers_a_page_saying_so(client, slow_list):
    response = client.get("/en/organizations/")
    assert response.status_code == 503
    assert "This took too long" in response.content.decode()
    assert response["Retry-After"]


# A statement of a few hundredths of a second on either database.
SHORT = {
    "postgresql": "SELECT pg_sleep(0.03)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
    "SELECT max(i) FROM n",
}


@pytest.fixture
def long_export(monkeypatch, db, settings):
    """The CSV export, made to read for 0.9 s in short statements first, under a 0.3 s statement timeout."""
    make_organization()
    statement_timeout(settings, 0.3)
    csv_file = exports.csv_file

    def long_csv_file(rows, table):
        started = time.monotonic()
        while time.monotonic() - started < 0.9:
            with connection.cursor() as cursor:
                cursor.execute(SHORT[connection.vendor])
        return csv_file(rows, table)

    monkeypatch.setattr(exports, "csv_file", long_csv_file)


def test_an_export_of_many_short_statements_outlasts_the_requests_timeout(client, long_export):
    response = client.get("/en/organizations/export.csv")
    assert response.status_code == 200
    assert "Organization " in b"".join(response.streaming_content).decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL bounds each statement, not the export")
def test_on_sqlite_an_export_has_a_bound_of_its_own(client, long_export, settings):
    settings.EXPORT_TIMEOUT_SECONDS = 0.5
    response = client.get("/en/organizations/export.csv")
    assert response.status_code == 503
    assert "This took too long" in response.content.decode()


def test_without_a_timeout_nothing_is_cut(settings, db):
    settings.DATABASE_STATEMENT_TIMEOUT = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
            "SELECT max(i) FROM n"
        )
        assert cursor.fetchone()[0] == 200000


def test_the_servers_set_one_and_commands_do_not(monkeypatch):
    import importlib
    import os

    monkeypatch.delenv("DJANGO_STATEMENT_TIMEOUT", raising=False)
    importlib.reload(importlib.import_module("directory.wsgi"))
    assert float(os.environ["DJANGO_STATEMENT_TIMEOUT"]) > 0
