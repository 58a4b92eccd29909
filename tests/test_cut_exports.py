"""An export never lies: when the database goes away in the middle of one, the client can tell the file
it got from a whole one, and the server logs the failure."""

import csv
import dataclasses
import io
import json
import logging

import pytest
from django.db import OperationalError
from openpyxl import load_workbook

from networks import exports

pytestmark = pytest.mark.django_db

LIST_NAMES = sorted(exports.LISTS)
CUT_AFTER = 2  # rows read before the database goes away (each seeded list has more)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def failing_after(rows, count: int):
    """`rows`, until the database goes away after `count` of them (as psycopg reports a lost server)."""
    rows = iter(rows)
    for index, row in enumerate(rows):
        if index == count:
            # The real reader is closed first, its server-side cursor (PostgreSQL) with it, while the
            # test's transaction is still usable: a server gone away takes its cursors with it.
            rows.close()
            raise OperationalError("server closed the connection unexpectedly")
        yield row


@pytest.fixture
def cut(monkeypatch):
    """Every list's rows, as the CSV, XLSX and JSON read them, fail after CUT_AFTER rows."""
    for name, spec in exports.LISTS.items():
        replaced = dataclasses.replace(
            spec,
            table_rows=lambda qs, rows=spec.table_rows: failing_after(rows(qs), CUT_AFTER),
            json_records=lambda qs, redact, records=spec.records: failing_after(
                records(qs, redact), CUT_AFTER
            ),
        )
        monkeypatch.setitem(exports.LISTS, name, replaced)


def failures(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR and record.exc_info]


@pytest.mark.parametrize("list_name", LIST_NAMES)
class TestAWholeExportSaysSo:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_csv_and_xlsx_are_sent_with_their_length(self, client, seeded, list_name, fmt):
        response = client.get(f"/en/{list_name}/export.{fmt}")
        assert response.status_code == 200
        assert int(response["Content-Length"]) == len(body(response)) > 0

    def test_the_json_ends_with_its_row_count_and_complete(self, client, seeded, list_name):
        raw = body(client.get(f"/en/{list_name}/export.json")).decode()
        document = json.loads(raw)
        assert list(document)[-2:] == ["count", "complete"]
        assert document["complete"] is True
        assert document["count"] == len(document[list_name]) > CUT_AFTER
        assert raw.rstrip().endswith('"complete": true}')


@pytest.mark.parametrize("list_name", LIST_NAMES)
class TestACutExportCanBeToldFromAWholeOne:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_csv_and_xlsx_are_a_503_not_a_short_file(self, client, seeded, cut, caplog, list_name, fmt):
        response = client.get(f"/en/{list_name}/export.{fmt}")
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "Content-Disposition" not in response  # no file, so nothing to mistake for the data
        # Logged as the outage it looks like: a line (its traceback at most once a minute, health.py).
        assert [r for r in caplog.records if r.levelno >= logging.ERROR and r.name == "networks.health"]

    def test_the_json_lacks_its_end_and_the_server_logs_why(self, client, seeded, cut, caplog, list_name):
        response = client.get(f"/en/{list_name}/export.json")
        assert response.status_code == 200  # the answer had begun when the database went away
        raw = body(response).decode()
        assert raw.count("\n{") == CUT_AFTER  # the rows read before the failure, then nothing
        assert '"complete"' not in raw
        with pytest.raises(json.JSONDecodeError):
            json.loads(raw)
        assert "Traceback" not in raw and "<html" not in raw
        (record,) = failures(caplog)
        assert record.name == "networks.exports" and list_name in record.getMessage()


def test_the_whole_csv_still_reads_as_csv_and_the_xlsx_as_a_workbook(client, seeded):
    """Sent whole rather than streamed, the files are the same files."""
    content = body(client.get("/en/organizations/export.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows and rows[-1]["id"] and content.endswith("\r\n")
    workbook = load_workbook(io.BytesIO(body(client.get("/en/organizations/export.xlsx"))))
    assert workbook["data"].max_row == len(rows) + 1
