from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devtools import maps


class Command(BaseCommand):
    help = (
        "Build the map's shapes (networks/maps/shapes.json) from the raw datasets in devtools/maps/sources/: "
        "projected, simplified, clipped to the Middle East and North Africa. --check only compares."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=maps.OUTPUT, help="Where to write (default: %(default)s)."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the file differs from what the sources build.",
        )

    def handle(self, *args, output: Path, check: bool, **options):
        built = maps.build()
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else None
            if current != built:
                raise CommandError(f"{output} is out of date: run `manage.py build_map_shapes`.")
            self.stdout.write(f"{output} is up to date.")
            return
        output.write_text(built, encoding="utf-8")
        self.stdout.write(f"Wrote {output} ({len(built.encode()):,} bytes).")
