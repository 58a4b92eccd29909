"""WSGI entry point: `gunicorn directory.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
# Servers stop any statement after this many seconds (networks/timeouts.py); commands run without a limit.
os.environ.setdefault("DJANGO_STATEMENT_TIMEOUT", "10")

application = get_wsgi_application()
