# Production image: gunicorn serving directory.wsgi, static files through WhiteNoise.
# Run with DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL set (see README, Configuration).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext only to compile the translation catalogues at build time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .

# Build-time settings only: collectstatic and compilemessages need a key but never serve a request.
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore='.venv'

RUN useradd --create-home --uid 1000 app && chown -R app:app /app
USER app

EXPOSE 8000
# /healthz answers 200 while the database does (networks/health.py), before host checks and the HTTPS
# redirect. urlopen raises, so the check fails, on a 503 or no answer; the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# gunicorn.conf.py: workers, threads, timeouts, graceful restarts, the access log on stdout, and no proxy
# believed about HTTPS unless GUNICORN_FORWARDED_ALLOW_IPS names it; each tunable from the environment.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "directory.wsgi"]
