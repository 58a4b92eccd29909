from io import StringIO
from itertools import groupby
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings
from django.utils import translation

from networks.cache import directory_changed
from tests.shared import load_seeds_snapshot, rolled_back

# Tests never need the production hasher's million iterations (about a second per user created).
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def _exports_unlimited():
    """The suite exports far more than a visitor would, from one address and without always reading a stream
    to its end; tests/test_limits.py sets the limits it checks."""
    with override_settings(EXPORT_RATE="100000/minute", EXPORT_CONCURRENCY=100):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_dataset_built(tmp_path_factory):
    """No bulk dataset is built unless a test builds one: `make run` leaves one in var/dataset/, which the
    suite must not serve."""
    with override_settings(DATASET_ROOT=tmp_path_factory.mktemp("no-dataset")):
        yield


@pytest.fixture(scope="session")
def seeds_snapshot(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The database as `load_seeds` leaves it (edit history included), written once per session by
    `manage.py backup`: `loaddata` puts it back in a third of the time `load_seeds` takes."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.xml"
    with django_db_blocker.unblock(), rolled_back():
        call_command("load_seeds", stdout=StringIO())
        call_command("backup", str(path), stdout=StringIO())
    return path


@pytest.fixture(scope="module")
def _seeds_for_module(seeds_snapshot, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back():
        load_seeds_snapshot(seeds_snapshot)
        yield


@pytest.fixture
def seeded(_seeds_for_module, db):
    """The database with the five sources loaded, as `make run` has it: loaded once per module, and each
    test's own writes rolled back after it."""


@pytest.fixture(autouse=True)
def _transactional_tests_commit(request):
    """A transactional test (one that needs committed rows: another connection, a server) must not run
    inside the outer transaction of rows shared by its module or class (`shared.rolled_back`): its writes
    would never be committed, and another connection would not see them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and any(connections[alias].in_atomic_block for alias in connections):
        pytest.fail(
            "a transactional test runs inside rows shared by its module or class (tests/shared.py): "
            "move it to a module of its own"
        )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the test before it left active (a request
    activates its language and keeps it), so that no test depends on the order the files run in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_directory_version():
    """Each test starts with a new directory version: the rollback after a test takes back its writes
    without the signals that replace the version, so data kept for that version (cache.kept, cache.held)
    would otherwise describe rows that are gone."""
    directory_changed()


# Fixtures whose rows are built once for a module or class and shared by its tests.
SHARED_ROWS = ("generated", "seeded")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module, the tests that use shared rows run after the others (those of `seeded`, which
    stay for the rest of the module, last), so that no test sees rows it did not ask for. Only a module's
    own tests move: the order of modules, which pytest-django sets, is kept."""

    def shared_rows_used(item) -> int:
        return max(
            (SHARED_ROWS.index(name) + 1 for name in item.fixturenames if name in SHARED_ROWS), default=0
        )

    reordered = []
    for _, group in groupby(items, key=lambda item: item.path):
        reordered += sorted(group, key=shared_rows_used)
    items[:] = reordered


@pytest.fixture
def editor(db):
    """A staff user in the Editors group (created by migration 0003)."""
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password="pw-admin-1")
