"""Rewrite every organization's search document (networks/search/documents.py)."""

import time

from django.core.management.base import BaseCommand

from networks.cache import directory_changed
from networks.search import documents


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from the directory's rows. Writes keep it up to date; run this "
        "after changing rows without the models (SQL, QuerySet.update()) or the search pipeline."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        count = documents.rebuild(log=self.stdout.write if options["verbosity"] > 1 else lambda line: None)
        directory_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {count:,} organizations in {time.monotonic() - started:.1f} s."
            )
        )
