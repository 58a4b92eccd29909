"""Public pages served from the cache, and forgotten the moment staff change anything.

At 100,000 organizations a list page's facet counts take hundreds of milliseconds to compute; from the cache
the same page takes about one. Every cached page is stored under the current *directory version*, a value
replaced whenever any directory row is saved or deleted (signals, wired in `apps.py`), so an edit in the
admin, an import, `load_seeds` or a restore is visible on the next request, in every server process, as
long as they share the cache (`DJANGO_CACHE_URL`: a directory on one machine, Redis across machines).

`DJANGO_PAGE_CACHE_SECONDS` sets how long a page may be kept (0, the default in debug mode, turns it off).
Code that changes rows without signals (`QuerySet.update()`, `bulk_create`) calls `directory_changed()`.
"""

import functools
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "directory-version"
T = TypeVar("T")


def directory_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


# How long data kept per directory version may stay: a later version never reads it, so this only bounds
# what a shared cache (Redis) holds of versions gone by.
KEPT_SECONDS = 24 * 3600


def kept(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `name` until the directory changes: data derived from the
    directory (counts, options, the withheld names), not pages."""
    key = f"{name}:{directory_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=KEPT_SECONDS)
    return value


# name: (directory version, variant, value), for `held()`.
_held: dict[str, tuple[int, str, object]] = {}


def held(name: str, compute: Callable[[], T], variant: str = "") -> T:
    """`kept()`, and held in this process's memory too until the directory (or `variant`) changes: data that
    every request reads whole (the facet bitmaps, the list's orders, the redactor), which the cache would
    otherwise unpickle, or recompile, each time. One value per `name` is held."""
    version = directory_version()
    entry = _held.get(name)
    if entry is not None and entry[:2] == (version, variant):
        return entry[2]
    value = kept(f"{name}:{variant}" if variant else name, compute)
    _held[name] = (version, variant, value)
    return value


def directory_changed(**signal_kwargs) -> None:
    """Every cached page is stale from now on. (A new value rather than +1: never reuses an old version
    after the key was evicted.)"""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def cached_page(view):
    """Serve `view`'s successful GET answers from the cache, keyed by the directory version and the full
    URL (scheme, host, language prefix, query string: everything a page depends on)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = f"page:{directory_version()}:{request.build_absolute_uri()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, seconds)
        return response

    return wrapper
