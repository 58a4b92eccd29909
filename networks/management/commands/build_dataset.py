"""Build the bulk dataset the data page offers (networks/dataset.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from networks import dataset


class Command(BaseCommand):
    help = (
        "Write every public table as a zipped Frictionless Data Package to DJANGO_DATASET_ROOT (or --root) "
        "and offer it on the data page. Run it after edits, or on a schedule (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--root", type=Path, help="Directory to write to (default: DJANGO_DATASET_ROOT).")

    def handle(self, *args, root=None, **options):
        started = time.monotonic()
        latest = dataset.build(root)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dataset {latest['version']} written: {latest['file']}, {latest['size']:,} bytes, "
                f"sha256 {latest['sha256']}, in {time.monotonic() - started:.1f} s."
            )
        )
