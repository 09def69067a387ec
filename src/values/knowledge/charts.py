"""A bar chart of first and latest scores, as numbers for an SVG template. Pure Python."""

import math
from dataclasses import dataclass

LEVEL_MAX = 4
BAR_WIDTH, GAP, GROUP_GAP, HEIGHT, LEFT, BOTTOM = 14, 2, 18, 120, 28, 24
# The page shows the chart at the width of its column, at most 28rem (448 px): the text is 13 px in the
# viewBox, larger when a wide chart is shrunk to 448 px, so that it is never under 12 px as shown.
SHOWN_WIDTH, MIN_SHOWN_SIZE, FONT_SIZE = 448, 12, 13


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    height: float
    value: int
    latest: bool


@dataclass(frozen=True)
class Group:
    label: str
    label_x: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    baseline: int
    groups: tuple[Group, ...]
    gridlines: tuple[tuple[int, float], ...]  # (level, y)
    font_size: int = FONT_SIZE


def score_chart(rows: list[tuple[str, int | None, int | None]]) -> ScoreChart:
    """`rows` are (label, first score, latest score); a missing score draws no bar."""
    groups = []
    x = LEFT + GROUP_GAP // 2
    for label, first, latest in rows:
        bars = tuple(
            _bar(x + index * (BAR_WIDTH + GAP), value, is_latest)
            for index, (value, is_latest) in enumerate(((first, False), (latest, True)))
            if value is not None
        )
        groups.append(Group(label, x + BAR_WIDTH, bars))
        x += 2 * BAR_WIDTH + GAP + GROUP_GAP
    gridlines = tuple((level, _y(level)) for level in range(1, LEVEL_MAX + 1))
    font_size = max(FONT_SIZE, math.ceil(MIN_SHOWN_SIZE * x / SHOWN_WIDTH))
    return ScoreChart(
        width=x, height=HEIGHT + BOTTOM, baseline=HEIGHT, groups=tuple(groups), gridlines=gridlines, font_size=font_size
    )


def _y(value: int) -> float:
    return round(HEIGHT - HEIGHT * value / LEVEL_MAX + 6 * value / LEVEL_MAX, 1)


def _bar(x: int, value: int, latest: bool) -> Bar:
    top = _y(value)
    return Bar(x=x, y=top, height=round(HEIGHT - top, 1), value=value, latest=latest)
