"""Read replicas (optional): anonymous GET requests to the public site read from DATABASE_REPLICA_URL.

Set DATABASE_REPLICA_URL to a PostgreSQL streaming replica of DATABASE_URL and the settings add it as the
"replica" database with this router and `ReplicaReadsMiddleware`. Writes, migrations, the admin, the API's
throttling and every request that is not a GET or HEAD stay on the primary. Without the variable nothing of
this is active and everything uses "default".

A replica lags its primary by a moment: a public page rendered just after a staff edit may show the old
value, and the page cache (`networks/cache.py`) would keep that page until it expires. With replicas, keep
DJANGO_PAGE_CACHE_SECONDS short (tens of seconds).

A replica that cannot be reached costs its readers nothing but a log line: the request's first read tries
it, and when it does not answer, that request and every read of this process for `RETRY_SECONDS` go to the
primary (`replica_answers`). A replica lost in the middle of a request gives that one request the 503 page.
"""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Seconds a process reads from the primary after the replica failed to answer, before it tries again.
RETRY_SECONDS = 10


class _Reads:
    """Where the reads of one public request go: decided at its first read."""

    alias: str | None = None


_request_reads: ContextVar[_Reads | None] = ContextVar("request_reads", default=None)
_replica_away_until = 0.0  # time.monotonic(), in this process


def replica_answers() -> bool:
    """Whether the replica can be read now: its connection (opened, or kept from an earlier request and
    checked) works. A failure sends this process's reads to the primary for RETRY_SECONDS."""
    global _replica_away_until
    if time.monotonic() < _replica_away_until:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()  # a kept connection whose server went away
        connection.ensure_connection()
    except DatabaseError as error:
        logger.warning(
            "The read replica does not answer; reading from the primary for %ss: %s", RETRY_SECONDS, error
        )
        _replica_away_until = time.monotonic() + RETRY_SECONDS
        connection.close()
        return False
    return True


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _request_reads.get()
        if reads is None:
            return "default"
        if reads.alias is None:
            reads.alias = REPLICA if replica_answers() else "default"
        return reads.alias

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows its primary


class ReplicaReadsMiddleware:
    """Lets the router send this request's reads to the replica when it is a public, read-only one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = f"/{settings.ADMIN_PATH}"
        public_read = request.method in ("GET", "HEAD") and admin not in request.path
        token = _request_reads.set(_Reads() if public_read and REPLICA in settings.DATABASES else None)
        try:
            return self.get_response(request)
        finally:
            _request_reads.reset(token)
