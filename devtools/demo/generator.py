"""The run: reference data first, then organizations of every shape until there are as many as asked,
written a few thousand at a time."""

from __future__ import annotations

import time
from collections import Counter

from django.conf import settings
from django.db import connection
from django.utils import translation

from networks.cache import directory_changed
from networks.search import documents as search_documents

from .database import MAX_ORGANIZATIONS, DemoRefused
from .rows import Rows
from .shapes import Shapes


class Generator(Shapes):
    def __init__(self, organizations: int, seed: int, batch_size: int = 5000, log=None):
        self.log = log or (lambda line: None)
        super().__init__(organizations, seed, Rows(batch_size))
        self.started = time.monotonic()
        self.last_report = 0.0

    @property
    def written(self) -> Counter:
        """Rows written, per model."""
        return self.rows.written

    @property
    def write_seconds(self) -> Counter:
        """Seconds spent writing, per model."""
        return self.rows.write_seconds

    def flush(self):
        self.rows.flush()
        elapsed = time.monotonic() - self.started
        if elapsed - self.last_report >= 5 or self.created == self.total:
            self.last_report = elapsed
            self.log(
                f"  {self.created:>9,} / {self.total:,} organizations, "
                f"{sum(self.written.values()):>10,} rows written · {elapsed:6.1f} s"
            )

    def run(self) -> Counter:
        # The untranslated columns (`name`, …) take the active language's text, as in a save(): the default.
        with translation.override(settings.LANGUAGE_CODE):
            self.create_source()
            self.create_places()
            self.create_causes()
            if self.total >= 30:
                self.create_partners()
            shapes = [
                self.standalone,
                lambda: self.network(False),
                lambda: self.network(True),
                self.coalition,
                self.party,
            ]
            weights = [75, 9, 1.5, 10, 1]
            threshold = 10 * self.rows.batch_size
            while self.remaining:
                self.rng.choices(shapes, weights)[0]()
                if self.rows.buffered >= threshold:
                    self.flush()
            self.flush()
            self.rows.reset_sequences()
        return self.written


def generate(organizations: int, seed: int, *, batch_size: int = 5000, log=None) -> Generator:
    """Write a demo directory of `organizations` organizations. Call inside a transaction, after
    `check_database()`. Returns the generator, whose `written` and `write_seconds` count rows and time per
    model."""
    if not 1 <= organizations <= MAX_ORGANIZATIONS:
        raise DemoRefused(
            f"--organizations must be between 1 and {MAX_ORGANIZATIONS:,} (got {organizations:,})."
        )
    generator = Generator(organizations, seed, batch_size=batch_size, log=log)
    if connection.vendor == "postgresql":
        # Check foreign keys at the end of each INSERT rather than all at commit: rows are written in
        # dependency order, and PostgreSQL need not queue millions of deferred checks.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # The trigram indexes take new rows in a pending list, merged into the index when it is full:
            # a larger list merges less often (the VACUUM after the run merges what is left).
            cursor.execute("SET LOCAL gin_pending_list_limit = '256MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    generator.run()
    # Bulk writes send no signals: the search index is rebuilt once, at the end.
    started = time.monotonic()
    indexed = search_documents.rebuild()
    generator.log(f"Search index: {indexed:,} organizations in {time.monotonic() - started:.1f} s")
    directory_changed()  # bulk writes send no signals: cached pages must be dropped by hand
    return generator
