"""Several programmes on one site: the index, each programme's pages under /<lang>/p/<code>/, the addresses from
before, and a programme's things reached only through its own addresses."""

import pytest

from values.knowledge.services import publish_practice, save_practice
from values.network.models import Organisation

pytestmark = pytest.mark.django_db

VALUES, WELCOME = "/en/p/820885/", "/en/p/101010/"


def test_with_no_programme_the_index_says_how_to_load_one(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "values load FILE" in response.text


def test_with_one_programme_the_index_is_its_home_page(client, programme):
    response = client.get("/it/")

    assert response.status_code == 302
    assert response["Location"] == "/it/p/820885/"


def test_with_two_programmes_the_index_lists_both_latest_first(client, welcome):
    page = client.get("/en/").text

    assert page.index("WELCOME: Welcoming cities") < page.index("VALUES: Volunteering Activities")
    assert f'href="{WELCOME}"' in page
    assert f'href="{VALUES}"' in page
    assert "12 months · 3 partners" in page
    assert "24 months · 18 partners" in page


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/en/partners/", "/en/p/820885/partners/"),
        ("/it/partners/cesena/", "/it/p/820885/partners/cesena/"),
        ("/en/practices/?q=buddy&theme=A", "/en/p/820885/practices/?q=buddy&theme=A"),
        ("/en/finance/budget.xlsx", "/en/p/820885/finance/budget.xlsx"),
    ],
)
def test_the_addresses_from_before_lead_to_the_one_programme(client, programme, old, new):
    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"] == new


def test_a_form_sent_to_an_address_from_before_keeps_its_method(client, programme):
    response = client.post("/en/practices/new/", {"title": "x"})

    assert response.status_code == 307
    assert response["Location"] == "/en/p/820885/practices/new/"


def test_with_two_programmes_an_address_from_before_asks_which_one(client, welcome):
    response = client.get("/en/partners/cesena/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_pages_of_a_programme_link_within_it(client, welcome):
    page = client.get(f"{WELCOME}partners/").text

    assert f'href="{WELCOME}partners/cesena/"' in page
    assert f'href="{WELCOME}practices/"' in page
    assert "/en/p/820885/" not in page


def test_each_programme_shows_its_own_partnership_and_budget_of_a_shared_city(client, welcome):
    values_cesena = client.get(f"{VALUES}partners/cesena/").text
    welcome_cesena = client.get(f"{WELCOME}partners/cesena/").text

    assert "€22,732.15" in values_cesena
    assert "€22,732.15" not in welcome_cesena
    assert "€10,000.00" in welcome_cesena
    assert "€10,000.00" not in values_cesena
    assert client.get(f"{WELCOME}partners/riga/").status_code == 404  # Riga is a partner of VALUES only
    assert client.get(f"{VALUES}partners/bologna/").status_code == 404


def test_each_programme_counts_only_its_own_partners(client, welcome):
    assert client.get(VALUES).context["figures"]["cities"] == 16
    assert client.get(WELCOME).context["figures"]["cities"] == 2


@pytest.mark.parametrize("address", ["/en/p/999999/", "/en/p/999999/partners/", "/en/p/82088/partners/"])
def test_an_unknown_programme_is_not_found_and_names_no_other(client, welcome, address):
    response = client.get(address)

    assert response.status_code == 404
    for told in ("820885", "101010", "WELCOME", "Welcoming cities", "Volunteering Activities"):
        assert told not in response.text


def test_a_practice_is_reached_only_through_its_own_programme(client, welcome, coordinator):
    practice = save_practice(
        welcome,
        organisation=Organisation.objects.get(key="cesena"),
        by=coordinator,
        original_language="en",
        texts={"title": "Welcome desk", "summary": "A desk for newcomers.", "body": "Open every day."},
        themes=list(welcome.themes.all()),
    )
    publish_practice(practice, by=coordinator)
    client.force_login(coordinator)

    assert client.get(f"{WELCOME}practices/{practice.pk}/").status_code == 200
    assert client.get(f"{VALUES}practices/{practice.pk}/").status_code == 404


def test_an_activity_is_reached_only_through_its_own_programme(client, welcome, coordinator, cesena_visit):
    client.force_login(coordinator)

    assert client.get(f"{VALUES}activities/{cesena_visit.pk}/").status_code == 200
    assert client.get(f"{WELCOME}activities/{cesena_visit.pk}/").status_code == 404
    assert client.get(f"{WELCOME}activities/{cesena_visit.pk}/edit/").status_code == 404
