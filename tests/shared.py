"""Rows shared by the tests of a module or class, built once instead of once per test."""

from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections, transaction

from networks.search import documents as search_documents


@contextmanager
def rolled_back():
    """An outer transaction on every database, rolled back at the end. Rows written inside it are shared
    by the tests of a module or class (pytest-django runs each test in a savepoint within it) and are gone
    afterwards."""
    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(transaction.atomic(using=alias))
        yield
        for alias in connections:
            transaction.set_rollback(True, using=alias)


def load_seeds_snapshot(path: Path) -> None:
    """Load the `seeds_snapshot` fixture's file (conftest.py) as `restore` does, search index included.
    Content types are looked up afresh: a test that flushed the database (test_backup) leaves ids in their
    cache that its rollback took away."""
    ContentType.objects.clear_cache()
    call_command("loaddata", str(path), verbosity=0)
    search_documents.rebuild()  # derived data: not in a backup
