from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from networks import seed_files
from networks.seed_files import MANIFEST, SeedError


class Command(BaseCommand):
    help = (
        f"Write seeds/{MANIFEST}, the checksums load_seeds checks every seed file against before it writes "
        "anything. Run it after a deliberate edit of a seed file or source document. With --check, only "
        "report what would stop load_seeds (a file changed, added or removed, bytes that are not text)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="Folder holding the seed files and sources/ (default: seeds/).",
        )
        parser.add_argument(
            "--check", action="store_true", help=f"Only check the files against {MANIFEST}; write nothing."
        )

    def handle(self, *args, directory: Path, check: bool, **options):
        if check:
            texts, problems = seed_files.check(directory)
            if problems:
                summary = f"{len(problems)} problem(s): load_seeds would refuse these seeds."
                raise CommandError("\n".join([*map(str, problems), summary]))
            self.stdout.write(self.style.SUCCESS(f"{len(texts)} files match {directory / MANIFEST}."))
            return
        try:
            changed = seed_files.write_manifest(directory)
        except SeedError as error:
            raise CommandError(f"{error}\n{MANIFEST} was not written.") from error
        except OSError as error:
            raise CommandError(f"{directory / MANIFEST}: cannot write: {error.strerror}") from error
        summary = f"{len(changed)} changed: {', '.join(changed)}" if changed else "unchanged"
        self.stdout.write(self.style.SUCCESS(f"Wrote {directory / MANIFEST} ({summary})."))
