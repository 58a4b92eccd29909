"""`manage.py restore FILE`: load a backup (`manage.py backup`) into an empty, migrated database.

All or nothing: the file loads in one transaction. It refuses a database that already holds directory content
or users, so a restore never mixes two databases; restore into a new one (`DATABASE_URL=…`, then `migrate`).
"""

from pathlib import Path

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


class Command(BaseCommand):
    help = "Load a backup written by `manage.py backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (.json, or compressed .json.gz …).")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file. Nothing was written.")
        occupied = [m._meta.db_table for m in DIRECTORY_MODELS if m.objects.exists()]
        if get_user_model().objects.exists():
            occupied.append(get_user_model()._meta.db_table)
        if occupied:
            raise CommandError(
                f"The database is not empty (rows in {', '.join(occupied)}). Restore into an empty "
                "database: point DATABASE_URL at a new one and run `manage.py migrate` first. "
                "Nothing was written."
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
        except (CommandError, DeserializationError, DatabaseError, ValueError) as error:
            # loaddata names the file and, for a malformed one, the object at fault.
            raise CommandError(f"{file}: cannot be restored: {error}\nNothing was written.") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file}: {Organization.objects.count()} organizations, "
                f"{Person.objects.count()} people, {get_user_model().objects.count()} users."
            )
        )
