"""Settings come from the environment, with safe production defaults and a loud missing-secret error."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.{})"


def environment(**environ) -> dict[str, str]:
    """This process's environment without its Django settings, plus `environ`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    # No local .env either (`make run` writes one with DJANGO_DEBUG=1): only the variables given here.
    return env | {"DJANGO_SETTINGS_MODULE": "directory.settings", "DJANGO_ENV_FILE": "", **environ}


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


def test_a_replica_that_does_not_answer_is_given_up_after_seconds_not_forever():
    url = "postgres://postgres@127.0.0.1:5432/shabakat"
    timeout = "DATABASES['replica']['OPTIONS']['connect_timeout']"
    base = {"DJANGO_DEBUG": "1", "DATABASE_URL": url}
    assert run_settings(timeout, **base, DATABASE_REPLICA_URL=url).stdout.strip() == "3"
    own = run_settings(timeout, **base, DATABASE_REPLICA_URL=url + "?connect_timeout=10")
    assert own.stdout.strip() == "10", own.stderr
    assert run_settings("DATABASES.keys()", **base).stdout.strip() == "dict_keys(['default'])"


def test_a_local_env_file_fills_in_what_the_environment_leaves_unset(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# written by make run\nDJANGO_DEBUG=1\nDJANGO_ADMIN_PATH=backoffice/\n")
    assert run_settings("DEBUG, settings.ADMIN_PATH", DJANGO_ENV_FILE=str(env_file)).stdout.split() == [
        "True",
        "backoffice/",
    ]
    # The real environment wins over the file.
    production = run_settings(
        "DEBUG", DJANGO_ENV_FILE=str(env_file), DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50
    )
    assert production.stdout.strip() == "False"


def test_an_empty_variable_means_its_default():
    result = run_settings(
        "CACHES['default']['BACKEND'], settings.DATABASES['default']['ENGINE'], settings.PAGE_CACHE_SECONDS",
        DJANGO_DEBUG="1",
        DJANGO_CACHE_URL="",
        DATABASE_URL="",
        DJANGO_PAGE_CACHE_SECONDS=" ",
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.db.backends.sqlite3",
        "0",
    ], result.stderr


def test_the_cache_comes_from_its_url():
    backend = "CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']"
    files = run_settings(backend, DJANGO_DEBUG="1", DJANGO_CACHE_URL="file:///var/cache/shabakat")
    assert files.stdout.split() == [
        "django.core.cache.backends.filebased.FileBasedCache",
        "/var/cache/shabakat",
    ]
    redis = run_settings(backend, DJANGO_DEBUG="1", DJANGO_CACHE_URL="redis://cache:6379/0")
    assert redis.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "redis://cache:6379/0"]
    wrong = run_settings(backend, DJANGO_DEBUG="1", DJANGO_CACHE_URL="ftp://cache")
    assert wrong.returncode != 0
    assert "DJANGO_CACHE_URL must be file:///path, redis://host:port/db" in wrong.stderr


def test_starting_prints_no_library_banner():
    result = run_settings("DEBUG", DJANGO_DEBUG="1")
    assert result.returncode == 0
    assert "AXES" not in result.stderr + result.stdout
