"""Exports are fair (networks/limits.py): a rate per client and a cap on the exports running at once, each a
429 with Retry-After that points to the bulk dataset; a slot is freed however its export ends."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import close_old_connections

from networks import limits
from tests.test_settings import run_settings

pytestmark = pytest.mark.django_db

CSV = "/en/organizations/export.csv"


@pytest.fixture(autouse=True)
def _empty_counters():
    cache.clear()
    yield
    cache.clear()


def read(response) -> bytes:
    """The whole body: the test client closes a streamed response once it is read, as a server would."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def close(response) -> None:
    """Close the response as the server does when a client goes away, without the request_finished signal
    closing the test's database connection (the test client keeps it open the same way)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


class TestRatePerClient:
    @pytest.fixture(autouse=True)
    def _mid_window(self, monkeypatch):
        """The clock held halfway through a minute, so that no window ends between two requests of a test."""
        monkeypatch.setattr(limits.time, "time", lambda: 1_000_000_050.0)  # 30 s into a minute

    def test_past_the_rate_a_client_gets_a_429_that_says_when_and_where(self, client, seeded, settings):
        settings.EXPORT_RATE = "3/minute"
        for _ in range(3):
            assert client.get(CSV).status_code == 200
        refused = client.get(CSV)
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 60
        html = refused.content.decode()
        assert "Try again in" in html and 'href="/en/data/"' in html

    def test_another_client_has_its_own_bucket(self, client, seeded, settings):
        settings.EXPORT_RATE = "1/minute"
        assert client.get(CSV, REMOTE_ADDR="192.0.2.1").status_code == 200
        assert client.get(CSV, REMOTE_ADDR="192.0.2.1").status_code == 429
        assert client.get(CSV, REMOTE_ADDR="192.0.2.2").status_code == 200

    def test_a_forged_forwarded_address_does_not_make_a_new_bucket(self, client, seeded, settings):
        settings.EXPORT_RATE = "1/minute"
        settings.CLIENT_IP_HEADER = None  # directly on the internet: the header is not trusted
        assert client.get(CSV).status_code == 200
        for forged in ("10.0.1.1", "10.0.2.2"):
            assert client.get(CSV, HTTP_X_FORWARDED_FOR=forged).status_code == 429

    def test_the_pages_are_not_counted(self, client, seeded, settings):
        settings.EXPORT_RATE = "1/minute"
        for _ in range(3):
            assert client.get("/en/organizations/").status_code == 200
        assert client.get(CSV).status_code == 200

    def test_a_rate_badly_written_is_refused_at_start(self):
        result = run_settings("EXPORT_RATE", DJANGO_DEBUG="1", DJANGO_EXPORT_RATE="twenty")
        assert result.returncode != 0 and "DJANGO_EXPORT_RATE='twenty'" in result.stderr
        assert (
            run_settings("EXPORT_RATE", DJANGO_DEBUG="1", DJANGO_EXPORT_RATE="5/hour").stdout.strip()
            == "5/hour"
        )
        assert limits.parse_rate("5/hour") == (5, 3600)


class TestExportsAtOnce:
    def test_when_every_slot_is_taken_an_export_waits(self, client, seeded, settings):
        settings.EXPORT_CONCURRENCY = 2
        taken = [limits.take_slot(), limits.take_slot()]
        assert None not in taken and limits.take_slot() is None
        refused = client.get("/ar/organizations/export.json")
        assert refused.status_code == 429 and refused["Retry-After"] == "30"
        limits.free_slot(taken[0])
        assert client.get("/ar/organizations/export.json").status_code == 200

    @pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
    def test_an_export_frees_its_slot_when_it_ends(self, client, seeded, settings, fmt):
        settings.EXPORT_CONCURRENCY = 1
        response = client.get(f"/en/organizations/export.{fmt}")
        assert response.status_code == 200
        read(response)
        assert limits.take_slot() is not None

    def test_a_stream_closed_before_its_end_frees_its_slot(self, client, seeded, settings):
        # The JSON streams; the CSV and XLSX are written whole first, their slot freed once written.
        settings.EXPORT_CONCURRENCY = 1
        response = client.get("/en/organizations/export.json")
        assert limits.take_slot() is None  # held while it streams
        close(response)  # the client went away
        assert limits.take_slot() is not None
