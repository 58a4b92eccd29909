from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from networks.seeds import SeedError, SeedLoader


class Command(BaseCommand):
    help = (
        "Load the facts of the source documents from seeds/*.yaml, in one transaction. "
        "Idempotent: a second run changes nothing. A malformed file changes nothing and names "
        "the file, line and entry at fault."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="Folder holding taxonomy.yaml, the source files and sources/ (default: seeds/).",
        )

    def handle(self, *args, directory: Path, **options):
        try:
            report = SeedLoader(directory).load()
        except SeedError as error:
            raise CommandError(f"{error}\nNothing was written.") from error
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Seeds loaded from {directory}: {report.changed} rows written.")
        )
