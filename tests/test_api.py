"""The read-only API: the page's filters, the export's Popolo shape, a valid OpenAPI schema, GET only."""

import json

import pytest
from django.core.cache import cache
from jsonschema import Draft202012Validator
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the throttle counts requests in the cache
    yield
    cache.clear()


def api(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


class TestOrganizations:
    @pytest.mark.parametrize(
        "query",
        [
            "",
            "country=LY",
            "country=MA&sort=-founded",
            "cause=womens-rights",
            "network=popular-movement",
            "q=المراة",
        ],
    )
    def test_the_same_filters_and_order_as_the_page(self, client, seeded, query):
        # Without a language prefix the API sorts names in the request's language: Arabic by default.
        page = client.get(f"/ar/organizations/?{query}").context["paginator"].object_list
        answer = api(client, f"/api/organizations/?{query}")
        assert [o["id"] for o in answer["results"]] == [o.slug for o in page]
        assert answer["count"] == len(page)

    def test_items_have_the_shape_of_the_json_export(self, client, seeded):
        schema = json.loads(client.get("/en/data/organizations.schema.json").getvalue())
        item_schema = {**schema["$defs"]["organization"], "$defs": schema["$defs"]}
        for item in api(client, "/api/organizations/")["results"]:
            Draft202012Validator(item_schema).validate(item)
        export = b"".join(client.get("/en/organizations/export.json?country=LY").streaming_content)
        assert json.loads(export)["organizations"] == api(client, "/api/organizations/?country=LY")["results"]

    def test_one_organization_by_its_slug(self, client, seeded):
        item = api(client, "/api/organizations/defenders-libya/")
        assert item["member_count"] == 89 and item["member_count_qualifier"] == "more_than"
        api(client, "/api/organizations/no-such-thing/", status=404)

    def test_invalid_filters_get_the_form_errors_not_a_500(self, client, seeded):
        errors = api(client, "/api/organizations/?country=XX&founded_from=99999", status=400)
        assert set(errors) == {"country", "founded_from"}

    def test_pagination(self, client, seeded):
        first = api(client, "/api/organizations/?page_size=5")
        # The 12 directory entries (the 4 related bodies are asked for), page_size not client-settable.
        assert first["count"] == 12 and len(first["results"]) == 12
        api(client, "/api/organizations/?page=999", status=404)


class TestOtherEndpoints:
    def test_people_with_their_memberships(self, client, seeded):
        answer = api(client, "/api/people/?organization=participatory-democracy-coalition&role=coordinator")
        assert {p["id"] for p in answer["results"]} == {
            "oum-el-fadl-ma-el-ainine",
            "maskoula-baamar",
            "sidi-ahmed-bouchta",
        }
        person = api(client, "/api/people/nisreen-amer/")
        assert person["memberships"][0]["role"] == "chair"
        assert {"name": "Nisreen Amer", "lang": "en", "note": "published spelling"} in person["other_names"]

    def test_people_search_folds_arabic(self, client, seeded):
        # "احمد" as typed finds "احمد شدا" and "سيدي أحمد بوشتى" (hamza folded).
        found = [p["id"] for p in api(client, "/api/people/?q=احمد")["results"]]
        assert found == ["ahmed-chadda", "sidi-ahmed-bouchta"]

    def test_events_places_causes_sources(self, client, seeded):
        events = api(client, "/api/events/?country=LY")["results"]
        assert [e["id"] for e in events] == ["defenders-libya-meeting-2016-01-04"]
        assert events[0]["start_date"] == "2016-01-04"
        undated = api(client, "/api/events/haraki-women-beni-mellal-communication-meeting/")
        assert undated["start_date"] is None and undated["date_precision"] == "unknown"
        assert api(client, "/api/places/MA-05/")["parent_id"] == "MA"
        assert api(client, "/api/causes/")["count"] == 12
        source = api(client, "/api/sources/?language=en")["results"][0]
        assert source["id"] == "defenders-libya-self-description" and source["full_text"]


class TestAccess:
    def test_read_only(self, client, seeded):
        assert client.post("/api/organizations/", {}).status_code == 405
        assert client.delete("/api/organizations/defenders-libya/").status_code == 405

    def test_cors_allows_any_site_to_read(self, client, seeded):
        response = client.get("/api/causes/", HTTP_ORIGIN="https://notebook.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Origin" not in client.get("/en/", HTTP_ORIGIN="https://x.example")

    def test_rate_limited(self, client, seeded, monkeypatch):
        monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "3/minute")
        statuses = [client.get("/api/causes/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]

    def test_a_forged_forwarded_address_does_not_make_a_new_bucket(
        self, client, seeded, monkeypatch, settings
    ):
        """The audit's case: after the limit, requests each with its own X-Forwarded-For were all answered."""
        monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "2/minute")
        settings.CLIENT_IP_HEADER = None  # directly on the internet: the header is not trusted
        statuses = [client.get("/api/causes/").status_code for _ in range(2)]
        statuses += [
            client.get("/api/causes/", HTTP_X_FORWARDED_FOR=f"10.0.{i}.{i}").status_code for i in range(5)
        ]
        assert statuses == [200, 200, *[429] * 5]

    def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(
        self, client, seeded, monkeypatch, settings
    ):
        """With one trusted proxy the client is the header's last entry, whatever the client put before it."""
        monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "1/minute")
        settings.CLIENT_IP_HEADER, settings.PROXY_COUNT = "HTTP_X_FORWARDED_FOR", 1
        seen = "198.51.100.7"
        assert client.get("/api/causes/", HTTP_X_FORWARDED_FOR=seen).status_code == 200
        assert client.get("/api/causes/", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {seen}").status_code == 429
        assert client.get("/api/causes/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200

    def test_openapi_schema_is_served_and_lists_every_endpoint(self, client):
        response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert schema["openapi"].startswith("3.")
        for path in ["organizations", "people", "events", "places", "causes", "sources"]:
            assert f"/api/{path}/" in schema["paths"]
        parameters = {p["name"] for p in schema["paths"]["/api/organizations/"]["get"]["parameters"]}
        assert {"country", "cause", "kind", "q", "sort", "page"} <= parameters
