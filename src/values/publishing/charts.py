"""Horizontal bar charts as numbers for an SVG template: one row per label, one bar per series. Pure Python."""

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH, CHART_WIDTH, VALUE_WIDTH = 190, 360, 90
BAR_HEIGHT, BAR_GAP, ROW_GAP, TOP, LEGEND_HEIGHT = 14, 2, 10, 8, 26
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
    legend = tuple(
        LegendItem(name, COLOURS[number % len(COLOURS)], LABEL_WIDTH + number * 170)
        for number, (name, _values) in enumerate(series)
    )
    width = LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH
    return BarChart(width, legend_y + LEGEND_HEIGHT, tuple(rows), tuple(bars), legend, legend_y)
