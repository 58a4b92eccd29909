"""No query outlives its request: a statement that runs longer than `DATABASE_STATEMENT_TIMEOUT` seconds is
stopped, and the visitor gets a page saying so (503, "try a narrower search") instead of a wait.

- PostgreSQL stops it itself: settings.py passes `-c statement_timeout=…` when connecting.
- SQLite has no such setting: a progress handler, called every few thousand steps of the virtual machine,
  interrupts the statement once the request's deadline has passed. `RequestDeadlineMiddleware` sets the
  deadline when a request starts and clears it when the view has answered (a streamed export then runs to
  its end, as on PostgreSQL, where each of its statements is short).

The timeout is 0 (none) unless set: the WSGI entry point sets it for the servers (`directory/wsgi.py`), so
management commands (backup, rebuild_search_index, the demo data) are never cut short.
"""

import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db.backends.signals import connection_created

_deadline = threading.local()
PROGRESS_STEPS = 20_000


def _past_deadline() -> int:
    deadline = getattr(_deadline, "at", None)
    return 1 if deadline is not None and time.monotonic() > deadline else 0


def install_sqlite_handler(sender, connection, **kwargs):
    """On every SQLite connection: outside a request with a deadline, the handler lets everything run."""
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(_past_deadline, PROGRESS_STEPS)


def is_timeout(exception: BaseException) -> bool:
    """Whether a database error is a statement stopped by the timeout (on either database)."""
    cause = exception.__cause__
    if type(cause).__name__ == "QueryCanceled":  # psycopg.errors.QueryCanceled
        return True
    return "interrupted" in str(exception)  # sqlite3.OperationalError from the progress handler


@contextmanager
def deadline(seconds: float):
    """Within the block, a SQLite statement is stopped `seconds` from now, or at the request's deadline if
    that comes first (an import's bound, `imports.Deadline`)."""
    previous = getattr(_deadline, "at", None)
    at = time.monotonic() + seconds
    _deadline.at = at if previous is None else min(previous, at)
    try:
        yield
    finally:
        _deadline.at = previous


@contextmanager
def export_deadline():
    """Within the block (a CSV or XLSX export, written whole before it is sent), a SQLite statement is
    stopped EXPORT_TIMEOUT_SECONDS after the block began rather than at the request's deadline: the export is
    many short statements, each of which PostgreSQL bounds by the statement timeout, and exports are few at
    a time (`limits.py`). Outside a request with a deadline, nothing changes."""
    previous = getattr(_deadline, "at", None)
    if previous is not None:
        _deadline.at = time.monotonic() + settings.EXPORT_TIMEOUT_SECONDS
    try:
        yield
    finally:
        _deadline.at = previous


class RequestDeadlineMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.DATABASE_STATEMENT_TIMEOUT
        if not timeout:
            return self.get_response(request)
        _deadline.at = time.monotonic() + timeout
        try:
            return self.get_response(request)
        finally:
            _deadline.at = None


connection_created.connect(
    install_sqlite_handler, dispatch_uid="statement-timeout-sqlite"
)  # apps.py imports this
