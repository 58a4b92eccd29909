import argparse
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from devtools import demo
from networks.models import DERIVED_MODELS


def bounded_int(low: int, high: int):
    """An argparse type: an integer in [low, high] (written 100000, 100,000 or 100_000), or a clear error
    (argparse turns it into "error: argument --organizations: …", a CommandError under call_command)."""

    def parse(text) -> int:
        try:
            value = int(str(text).replace(",", "").replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r}).") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:,} and {high:,} (got {value:,}).")
        return value

    return parse


def checked(value, name: str, low: int, high: int) -> int:
    """The same check for values passed as keyword arguments to call_command, which skips the parser."""
    try:
        return bounded_int(low, high)(value)
    except argparse.ArgumentTypeError as error:
        raise CommandError(f"argument {name}: {error}") from None


class Command(BaseCommand):
    help = (
        "Fill a separate, empty database with a synthetic directory of N invented organizations (names "
        "in Arabic and English across the Middle East and North Africa, branches, bureaus, people, goals, "
        "events, publications), all citing one demo source. For load tests and benchmarks; deterministic "
        "for a seed. Refuses a database that holds the real seeds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organizations",
            type=bounded_int(1, demo.MAX_ORGANIZATIONS),
            default=1000,
            metavar="N",
            help=f"How many organizations (1 to {demo.MAX_ORGANIZATIONS:,}; default 1,000).",
        )
        parser.add_argument(
            "--seed",
            type=bounded_int(0, 2**63 - 1),
            default=1,
            metavar="S",
            help="Seed of the random generator: the same seed gives the same data (default 1).",
        )
        parser.add_argument(
            "--demo-ok",
            action="store_true",
            help="Confirm that this database is meant for demo data. Required.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the demo data already in the database first (otherwise the command refuses).",
        )
        parser.add_argument(
            "--batch-size",
            type=bounded_int(100, 100_000),
            default=5000,
            metavar="ROWS",
            help="Rows per INSERT statement (default 5,000).",
        )

    def handle(self, *args, organizations, seed, demo_ok, replace, batch_size, **options):
        # call_command(organizations=…) skips the parser's types: check again.
        organizations = checked(organizations, "--organizations", 1, demo.MAX_ORGANIZATIONS)
        seed = checked(seed, "--seed", 0, 2**63 - 1)
        batch_size = checked(batch_size, "--batch-size", 100, 100_000)
        database = settings.DATABASES["default"]["NAME"]
        if not demo_ok:
            raise CommandError(
                "generate_demo_data writes invented organizations, people and events. Run it only against "
                "a database made for demo data, e.g. "
                "DATABASE_URL=postgres://postgres@127.0.0.1:5432/shabakat_demo, and pass --demo-ok to "
                f"confirm (the database now is {database}). Nothing was written."
            )
        started = time.monotonic()
        with transaction.atomic():
            try:
                demo.check_database(replace=replace)
            except demo.DemoRefused as refusal:
                raise CommandError(f"{refusal}\nNothing was written.") from refusal
            if replace and demo.demo_sources().exists():
                self.stdout.write("Deleting the previous demo data…")
                demo.delete_demo_data(log=self.stdout.write)
            self.stdout.write(
                f"Generating {organizations:,} organizations (seed {seed}) into {connection.vendor} "
                f"database {database}…"
            )
            generator = demo.generate(organizations, seed, batch_size=batch_size, log=self.stdout.write)
            self.stdout.write("Committing…")
        generated = time.monotonic() - started
        self.stdout.write(f"{'rows written':>38}  {'insert time':>11}")
        for model in demo.WRITE_ORDER:
            if generator.written[model]:
                self.stdout.write(
                    f"{demo.label(model):>24}: {generator.written[model]:>11,}  "
                    f"{generator.write_seconds[model]:>9.1f} s"
                )
        self.stdout.write(f"{'total':>24}: {sum(generator.written.values()):>11,}  in {generated:.1f} s")
        if connection.vendor == "postgresql":
            # Statistics for the planner, and (VACUUM) the visibility map and hint bits, so that a benchmark
            # run right after neither plans blind nor pays for the first reads of freshly loaded pages.
            # VACUUM cannot run inside a transaction (as under a test): ANALYZE alone then.
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            analyzed = time.monotonic()
            with connection.cursor() as cursor:
                derived = [model for model in DERIVED_MODELS if model._meta.managed]  # the search index
                for model in [*demo.WRITE_ORDER, *derived]:
                    cursor.execute(f"{statement} {connection.ops.quote_name(model._meta.db_table)}")
            self.stdout.write(f"{statement}: {time.monotonic() - analyzed:.1f} s")
        self.stdout.write("Rows in the database now:")
        for name, count in demo.totals():
            self.stdout.write(f"{name:>24}: {count:>11,}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {organizations:,} organizations (seed {seed}) in {elapsed:.1f} s."
            )
        )
