"""The partner map: TopoJSON decoded, Europe projected, one dot per partner city, an SVG and a PNG to embed."""

import math
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ImproperlyConfigured

from values.publishing.infographics import build_infographic
from values.publishing.maps import (
    Place,
    Projection,
    clip,
    compact_ring,
    decode_features,
    europe_view,
    place_markers,
    simplify,
)

SVG = "{http://www.w3.org/2000/svg}"
# The 16 cities of data/values.yaml, counted there by hand.
SEED_CITIES = {
    "Amsterdam", "Bristol", "Brno", "Düsseldorf", "Madrid", "Nürnberg", "Oslo", "Oostende",
    "Rīga", "Sheffield", "Terrassa", "Thessaloniki", "Toulouse", "Torino", "Zürich", "Cesena",
}  # fmt: skip
# Two squares side by side sharing arc 0, which the second walks backwards (~0); x 0..4 by 0.5°, y 0..4 by 0.25°.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
    "arcs": [
        [[2, 0], [0, 4]],  # (2,0) to (2,4): the shared edge
        [[2, 4], [-2, 0], [0, -4], [2, 0]],  # (2,4) (0,4) (0,0) (2,0)
        [[2, 0], [2, 0], [0, 4], [-2, 0]],  # (2,0) (4,0) (4,4) (2,4)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "380", "properties": {"name": "West"}, "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "250", "properties": {"name": "East"}, "arcs": [[2, ~0]]},
                {"type": "MultiPolygon", "properties": {"name": "Both"}, "arcs": [[[0, 1]], [[2, -1]]]},
                {"type": None, "properties": {"name": "Nothing"}},
            ],
        }
    },
}
WEST = [(11.0, 40.0), (11.0, 41.0), (10.0, 41.0), (10.0, 40.0), (11.0, 40.0)]
EAST = [(11.0, 40.0), (12.0, 40.0), (12.0, 41.0), (11.0, 41.0), (11.0, 40.0)]


@pytest.mark.unit
def test_topojson_polygons_join_their_arcs_and_walk_a_negative_one_backwards():
    features = decode_features(TOPOLOGY, "countries")

    assert [(f.id, f.name) for f in features] == [("380", "West"), ("250", "East"), (None, "Both"), (None, "Nothing")]
    assert features[0].rings == [WEST]
    assert features[1].rings == [EAST]
    assert features[2].rings == [WEST, EAST]
    assert features[3].rings == []


@pytest.mark.unit
def test_the_projection_puts_its_centre_on_its_pixel_and_a_quarter_turn_at_root_two_radii():
    projection = Projection(lon0=0, lat0=0, scale=100, x0=300, y0=200)

    assert projection.point(0, 0) == (300, 200)
    east = projection.point(90, 0)
    north = projection.point(0, 90)

    assert east == pytest.approx((300 + 100 * math.sqrt(2), 200))
    assert north == pytest.approx((300, 200 - 100 * math.sqrt(2)))


@pytest.mark.unit
def test_the_europe_view_keeps_west_to_the_left_and_north_at_the_top():
    view = europe_view([])

    madrid, cesena, oslo = (view.projection.point(lon, lat) for lon, lat in ((-3.7, 40.4), (12.2, 44.1), (10.8, 59.9)))

    assert madrid[0] < cesena[0]
    assert oslo[1] < cesena[1]
    assert view.projection.point(11, 52) == (view.projection.x0, view.projection.y0)


@pytest.mark.unit
def test_the_view_widens_to_a_place_beyond_europe():
    las_palmas = (-15.4, 28.1)

    default, widened = europe_view([]), europe_view([las_palmas])

    assert default.projection.point(*las_palmas)[1] > default.height  # below the default view
    x, y = widened.projection.point(*las_palmas)
    assert 0 < x < widened.width
    assert 0 < y < widened.height


@pytest.mark.unit
def test_a_ring_is_clipped_to_the_view_and_its_margin_of_four_pixels():
    square = [(-10, -10), (10, -10), (10, 10), (-10, 10), (-10, -10)]

    clipped = clip(square, 100, 100)

    assert set(clipped) == {(-4, -4), (10, -4), (10, 10), (-4, 10)}


@pytest.mark.unit
def test_points_closer_than_half_a_pixel_to_the_last_kept_are_dropped():
    assert simplify([(0, 0), (0.3, 0), (0.6, 0), (0.7, 0), (1.2, 0)]) == [(0, 0), (0.6, 0), (1.2, 0)]


@pytest.mark.unit
def test_a_ring_is_written_as_relative_steps_in_tenths_of_a_pixel():
    assert compact_ring([(10, 20), (10.5, 20), (10.5, 19.3), (10, 20)]) == "M10 20l.5 0 0-.7-.5 .7z"


@pytest.mark.unit
def test_names_that_would_collide_go_to_another_side():
    view = europe_view([])
    # Two places a pixel apart: the second name cannot go to the right as well.
    near = [Place("Aaaa", 5.0, 50.0, "BE"), Place("Bbbb", 5.01, 50.0, "BE")]

    first, second = place_markers(near, view)

    assert (first.anchor, second.anchor) == ("start", "end")


@pytest.mark.django_db
def test_the_seed_map_has_one_dot_per_partner_city_and_names_them_in_its_alt_text(programme):
    graphic = build_infographic(programme, "partner-map")

    assert {marker.name for marker in graphic.chart.markers} == SEED_CITIES
    assert len(graphic.chart.markers) == 16
    assert graphic.alt.startswith(
        "Partner cities in Europe. 16 partner cities in 12 countries: Amsterdam (Netherlands), "
    )
    assert "Cesena (Italy)" in graphic.alt
    assert all(0 < m.x < graphic.chart.width and 0 < m.y < graphic.chart.height for m in graphic.chart.markers)
    assert graphic.columns == ["City", "Country", "Latitude", "Longitude"]
    assert graphic.rows[-1] == ["Cesena", "Italy", "44.139", "12.243"]


@pytest.mark.django_db
def test_the_map_is_an_svg_with_country_paths_and_a_dot_per_city(client, programme):
    response = client.get("/en/p/820885/infographics/partner-map.svg")

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert len(response.content) < 150_000
    root = ElementTree.fromstring(response.content)  # noqa: S314 (the platform's own output, not untrusted)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Partner cities in Europe"
    assert len(root.findall(f".//{SVG}circle")) == 16
    countries = {path.get("data-country"): path for path in root.iter(f"{SVG}path")}
    assert countries["IT"].get("fill") == "#c9dcef"  # a partner's country is shaded
    assert countries["PL"].get("fill") is None  # others keep the land colour
    assert countries["IT"].get("d").startswith("M")


@pytest.mark.django_db
def test_the_italian_map_names_countries_in_italian_and_keeps_dots_in_numbers(client, programme):
    response = client.get("/it/p/820885/infographics/partner-map.svg")

    root = ElementTree.fromstring(response.content)  # noqa: S314 (the platform's own output, not untrusted)
    assert "Cesena (Italia)" in root.find(f"{SVG}desc").text
    positions = [circle.get("cx") + " " + circle.get("cy") for circle in root.iter(f"{SVG}circle")]
    assert len(positions) == 16
    assert [p for p in positions if "," in p] == []  # "12,5" would be a list of two numbers in SVG


@pytest.mark.django_db
def test_the_map_as_png(client, programme):
    response = client.get("/en/p/820885/infographics/partner-map.png")

    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.django_db
def test_the_infographics_page_shows_the_map_and_its_table(client, programme):
    page = client.get("/en/p/820885/infographics/")

    assert '<img src="/en/p/820885/infographics/partner-map.svg"' in page.text
    assert '<th scope="row">Cesena</th><td>Italy</td><td class="number">44.139</td>' in page.text


@pytest.mark.django_db
def test_without_the_boundaries_file_the_map_says_to_run_make_install(programme, settings, tmp_path):
    settings.NATURAL_EARTH_FILE = tmp_path / "countries-50m.json"

    with pytest.raises(ImproperlyConfigured, match="run `make install`"):
        build_infographic(programme, "partner-map")
