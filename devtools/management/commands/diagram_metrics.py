"""Writes networks/diagram_metrics.json: how wide each character of the network diagram's font is, read from
the site's vendored web fonts (static/vendor/fonts/: Noto Sans for Latin, Noto Sans Arabic), so that
`networks.diagrams` shortens a label to its box without a browser. Run it again when the diagram's font
changes:

    make dev   # installs fonttools[woff], one of the dev extras
    .venv/bin/python manage.py diagram_metrics

Arabic letters are measured in their isolated forms, which are as wide as or wider than the forms they take
inside a word: the sum over a label errs on the long side, and the label is never cut short too little.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from networks.diagrams import FONT_FAMILY, METRICS

FONTS = settings.BASE_DIR / "static" / "vendor" / "fonts"
# The file of each subset of the site's "Shabakat" family (static/css/fonts.css), by weight.
SUBSETS = (
    "noto-sans/noto-sans-latin-{}-normal.woff2",
    "noto-sans-arabic/noto-sans-arabic-arabic-{}-normal.woff2",
)
WEIGHTS = ("400", "700")
# Basic Latin, Latin-1 and Latin Extended-A, general punctuation, Arabic and its supplement.
RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x0600, 0x06FF), (0x0750, 0x077F)]


class Command(BaseCommand):
    help = "Write networks/diagram_metrics.json from the site's vendored font files."

    def handle(self, *args, **options):
        try:
            from fontTools.ttLib import TTFont
        except ImportError as error:
            raise CommandError("needs fontTools: .venv/bin/pip install 'fonttools[woff]'") from error
        metrics = {"family": FONT_FAMILY, "unit": "em"}
        for weight in WEIGHTS:
            widths: dict[str, float] = {}
            for subset in SUBSETS:
                font = TTFont(FONTS / subset.format(weight))
                cmap, advances = font.getBestCmap(), font["hmtx"].metrics
                per_em = font["head"].unitsPerEm
                for first, last in RANGES:
                    for point in range(first, last + 1):
                        if point in cmap and chr(point) not in widths:
                            widths[chr(point)] = round(advances[cmap[point]][0] / per_em, 3)
            metrics[weight] = dict(sorted(widths.items()))
        METRICS.write_text(json.dumps(metrics, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        self.stdout.write(f"{METRICS}: {sum(len(metrics[w]) for w in WEIGHTS)} widths")
