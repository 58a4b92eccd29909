"""An import waiting on a row another transaction holds is cancelled at its deadline by PostgreSQL's
statement_timeout (networks/imports.py, issue 16). In a module of its own: the other connection must see the
test's committed rows, which the rows shared by test_admin_import_limits.py's module would hide."""

import pytest
from django.db import connection, connections
from django.test import override_settings

from networks.models import Organization, Source
from tests.admin_helpers import admin_url
from tests.test_admin_import_export import confirm, csv_file, exported_row, import_types, upload
from tests.test_admin_import_limits import message


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
@pytest.mark.django_db(transaction=True)
def test_a_statement_waiting_past_the_deadline_is_cancelled(client, superuser):
    """A row another transaction holds (an editor saving it, say): the import's update waits for it, and
    PostgreSQL cancels the wait at the deadline instead of holding the import's transaction open."""
    client.force_login(superuser)
    source = Source.objects.create(slug="a-source", title="A source", language="en", full_text="Text")
    organization = Organization.objects.create(
        slug="held",
        name_ar="محجوز",
        name_en="Held",
        kind="association",
        scope="national",
        source=source,
        quote="Text",
    )
    row = exported_row("organization", pk=organization.pk) | {"slogan_en": "Changed"}
    preview = upload(client, "organization", csv_file("organization", [row]))
    result = preview.context["result"]
    assert import_types(preview) == ["update"], [(r.number, r.error_dict) for r in result.invalid_rows]

    other = connections.create_connection("default")
    other.set_autocommit(False)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT 1 FROM networks_organization WHERE slug = 'held' FOR UPDATE")
        with override_settings(IMPORT_TIMEOUT_SECONDS=1):
            response = confirm(client, "organization", preview)
    finally:
        other.rollback()
        other.close()
    assert response["Location"] == admin_url("networks_organization_import")
    assert "took longer than 1 seconds and was stopped" in message(response)
    assert Organization.objects.get(slug="held").slogan_en is None  # as created: the update was rolled back
