"""A public page answers GET, HEAD and OPTIONS; any other method is a 405 that names those (the audit found
TRACE answered 200 on the sitemap, the feeds, the data page and /healthz). The admin still takes its forms,
and the API its CORS preflight."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/en/",
    "/ar/organizations/",
    "/en/organizations/defenders-libya/",
    "/en/organizations/export.csv",
    "/en/organizations/feed.atom",
    "/en/data/",
    "/ar/sources/",
    "/sitemap.xml",
    "/healthz",
    "/",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PUBLIC)
@pytest.mark.parametrize("method", ["TRACE", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND"])
def test_other_methods_are_refused_with_405(client, seeded, url, method):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert not response.content or b"Traceback" not in response.content


@pytest.mark.parametrize("url", PUBLIC)
def test_options_names_the_allowed_methods(client, seeded, url):
    response = client.options(url)
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.content == b""


def test_the_admin_still_takes_its_forms(client, db):
    response = client.post("/en/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200  # the login form again, with its error
    assert b"errornote" in response.content


def test_the_api_still_answers_a_cors_preflight(client, db):
    response = client.options(
        "/api/causes/", HTTP_ORIGIN="https://notebook.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.generic("TRACE", "/api/causes/").status_code == 405
