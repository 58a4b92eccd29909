"""Read replicas (optional): anonymous GET requests to the public site read from DATABASE_REPLICA_URL.

Set DATABASE_REPLICA_URL to a PostgreSQL streaming replica of DATABASE_URL and the settings add it as the
"replica" database with this router and `ReplicaReadsMiddleware`. Writes, migrations, the admin, the API's
throttling and every request that is not a GET or HEAD stay on the primary. Without the variable nothing of
this is active and everything uses "default".

A replica lags its primary by a moment: a public page rendered just after a staff edit may show the old
value, and the page cache (`networks/cache.py`) would keep that page until it expires. With replicas, keep
DJANGO_PAGE_CACHE_SECONDS short (tens of seconds).
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_read_from_replica: ContextVar[bool] = ContextVar("read_from_replica", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _read_from_replica.get() else "default"

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
        token = _read_from_replica.set(public_read and REPLICA in settings.DATABASES)
        try:
            return self.get_response(request)
        finally:
            _read_from_replica.reset(token)
