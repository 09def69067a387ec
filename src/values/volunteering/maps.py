"""The opportunity map's layout: points around a centre in an SVG frame, with a scale bar. Pure Python.

Equirectangular around the centre (the searched place, or the middle of the points): at a city's scale the
error is far below a point's size. Points at one position (several opportunities at a city's centre) are set
around it on a small circle, so that each stays visible and can be clicked.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from values.volunteering.matching import EARTH_RADIUS_KM

NICE_STEPS = (1, 2, 5)
SPREAD_PX = 12  # the radius of the circle coincident points are set on
LABEL_CHARACTERS = 40
LABEL_ROOM_PX = 160  # a label near the right edge goes to the point's left


@dataclass(frozen=True)
class Spot:
    key: str
    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class MapPoint:
    key: str
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # "start" or "end" (SVG text-anchor)


@dataclass(frozen=True)
class ScaleBar:
    x: float
    y: float
    length: float  # px
    km: float

    @property
    def label_y(self) -> float:
        return round(self.y - 8, 1)

    @property
    def text(self) -> str:
        return f"{self.km:g} km" if self.km >= 1 else f"{round(self.km * 1000)} m"


@dataclass(frozen=True)
class OpportunityMap:
    width: int
    height: int
    points: tuple[MapPoint, ...]
    scale_bar: ScaleBar
    searched: MapPoint | None
    radius: float | None  # px of the searched distance around the searched place


def layout(
    spots: Sequence[Spot],
    *,
    searched: Spot | None = None,
    within_km: float | None = None,
    width: int = 640,
    height: int = 480,
    margin: int = 36,
) -> OpportunityMap:
    """Fit the spots (and the searched place with the circle of `within_km` around it) in the frame."""
    everything = [*spots, *([searched] if searched else [])]
    if searched is not None:
        centre = (searched.latitude, searched.longitude)
    elif everything:
        lats, lons = [s.latitude for s in everything], [s.longitude for s in everything]
        centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    else:
        centre = (0.0, 0.0)
    offsets = [_offset_km(centre, s.latitude, s.longitude) for s in everything]
    reach_x = max([abs(dx) for dx, _ in offsets] + [within_km or 0, 0.5])
    reach_y = max([abs(dy) for _, dy in offsets] + [within_km or 0, 0.5])
    scale = min((width / 2 - margin) / reach_x, (height / 2 - margin) / reach_y)  # px per km

    def at(dx: float, dy: float) -> tuple[float, float]:
        return width / 2 + dx * scale, height / 2 - dy * scale

    positions = [at(*offset) for offset in offsets[: len(spots)]]
    points = tuple(
        _point(spot.key, spot.label, x, y, width) for spot, (x, y) in zip(spots, _spread(positions), strict=True)
    )
    marker = None
    if searched is not None:
        marker = _point(searched.key, searched.label, *at(0, 0), width)
    radius = round(within_km * scale, 1) if searched is not None and within_km else None
    return OpportunityMap(width, height, points, _scale_bar(scale, width, height, margin), marker, radius)


def _offset_km(centre: tuple[float, float], latitude: float, longitude: float) -> tuple[float, float]:
    """East and north of the centre, in km."""
    east = math.radians(longitude - centre[1]) * EARTH_RADIUS_KM * math.cos(math.radians(centre[0]))
    north = math.radians(latitude - centre[0]) * EARTH_RADIUS_KM
    return east, north


def _spread(positions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points at the same pixel set around it at equal angles, in their order; the others stay where they are."""
    groups: dict[tuple[float, float], list[int]] = {}
    for index, (x, y) in enumerate(positions):
        groups.setdefault((round(x), round(y)), []).append(index)
    spread = list(positions)
    for members in groups.values():
        if len(members) < 2:
            continue
        for turn, index in enumerate(members):
            angle = 2 * math.pi * turn / len(members)
            x, y = positions[index]
            spread[index] = (x + SPREAD_PX * math.sin(angle), y - SPREAD_PX * math.cos(angle))
    return spread


def _point(key: str, label: str, x: float, y: float, width: int) -> MapPoint:
    short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
    left = x > width - LABEL_ROOM_PX
    return MapPoint(
        key=key, label=short, x=round(x, 1), y=round(y, 1), label_x=round(x - 9 if left else x + 9, 1),
        label_y=round(y + 4, 1), anchor="end" if left else "start",
    )  # fmt: skip


def _scale_bar(scale: float, width: int, height: int, margin: int) -> ScaleBar:
    """The longest round length (1, 2 or 5 times a power of ten km) that fits a quarter of the width."""
    most = width / 4 / scale
    power = 10 ** math.floor(math.log10(most))
    km = max(step * power for step in NICE_STEPS if step * power <= most)
    return ScaleBar(x=margin / 2, y=height - margin / 2, length=round(km * scale, 1), km=round(km, 6))
