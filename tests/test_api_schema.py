"""The API answers as its OpenAPI schema says: schemathesis generates requests from the schema (every
operation, its parameters and their ranges) against the seeded directory and checks each answer."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

# Built from the code, not fetched: schemathesis' fixture-based loader does not run under pytest 9.
schema = schemathesis.openapi.from_dict(SchemaGenerator(api_version="1").get_schema(public=True))
django_app = get_wsgi_application()


def app(environ, start_response):
    """Django's WSGI app without closing the database connection at the start and end of each request, as
    Django's test client does: on PostgreSQL, closing it would end the test's transaction (the seeds)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = django_app(environ, start_response)
        body = b"".join(response)
        response.close()
        return [body]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema.app = app


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, seeded):
    cache.clear()  # the rate limit counts in the cache: only its documented 429 would answer otherwise
    # Every check but one: a filter naming a country, cause or organization the directory does not hold is
    # a documented 400, and no schema can list the names a directory will hold.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
