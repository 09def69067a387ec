"""Every chart the pages serve is readable at 100 % zoom: labels whole, text at least 12 px as shown.

The rule tested: a chart is shown at the smaller of its `width` attribute and 448 px (28rem, the widest
column a page gives a chart; an <img> or inline SVG with a width is shown at that width, an SVG without
one fills its column up to 448 px). The partner map's column is wider: the portal and the infographics page show
it as an <img> at its width in the 72rem page, the home page inline in half of it, 544 px (34rem).
Its viewBox is scaled to that width, so a text of font-size f in the viewBox is shown at
f × shown width / viewBox width, which must be at least 12 px.
"""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from tests.conftest import ROOT
from values.knowledge.charts import score_chart
from values.knowledge.models import BenchmarkStandard
from values.knowledge.services import record_self_assessment
from values.network.models import Organisation
from values.publishing.charts import bar_chart
from values.publishing.infographics import partner_map, svg_chart
from values.publishing.maps import font_size_shown_at

SVG = "{http://www.w3.org/2000/svg}"
WIDEST_COLUMN = 448
SMALLEST_TEXT = 12
LONG_NAMES = {
    "cesena": {"en": "Comune di Reggio nell'Emilia e dei Comuni della Val d'Enza (Emilia-Romagna)"},
    "dusseldorf": {"de": "Landeshauptstadt Düsseldorf – Amt für Migration und Integration"},
    "thessaloniki": {"el": "Δήμος Θεσσαλονίκης – Αντιδημαρχία Κοινωνικής Πολιτικής και Ισότητας"},
}


def _shown_sizes_and_text(svg: str | bytes, column: float = WIDEST_COLUMN) -> tuple[list[float], str]:
    """Each text's size as shown, and all the chart's words in document order."""
    root = ElementTree.fromstring(svg)  # noqa: S314 (the platform's own output)
    view_width = float(root.get("viewBox").split()[2])
    shown = min(float(root.get("width") or column), column)
    scale = shown / view_width
    root_size = root.get("font-size")
    texts = list(root.iter(f"{SVG}text"))
    sizes = [float(text.get("font-size") or root_size) * scale for text in texts]
    return sizes, " ".join(text.text or "" for text in texts)


def _assert_readable(svg: str | bytes, labels: list[str], column: float = WIDEST_COLUMN) -> None:
    sizes, words = _shown_sizes_and_text(svg, column)
    assert min(sizes) >= SMALLEST_TEXT
    assert "…" not in words
    assert "..." not in words
    for label in labels:
        assert label in words


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "de", "el"])
def test_the_participation_infographic_shows_long_city_names_whole_at_12_px(client, programme, language):
    for key, name in LONG_NAMES.items():
        Organisation.objects.filter(key=key).update(name=name)

    response = client.get(f"/{language}/p/820885/infographics/participation.svg")

    assert response.status_code == 200
    _assert_readable(response.content, [next(iter(name.values())) for name in LONG_NAMES.values()])


@pytest.mark.django_db
def test_the_infographics_page_shows_each_chart_at_its_own_width(client, programme):
    page = client.get("/en/p/820885/infographics/")

    for graphic in page.context["graphics"]:
        if graphic.template.endswith("bar_chart.svg"):
            assert f'width="{graphic.chart.width}"' in page.text
            assert graphic.chart.width <= WIDEST_COLUMN  # so that a toolkit's column never shrinks it


@pytest.mark.unit
def test_a_chart_drawn_in_a_page_wraps_a_label_longer_than_a_line_at_spaces():
    label = "Integrationsbeauftragte der Landeshauptstadt Düsseldorf und Ehrenamtskoordination"
    chart = bar_chart([label, "Riga"], [("Menschen erreicht", [1200, 30]), ("Ziel", [1500, 100])])

    svg = svg_chart("reach", "Reichweite", "Reichweite je Kanal", chart).svg

    # 440 px less 8 of margins holds 54 characters of 8 px: the label takes two lines, cut at a space.
    assert [line.text for line in chart.rows[0].lines] == [
        "Integrationsbeauftragte der Landeshauptstadt",
        "Düsseldorf und Ehrenamtskoordination",
    ]
    _assert_readable(svg, [label.split()[0], "Düsseldorf und Ehrenamtskoordination", "Riga", "Ziel"])


@pytest.mark.unit
def test_a_word_longer_than_a_line_is_split_never_dropped():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabteilungsleiter"  # 65 characters

    chart = bar_chart([word], [("n", [1])])

    assert "".join(line.text for line in chart.rows[0].lines) == word


@pytest.mark.unit
@pytest.mark.parametrize("standards", [1, 4, 8, 12])
def test_the_benchmark_chart_text_is_12_px_however_many_standards_it_shows(standards):
    chart = score_chart([(f"A{n}", 2, 3) for n in range(standards)])

    # No width attribute: the SVG fills its column up to 448 px, never less than its own width at 100 % zoom.
    shown = min(WIDEST_COLUMN, chart.width)
    assert chart.font_size * shown / chart.width >= SMALLEST_TEXT


@pytest.mark.django_db
def test_the_partner_page_draws_the_benchmark_labels_at_the_charts_font_size(client, cesena_staff):
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), stdout=None)
    standard = BenchmarkStandard.objects.get(key="A1")
    record_self_assessment(
        Organisation.objects.get(key="cesena"), scores={standard: (2, "")}, on=date(2020, 1, 15), by=None
    )
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/partners/cesena/").text

    chart = score_chart([("A1", 2, None)] * 4)
    assert f'font-size="{chart.font_size}"' in page
    assert 'class="chart-label"' not in page  # the style sheet's 10 px no longer applies


PAGE_COLUMN = 1112  # the 72rem page less its padding: an <img> of the map is shown at its own width in it
HOME_MAP_COLUMN = 544  # the home page's half column, which .map-svg caps at 34rem as well


@pytest.mark.django_db
def test_the_partner_map_names_each_city_at_12_px_where_the_portal_and_the_infographics_show_it(client, programme):
    svg = client.get("/en/p/820885/infographics/partner-map.svg").content

    # The map is 760 units wide and shown at 760 px; its names were 11 px and its credit 9 px.
    assert ElementTree.fromstring(svg).get("width") == "760"  # noqa: S314 (the platform's own output)
    _assert_readable(svg, ["Cesena", "Düsseldorf", "Thessaloniki", "Boundaries: Natural Earth"], PAGE_COLUMN)
    for page in ("/en/p/820885/portal/", "/en/p/820885/infographics/"):
        assert 'infographics/partner-map.svg" alt="' in client.get(page).text


@pytest.mark.django_db
def test_the_home_pages_map_draws_its_names_larger_so_that_its_half_column_shows_them_at_12_px(client, programme):
    page = client.get("/en/p/820885/").text

    start = page.index("<svg", page.index('<figure class="map home-map">'))
    svg = page[start : page.index("</svg>", start) + len("</svg>")]
    # 12 px × 760 units ÷ 544 px = 16.76, rounded up to a tenth: the names show at 12.01 px.
    assert 'font-size="16.8"' in svg
    _assert_readable(svg.replace("&nbsp;", " "), ["Cesena", "Düsseldorf", "Thessaloniki"], HOME_MAP_COLUMN)


@pytest.mark.django_db
@pytest.mark.parametrize("shown_width", [760, 544])
def test_the_partner_maps_larger_names_still_cover_no_other_name_and_no_other_dot(programme, shown_width):
    markers = partner_map(programme, shown_width).chart.markers
    size = font_size_shown_at(shown_width)

    names = [_name_box(marker, size) for marker in markers]
    dots = [(m.x - 3.5, m.y - 3.5, m.x + 3.5, m.y + 3.5) for m in markers]
    for index, name in enumerate(names):
        others = names[:index] + names[index + 1 :] + dots[:index] + dots[index + 1 :]
        assert not [other for other in others if _overlap(name, other)], markers[index].name


def _name_box(marker, size: float) -> tuple[float, float, float, float]:
    """Measured from the marker as drawn, not from maps.py's own boxes: 0.6 em a character, 1 em high."""
    width = len(marker.name) * 0.6 * size
    left = {"start": marker.label_x, "end": marker.label_x - width}.get(marker.anchor, marker.label_x - width / 2)
    return left, marker.label_y - 0.7 * size, left + width, marker.label_y + 0.3 * size


def _overlap(one, other) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]
