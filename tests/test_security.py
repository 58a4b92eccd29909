"""Production hardening (directory/settings.py): `check --deploy` finds nothing, the production settings send
the security headers and secure cookies, http is redirected to https (but not /healthz), the admin login
locks a username out from one address after repeated failures, and the admin can be moved.

The production settings are read from a real process started with production environment variables, then
applied to this one (the `production` fixture), so these tests check the defaults, not a copy of them.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from directory.client_ip import client_ip_address
from tests.admin_helpers import admin_url

PAGE = "/en/organizations/"
HOST = "shabakat.example"
# What a deployment sets; everything else is left to the defaults.
PRODUCTION_ENV = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": HOST}
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]


def run(*args: str, **environ) -> subprocess.CompletedProcess:
    """`python *args` in a fresh process with the project's settings and only these DJANGO_* variables
    (DATABASE_URL is inherited: the database this run uses, or SQLite; a local .env is not read)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "directory.settings", "DJANGO_ENV_FILE": "", **environ}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_django(code: str, **environ) -> subprocess.CompletedProcess:
    return run("-c", f"import django; django.setup(); {code}", **environ)


def setting_values(names, **environ) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}))"
    )
    result = run_django(code, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def production_values():
    return setting_values(SECURITY_SETTINGS, **PRODUCTION_ENV)


@pytest.fixture
def production(settings, production_values):
    """This process with the production security settings (the client's middleware loads on first use)."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = [HOST]
    return settings


def test_check_deploy_finds_nothing_with_production_settings():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_defaults_and_debug_defaults(production_values):
    assert production_values["SECURE_SSL_REDIRECT"] is True
    assert production_values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert production_values["SESSION_COOKIE_SECURE"] is True
    assert production_values["CSRF_COOKIE_SECURE"] is True
    # `make run` serves plain http on localhost: no redirect, cookies sent over http, no HSTS.
    debug = setting_values(SECURITY_SETTINGS, DJANGO_DEBUG="1")
    assert debug["SECURE_SSL_REDIRECT"] is False
    assert debug["SECURE_HSTS_SECONDS"] == 0
    assert debug["SESSION_COOKIE_SECURE"] is False
    assert debug["CSRF_COOKIE_SECURE"] is False


def test_every_https_knob_comes_from_the_environment():
    values = setting_values(
        [*SECURITY_SETTINGS, "SECURE_PROXY_SSL_HEADER"],
        **PRODUCTION_ENV,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="no",
        DJANGO_SECURE_HSTS_PRELOAD="off",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # No proxy header is trusted unless one is named.
    assert setting_values(["SECURE_PROXY_SSL_HEADER"], **PRODUCTION_ENV)["SECURE_PROXY_SSL_HEADER"] is None


def test_a_malformed_number_is_an_error_not_a_guess():
    result = run_django("", **PRODUCTION_ENV, DJANGO_SECURE_HSTS_SECONDS="1y")
    assert result.returncode != 0
    assert "DJANGO_SECURE_HSTS_SECONDS must be a whole number" in result.stderr


# --- Headers -------------------------------------------------------------------------------------------


def test_a_public_page_over_https_sends_the_security_headers(db, client, production):
    response = client.get(PAGE, secure=True, headers={"host": HOST})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"

    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_cookies_are_sent_over_https_only(client, superuser, production):
    login_page = client.get(admin_url("login"), secure=True, headers={"host": HOST})
    assert login_page.cookies["csrftoken"]["secure"] is True

    response = client.post(
        admin_url("login"),
        {"username": "admin", "password": "pw-admin-1"},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["sessionid"]["httponly"] is True


def test_http_is_redirected_to_https(client, production):
    response = client.get(PAGE, headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{PAGE}"


def test_healthz_is_neither_redirected_nor_host_checked(db, client, production):
    """The container's HEALTHCHECK calls http://127.0.0.1:8000/healthz, which is not an allowed host."""
    response = client.get("/healthz", headers={"host": "127.0.0.1:8000"})
    assert response.status_code == 200
    assert response.content == b"ok\n"
    # While any other page from that host is refused.
    assert client.get(PAGE, secure=True, headers={"host": "127.0.0.1:8000"}).status_code == 400


# --- Admin login lockout (django-axes) ------------------------------------------------------------------


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(
        admin_url("login"),
        {"username": username, "password": password, "next": admin_url("index")},
        REMOTE_ADDR=address,
    )


def test_repeated_wrong_passwords_lock_that_user_out_from_that_address(superuser, editor):
    limit = settings.AXES_FAILURE_LIMIT
    attacker = Client()
    statuses = [log_in(attacker, "admin", "wrong").status_code for _ in range(limit)]
    # The login form again and again, then the lockout at the limit.
    assert statuses == [200] * (limit - 1) + [429]

    # Now even the right password is refused, with the lockout page.
    refused = log_in(attacker, "admin", "pw-admin-1")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in attacker.session

    # Another user from the same address is not locked out.
    assert log_in(Client(), "editor", "pw-editor-1").status_code == 302
    # Nor is the same user from elsewhere: a stranger cannot lock a real editor out.
    assert log_in(Client(), "admin", "pw-admin-1", address="192.0.2.10").status_code == 302


def test_the_lockout_settings_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME, settings.AXES_LOCKOUT_PARAMETERS)"
    )
    defaults = run_django(code, **PRODUCTION_ENV)
    assert defaults.stdout.strip() == "5 1:00:00 [['username', 'ip_address']]"
    custom = run_django(
        code, **PRODUCTION_ENV, DJANGO_AXES_FAILURE_LIMIT="3", DJANGO_AXES_COOLOFF_MINUTES="15"
    )
    assert custom.stdout.strip() == "3 0:15:00 [['username', 'ip_address']]"


# --- The client's address, behind a proxy or not ---------------------------------------------------------


def request_from(remote_addr, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_proxy_a_forwarded_header_is_ignored(settings):
    settings.CLIENT_IP_HEADER = None
    assert client_ip_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "client"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # Whatever the client wrote itself sits left of what our proxy appended.
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Not through every proxy, or garbage: the socket's address, never a guess.
        (2, "198.51.100.7", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_right(settings, proxies, forwarded_for, client):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.PROXY_COUNT = proxies
    assert client_ip_address(request_from("10.0.0.1", forwarded_for)) == client


def test_the_client_address_header_is_opt_in():
    assert setting_values(["CLIENT_IP_HEADER"], **PRODUCTION_ENV) == {"CLIENT_IP_HEADER": None}
    values = setting_values(
        ["CLIENT_IP_HEADER", "PROXY_COUNT"],
        **PRODUCTION_ENV,
        DJANGO_CLIENT_IP_HEADER="X-Forwarded-For",
        DJANGO_PROXY_COUNT="2",
    )
    assert values == {"CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR", "PROXY_COUNT": 2}


# --- Where the admin lives ------------------------------------------------------------------------------

ADMIN_INDEX = (
    "from django.urls import reverse; from django.utils import translation; "
    "translation.activate('en'); print(reverse('admin:index'))"
)


@pytest.mark.parametrize(
    ("admin_path", "index"),
    [(None, "/en/admin/"), ("backoffice/", "/en/backoffice/"), ("/staff/desk", "/en/staff/desk/")],
)
def test_django_admin_path_moves_the_admin(admin_path, index):
    environ = {"DJANGO_DEBUG": "1"} | ({"DJANGO_ADMIN_PATH": admin_path} if admin_path else {})
    result = run_django(ADMIN_INDEX, **environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == index


def test_an_empty_admin_path_is_refused():
    result = run_django("", DJANGO_DEBUG="1", DJANGO_ADMIN_PATH="/")
    assert result.returncode != 0
    assert "DJANGO_ADMIN_PATH must not be empty" in result.stderr
