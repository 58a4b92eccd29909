"""Settings come from the environment, with safe production defaults and a loud missing-secret error."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.{})"


def environment(**environ) -> dict[str, str]:
    """This process's environment without its Django settings, plus `environ`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return env | {"DJANGO_SETTINGS_MODULE": "directory.settings", **environ}


def run_settings(expression: str, **environ) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(expression)],
        cwd=settings.BASE_DIR,
        env=environment(**environ),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("DEBUG")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_settings("DEBUG", DJANGO_SECRET_KEY="x" * 50)
    assert result.stdout.strip() == "False"


def test_no_host_is_allowed_in_production_unless_listed():
    assert run_settings("ALLOWED_HOSTS", DJANGO_SECRET_KEY="k" * 50).stdout.strip() == "[]"
    listed = run_settings(
        "ALLOWED_HOSTS", DJANGO_SECRET_KEY="k" * 50, DJANGO_ALLOWED_HOSTS="shabakat.example, www.x"
    )
    assert listed.stdout.strip() == "['shabakat.example', 'www.x']"


def test_production_settings_do_not_install_the_development_tools():
    production = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "shabakat.example"}
    apps = run_settings("INSTALLED_APPS", **production)
    assert apps.returncode == 0, apps.stderr
    assert "'networks'" in apps.stdout and "devtools" not in apps.stdout
    # So the demo data generator is not even a command there.
    command = subprocess.run(
        [sys.executable, "manage.py", "generate_demo_data", "--demo-ok"],
        cwd=settings.BASE_DIR,
        env=environment(**production),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert command.returncode != 0 and "Unknown command: 'generate_demo_data'" in command.stderr
    # Development (debug) settings and the benchmark's install them.
    assert "'devtools'" in run_settings("INSTALLED_APPS", DJANGO_DEBUG="1").stdout
    bench = run_settings(
        "INSTALLED_APPS", DJANGO_SETTINGS_MODULE="bench.settings", BENCH_STATIC_ROOT="/tmp", **production
    )
    assert "'devtools'" in bench.stdout, bench.stderr


def test_a_misspelt_boolean_is_an_error_not_a_guess():
    result = run_settings("DEBUG", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_the_database_comes_from_database_url_or_defaults_to_sqlite():
    default = run_settings("DATABASES['default']['ENGINE']", DJANGO_DEBUG="1")
    assert default.stdout.strip() == "django.db.backends.sqlite3"
    postgres = run_settings(
        "DATABASES['default']['NAME']",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/shabakat",
    )
    assert postgres.stdout.strip() == "shabakat"


def test_arabic_is_the_default_language():
    assert settings.LANGUAGE_CODE == "ar"
    assert [code for code, _ in settings.LANGUAGES] == ["ar", "en"]


def test_postgresql_connections_run_without_jit_unless_the_url_says_otherwise():
    url = "postgres://postgres@127.0.0.1:5432/shabakat"
    options = "DATABASES['default']['OPTIONS']['options']"
    assert run_settings(options, DJANGO_DEBUG="1", DATABASE_URL=url).stdout.strip() == "-c jit=off"
    own = run_settings(options, DJANGO_DEBUG="1", DATABASE_URL=url + "?options=-c%20jit%3Don")
    assert own.stdout.strip() == "-c jit=off -c jit=on"  # the last one wins
