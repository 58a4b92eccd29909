"""Read replicas: public GET requests read from the "replica" database when one is configured and answers;
everything else, everything when none is configured, and every read while it does not answer, uses the
primary.

The replica here is a second connection to the test database (a reachable one), or one to a server or file
that is not there: a real failed connection on either database (SQLite cannot open a file in a directory that
does not exist; PostgreSQL finds nobody listening on the port). devtools/scaleout/run does the same against a
real streaming replica.
"""

import copy
import socket
import warnings
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from directory import routers
from directory.routers import REPLICA, PrimaryReplicaRouter, ReplicaReadsMiddleware
from networks.models import Organization
from tests.builders import make_organization

router = PrimaryReplicaRouter()
# Transactional: Django's test case would hold the replica's connection in a transaction of its own, which a
# lost connection must not be.
REPLICA_TESTS = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def database_read_by(request) -> str:
    """The database the router picks for a read made while the middleware handles `request`."""
    return ReplicaReadsMiddleware(lambda request: router.db_for_read(Organization))(request)


def unused_local_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])  # free again once closed: a connection there is refused


@pytest.fixture(scope="module", autouse=True)
def _replica_database(django_db_setup, django_db_blocker):
    """A "replica" alias for this module's tests: Django's test case lets a test use only the databases it
    declares, which must exist when it starts. A mirror of the test database (no transaction of its own)."""
    replica = copy.deepcopy(connections["default"].settings_dict)
    replica["TEST"] = {**replica["TEST"], "MIRROR": "default"}
    connections.settings[REPLICA] = replica
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Django warns that overriding DATABASES is unusual: it is a test
        overridden = override_settings(DATABASES={**settings.DATABASES, REPLICA: replica})
        overridden.enable()
    yield
    overridden.disable()
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture(autouse=True)
def _replica_not_known_away():
    routers._replica_away_until = 0.0  # a failure seen by an earlier test must not decide this one
    yield
    routers._replica_away_until = 0.0


@pytest.fixture
def replica_away():
    """The replica does not answer inside the block: a file in a directory that does not exist (SQLite), a
    port nobody listens on (PostgreSQL)."""

    @contextmanager
    def away():
        connection = connections[REPLICA]
        saved = copy.deepcopy(connection.settings_dict)
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-directory/replica.sqlite3"
        else:
            connection.settings_dict.update(HOST="127.0.0.1", PORT=unused_local_port())
        connection.close()  # after the change: Django keeps a connection to an in-memory database open
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(saved)

    return away


def test_without_a_replica_everything_reads_the_primary(rf, settings):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Django warns that overriding DATABASES is unusual: it is a test
        settings.DATABASES = {"default": settings.DATABASES["default"]}
    assert database_read_by(rf.get("/en/organizations/")) == "default"


@REPLICA_TESTS
def test_public_reads_go_to_the_replica(rf):
    assert database_read_by(rf.get("/en/organizations/")) == "replica"
    assert database_read_by(rf.head("/api/organizations/")) == "replica"


@REPLICA_TESTS
@pytest.mark.parametrize("request_for", ["post_public", "get_admin"])
def test_writes_and_the_admin_stay_on_the_primary(rf, request_for):
    request = rf.post("/en/organizations/") if request_for == "post_public" else rf.get("/en/admin/")
    assert database_read_by(request) == "default"


def test_writes_and_migrations_always_go_to_the_primary():
    assert router.db_for_write(Organization) == "default"
    assert router.allow_migrate("default", "networks") and not router.allow_migrate("replica", "networks")


@REPLICA_TESTS
def test_outside_a_request_reads_use_the_primary():
    assert router.db_for_read(Organization) == "default"  # management commands, the shell


@REPLICA_TESTS
def test_a_public_page_reads_nothing_from_the_primary(client):
    """Its raw SQL too: the facet index and the full-text search are read outside the ORM's querysets."""
    make_organization(name_en="Searched for")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get("/en/organizations/?q=searched")
    assert response.status_code == 200
    assert "Searched for" in response.content.decode()
    assert replica.captured_queries
    assert [query["sql"] for query in primary.captured_queries] == []


@REPLICA_TESTS
def test_public_pages_read_the_primary_while_the_replica_does_not_answer(client, replica_away, caplog):
    organization = make_organization(name_en="Read from the primary")
    with replica_away():
        for path in ("/en/organizations/", f"/en/organizations/{organization.slug}/", "/api/organizations/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert "Read from the primary" in response.content.decode(), path
    assert "The read replica does not answer" in caplog.text


@REPLICA_TESTS
def test_the_replica_is_tried_again_after_a_while(rf, replica_away, monkeypatch):
    with replica_away():
        assert database_read_by(rf.get("/en/")) == "default"

    # Back, but not asked again until RETRY_SECONDS have passed: a replica that is away costs one attempt.
    assert database_read_by(rf.get("/en/")) == "default"
    now = routers.time.monotonic()
    monkeypatch.setattr(routers.time, "monotonic", lambda: now + routers.RETRY_SECONDS + 1)
    assert database_read_by(rf.get("/en/")) == "replica"
