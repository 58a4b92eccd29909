"""gunicorn.conf.py, the server's settings: gunicorn started with it believes `X-Forwarded-Proto` only from
the proxies GUNICORN_FORWARDED_ALLOW_IPS names, none by default. (gunicorn's own default believes any client
on the loopback address: a request over plain HTTP saying it came over HTTPS got https:// links in the
sitemap.)

A real gunicorn on a free loopback port, with production settings, reads a copy of the test database (SQLite)
or the test database itself (PostgreSQL, whose committed rows are the migrated, empty tables).
"""

import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.test_settings import environment

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    connection = connections["default"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = tmp_path / "db.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn(tmp_path: Path, **environ):
    """gunicorn with gunicorn.conf.py on a free loopback port; yields its URL once it answers."""
    port = free_port()
    log = (tmp_path / f"gunicorn-{port}.log").open("w")
    production = {
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CACHE_URL": "locmem://",
        "DATABASE_URL": database_url(tmp_path),
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "directory.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment(**production, **environ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=5)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / f"gunicorn-{port}.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def sitemap_links(url: str) -> set[str]:
    request = urllib.request.Request(f"{url}/sitemap.xml", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return set(re.findall(r"<loc>([a-z]+)://", response.read().decode()))


@pytest.mark.django_db
def test_a_client_cannot_claim_https_over_plain_http(tmp_path):
    with gunicorn(tmp_path) as url:
        assert sitemap_links(url) == {"http"}


@pytest.mark.django_db
def test_a_proxy_named_in_the_environment_is_believed(tmp_path):
    with gunicorn(tmp_path, GUNICORN_FORWARDED_ALLOW_IPS="127.0.0.1") as url:
        assert sitemap_links(url) == {"https"}
