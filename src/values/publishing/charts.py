"""Horizontal bar charts as numbers for an SVG template: one row per label, one bar per series. Pure Python."""

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH, CHART_WIDTH, VALUE_WIDTH = 190, 360, 90
BAR_HEIGHT, BAR_GAP, ROW_GAP, TOP, LEGEND_HEIGHT = 14, 2, 10, 8, 26
# The legend: a key of 12 px and a gap before its name; a name's width estimated from its length
# (DejaVu Sans at 11 px averages under 6.6 px a character), a gap between items, 18 px a line.
KEY_AND_GAP, CHAR_WIDTH, LEGEND_GAP, LEGEND_LINE = 16, 6.6, 24, 18
# Colours with at least 3:1 contrast against white, told apart by lightness as well as hue.
COLOURS = ("#0b5394", "#e69138", "#38761d", "#741b47")


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: float
    height: int
    colour: str
    value: str  # as printed at the bar's end


@dataclass(frozen=True)
class Row:
    label: str
    y: int  # of the label's baseline


@dataclass(frozen=True)
class LegendItem:
    name: str
    colour: str
    x: int
    y: int  # of the key's top edge; a legend too wide for one line goes on to the next


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    rows: tuple[Row, ...]
    bars: tuple[Bar, ...]
    legend: tuple[LegendItem, ...]
    legend_y: int


def bar_chart(labels: list[str], series: list[tuple[str, list[Decimal | int]]], *, fmt=str) -> BarChart:
    """Bars scaled to the largest value of all series; `fmt` writes a value at the end of its bar."""
    largest = max((value for _, values in series for value in values), default=0) or 1
    row_height = len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    rows, bars = [], []
    for index, label in enumerate(labels):
        top = TOP + index * row_height
        rows.append(Row(label, top + len(series) * (BAR_HEIGHT + BAR_GAP) // 2 + 4))
        for number, (_name, values) in enumerate(series):
            width = round(CHART_WIDTH * float(values[index]) / float(largest), 1)
            y = top + number * (BAR_HEIGHT + BAR_GAP)
            bars.append(Bar(LABEL_WIDTH, y, width, BAR_HEIGHT, COLOURS[number % len(COLOURS)], fmt(values[index])))
    legend_y = TOP + len(labels) * row_height + 6
    width = LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH
    legend = _legend([name for name, _values in series], legend_y, width)
    height = (legend[-1].y if legend else legend_y) + LEGEND_HEIGHT
    return BarChart(width, height, tuple(rows), tuple(bars), legend, legend_y)


def _legend(names: list[str], top: int, width: int) -> tuple[LegendItem, ...]:
    """Keys left to right under the bars, wrapping to a new line where the next name would not fit."""
    items, x, y = [], LABEL_WIDTH, top
    for number, name in enumerate(names):
        item_width = KEY_AND_GAP + round(len(name) * CHAR_WIDTH) + LEGEND_GAP
        if x > LABEL_WIDTH and x + item_width > width:
            x, y = LABEL_WIDTH, y + LEGEND_LINE
        items.append(LegendItem(name, COLOURS[number % len(COLOURS)], x, y))
        x += item_width
    return tuple(items)
