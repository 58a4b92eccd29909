"""What the site does about its database: a health check for the container, and a friendly 503 while the
database is away.

- `HealthCheckMiddleware` (first in MIDDLEWARE) answers `/healthz` with 200 "ok" when `SELECT 1` runs on the
  default database and 503 when it does not. Being first, it answers before the host validation and the
  HTTPS redirect, so the Docker HEALTHCHECK can call http://127.0.0.1:8000/healthz from inside the container.
- `DatabaseUnavailableMiddleware` turns a lost database (OperationalError, InterfaceError) into the 503 page
  instead of a 500, rendered without a query, in the request's language, with Retry-After.

Nothing here reconnects: Django does. CONN_HEALTH_CHECKS drops a broken persistent connection at the start of
the next request and a new one is opened, so the site recovers by itself when the database is back.
"""

import logging
import threading
from time import monotonic

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import timeouts

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
# Seconds a client (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30


def database_is_reachable(alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the %s database is unreachable: %s", alias, error)
        return False
    return True


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        up = database_is_reachable()
        response = HttpResponse(
            "ok\n" if up else "database unavailable\n",
            content_type="text/plain; charset=utf-8",
            status=200 if up else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


TRACEBACK_EVERY = 60  # seconds
_last_traceback = [float("-inf")]
_traceback_lock = threading.Lock()


def _traceback_due() -> bool:
    """Whether this process logs the next outage's traceback: the first, then one a minute."""
    with _traceback_lock:
        now = monotonic()
        if now - _last_traceback[0] < TRACEBACK_EVERY:
            return False
        _last_traceback[0] = now
        return True


def first_line(exception: BaseException) -> str:
    text = str(exception).strip()
    return text.splitlines()[0] if text else type(exception).__name__


class DatabaseUnavailableMiddleware:
    """The 503 page when a view (or the template it renders) cannot reach the database, or a statement ran
    past the timeout (networks/timeouts.py: a page saying so). Other errors go on
    to Django's usual 500 handling."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if timeouts.is_timeout(exception):
            logger.warning("Statement timeout, answering 503 for %s", request.get_full_path())
            response = HttpResponse(render_to_string("timeout.html", request=request), status=503)
            response["Retry-After"] = str(RETRY_AFTER)
            return response
        # Handled here, so Django will not log it: a line per request, with the traceback at most once a
        # TRACEBACK_EVERY seconds (an outage under load logged 866 tracebacks in 9 s).
        logger.error(
            "Database unavailable, answering 503 for %s: %s",
            request.path,
            first_line(exception),
            exc_info=exception if _traceback_due() else None,
        )
        # 503.html extends base.html, which reads nothing from the database; the context processors it
        # runs are lazy (the user, the messages) and it never asks for them.
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
