"""Settings for the benchmarks: exactly `directory/settings.py` (production defaults, configured by the same
environment variables), except that static files are collected into BENCH_STATIC_ROOT, a temporary directory,
rather than into the working tree's `staticfiles/`, and that the development tools are installed, for
`generate_demo_data`. Used through `DJANGO_SETTINGS_MODULE=bench.settings` by bench/lib.sh."""

import os

from directory.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
if "devtools" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
