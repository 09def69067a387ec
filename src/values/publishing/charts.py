"""Horizontal bar charts as numbers for an SVG template: one row per label, one bar per series. Pure Python.

Readable where it is shown: the chart is at most 440 px wide, so that the pages that shrink an SVG to their
column (a toolkit's 28rem, 448 px) show it at its own size, and its text is 13 px there. A label stands on
its own lines above its bars, wrapped at spaces, never cut.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 440
FONT_SIZE = 13  # px in the viewBox, which the pages show at scale 1
# DejaVu Sans at 13 px: wide capitals reach 0.75 em; 0.62 em (8 px) a character on average keeps a line in.
CHAR_WIDTH = 8.0
LINE_HEIGHT = 17  # one line of text
MARGIN = 4  # left of the labels and bars
BAR_HEIGHT, BAR_GAP, ROW_GAP, TOP = 16, 3, 12, 4
# The legend: a key of 13 px and a gap before its name, a gap between items, 20 px a line.
KEY_SIZE, KEY_AND_GAP, LEGEND_GAP, LEGEND_LINE = 13, 18, 24, 20
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
class Line:
    text: str
    y: int  # of its baseline


@dataclass(frozen=True)
class Row:
    label: str
    lines: tuple[Line, ...]  # the label wrapped to the chart's width


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
    font_size: int = FONT_SIZE


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def wrap(text: str, width: float) -> list[str]:
    """The text in lines no wider than `width`, broken at spaces; a word wider than a line is split."""
    per_line = max(1, int(width // CHAR_WIDTH))
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > per_line:  # a word longer than the line (rare): split it, never drop it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def bar_chart(labels: list[str], series: list[tuple[str, list[Decimal | int]]], *, fmt=str) -> BarChart:
    """Bars scaled to the largest value of all series; `fmt` writes a value at the end of its bar."""
    largest = max((value for _, values in series for value in values), default=0) or 1
    printed = [[fmt(value) for value in values] for _, values in series]
    value_width = max((text_width(text) for texts in printed for text in texts), default=0) + 2 * MARGIN
    bar_space = WIDTH - 2 * MARGIN - value_width
    rows, bars, y = [], [], TOP
    for index, label in enumerate(labels):
        lines = wrap(label, WIDTH - 2 * MARGIN)
        rows.append(Row(label, tuple(Line(text, y + (n + 1) * LINE_HEIGHT - 4) for n, text in enumerate(lines))))
        y += len(lines) * LINE_HEIGHT
        for number, (_name, values) in enumerate(series):
            width = round(bar_space * float(values[index]) / float(largest), 1)
            colour = COLOURS[number % len(COLOURS)]
            bars.append(Bar(MARGIN, y, width, BAR_HEIGHT, colour, printed[number][index]))
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
    legend_y = y
    legend = _legend([name for name, _values in series], legend_y)
    height = (max(item.y for item in legend) + LEGEND_LINE if legend else legend_y) + MARGIN
    return BarChart(WIDTH, height, tuple(rows), tuple(bars), legend, legend_y)


def _legend(names: list[str], top: int) -> tuple[LegendItem, ...]:
    """Keys left to right under the bars, wrapping to a new line where the next name would not fit."""
    items, x, y = [], MARGIN, top
    for number, name in enumerate(names):
        item_width = KEY_AND_GAP + round(text_width(name)) + LEGEND_GAP
        if x > MARGIN and x + item_width - LEGEND_GAP > WIDTH:
            x, y = MARGIN, y + LEGEND_LINE
        items.append(LegendItem(name, COLOURS[number % len(COLOURS)], x, y))
        x += item_width
    return tuple(items)
