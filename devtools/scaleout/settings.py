"""Settings for devtools/scaleout/run: production, as bench/settings.py has them (directory/settings.py read
from the same environment), but with static files left where they are: the check reads pages, not
stylesheets, and collecting them (hashing and compressing every file) takes minutes on a slow machine. Pages
link to the unhashed names instead."""

from bench.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
