"""Server-drawn charts: SVG bars with a text alternative, laid out for the page's direction."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import get_language_bidi


@dataclass
class Bar:
    label: str
    value: int
    x: float  # where the bar starts, in SVG units, mirrored for right-to-left pages
    y: float
    width: float
    label_x: float
    value_x: float


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    text_anchor: str  # where labels hang: "start" (ltr) or "end" (rtl)
    value_anchor: str

    def __bool__(self):
        return bool(self.bars)


BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 22, 8, 220, 560


def bar_chart(rows, title) -> BarChart:
    """Horizontal bars for (label, value) rows; label column on the reading side."""
    rtl = get_language_bidi()
    rows = [(str(label), int(value)) for label, value in rows if value]
    largest = max((value for _, value in rows), default=1)
    plot = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for i, (label, value) in enumerate(rows):
        width = max(2.0, plot * value / largest)
        y = i * (BAR_HEIGHT + GAP)
        if rtl:
            x = CHART_WIDTH - LABEL_WIDTH - width
            bars.append(Bar(label, value, x, y, width, CHART_WIDTH - 4, x - 4))
        else:
            x = LABEL_WIDTH
            bars.append(Bar(label, value, x, y, width, 4, x + width + 4))
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP)
    return BarChart(
        str(title),
        bars,
        CHART_WIDTH,
        height,
        "end" if rtl else "start",
        "end" if rtl else "start",
    )


def count_by_year(events):
    """(year, count) for dated events, oldest first; undated events cannot be placed on a time axis."""
    years = Counter(event.date.year for event in events if event.date is not None)
    return sorted(years.items())
