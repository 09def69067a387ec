"""The opportunity map: its layout (pure) and its page, the distance filter on the list and on the map."""

import pytest

from tests.volunteering.test_views import published
from values.network.models import Organisation
from values.volunteering.maps import ScaleBar, Spot, layout
from values.volunteering.models import Postcode

BASE = "/en/p/820885/volunteer/"
CESENA = Spot("searched", "Cesena", 44.139, 12.243)


@pytest.mark.unit
def test_points_are_projected_around_the_searched_place_to_fit_the_distance_searched():
    # 10 km searched: both half-frames must hold 10 km, so 20.4 px a km ((480 / 2 - 36) / 10, the height is the
    # tighter); 0.1° of longitude east at 44.139° N is 7.98 km, so 320 + 7.98 × 20.4 = 482.8.
    east = Spot("1", "Tea in the park", 44.139, 12.343)

    drawn = layout([east], searched=CESENA, within_km=10)

    assert (drawn.points[0].x, drawn.points[0].y) == (482.8, 240.0)
    assert (drawn.searched.x, drawn.searched.y) == (320.0, 240.0)
    assert drawn.radius == 204.0


@pytest.mark.unit
def test_a_point_near_the_right_edge_has_its_label_on_its_left():
    drawn = layout([Spot("1", "Tea in the park", 44.139, 12.343)], searched=CESENA, within_km=10)

    point = drawn.points[0]

    assert (point.anchor, point.label_x) == ("end", 473.8)


@pytest.mark.unit
def test_points_at_one_place_are_set_around_it_so_that_each_can_be_clicked():
    at_the_centre = [Spot("1", "Café", 44.139, 12.243), Spot("2", "Walk", 44.139, 12.243)]

    drawn = layout(at_the_centre, searched=CESENA, within_km=10)

    assert [(p.x, p.y) for p in drawn.points] == [(320.0, 228.0), (320.0, 252.0)]


@pytest.mark.unit
def test_the_scale_bar_is_the_longest_round_length_in_a_quarter_of_the_width():
    # A quarter of 640 px at 20.4 px a km is 7.8 km: 5 km is the longest of 1, 2 and 5 × 10ⁿ below, 102 px.
    drawn = layout([], searched=CESENA, within_km=10)

    assert drawn.scale_bar == ScaleBar(x=18.0, y=462.0, length=102.0, km=5)
    assert drawn.scale_bar.text == "5 km"


@pytest.mark.unit
def test_a_short_scale_bar_is_written_in_metres():
    assert ScaleBar(x=0, y=0, length=60, km=0.2).text == "200 m"


@pytest.mark.unit
def test_without_a_searched_place_the_map_is_centred_on_the_middle_of_the_points():
    spots = [Spot("1", "West", 44.0, 12.0), Spot("2", "East", 44.0, 12.2)]

    drawn = layout(spots)

    assert (drawn.searched, drawn.radius) == (None, None)
    assert [p.y for p in drawn.points] == [240.0, 240.0]
    assert drawn.points[0].x + drawn.points[1].x == 640.0


def three_opportunities(programme):
    """Tea 7.98 km east of Cesena's centre, a café at the centre (no position of its own), one in Turin."""
    published(programme, title="Tea in the park", latitude=44.139, longitude=12.343, end_date=None)
    published(programme, title="Café at the centre", end_date=None)
    turin = Organisation.objects.get(key="turin")
    published(programme, title="Walk in Turin", city=turin, organisation=turin, end_date=None)


@pytest.mark.django_db
def test_the_list_near_a_city_keeps_those_within_the_distance_nearest_first_with_their_distance(client, programme):
    three_opportunities(programme)

    response = client.get(f"{BASE}?near=cesena&within=10")

    assert response.status_code == 200
    shown = [(str(o), round(o.distance_km, 2)) for o in response.context["page"]]
    assert shown == [("Café at the centre", 0.0), ("Tea in the park", 7.98)]
    assert "8.0 km from Cesena" in response.content.decode()


@pytest.mark.django_db
def test_a_smaller_distance_leaves_out_what_is_farther(client, programme):
    three_opportunities(programme)

    response = client.get(f"{BASE}?near=Cesena&within=5")

    assert [str(o) for o in response.context["page"]] == ["Café at the centre"]


@pytest.mark.django_db
def test_a_postcode_the_staff_entered_is_a_place_to_search_from(client, programme):
    three_opportunities(programme)
    Postcode.objects.create(country="IT", code="47521", label="Cesena", latitude=44.145, longitude=12.248)

    response = client.get(f"{BASE}?near=47521&within=50")

    # From 44.145, 12.248: the café 0.78 km, the tea 7.61 km (haversine).
    assert [(str(o), round(o.distance_km, 2)) for o in response.context["page"]] == [
        ("Café at the centre", 0.78),
        ("Tea in the park", 7.61),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "map/"])
def test_an_unknown_place_is_refused_with_its_field_and_shows_nothing(client, programme, path):
    three_opportunities(programme)

    response = client.get(f"{BASE}{path}?near=Atlantis")

    assert response.status_code == 400
    assert response.context["filters"].errors["near"] == [
        "We do not know the place “Atlantis”: try a partner city, a neighbourhood or a postcode."
    ]
    assert "Tea in the park" not in response.content.decode()


@pytest.mark.django_db
def test_a_distance_that_is_not_offered_is_refused(client, programme):
    response = client.get(f"{BASE}map/?near=Cesena&within=7")

    assert response.status_code == 400
    assert list(response.context["filters"].errors) == ["within"]


@pytest.mark.django_db
def test_the_map_shows_each_opportunity_as_a_link_and_marks_the_place_searched(client, programme):
    three_opportunities(programme)

    response = client.get(f"{BASE}map/?near=Cesena&within=10")

    page = response.content.decode()
    drawn = response.context["map"]
    assert response.status_code == 200
    assert [p.label for p in drawn.points] == ["Café at the centre", "Tea in the park"]
    assert (drawn.searched.label, drawn.radius, drawn.scale_bar.text) == ("Cesena", 204.0, "5 km")
    tea = next(o for o in response.context["opportunities"] if str(o) == "Tea in the park")
    assert f'<a href="/en/p/820885/volunteer/{tea.pk}/" aria-label="Tea in the park" class="map-link">' in page
    assert page.count('class="map-link"') == 2
    assert "The place searched: Cesena" in page


@pytest.mark.django_db
def test_the_map_without_filters_shows_every_open_opportunity_and_links_back_to_the_list(client, programme):
    three_opportunities(programme)

    response = client.get(f"{BASE}map/?theme=B")

    assert [p.label for p in response.context["map"].points] == [
        "Tea in the park", "Café at the centre", "Walk in Turin"
    ]  # fmt: skip
    assert 'href="/en/p/820885/volunteer/?theme=B"' in response.content.decode()


@pytest.mark.django_db
def test_the_list_links_to_the_map_with_its_filters_but_not_its_page(client, programme):
    response = client.get(f"{BASE}?near=Cesena&within=5&page=2")

    assert 'href="/en/p/820885/volunteer/map/?near=Cesena&amp;within=5"' in response.content.decode()


@pytest.mark.django_db
def test_the_map_with_no_filter_at_all_shows_every_open_opportunity(client, programme):
    three_opportunities(programme)

    response = client.get(f"{BASE}map/")

    assert response.status_code == 200
    assert (len(response.context["map"].points), response.context["place"]) == (3, None)
