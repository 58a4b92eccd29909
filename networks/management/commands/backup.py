"""`manage.py backup [FILE]`: the whole database as one XML file, gzip-compressed when FILE ends in .gz.

XML rather than JSON: Django's JSON encoder rounds timestamps to the millisecond, XML keeps them exact, so
the edit history comes back exactly as it was.

Holds every directory row in both languages, the edit history, the admin log, users and groups. Left out:
what `migrate` recreates (content types, permissions) and what is not worth keeping (sessions, login
lockouts). Foreign keys to content types and permissions are written as natural keys, so the file loads into
any freshly migrated database (`manage.py restore FILE`).

The file appears whole or not at all: it is written beside its path under a temporary name and linked there
once complete. It is readable by its owner only (mode 0600).
"""

import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from networks.models import DERIVED_MODELS

# Apps or models a backup leaves out (recreated by migrate, transient, or derived: the search index).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    *(model._meta.label_lower for model in DERIVED_MODELS),
]


def installed(label: str) -> bool:
    """Whether the app of `label` ("axes", "auth.permission") is installed: dumpdata refuses unknown apps."""
    try:
        apps.get_app_config(label.split(".")[0])
    except LookupError:
        return False
    return True


def publish(partial: Path, file: Path):
    """Give the complete `partial` its name `file`, which must not exist. A link refuses to replace a file
    that appeared there meanwhile, where a rename would not; without links (FAT), it is renamed."""
    try:
        os.link(partial, file)
    except FileExistsError:
        raise
    except OSError:
        if file.exists():
            raise FileExistsError(file) from None
        partial.rename(file)


class Command(BaseCommand):
    help = "Write a complete dump of the database (both languages, edit history included) to FILE."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            help="Where to write (default: backups/shabakat-<date-time>.xml.gz): .xml, or .xml.gz/.bz2/.xz.",
        )

    def handle(self, *args, file: Path | None, **options):
        if file is None:
            file = Path("backups") / f"shabakat-{timezone.localtime():%Y%m%d-%H%M%S}.xml.gz"
        if ".xml" not in file.suffixes:
            raise CommandError(f"{file}: a backup is XML; name it …xml or …xml.gz (nothing was written).")
        if file.exists():
            raise CommandError(f"{file} exists already; give another name (nothing was written).")
        # Written to a temporary file beside it, named with the same last suffix (dumpdata compresses by it),
        # created readable by its owner only: a backup holds the users' password hashes.
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=file.suffix)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror} (nothing was written).") from None
        os.close(descriptor)
        partial = Path(name)
        try:
            call_command(
                "dumpdata",
                exclude=[label for label in EXCLUDED if installed(label)],
                format="xml",
                natural_foreign=True,
                output=str(partial),
                verbosity=0,
            )
            with partial.open("rb") as written:
                os.fsync(written.fileno())
            publish(partial, file)
        except FileExistsError:
            raise CommandError(f"{file} exists already; give another name (nothing was written).") from None
        except (CommandError, OSError) as error:
            raise CommandError(f"{file}: {error} (nothing was written).") from error
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file} ({file.stat().st_size:,} bytes)."))
