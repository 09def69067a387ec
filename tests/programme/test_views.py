"""The public pages and the partner edit form, as the owner, another city, and anonymously."""

from decimal import Decimal

import pytest

from values.network.models import City, Organisation, Person
from values.programme.programme_file import read_programme_file
from values.programme.services import load_programme_file

pytestmark = pytest.mark.django_db


def test_home_page_in_english_presents_the_programme(client, programme):
    response = client.get("/en/p/820885/")

    assert response.status_code == 200
    page = response.text
    assert "VALUES: Volunteering Activities to Leverage Urban and European Social integration of migrants" in page
    assert "€899,973.58" in page
    assert "February 2019" in page
    assert "24 months" in page
    assert "Mentoring visits by the communities of practice to each city" in page
    assert "Integrating Cities Toolkits" in page


def test_home_page_in_italian_uses_the_italian_texts_and_number_format(client, programme):
    response = client.get("/it/p/820885/")

    assert response.status_code == 200
    page = response.text
    assert '<html lang="it" dir="ltr">' in page
    assert "Sviluppo di attività di volontariato per facilitare l&#x27;integrazione" in page
    assert "€\xa0899.973,58" in page  # as the seed factsheet writes it in Italian
    assert "Comune di Cesena" in page


def test_key_figures_count_cities_countries_and_communities(client, programme):
    response = client.get("/en/p/820885/")

    figures = response.context["figures"]
    # 16 cities in 11 countries, plus Belgium for the two networks (Ostend is Belgian too): 12.
    assert figures == {"cities": 16, "partners": 18, "countries": 12, "themes": 4, "communities": 4, "months": 24}


def test_key_figures_count_the_communities_the_planner_forms(client, programme):
    programme.community_size = 5
    programme.save(update_fields=["community_size"])

    response = client.get("/en/p/820885/")

    # 16 cities in communities of 5: the planner forms round(3.2) = 3 communities (of 5, 5 and 6), not 4.
    assert response.context["figures"]["communities"] == 3


def test_partner_page_shows_what_cesenas_amounts_say_not_the_stated_label(client, programme):
    response = client.get("/en/p/820885/partners/cesena/")

    page = response.text
    assert "€22,732.15" in page
    assert "€20,458.94" in page
    assert "€2,273.21" in page
    assert "90.0%" in page
    assert "10.0%" in page
    assert "state an EU rate of 80.0%, but the amounts give 90.0%" in page


def test_contact_emails_are_hidden_from_anonymous_visitors(client, programme):
    response = client.get("/en/p/820885/partners/cesena/")

    assert "Roberto Zoffoli" in response.text
    assert "zoffoli_r@comune.cesena.fc.it" not in response.text
    assert "Sign in to see contact e-mail addresses." in response.text


def test_contact_emails_are_shown_to_signed_in_users(client, riga_staff):
    client.force_login(riga_staff)

    response = client.get("/en/p/820885/partners/cesena/")

    assert "zoffoli_r@comune.cesena.fc.it" in response.text
    assert "est_burioli_s@comune.cesena.fc.it" in response.text


@pytest.mark.parametrize(
    "url",
    ["/en/p/820885/partners/atlantis/", "/it/p/820885/partners/atlantis/", "/en/p/820885/partners/atlantis/edit/"],
)
def test_unknown_partner_is_not_found(client, coordinator, url):
    client.force_login(coordinator)

    response = client.get(url)

    assert response.status_code == 404


def test_edit_page_asks_anonymous_visitors_to_sign_in(client, programme):
    response = client.get("/en/p/820885/partners/cesena/edit/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/p/820885/partners/cesena/edit/"


def test_staff_of_another_city_may_not_edit_cesena(client, riga_staff):
    client.force_login(riga_staff)

    get = client.get("/en/p/820885/partners/cesena/edit/")
    post = client.post("/en/p/820885/partners/cesena/edit/", _edit_data(lat="45.000000"))

    assert get.status_code == 403
    assert post.status_code == 403
    assert City.objects.get(organisation__key="cesena").lat == Decimal("44.139000")


def test_a_volunteer_of_cesena_may_not_edit_cesena(client, volunteer):
    client.force_login(volunteer)

    response = client.get("/en/p/820885/partners/cesena/edit/")

    assert response.status_code == 403


@pytest.mark.parametrize("user_fixture", ["cesena_staff", "coordinator"])
def test_cesenas_staff_and_the_coordinator_edit_cesena(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.post(
        "/en/p/820885/partners/cesena/edit/", _edit_data(lat="44.150000", name_it="Comune di Cesena (FC)")
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/p/820885/partners/cesena/"
    cesena = Organisation.objects.get(key="cesena")
    assert cesena.city.lat == Decimal("44.150000")
    assert cesena.name == {"en": "City of Cesena", "it": "Comune di Cesena (FC)"}
    assert [p.name for p in cesena.people.order_by("position")] == ["Roberto Zoffoli", "Sofia Burioli"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lat", "91", "Ensure this value is less than or equal to 90."),
        ("country", "XX", "Enter an ISO 3166-1 alpha-2 country code, e.g. IT."),
        ("city_languages", "it, klingon", "Not ISO 639-1 language codes: klingon."),
        ("name_en", "", "This field is required."),
    ],
)
def test_bad_form_data_shows_the_form_again_with_the_fields_error(client, cesena_staff, field, value, message):
    client.force_login(cesena_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/edit/", _edit_data(**{field: value, "lat": "10" if field != "lat" else value})
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert message in response.text
    cesena = Organisation.objects.get(key="cesena")
    assert cesena.city.lat == Decimal("44.139000")
    assert cesena.country == "IT"


def test_a_contact_with_a_bad_email_is_refused_and_nothing_is_saved(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/edit/", _edit_data(lat="10", **{"people-0-email": "not-an-address"})
    )

    assert response.status_code == 400
    assert response.context["people"].forms[0].errors["email"] == ["Enter a valid email address."]
    assert City.objects.get(organisation__key="cesena").lat == Decimal("44.139000")


def test_partner_list_makes_the_same_number_of_queries_for_one_and_three_cities(client, django_assert_max_num_queries):
    load_programme_file(read_programme_file(_programme_with_cities(1)).document)
    with django_assert_max_num_queries(50) as one_city:
        client.get("/en/p/T1/partners/")
    load_programme_file(read_programme_file(_programme_with_cities(3)).document)

    with django_assert_max_num_queries(50) as three_cities:
        response = client.get("/en/p/T1/partners/")

    assert response.status_code == 200
    assert len(three_cities.captured_queries) == len(one_city.captured_queries)


def _edit_data(**changes: str) -> dict[str, str]:
    data = {
        "name_en": "City of Cesena",
        "name_it": "Comune di Cesena",
        "country": "IT",
        "city_name": "Cesena",
        "lat": "44.139",
        "lon": "12.243",
        "city_languages": "it",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "2",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
    }
    for index, person in enumerate(Person.objects.filter(organisation__key="cesena").order_by("position")):
        data.update(
            {
                f"people-{index}-id": str(person.pk),
                f"people-{index}-organisation": str(person.organisation_id),
                f"people-{index}-name": person.name,
                f"people-{index}-role": person.role,
                f"people-{index}-email": person.email,
            }
        )
    data.update({"people-2-name": "", "people-2-role": "", "people-2-email": ""})
    data.update(changes)
    return data


def _programme_with_cities(count: int) -> str:
    cities = "".join(
        f"""
  - id: city{n}
    name: City {n}
    kind: city
    role: partner
    country: IT
    city: {{name: City {n}, lat: 44.{n}, lon: 12.{n}, languages: [it]}}
    interests: {{A: {n}}}
"""
        for n in range(count)
    )
    return f"""
programme: {{code: "T1", acronym: TEST, title: Test, start: "2020-01", duration_months: 12, total_cost: "1000.00"}}
themes:
  - {{id: A, title: Theme A}}
organisations:
  - {{id: network, name: Network, kind: network, role: coordinator, country: BE}}
{cities}"""


def test_signing_out_is_a_post_that_ends_the_session(client, cesena_staff):
    client.force_login(cesena_staff)

    refused = client.get("/en/accounts/logout/")
    response = client.post("/en/accounts/logout/")

    assert refused.status_code == 405
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session
