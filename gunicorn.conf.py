"""gunicorn's settings for Shabakat: `gunicorn directory.wsgi` reads this file from the working directory (the
Dockerfile and bench/lib.sh name it with --config). Every value comes from the environment; an unset or empty
variable means the default. Options given on gunicorn's command line win over this file.

    GUNICORN_BIND                 where to listen (127.0.0.1:8000; the Dockerfile passes 0.0.0.0:8000)
    GUNICORN_WORKERS              worker processes (3)
    GUNICORN_WORKER_CLASS         gthread (default) or sync
    GUNICORN_THREADS              threads per gthread worker (4): 3 × 4 = 12 requests at once
    GUNICORN_TIMEOUT              seconds a worker may stay silent before the master kills it (30)
    GUNICORN_GRACEFUL_TIMEOUT     seconds a worker has to finish its requests on a restart or stop (30)
    GUNICORN_KEEPALIVE            seconds an idle keep-alive connection is kept (5; more than a load
                                  balancer's own idle timeout would make it reuse closed connections)
    GUNICORN_MAX_REQUESTS         a worker is replaced, gracefully, after this many requests (10000; 0 never)
    GUNICORN_MAX_REQUESTS_JITTER  plus up to this many, so that the workers are not replaced together (1000)
    GUNICORN_ACCESS_LOG           the access log: - for stdout (default), a file path, or off
    GUNICORN_LOG_LEVEL            the error log's level (info); the error log goes to stderr
    GUNICORN_CONTROL_SOCKET       a path for gunicorn's control socket (`gunicornc`); none by default, since
                                  gunicorn's default, one path in the home directory, is shared by every
                                  gunicorn the user runs
    GUNICORN_FORWARDED_ALLOW_IPS  the proxies (addresses or networks, comma-separated, or *) whose
                                  X-Forwarded-Proto gunicorn believes (default: none)

Why GUNICORN_FORWARDED_ALLOW_IPS is empty by default: gunicorn's own default trusts the loopback address, so
a request from 127.0.0.1 saying `X-Forwarded-Proto: https` over plain HTTP was taken for HTTPS (the sitemap
then listed https:// links). Behind a TLS-terminating proxy, name its address here: gunicorn then marks its
HTTPS requests as such, checking where they come from, and Django needs no DJANGO_SECURE_PROXY_SSL_HEADER.
That Django setting trusts the header from anyone, whatever this list says: use it only when nothing but
the proxy can reach gunicorn.
"""

import os


def setting(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def number(name: str, default: int) -> int:
    value = setting(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number; got {value!r}.") from None


bind = [setting("GUNICORN_BIND", "127.0.0.1:8000")]
workers = number("GUNICORN_WORKERS", 3)
worker_class = setting("GUNICORN_WORKER_CLASS", "gthread")
threads = number("GUNICORN_THREADS", 4)
timeout = number("GUNICORN_TIMEOUT", 30)
graceful_timeout = number("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = number("GUNICORN_KEEPALIVE", 5)
max_requests = number("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = number("GUNICORN_MAX_REQUESTS_JITTER", 1000)

access_log = setting("GUNICORN_ACCESS_LOG", "-")
accesslog = None if access_log == "off" else access_log
errorlog = "-"
loglevel = setting("GUNICORN_LOG_LEVEL", "info")

control_socket = setting("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "").strip()
