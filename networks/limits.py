"""Exports are fair: each client may start a few a minute (`EXPORT_RATE`), and only a few run at once on the
whole server (`EXPORT_CONCURRENCY`), so that full exports cannot starve the pages and `/healthz`. Beyond
either, a 429 with `Retry-After` that points to the bulk dataset.

The counters live in the shared cache (Redis or a directory across processes), keyed by the client address
the login lockout uses (`directory.client_ip`): a forged X-Forwarded-For moves no one to a new bucket unless
the proxy setting trusts that header. A slot is freed when its export ends, however it ends (the stream's
`finally`); one whose worker died frees itself after `EXPORT_SLOT_SECONDS`.
"""

import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from directory.client_ip import client_ip_address


@dataclass(frozen=True)
class Refusal:
    reason: str  # "rate" or "busy"
    retry_after: int  # seconds


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/minute' → (20, 60): DRF's notation, as DJANGO_API_RATE."""
    count, period = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0]]


def over_rate(request) -> Refusal | None:
    """Counts this export against its client's window; a Refusal when the client is over the rate."""
    allowed, period = parse_rate(settings.EXPORT_RATE)
    window = int(time.time() // period)
    key = f"export-rate:{client_ip_address(request)}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    if count > allowed:
        return Refusal("rate", max(1, (window + 1) * period - int(time.time())))
    return None


def take_slot() -> str | None:
    """One of the server's EXPORT_CONCURRENCY export slots (its cache key), or None when all are taken."""
    token = uuid.uuid4().hex
    for number in range(settings.EXPORT_CONCURRENCY):
        key = f"export-slot:{number}"
        if cache.add(key, token, timeout=settings.EXPORT_SLOT_SECONDS):
            return key
    return None


def free_slot(key: str) -> None:
    cache.delete(key)


@contextmanager
def slot_held(key: str):
    try:
        yield
    finally:
        free_slot(key)


class Holding:
    """The pieces of a streamed export, its slot freed when the response is closed: Django closes it when the
    stream ends, fails or the client goes away, and even when the stream never started."""

    def __init__(self, key: str, pieces: Iterable):
        self.key, self.pieces = key, iter(pieces)

    def __iter__(self) -> Iterator:
        return self

    def __next__(self):
        return next(self.pieces)

    def close(self) -> None:
        free_slot(self.key)
        if hasattr(self.pieces, "close"):
            self.pieces.close()
