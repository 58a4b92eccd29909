"""Server-drawn charts: SVG bars with a text alternative, laid out for the page's direction."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import get_language_bidi

from .diagrams import text_width


@dataclass
class Bar:
    label: str
    value: int
    x: float  # where the bar starts, in SVG units, mirrored for right-to-left pages
    y: float
    width: float
    label_x: float
    value_x: float
    shown: str  # the label as drawn: shortened when too wide (the chart's table gives it whole)


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


BAR_HEIGHT, GAP, CHART_WIDTH, VALUE_ROOM = 22, 8, 560, 40  # the plot has what the labels leave
LABEL_SIZE = 13  # px, as site.css draws .chart-label
MIN_LABEL_WIDTH, MAX_LABEL_WIDTH = 120, 320


def label_column(labels: list[str]) -> tuple[float, list[str]]:
    """The width of the label column, from the widest label as the site's font draws it (a fixed column cut
    long cause names), and the labels, those still wider than MAX_LABEL_WIDTH shortened with an ellipsis."""
    fitted = []
    for label in labels:
        while text_width(label, LABEL_SIZE) > MAX_LABEL_WIDTH - 8 and len(label) > 1:
            label = label[:-2].rstrip() + "…"
        fitted.append(label)
    widest = max((text_width(label, LABEL_SIZE) for label in fitted), default=0)
    return min(max(widest + 8, MIN_LABEL_WIDTH), MAX_LABEL_WIDTH), fitted


def bar_chart(rows, title) -> BarChart:
    """Horizontal bars for (label, value) rows; label column on the reading side."""
    rtl = get_language_bidi()
    rows = [(str(label), int(value)) for label, value in rows if value]
    label_width, shown = label_column([label for label, _ in rows])
    chart_width = CHART_WIDTH
    largest = max((value for _, value in rows), default=1)
    plot = CHART_WIDTH - label_width - VALUE_ROOM
    bars = []
    for i, (label, value) in enumerate(rows):
        width = max(2.0, plot * value / largest)
        y = i * (BAR_HEIGHT + GAP)
        if rtl:
            x = chart_width - label_width - width
            bars.append(Bar(label, value, x, y, width, chart_width - 4, x - 4, shown[i]))
        else:
            x = label_width
            bars.append(Bar(label, value, x, y, width, 4, x + width + 4, shown[i]))
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP)
    return BarChart(
        str(title),
        bars,
        chart_width,
        height,
        "end" if rtl else "start",
        "end" if rtl else "start",
    )


def count_by_year(events):
    """(year, count) for dated events, oldest first; undated events cannot be placed on a time axis."""
    years = Counter(event.date.year for event in events if event.date is not None)
    return sorted(years.items())
