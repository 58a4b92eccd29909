"""Settings for Shabakat: one module, every deployment knob read from the environment.

Defaults are safe for production (DEBUG off, no hosts allowed, a secret key required). For local work,
`make run` and `make test` set DJANGO_DEBUG=1, which also supplies a throwaway secret key and installs the
development tools (`devtools/`, the demo data generator); `make run` writes it to a git-ignored .env so that
manage.py commands typed by hand run in debug mode too.

Environment, read by django-environ (booleans are 1/0, true/false, yes/no, on/off; an empty value is the
default; "prod." is the default with debug off):
    DJANGO_ENV_FILE       a file of NAME=value lines filling in unset variables (default: .env in the
                          project root, if present; empty: none)
    DJANGO_DEBUG          1/true/yes/on to enable debug mode (default: off)
    DJANGO_SECRET_KEY     required when debug is off
    DJANGO_ALLOWED_HOSTS  comma-separated host names (default: none; localhost in debug)
    DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/shabakat (default: SQLite file db.sqlite3)
    DATABASE_REPLICA_URL  a read replica of DATABASE_URL for public GET requests (default: none; routers.py:
                          while it does not answer, they read from DATABASE_URL)
    DJANGO_CACHE_URL      the cache shared by every server process: file:///path (default: .cache/ in
                          the project; locmem:// in debug), redis://host:6379/0 across machines, dummy://,
                          or any other cache URL django-environ reads (pymemcache://host:11211…)
    DJANGO_PAGE_CACHE_SECONDS  how long a public page may be served from the cache (prod. 600; debug 0, off)
    DJANGO_ADMIN_PATH     where the admin lives under /ar/ and /en/ (default: admin/)
    DJANGO_REVIEW_VERIFIED_MONTHS  the admin's review queue lists the organizations not verified for longer
                          than this many months, or never (default: 12)

  HTTPS (production serves HTTPS only; debug serves plain http, so `make run` works on localhost):
    DJANGO_SECURE_SSL_REDIRECT             redirect http to https (prod. on, debug off)
    DJANGO_SECURE_HSTS_SECONDS             Strict-Transport-Security max-age (prod. 31536000, a year; debug 0)
    DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS  HSTS covers subdomains too (default on)
    DJANGO_SECURE_HSTS_PRELOAD             HSTS "preload" directive (default on; it only matters once the
                                           domain is submitted to hstspreload.org, which is hard to undo)
    DJANGO_SECURE_COOKIES                  session and CSRF cookies sent over https only (prod. on, debug off)
    DJANGO_SECURE_PROXY_SSL_HEADER         behind a TLS-terminating proxy only: the header it sets to
                                           "https", e.g. X-Forwarded-Proto (default: none, trust no header)

  Admin login lockout (django-axes), by username and client IP together:
    DJANGO_AXES_FAILURE_LIMIT     failed logins before the lockout (default 5)
    DJANGO_AXES_COOLOFF_MINUTES   how long the lockout lasts (default 60)
    DJANGO_CLIENT_IP_HEADER       behind a proxy only: the header carrying the client address, e.g.
                                  X-Forwarded-For (default: none, the socket's REMOTE_ADDR); the API's
                                  and the exports' rate limits read the client the same way
    DJANGO_PROXY_COUNT            how many proxies append to that header (default 1): the client is that
                                  many entries from its right end, the part a client cannot forge

    DJANGO_API_RATE       requests per client to /api/ (default: 120/minute)
    DJANGO_EXPORT_RATE    exports (CSV, XLSX, JSON) a client may start (default: 20/minute)
    DJANGO_EXPORT_CONCURRENCY  exports running at once on the whole server (default: 2); beyond it a 429
                          with Retry-After that points to the bulk dataset
    DJANGO_EXPORT_TIMEOUT seconds a CSV or XLSX export may read SQLite for (default: 120); on PostgreSQL
                          each of its statements has the statement timeout
    DJANGO_IMPORT_MAX_MEGABYTES  the largest file the admin's import reads (default: 5, in megabytes); an
                          XLSX may unpack to 20 times that at most (networks/imports.py)
    DJANGO_IMPORT_MAX_ROWS       the most rows one import may hold (default: 2000: at the audit's ~6 ms a row,
                          about 12 s, inside the timeout)
    DJANGO_IMPORT_TIMEOUT_SECONDS  how long one import (its preview or its confirmation) may run before it
                          is stopped and rolled back (default: 20, under gunicorn's 30-second worker timeout)
    DJANGO_DATASET_ROOT   where `manage.py build_dataset` writes the bulk dataset the data page offers
                          (default: var/dataset/ in the project)
    DJANGO_SITE_URL       the public address of the site, for the links in the bulk dataset, which is
                          built outside any request (default: http://127.0.0.1:8000)
    DJANGO_LOG_LEVEL      root log level (default: INFO)

Not configurable, because nothing here needs less: the Content-Security-Policy (every script, style, font and
image from this site; no inline script or style), X-Frame-Options DENY, nosniff, Referrer-Policy same-origin.
With the defaults above, `DJANGO_DEBUG=0 manage.py check --deploy` reports no issue (tests/test_security.py).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(environ.Env):
    """django-environ's reader, strict where a typo must not pass unnoticed: django-environ reads any word it
    does not know as False (`DJANGO_SECURE_SSL_REDIRECT=ture` would turn the redirect off) and lets int()
    fail with a bare ValueError."""

    TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
    CACHE_ALIASES = {"file": "filecache", "locmem": "locmemcache", "dummy": "dummycache"}

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        if default is not self.NOTSET and not self.ENVIRON.get(var, "").strip():
            # `FOO=` in a .env or compose file means the default, as an unset FOO does.
            return self.parse_value(default, cast) if parse_default else default
        return super().get_value(var, cast, default, parse_default)

    def bool(self, var: str, default: bool = False) -> bool:
        value = self.str(var, default="").strip().lower()
        if not value:
            return default
        if value in self.TRUE or value in self.FALSE:
            return value in self.TRUE
        raise ImproperlyConfigured(f"{var} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")

    def int(self, var: str, default: int) -> int:
        value = self.str(var, default="").strip()
        try:
            return int(value) if value else default
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be a whole number; got {value!r}.") from None

    def header(self, var: str) -> str | None:
        """An HTTP header named in the environment, as request.META spells it (`X-Forwarded-Proto` →
        `HTTP_X_FORWARDED_PROTO`), or None when unset."""
        value = self.str(var, default="").strip()
        return "HTTP_" + value.upper().replace("-", "_") if value else None

    def cache_url(self, var: str, default=environ.Env.NOTSET, backend=None) -> dict:
        url = self.url(var, default)
        # The documented file:///path, locmem:// and dummy:// are django-environ's filecache://… spellings.
        scheme = self.CACHE_ALIASES.get(url.scheme, url.scheme)
        try:
            return self.cache_url_config(url._replace(scheme=scheme), backend)
        except ImproperlyConfigured:
            raise ImproperlyConfigured(
                f"{var} must be file:///path, redis://host:port/db, locmem:// or dummy://; "
                f"got {self.ENVIRON.get(var, url.geturl())!r}."
            ) from None


# A git-ignored .env in the project root (`make run` writes one with DJANGO_DEBUG=1) fills in what the real
# environment leaves unset; DJANGO_ENV_FILE names another file, or none when empty.
ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    Env.read_env(ENV_FILE)
env = Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: set it to a long "
            "random string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development (`make run` writes it to .env)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, so the admin sees the translated fields
    "networks.apps.DirectoryAdminConfig",  # django.contrib.admin, with the directory's site (admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's script and stylesheet, served from here (the API page)
    "corsheaders",
    "import_export",
    "simple_history",
    "networks.apps.AxesConfig",  # django-axes, named in the staff's language
    "networks",
]
if DEBUG:
    # Development only (the demo data generator): never installed in production. bench/settings.py adds it
    # for the benchmark, which runs with production settings.
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    # GET, HEAD and OPTIONS only, outside the admin and the API: a 405 before anything else runs.
    "networks.methods.SafeMethodsMiddleware",
    # Then /healthz answers before host validation and the HTTPS redirect (the container's own
    # HEALTHCHECK calls http://127.0.0.1:8000/healthz).
    "networks.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A lost database gives the friendly 503 page, in the language LocaleMiddleware has just chosen.
    "networks.health.DatabaseUnavailableMiddleware",
    "networks.timeouts.RequestDeadlineMiddleware",  # SQLite's statement timeout (PostgreSQL has its own)
    "directory.routers.ReplicaReadsMiddleware",  # public GETs may read from DATABASE_REPLICA_URL
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each edit
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "directory.urls"
WSGI_APPLICATION = "directory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file in the project root; optionally a read replica (routers.py).
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL") | {"TEST": {"MIRROR": "default"}}
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica that does not answer sends the reads to the primary (routers.py), after this wait for a
        # server that drops packets rather than refusing them (libpq would wait forever). A URL's own
        # ?connect_timeout=… wins.
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DATABASE_ROUTERS = ["directory.routers.PrimaryReplicaRouter"]
# PostgreSQL's JIT compiler spends seconds compiling a long query that then runs for a few (the export of
# 100,000 organizations: 2.2 s of its 4.4 s); the directory's queries gain nothing from it. A DATABASE_URL's
# own `?options=-c jit=on` comes after, so it wins.
# No query outlives its request (networks/timeouts.py): seconds, 0 for none. directory/wsgi.py sets it for
# the servers; management commands run without it.
DATABASE_STATEMENT_TIMEOUT = env.float("DJANGO_STATEMENT_TIMEOUT", default=0)
for database in DATABASES.values():
    database.setdefault("CONN_MAX_AGE", 60)  # a URL's own ?conn_max_age=… wins
    database.setdefault("CONN_HEALTH_CHECKS", True)
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        timeout = f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        timeout = timeout if DATABASE_STATEMENT_TIMEOUT else ""
        options["options"] = " ".join(filter(None, ["-c jit=off", timeout, options.get("options", "")]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# The cache holds the public pages (networks/cache.py) and the API's rate counters. It must be shared by all
# the server's processes, or an edit would not reach the pages another process has cached: a directory on
# one machine, Redis across several. Debug mode uses memory (nothing to clean up after tests).
CACHES = {
    "default": env.cache_url(
        "DJANGO_CACHE_URL", default="locmem://" if DEBUG else f"file://{BASE_DIR / '.cache'}"
    )
}
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)

# django-axes checks every login attempt first (and refuses it during a lockout), then the usual backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first and default; English second.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
# Attribute access falls back to the other language; filter()/order_by() do not (see the guide).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ar", "en"), "ar": ("en",), "en": ("ar",)}
# The admin's language tabs need jQuery UI; serve our copy instead of the default public CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Static files: served by WhiteNoise. Hashed, compressed names in production (needs collectstatic).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The bulk dataset: built by `manage.py build_dataset`, offered for download by the data page.
DATASET_ROOT = Path(env.str("DJANGO_DATASET_ROOT", default=str(BASE_DIR / "var" / "dataset")))
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# The public lists' filters (django-filter): a choice left empty reads "All", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# The read-only API (/api/): anonymous GET only, rate-limited per client, readable from any origin.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Keyed on the client as the export limits and the login lockout see it (directory/client_ip.py).
    "DEFAULT_THROTTLE_CLASSES": ["directory.client_ip.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("DJANGO_API_RATE", default="120/minute")},
    "DEFAULT_SCHEMA_CLASS": "networks.api_schema.DirectorySchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Shabakat API",
    "DESCRIPTION": "Read-only access to the directory of women's networks in the Maghreb (Popolo-shaped).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "networks.models.DatePrecision"},
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Admin import/export (django-import-export): its CSV and XLSX formats escape formulas by the public exports'
# rule (`resources.SafeCSV`, `SafeXLSX`), so the library's own escape (which drops a leading "=") stays off.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# What one import may be (networks/imports.py): checked on the upload before anything parses it, while the
# rows are read, and as they are imported (the time, between rows and on each statement).
IMPORT_MAX_BYTES = env.int("DJANGO_IMPORT_MAX_MEGABYTES", 5) * 1024 * 1024
IMPORT_MAX_ROWS = env.int("DJANGO_IMPORT_MAX_ROWS", 2000)
IMPORT_TIMEOUT_SECONDS = env.int("DJANGO_IMPORT_TIMEOUT_SECONDS", 20)
if min(IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_TIMEOUT_SECONDS) <= 0:
    raise ImproperlyConfigured(
        "DJANGO_IMPORT_MAX_MEGABYTES, DJANGO_IMPORT_MAX_ROWS and DJANGO_IMPORT_TIMEOUT_SECONDS must be "
        "above 0."
    )

# --- The admin ---------------------------------------------------------------------------------------
# Its path under /ar/ and /en/: moving it off the well-known admin/ keeps most password-guessing bots away.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH must not be empty, e.g. admin/ or backoffice/.")
# The review queue (networks/review.py) lists the organizations not verified against their sources for longer.
REVIEW_VERIFIED_MONTHS = env.int("DJANGO_REVIEW_VERIFIED_MONTHS", 12)
if REVIEW_VERIFIED_MONTHS <= 0:
    raise ImproperlyConfigured("DJANGO_REVIEW_VERIFIED_MONTHS must be above 0 (a number of months).")

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused (429, even with the right password) for the cool-off. Locking the pair, not
# the username alone, stops a stranger from locking a real editor out; a successful login starts the count
# again. Superusers see and clear lockouts in the admin ("Access attempts").
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "directory.client_ip.client_ip_address"
# Quiet: otherwise every process, each manage.py command included, logs an "AXES: BEGIN version …" banner.
# (Its lockout log lines then name the username and address they lock, without the user agent.)
AXES_VERBOSE = False
# Behind a proxy, REMOTE_ADDR is the proxy's: read the client from the header the proxy sets. Opt-in,
# because without a proxy that header is whatever the client wants it to be.
CLIENT_IP_HEADER = env.header("DJANGO_CLIENT_IP_HEADER")
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", 1)

# Exports are fair (networks/limits.py): a rate per client, a cap on the exports running at once, and a slot
# left by a worker that died freed after EXPORT_SLOT_SECONDS.
EXPORT_RATE = env.str("DJANGO_EXPORT_RATE", default="20/minute")
if not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", EXPORT_RATE):
    raise ImproperlyConfigured(f"DJANGO_EXPORT_RATE={EXPORT_RATE!r}: write it as 20/minute (s, m, h or d)")
EXPORT_CONCURRENCY = env.int("DJANGO_EXPORT_CONCURRENCY", 2)
# On SQLite a CSV or XLSX export's statements together are bounded by this, not by the request's statement
# timeout (networks/timeouts.py: PostgreSQL bounds each of them by the statement timeout).
EXPORT_TIMEOUT_SECONDS = env.float("DJANGO_EXPORT_TIMEOUT", default=120)
EXPORT_SLOT_SECONDS = 600

# --- HTTPS and security headers ------------------------------------------------------------------------
# Production defaults pass `manage.py check --deploy` with no warning; debug keeps plain http working.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
# Only behind a proxy that always sets (or strips) this header: otherwise any client could claim https.
if env.header("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env.header("DJANGO_SECURE_PROXY_SSL_HEADER"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # other sites learn nothing of what a visitor read or searched
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything comes from this site, and no inline script or style
# runs, not even an attribute. Library admin templates that had some are overridden in templates/admin/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: URIs are images only here, never scripts
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
