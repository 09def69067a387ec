"""A map of places in Europe as numbers for an SVG template: countries, a dot and a name per place. Pure Python.

The countries are Natural Earth's, as TopoJSON from the npm package world-atlas, which
`make install` fetches (nothing is downloaded at run time). They are decoded, projected,
clipped to the view and simplified to the pixel once per file and view, since every map of
the same view draws the same countries.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from babel.core import get_global

Point = tuple[float, float]
Ring = list[Point]

WIDTH = 760
# West, south, east, north: Ireland to Finland, Crete to the North Cape. Partners beyond widen the view; a
# wider default (Iceland to the Caspian) would shrink the Low Countries, where names crowd most, to a few pixels.
EUROPE = (-12.0, 34.0, 34.0, 71.0)
CENTRE = (11.0, 52.0)  # of the projection: the middle of EUROPE, where shapes are least distorted
PLACE_MARGIN = 2.0  # degrees kept around a place beyond EUROPE, so its dot and name still fit
CLIP_MARGIN = 4.0  # pixels beyond the edge that paths keep, so no coast ends visibly at the border
MIN_STEP = 0.5  # pixels: a point closer than this to the last one kept changes nothing visible
DOT_RADIUS, LABEL_GAP = 3.5, 5.0
# Names are read at 12 px or more as shown; a map shown narrower than WIDTH draws them larger in its own units.
LABEL_SIZE = 12.0
CHAR_WIDTH = 0.6  # of the font size: DejaVu Sans's mean advance, so a name's box holds it whole


@dataclass(frozen=True)
class Projection:
    """Lambert azimuthal equal-area around (lon0, lat0), so the areas of north and south compare fairly."""

    lon0: float
    lat0: float
    scale: float  # pixels per Earth radius
    x0: float  # the pixel of the centre
    y0: float

    def unit(self, lon: float, lat: float) -> Point:
        """On a globe of radius 1, x to the east and y to the north."""
        phi, phi0, lam = math.radians(lat), math.radians(self.lat0), math.radians(lon - self.lon0)
        cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(1 + cos_c, 1e-12))  # the antipode alone has no image
        return (
            k * math.cos(phi) * math.sin(lam),
            k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)),
        )

    def point(self, lon: float, lat: float) -> Point:
        """In pixels, y downwards as in SVG."""
        x, y = self.unit(lon, lat)
        return self.x0 + self.scale * x, self.y0 - self.scale * y


@dataclass(frozen=True)
class View:
    projection: Projection
    width: int
    height: int


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float
    country: str  # ISO 3166 alpha-2


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166 alpha-2, or "" where Natural Earth gives none (Kosovo, Northern Cyprus, ...)
    name: str  # in English, as Natural Earth names it
    d: str  # SVG path data, rings to fill even-odd so that holes (San Marino in Italy) stay holes


@dataclass(frozen=True)
class Marker:
    name: str
    x: float  # of the dot
    y: float
    label_x: float
    label_y: float  # of the name's baseline
    anchor: str  # the name's text-anchor: start, middle or end


@dataclass(frozen=True)
class MapChart:
    width: int
    height: int
    countries: tuple[CountryShape, ...]
    highlighted: frozenset[str]  # codes of the countries that have a place
    markers: tuple[Marker, ...]
    font_size: float  # of every text, in the map's own units


def map_chart(boundaries: Path, places: Sequence[Place], shown_width: float = WIDTH) -> MapChart:
    """Europe with a dot and a name for each place; the view widens to show places beyond Europe.

    `shown_width` is the width in pixels the page shows the map at: its text is LABEL_SIZE there."""
    view = europe_view([(place.lon, place.lat) for place in places])
    font_size = font_size_shown_at(shown_width)
    return MapChart(
        width=view.width,
        height=view.height,
        countries=country_shapes(boundaries, view),
        highlighted=frozenset(place.country for place in places),
        markers=place_markers(places, view, font_size),
        font_size=font_size,
    )


def font_size_shown_at(shown_width: float) -> float:
    """The font size in the map's units that shows as LABEL_SIZE pixels once the WIDTH units fill `shown_width`."""
    return math.ceil(LABEL_SIZE * max(1.0, WIDTH / shown_width) * 10) / 10


def europe_view(places: Sequence[Point]) -> View:
    """The projection that fits EUROPE, widened to every place (lon, lat), into WIDTH pixels."""
    west, south, east, north = EUROPE
    for lon, lat in places:
        west, east = min(west, lon - PLACE_MARGIN), max(east, lon + PLACE_MARGIN)
        south, north = min(south, lat - PLACE_MARGIN), max(north, lat + PLACE_MARGIN)
    unit = Projection(*CENTRE, scale=1, x0=0, y0=0).unit
    # The outline of a lon/lat box holds the extremes of its image, as the projection is continuous.
    outline = [unit(lon, lat) for lon, lat in _box_outline(west, south, east, north)]
    left, right = min(x for x, _ in outline), max(x for x, _ in outline)
    bottom, top = min(y for _, y in outline), max(y for _, y in outline)
    scale = WIDTH / (right - left)
    return View(
        Projection(*CENTRE, scale=scale, x0=-left * scale, y0=top * scale), WIDTH, math.ceil((top - bottom) * scale)
    )


def _box_outline(west: float, south: float, east: float, north: float) -> list[Point]:
    lons, lats = _steps(west, east), _steps(south, north)
    return [(lon, lat) for lon in lons for lat in (south, north)] + [(lon, lat) for lat in lats for lon in (west, east)]


def _steps(start: float, end: float) -> list[float]:
    """About one a degree: parallels bend in this projection, so their ends are not their extremes."""
    count = max(1, math.ceil(end - start))
    return [start + (end - start) * i / count for i in range(count + 1)]


# --- TopoJSON (https://github.com/topojson/topojson-specification) ---------------------------


@dataclass(frozen=True)
class Feature:
    id: str | None
    name: str
    rings: list[Ring]  # outer rings and holes alike, in (lon, lat)


def decode_features(topology: dict, object_name: str) -> list[Feature]:
    """The polygons of one object of a topology, each ring as a list of (lon, lat)."""
    arcs = decode_arcs(topology)
    return [
        Feature(geometry.get("id"), (geometry.get("properties") or {}).get("name", ""), geometry_rings(geometry, arcs))
        for geometry in topology["objects"][object_name]["geometries"]
    ]


def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute positions; a quantized topology stores integer steps from the previous point."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def geometry_rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    if geometry.get("type") == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []  # points, lines and empty geometries have no area to fill
    return [_ring(indexes, arcs) for polygon in polygons for indexes in polygon]


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Arcs joined end to start, each one's first point being the previous one's last; ~i is arc i backwards."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


# --- Countries as SVG paths ----------------------------------------------------------------


def country_shapes(boundaries: Path, view: View) -> tuple[CountryShape, ...]:
    """The countries that show in the view; cached until the file changes."""
    return _country_shapes(str(boundaries), boundaries.stat().st_mtime_ns, view)


@lru_cache(maxsize=8)
def _country_shapes(path: str, _mtime_ns: int, view: View) -> tuple[CountryShape, ...]:
    """Decoding and projecting the world's 80,000 points takes far longer than drawing the map."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    shapes = (
        CountryShape(_alpha2(feature.id), feature.name, _path_data(feature.rings, view))
        for feature in decode_features(topology, "countries")
    )
    return tuple(shape for shape in shapes if shape.d)


def _alpha2(numeric: str | None) -> str:
    """world-atlas names countries by ISO numeric code; the CLDR lists those as aliases of alpha-2 codes."""
    return get_global("territory_aliases").get(numeric or "", [""])[0]


def _path_data(rings: list[Ring], view: View) -> str:
    parts = []
    for ring in rings:
        pixels = [view.projection.point(lon, lat) for lon, lat in ring]
        if not _overlaps(pixels, view):
            continue
        pixels = simplify(clip(pixels, view.width, view.height))
        if len(pixels) >= 3:
            parts.append(compact_ring(pixels))
    return "".join(parts)


def compact_ring(ring: Ring) -> str:
    """`M x y l dx dy ... z` to a tenth of a pixel: relative steps are short numbers, half the bytes of absolute ones.

    The steps are taken between rounded points, so rounding errors do not add up along the ring.
    """
    tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
    steps = [(x - px, y - py) for (px, py), (x, y) in pairwise(tenths)]
    return "M" + _numbers(tenths[0]) + "l" + _numbers(n for step in steps for n in step) + "z"


def _numbers(tenths: Iterable[int]) -> str:
    """SVG numbers with the fewest characters: 1.5 -.5 3; a minus sign is separator enough."""
    text = ""
    for value in tenths:
        number = str(value // 10) if value % 10 == 0 else f"{value / 10:.1f}"
        number = number.replace("0.", ".", 1) if abs(value) < 10 else number
        text += number if not text or number.startswith("-") else " " + number
    return text


def _overlaps(ring: Ring, view: View) -> bool:
    return (
        min(x for x, _ in ring) < view.width
        and max(x for x, _ in ring) > 0
        and min(y for _, y in ring) < view.height
        and max(y for _, y in ring) > 0
    )


def clip(ring: Ring, width: float, height: float) -> Ring:
    """Sutherland–Hodgman against the view and a margin: what lies beyond would only weigh the file."""
    low, right, bottom = -CLIP_MARGIN, width + CLIP_MARGIN, height + CLIP_MARGIN
    for axis, limit, keep_below in ((0, low, False), (0, right, True), (1, low, False), (1, bottom, True)):
        ring = _clip_edge(ring, axis, limit, keep_below)
    return ring


def _clip_edge(ring: Ring, axis: int, limit: float, keep_below: bool) -> Ring:
    def inside(point: Point) -> bool:
        return point[axis] <= limit if keep_below else point[axis] >= limit

    clipped = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current) != inside(previous):
            share = (limit - previous[axis]) / (current[axis] - previous[axis])
            clipped.append(
                (previous[0] + share * (current[0] - previous[0]), previous[1] + share * (current[1] - previous[1]))
            )
        if inside(current):
            clipped.append(current)
    return clipped


def simplify(ring: Ring) -> Ring:
    """Only points at least MIN_STEP pixels from the last one kept."""
    kept = ring[:1]
    for x, y in ring[1:]:
        if (x - kept[-1][0]) ** 2 + (y - kept[-1][1]) ** 2 >= MIN_STEP**2:
            kept.append((x, y))
    return kept


# --- Dots and names ------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # left, top, right, bottom


SIDES = ("right", "left", "above", "below", "above right", "below right", "above left", "below left")


def place_markers(places: Sequence[Place], view: View, font_size: float = LABEL_SIZE) -> tuple[Marker, ...]:
    """A dot per place, its name on the first side where it covers no dot and no name placed before.

    Where every side is taken, the name goes where it covers the least of the others, inside the view if it can."""
    dots = [view.projection.point(place.lon, place.lat) for place in places]
    taken: list[Box] = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y in dots]
    markers = []
    for place, (x, y) in zip(places, dots, strict=True):
        options = [_label(place.name, x, y, side, font_size) for side in SIDES]
        box, label_x, label_y, anchor = min(options, key=lambda option: _cost(option[0], taken, view))
        taken.append(box)
        markers.append(Marker(place.name, round(x, 1), round(y, 1), round(label_x, 1), round(label_y, 1), anchor))
    return tuple(markers)


def _cost(box: Box, taken: list[Box], view: View) -> tuple[bool, float]:
    """Leaving the view is worse than any overlap; then the less area covered the better (min keeps the first tie)."""
    return not _within(box, view), sum(_covered(box, other) for other in taken)


def _label(name: str, x: float, y: float, side: str, size: float) -> tuple[Box, float, float, str]:
    """The box a name covers, its anchor point and text-anchor.

    Beside the dot the name's middle is level with it; above or below, it clears the dot by the gap."""
    width, offset, ascent, descent = len(name) * CHAR_WIDTH * size, DOT_RADIUS + LABEL_GAP, 0.64 * size, 0.36 * size
    vertical, horizontal = side.split()[0], side.split()[-1]
    baseline = {"above": y - offset - descent, "below": y + offset + ascent}.get(vertical, y + ascent / 2)
    beside = offset if vertical == horizontal else 0.0  # "right" and "left" alone keep clear of the dot sideways
    if horizontal == "right":
        return (x + beside, baseline - ascent, x + beside + width, baseline + descent), x + beside, baseline, "start"
    if horizontal == "left":
        return (x - beside - width, baseline - ascent, x - beside, baseline + descent), x - beside, baseline, "end"
    return (x - width / 2, baseline - ascent, x + width / 2, baseline + descent), x, baseline, "middle"


def _within(box: Box, view: View) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= view.width and box[3] <= view.height


def _crossing(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _covered(one: Box, other: Box) -> float:
    """The area the two boxes share."""
    across = min(one[2], other[2]) - max(one[0], other[0])
    down = min(one[3], other[3]) - max(one[1], other[1])
    return max(0.0, across) * max(0.0, down)
