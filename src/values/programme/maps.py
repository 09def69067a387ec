"""A locator map of partner cities: points projected into an SVG frame (no tiles, no network).

Equirectangular projection scaled by the cosine of the mean latitude, which keeps Europe's
shape recognisable at this size. Pure Python.
"""

import math
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MapPoint:
    key: str
    label: str
    x: float
    y: float
    highlighted: bool = False

    @property
    def label_x(self) -> float:
        return round(self.x + 8, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + 4, 1)


@dataclass(frozen=True)
class LocatorMap:
    width: int
    height: int
    points: tuple[MapPoint, ...]


LABEL_ROOM = 90  # on the right of the easternmost dot, so that its name is not cut off


def locator_map(
    places: list[tuple[str, str, Decimal, Decimal]], *, highlight: str | None = None, width: int = 480, margin: int = 24
) -> LocatorMap:
    """`places` are (key, label, lat, lon); the frame fits them all with a margin and room for labels."""
    if not places:
        return LocatorMap(width, width // 2, ())
    lats = [float(lat) for _, _, lat, _ in places]
    lons = [float(lon) for _, _, _, lon in places]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, 1.0)
    span_y = max(max(lats) - min(lats), 1.0)
    scale = (width - 2 * margin - LABEL_ROOM) / span_x
    height = round(span_y * scale + 2 * margin)
    points = tuple(
        MapPoint(
            key=key,
            label=label,
            x=round(margin + (float(lon) - min(lons)) * squeeze * scale, 1),
            y=round(margin + (max(lats) - float(lat)) * scale, 1),
            highlighted=key == highlight,
        )
        for key, label, lat, lon in places
    )
    return LocatorMap(width, height, points)
