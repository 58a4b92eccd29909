"""The server-drawn bar charts: every label drawn whole inside the chart, on the reading side, in either
direction; a label too long for any column is shortened in the drawing and whole in the chart's table."""

import pytest
from django.utils import translation

from networks.charts import MAX_LABEL_WIDTH, bar_chart
from networks.diagrams import text_width

LABELS = [
    ("Solidarity with Jerusalem and Palestine", 9),
    ("Legal aid", 3),
    ("التضامن مع القدس وفلسطين", 5),
]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_label_fits_between_the_edge_and_its_bar(language):
    with translation.override(language):
        chart = bar_chart(LABELS, "Causes")
    for bar in chart.bars:
        drawn = text_width(bar.shown, 13)
        if language == "ar":  # anchored at its end, on the right; the bar ends to its left
            assert bar.label_x - drawn >= bar.x + bar.width
            assert bar.label_x <= chart.width
        else:
            assert bar.label_x >= 0 and bar.label_x + drawn <= bar.x
        assert bar.value_x <= chart.width and bar.value_x >= 0
        assert bar.shown == bar.label  # these fit whole


def test_a_label_wider_than_any_column_is_shortened_in_the_drawing_only():
    label = "A cause whose name goes on and on, far longer than any chart's label column could hold"
    chart = bar_chart([(label, 1)], "Causes")
    (bar,) = chart.bars
    assert bar.shown.endswith("…") and text_width(bar.shown, 13) <= MAX_LABEL_WIDTH
    assert bar.label == label
