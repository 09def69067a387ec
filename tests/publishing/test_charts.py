"""Bar charts laid out for an SVG: a legend that fits its width, on as many lines as it needs."""

import pytest

from values.publishing.charts import bar_chart

pytestmark = pytest.mark.unit


def test_short_legend_names_share_one_line():
    chart = bar_chart(["A", "B"], [("Practices", [1, 2]), ("Volunteers", [3, 4])])

    # 190 (labels) then 16 + 9 × 6.6 ≈ 59 + 24 = 99 px for "Practices": the second key starts at 289.
    assert [(item.x, item.y) for item in chart.legend] == [(190, chart.legend_y), (289, chart.legend_y)]
    assert chart.height == chart.legend_y + 26


def test_a_legend_too_wide_for_the_chart_goes_on_to_a_second_line():
    names = ["Punti salienti dei piani d'azione", "Insegnamenti dagli scambi", "Buone pratiche"]
    chart = bar_chart(["A"], [(name, [1]) for name in names])

    # 16 + round(33 × 6.6) = 234 px + 24: the first item ends at 448; the second needs 16 + 165 + 24 = 205 px,
    # which passes the width of 640, so it starts a line of its own, and the third follows it there.
    assert [(item.x, item.y - chart.legend_y) for item in chart.legend] == [(190, 0), (190, 18), (395, 18)]
    assert chart.height == chart.legend_y + 18 + 26
    assert all(item.x + 16 + len(item.name) * 6.6 <= chart.width for item in chart.legend)
