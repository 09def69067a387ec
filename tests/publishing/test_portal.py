"""The public portal, in English and Italian: everything public in one place, nothing unpublished or personal."""

from datetime import date

import pytest

from values.knowledge.services import publish_practice, save_practice
from values.network.models import Organisation
from values.programme.models import Theme
from values.publishing.services import save_campaign

pytestmark = pytest.mark.django_db
# Cesena's project manager in data/values.yaml: on partner pages for signed-in readers only, never on the portal.
SEED_PERSON = ("Roberto Zoffoli", "zoffoli_r@comune.cesena.fc.it")


@pytest.fixture
def public_and_private(programme, cesena_staff):
    cesena = Organisation.objects.get(key="cesena")
    for title, publish in (("Welcome café", True), ("Secret draft idea", False)):
        practice = save_practice(
            programme, organisation=cesena, by=cesena_staff, original_language="en",
            texts={"title": title, "summary": f"{title}, in short."}, themes=[Theme.objects.get(key="C")],
        )  # fmt: skip
        if publish:
            publish_practice(practice)
    for key, published in (("volunteer-2020", True), ("draft-2021", False)):
        save_campaign(
            programme, key=key, title={"en": key}, call_to_action={"en": f"Join {key}!", "it": f"Unisciti a {key}!"},
            pitch={}, starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), volunteer_url="", published=published,
        )  # fmt: skip
    return programme


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_portal_shows_public_things_only_whoever_reads_it(client, coordinator, public_and_private, signed_in):
    if signed_in:
        client.force_login(coordinator)  # the coordinator sees proposals elsewhere, never on the portal

    page = client.get("/en/p/820885/portal/").text

    for expected in ("VALUES", "Partners on the map", "/en/p/820885/infographics/partner-map.svg", "Welcome café",
                     "/en/p/820885/partners/cesena/factsheet.pdf", "/en/p/820885/partners/riga/factsheet.html",
                     "Join volunteer-2020!", "/en/p/820885/toolkits/"):  # fmt: skip
        assert expected in page
    for private in ("Secret draft idea", "Join draft-2021!", *SEED_PERSON):
        assert private not in page
    # Theme C has one published practice; the proposal is not counted.
    assert "1 good practice<" in page


def test_the_portal_speaks_italian(client, public_and_private):
    page = client.get("/it/p/820885/portal/")

    assert page.status_code == 200
    assert '<html lang="it" dir="ltr">' in page.text
    assert "Partner sulla mappa" in page.text
    assert "Unisciti a volunteer-2020!" in page.text
    assert "/it/p/820885/partners/cesena/factsheet.pdf" in page.text


def test_the_home_page_shows_the_portals_natural_earth_map_with_a_link_to_each_partner_city(client, programme):
    page = client.get("/en/p/820885/").text

    svg = page[page.index('<figure class="map home-map">') : page.index("</figure>", page.index("home-map"))]
    assert "Boundaries: Natural Earth." in svg
    assert svg.count("<path") > 30  # the country borders, which the old latitude-longitude map did not draw
    # One link per partner city (16 in the seed), each around its dot and its name.
    assert svg.count('<a href="/en/p/820885/partners/') == 16
    assert '<a href="/en/p/820885/partners/cesena/" class="map-link">' in svg
    assert "Partner cities by latitude and longitude" not in page  # the programme app's own map is gone
