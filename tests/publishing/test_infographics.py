"""Infographics from live data: known counts, alt text that says them, a table, an SVG to embed."""

from xml.etree import ElementTree

import pytest

from tests.conftest import make_member
from values.activities.models import Participant
from values.knowledge.services import publish_practice, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _practice(programme, theme: str, volunteers: int | None, *, published: bool = True):
    practice = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
        texts={"title": f"Practice {theme}{volunteers}", "summary": "A summary."},
        themes=[Theme.objects.get(key=theme)], volunteers=volunteers,
    )  # fmt: skip
    return publish_practice(practice) if published else practice


def test_practices_and_volunteers_per_theme_count_published_practices_only(client, programme):
    _practice(programme, "C", 12)
    _practice(programme, "C", 8)
    _practice(programme, "A", None)
    _practice(programme, "C", 100, published=False)  # a proposal counts nowhere

    page = client.get("/en/p/820885/infographics/")

    graphic = next(g for g in page.context["graphics"] if g.key == "practices-per-theme")
    rows = {row[0][:1]: row[1:] for row in graphic.rows}
    assert rows == {"A": ["1", "0"], "B": ["0", "0"], "C": ["2", "20"], "D": ["0", "0"]}
    theme_c = Theme.objects.get(key="C")
    assert f"C. {theme_c.title['en']}: 2 practices, 20 volunteers" in graphic.alt
    assert f'alt="{graphic.alt}"' in page.text.replace("&#x27;", "'")


def test_an_infographic_is_an_svg_with_its_title_description_and_bars(client, programme):
    _practice(programme, "C", 12)

    response = client.get("/en/p/820885/infographics/practices-per-theme.svg")

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)  # noqa: S314 (the platform's own output, not untrusted)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Good practices and volunteers per theme"
    assert (
        "C. " + Theme.objects.get(key="C").title["en"] + ": 1 practice, 12 volunteers" in root.find(f"{SVG}desc").text
    )
    bars = [rect for rect in root.findall(f"{SVG}rect") if rect.get("height") == "16"]
    assert len(bars) == 4 * 2  # four themes, two series
    widest = max(bars, key=lambda rect: float(rect.get("width")))
    # 12 volunteers, the largest value, fills the scale: 440 less two margins of 4 and the widest value
    # ("12": 2 × 8 px and two margins) leaves 408 px.
    assert widest.get("width") == "408.0"


def test_participation_counts_confirmed_places_by_city_and_role(client, cesena_visit, cesena_staff, volunteer):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    riga = make_member("riga-staff", "riga", Role.CITY_STAFF)
    for user, organisation, status in (
        (cesena_staff, "cesena", "confirmed"), (leader, "cesena", "confirmed"), (volunteer, "cesena", "confirmed"),
        (riga, "riga", "declined"),
    ):  # fmt: skip
        Participant.objects.create(
            activity=cesena_visit, user=user, organisation=Organisation.objects.get(key=organisation), status=status
        )

    page = client.get("/en/p/820885/infographics/")

    graphic = next(g for g in page.context["graphics"] if g.key == "participation")
    rows = {row[0]: row[1:] for row in graphic.rows}
    assert graphic.columns == ["City", "City staff", "Volunteer leader", "Others"]
    assert rows["City of Cesena"] == ["1", "1", "1"]
    assert rows["City of Riga"] == ["0", "0", "0"]
    assert "City of Cesena: city staff 1, volunteer leader 1, others 1" in graphic.alt


def test_an_unknown_infographic_is_not_found(client, programme):
    assert client.get("/en/p/820885/infographics/secret-budget.svg").status_code == 404


def test_the_timeline_counts_the_accepted_plans_visits_and_exchanges_per_quarter(client, accepted_plan):
    page = client.get("/en/p/820885/infographics/")

    graphic = next(g for g in page.context["graphics"] if g.key == "timeline")
    quarters = [row[0] for row in graphic.rows]
    # February 2019 to January 2021: nine quarters, from 2019-Q1 to 2021-Q1.
    assert quarters == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4",
                        "2021-Q1"]  # fmt: skip
    assert graphic.columns == ["Quarter", "Mentoring visits", "Exchanges"]
    assert sum(int(row[1]) for row in graphic.rows) == 16  # one visit per city
    assert sum(int(row[2]) for row in graphic.rows) == 16  # both directions of eight pairs


def test_the_budget_infographic_is_for_the_coordinator_and_comes_as_png_too(
    client, programme, coordinator, cesena_staff
):  # fmt: skip
    public = client.get("/en/p/820885/infographics/")
    refused = client.get("/en/p/820885/infographics/budget-against-actual.svg")
    client.force_login(cesena_staff)  # reads Cesena's spending on the finance pages, not every partner's
    staff = client.get("/en/p/820885/infographics/budget-against-actual.svg")
    staff_page = client.get("/en/p/820885/infographics/")
    client.force_login(coordinator)
    page = client.get("/en/p/820885/infographics/")
    png = client.get("/en/p/820885/infographics/budget-against-actual.png")

    assert "budget-against-actual" not in [g.key for g in public.context["graphics"]]
    assert refused.status_code == 403
    assert staff.status_code == 403
    assert "budget-against-actual" not in [g.key for g in staff_page.context["graphics"]]
    graphic = next(g for g in page.context["graphics"] if g.key == "budget-against-actual")
    assert graphic.rows == [["City of Cesena", "22,732.15", "0.00"]]
    assert "City of Cesena: 0.00 spent of 22,732.15" in graphic.alt
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert png["Cache-Control"] == "private, no-store"


def test_an_italian_chart_writes_its_coordinates_with_a_point(client, programme):
    _practice(programme, "C", 7)  # 7 of 7 volunteers: a bar whose width has a fraction in Italian too

    svg = client.get("/it/p/820885/infographics/practices-per-theme.svg").content.decode()

    root = ElementTree.fromstring(svg)  # noqa: S314 (the platform's own output, not untrusted)
    numbers = [rect.get(name) for rect in root.iter(f"{SVG}rect") for name in ("x", "y", "width", "height")]
    assert numbers
    assert all("," not in number for number in numbers if number)
    assert 'width="416.0"' in svg  # 440 less two margins of 4 and the widest value ("7": 8 px and two margins)
