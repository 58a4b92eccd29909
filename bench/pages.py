"""Time the computed list and search pages in one process, page cache off: no server and no network, so the
figures are the view's own (queries, Python, templates). Prints, for each URL, the median and the slowest of
REPEAT requests, the number of queries and the three slowest queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shabakat_bench_100000 DJANGO_DEBUG=1 \\
        .venv/bin/python bench/pages.py

A quick check while working; the load figures (p50/p99 at 1 and 8 connections through gunicorn) are
bench/benchmark.sh's. Debug mode keeps the queries' text and time for the report (DJANGO_PAGE_CACHE_SECONDS
is 0 there).
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "7"))
URLS = [
    "/ar/organizations/",
    "/ar/organizations/?country=MA",
    "/ar/organizations/?country=MA&cause=womens-rights",
    "/ar/organizations/?q=ائتلاف",
    "/en/organizations/?q=coalition",
    "/en/organizations/?q=coalition&kind=coalition",
    "/en/organizations/?q=women&country=MA",
    "/ar/organizations/?country=MA&country=LY&kind=network",
]


def main() -> int:
    logging.disable(logging.CRITICAL)
    client = Client(HTTP_HOST="localhost")
    print(f"{connection.vendor}, {REPEAT} requests each, page cache off")
    for url in os.environ.get("URLS", "\n".join(URLS)).split("\n"):
        times = []
        for _ in range(REPEAT):
            reset_queries()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
            return 1
        slowest = sorted((float(q["time"]) * 1000 for q in connection.queries), reverse=True)[:3]
        print(
            f"{url:60} p50 {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms  "
            f"{len(connection.queries):2} queries, slowest {', '.join(f'{t:.0f}' for t in slowest)} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
