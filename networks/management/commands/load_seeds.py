from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from networks.seeds import SeedError, SeedLoader


class Command(BaseCommand):
    help = (
        "Load the facts of the source documents from seeds/*.yaml, in one transaction. "
        "Idempotent: a second run changes nothing. A malformed file changes nothing and names "
        "the file, line and entry at fault. Where the database differs from the seeds (edited or deleted "
        "by staff), it lists the differences and changes nothing, unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="Folder holding taxonomy.yaml, the source files and sources/ (default: seeds/).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace values that differ in the database (staff edits) by the seeds' values.",
        )

    def handle(self, *args, directory: Path, overwrite: bool, **options):
        try:
            report = SeedLoader(directory, overwrite=overwrite).load()
        except SeedError as error:
            raise CommandError(f"{error}\nNothing was written.") from error
        if report.differences:
            heading = "overwritten by the seeds" if overwrite else "kept as they are"
            self.stderr.write(
                self.style.WARNING(
                    f"{len(report.differences)} difference(s) between the seeds and the database, {heading}:"
                )
            )
            for line in report.differences:
                self.stderr.write(f"  {line}")
        if not report.written:
            # Not an error: `make run` loads the seeds on every start, and staff edits are expected.
            self.stderr.write(
                self.style.WARNING(
                    "Nothing was written. Run `manage.py load_seeds --overwrite` to replace the database's "
                    "values with the seeds'."
                )
            )
            return
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Seeds loaded from {directory}: {report.changed} rows written.")
        )
