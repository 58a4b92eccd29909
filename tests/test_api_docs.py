"""The API's documentation page: a page of the site in both languages, linked from every page's footer and
from the data page, running Swagger UI from the app's own static files under the site's CSP."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_docs_page_loads_swagger_ui_from_the_app_under_the_csp(client, lang):
    response = client.get(f"/{lang}/api/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html and "style=" not in html
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    for name in [
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "api-docs/init.js",
    ]:
        assert f"/static/{name}" in assets
        assert finders.find(name), f"{name} is not served by the app"
    # Its licence is served beside it.
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/LICENSE")
    # The schema Swagger UI reads, and the endpoints for a reader without JavaScript.
    assert 'data-schema-url="/api/schema/?format=json"' in html
    assert client.get("/api/schema/?format=json").status_code == 200
    assert 'href="/api/organizations/"' in html


@pytest.mark.parametrize("path", ["/en/", "/ar/organizations/", "/en/data/"])
def test_the_footer_and_the_data_page_link_to_it(client, seeded, path):
    language = path.split("/")[1]
    html = client.get(path).content.decode()
    assert f'href="/{language}/api/"' in html


def test_the_schema_documents_errors_nullable_fields_and_ranges(client):
    schema = client.get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "404", "429"} <= set(responses), path
        assert "Retry-After" in responses["429"]["headers"]
    organizations = schema["paths"]["/api/organizations/"]["get"]
    assert "400" in organizations["responses"]
    parameters = {p["name"]: p["schema"] for p in organizations["parameters"]}
    assert parameters["page"]["minimum"] == 1
    assert parameters["founded_from"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert parameters["q"]["maxLength"] == 200
    components = schema["components"]["schemas"]
    for component, fields in {
        "Event": ["location", "start_date"],
        "Membership": ["post", "start_date", "end_date", "member_organization_id", "on_behalf_of_id"],
        "Organization": ["founding_date", "member_count_qualifier"],
        "Place": ["parent_id"],
        "Source": ["published_date"],
    }.items():
        for field in fields:
            assert components[component]["properties"][field].get("nullable"), f"{component}.{field}"


def test_a_bad_key_or_an_empty_page_is_the_apis_json_404(client, seeded):
    for url in ["/api/organizations/%C2%84/", "/api/places/a.b/", "/api/causes/?page="]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["Content-Type"] == "application/json", url


def test_a_429_is_answered_as_documented(client, seeded, monkeypatch):
    cache.clear()  # the throttle counts in the cache
    monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "1/minute")
    client.get("/api/causes/")
    response = client.get("/api/causes/")
    cache.clear()
    assert response.status_code == 429
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Retry-After"]) >= 0 and "detail" in response.json()
