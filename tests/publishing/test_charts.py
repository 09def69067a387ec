"""Bar charts laid out for an SVG: a legend that fits its width, on as many lines as it needs."""

import pytest

from values.publishing.charts import bar_chart

pytestmark = pytest.mark.unit


def test_short_legend_names_share_one_line():
    chart = bar_chart(["A", "B"], [("Practices", [1, 2]), ("Volunteers", [3, 4])])

    # From the margin of 4: a key and gap of 18, 9 × 8 = 72 for "Practices" and 24 between: the second at 118.
    assert [(item.x, item.y) for item in chart.legend] == [(4, chart.legend_y), (118, chart.legend_y)]
    assert chart.height == chart.legend_y + 20 + 4


def test_a_legend_too_wide_for_the_chart_goes_on_to_a_second_line():
    names = ["Punti salienti dei piani d'azione", "Insegnamenti dagli scambi", "Buone pratiche"]
    chart = bar_chart(["A"], [(name, [1]) for name in names])

    # 18 + 33 × 8 = 282 px + 24: the next item starts at 310; the second needs 18 + 25 × 8 = 218 px, which
    # passes the width of 440, so it starts a line of its own (20 px lower) and the third (130 px) follows it.
    assert [(item.x, item.y - chart.legend_y) for item in chart.legend] == [(4, 0), (4, 20), (246, 20)]
    assert chart.height == chart.legend_y + 20 + 20 + 4
    assert all(item.x + 18 + len(item.name) * 8 <= chart.width for item in chart.legend)
