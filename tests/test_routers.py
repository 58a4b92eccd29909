"""Read replicas: public GET requests read from the "replica" database when one is configured; everything
else, and everything when none is, uses the primary."""

import warnings

import pytest

from directory.routers import PrimaryReplicaRouter, ReplicaReadsMiddleware
from networks.models import Organization

router = PrimaryReplicaRouter()


def database_read_by(request) -> str:
    """The database the router picks for a read made while the middleware handles `request`."""
    return ReplicaReadsMiddleware(lambda request: router.db_for_read(Organization))(request)


@pytest.fixture
def with_replica(settings):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Django warns that overriding DATABASES is unusual: it is a test
        settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}


def test_without_a_replica_everything_reads_the_primary(rf):
    assert database_read_by(rf.get("/en/organizations/")) == "default"


def test_public_reads_go_to_the_replica(rf, with_replica):
    assert database_read_by(rf.get("/en/organizations/")) == "replica"
    assert database_read_by(rf.head("/api/organizations/")) == "replica"


@pytest.mark.parametrize("request_for", ["post_public", "get_admin"])
def test_writes_and_the_admin_stay_on_the_primary(rf, with_replica, request_for):
    request = rf.post("/en/organizations/") if request_for == "post_public" else rf.get("/en/admin/")
    assert database_read_by(request) == "default"


def test_writes_and_migrations_always_go_to_the_primary():
    assert router.db_for_write(Organization) == "default"
    assert router.allow_migrate("default", "networks") and not router.allow_migrate("replica", "networks")


def test_outside_a_request_reads_use_the_primary(with_replica):
    assert router.db_for_read(Organization) == "default"  # management commands, the shell
