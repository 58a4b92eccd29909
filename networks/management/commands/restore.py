"""`manage.py restore FILE`: load a backup (`manage.py backup`) into an empty, migrated database.

All or nothing: the file loads in one transaction. It refuses a database that already holds directory content
or users, so a restore never mixes two databases; restore into a new one (`DATABASE_URL=…`, then `migrate`).
A file that is damaged, cut short or not a backup is refused in one line that says what is wrong with it.
"""

import lzma
import re
import zlib
from pathlib import Path
from xml.sax import SAXException, SAXParseException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.test.utils import override_settings
from django.utils import translation

from networks.models import DIRECTORY_MODELS, Organization, Person
from networks.search import documents as search_documents

# What a damaged, cut or foreign file raises while loaddata reads it: the XML parser's error, the
# decompressors' (a gzip file cut short ends early, a damaged one is no gzip), a row the database refuses.
UNREADABLE = (
    CommandError,
    DeserializationError,
    DatabaseError,
    ValueError,
    SAXException,
    EOFError,
    OSError,
    zlib.error,
    lzma.LZMAError,
)
# loaddata's prefix to the errors it passes on; the message names the file already.
LOADDATA_PREFIX = re.compile(r"^Problem installing fixtures? '[^']*': ")


def what_is_wrong(error: Exception) -> str:
    """One line saying what is wrong with the file."""
    if isinstance(error, SAXParseException):
        return (
            f"not well-formed XML at line {error.getLineNumber()}, column {error.getColumnNumber()}: "
            f"{error.getMessage()} (the file is damaged or cut short)"
        )
    text = LOADDATA_PREFIX.sub("", " ".join(str(error).split()))
    if isinstance(error, EOFError):
        return f"the compressed file is cut short: {text}"
    if isinstance(error, (zlib.error, lzma.LZMAError)) or (
        isinstance(error, OSError) and error.errno is None
    ):
        return f"the compressed file is damaged: {text}"
    return text


class Command(BaseCommand):
    help = "Load a backup written by `manage.py backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (.xml, or compressed .xml.gz …).")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file (nothing was written).")
        occupied = [m._meta.db_table for m in DIRECTORY_MODELS if m.objects.exists()]
        if get_user_model().objects.exists():
            occupied.append(get_user_model()._meta.db_table)
        if occupied:
            raise CommandError(
                f"The database is not empty (rows in {', '.join(occupied)}). Restore into an empty "
                "database: point DATABASE_URL at a new one and run `manage.py migrate` first "
                "(nothing was written)."
            )
        try:
            # The file holds the history already: loading it must not record the load as new edits
            # (django-simple-history ignores raw saves, but not the many-to-many sets of loaddata). Saves fill
            # the untranslated columns in the active language: the site's default, whatever the terminal's.
            with (
                transaction.atomic(),
                override_settings(SIMPLE_HISTORY_ENABLED=False),
                translation.override(settings.LANGUAGE_CODE),
            ):
                call_command("loaddata", str(file), verbosity=0)
                search_documents.rebuild()  # derived data, not in the file
        except UNREADABLE as error:
            raise CommandError(
                f"{file}: cannot be restored: {what_is_wrong(error)} (nothing was written)."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file}: {Organization.objects.count()} organizations, "
                f"{Person.objects.count()} people, {get_user_model().objects.count()} users."
            )
        )
