"""Programmes, partners, themes, communities and members through the API, with the figures of data/values.yaml."""

import pytest

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

VALUES = "/api/v1/programmes/820885/"


def test_the_programme_as_its_file_gives_it(programme):
    answer = ApiClient().get(VALUES).json()

    assert (answer["acronym"], answer["start"], answer["end"]) == ("VALUES", "2019-02-01", "2021-01-31")
    assert answer["total_cost"] == "899973.58"  # a Decimal's text, never a float
    assert [theme["key"] for theme in answer["themes"]] == ["A", "B", "C", "D"]


def test_partners_come_in_pages_with_their_count(programme):
    first = ApiClient().get(f"{VALUES}partners/?limit=5").json()
    last = ApiClient().get(f"{VALUES}partners/?limit=5&offset=15").json()

    assert first["count"] == 18  # 16 cities, EUROCITIES and the European Volunteer Centre
    assert [p["key"] for p in first["results"]][:1] == ["eurocities"]
    assert "offset=5" in first["next"]
    assert first["previous"] is None
    assert len(last["results"]) == 3
    assert last["next"] is None


def test_contact_addresses_only_for_who_is_signed_in(programme, riga_staff):
    public = ApiClient().get(f"{VALUES}partners/cesena/").json()
    signed_in = token_client(riga_staff, "read").get(f"{VALUES}partners/cesena/").json()

    assert public["people"]
    assert all(person["email"] is None for person in public["people"])
    assert any(person["email"].endswith("@comune.cesena.fc.it") for person in signed_in["people"])


def test_only_the_coordinator_lists_the_people_with_roles(coordinator, cesena_staff):
    cesena_staff.first_name, cesena_staff.last_name = "Anna", "Rossi"
    cesena_staff.save()

    members = token_client(coordinator, "read").get(f"{VALUES}members/").json()

    assert {(m["name"], m["organisation"]["key"], m["role"]) for m in members["results"]} >= {
        ("Anna Rossi", "cesena", "city_staff")
    }
    assert all(m["name"] != "cesena" for m in members["results"])  # a name, never the login
    assert token_client(cesena_staff, "read").get(f"{VALUES}members/").status_code == 403
    assert ApiClient().get(f"{VALUES}members/").status_code == 401


def test_an_unknown_programme_is_a_problem_that_names_no_other(programme):
    answer = ApiClient().get("/api/v1/programmes/999999/partners/")

    assert answer.status_code == 404
    assert answer.json() == {"type": "about:blank", "title": "Not Found", "status": 404,
                             "detail": "There is nothing at this address."}  # fmt: skip


CESENA = f"{VALUES}partners/cesena/"
CESENA_PAGE = {"name": {"en": "City of Cesena", "it": "Città di Cesena"}, "country": "it",
               "city": {"name": "Cesena", "lat": "44.139", "lon": "12.243", "languages": ["it", "en"]}}  # fmt: skip


def organisation(key: str):
    from values.network.models import Organisation

    return Organisation.objects.select_related("city").get(key=key)


def test_a_partners_italian_name_changed_by_its_staff_shows_on_its_public_answer(cesena_staff):
    changed = token_client(cesena_staff).put(CESENA, CESENA_PAGE)

    assert changed.status_code == 200
    italian = ApiClient(headers={"Accept-Language": "it"}).get(CESENA).json()
    assert italian["name"] == "Città di Cesena"
    assert italian["city"]["languages"] == ["it", "en"]
    assert organisation("cesena").country == "IT"  # as the page's form writes a country code
    people = [(p.name, p.unit["en"][:9]) for p in organisation("cesena").people.all()]
    assert people == [("Roberto Zoffoli", "Strategic"), ("Sofia Burioli", "Strategic")]  # contacts not sent: kept


def test_contacts_are_replaced_in_order_and_keep_their_office_by_email(cesena_staff):
    people = [{"name": "Sofia Burioli", "role": "project_manager", "email": "est_burioli_s@comune.cesena.fc.it"},
              {"name": "Marco Neri", "role": "staff", "email": ""}]  # fmt: skip

    assert token_client(cesena_staff).put(CESENA, CESENA_PAGE | {"people": people}).status_code == 200

    stored = [(p.name, p.role, p.position, bool(p.unit)) for p in organisation("cesena").people.all()]
    assert stored == [("Sofia Burioli", "project_manager", 0, True), ("Marco Neri", "staff", 1, False)]


def test_the_coordinator_changes_any_partner_and_another_citys_staff_may_not(coordinator, riga_staff):
    refused = token_client(riga_staff).put(CESENA, CESENA_PAGE)

    assert refused.status_code == 403
    assert organisation("cesena").name["it"] == "Comune di Cesena"
    assert ApiClient().put(CESENA, CESENA_PAGE).status_code == 401
    assert token_client(riga_staff, "read").put(f"{VALUES}partners/riga/", CESENA_PAGE).status_code == 403
    assert token_client(coordinator).put(CESENA, CESENA_PAGE).status_code == 200
    assert organisation("cesena").name["it"] == "Città di Cesena"


def test_what_the_pages_form_refuses_is_named_and_nothing_is_stored(cesena_staff):
    bad = {"name": {"it": "Cesena", "de": "Stadt Cesena"}, "country": "XX",
           "city": {"name": "Cesena", "lat": "91", "lon": "12.1234567", "languages": ["it", "klingon"]},
           "people": [{"name": "Marco Neri", "role": "staff", "email": "not an address"}]}  # fmt: skip

    refused = token_client(cesena_staff).put(CESENA, bad)

    assert refused.status_code == 422
    assert {error["pointer"] for error in refused.json()["errors"]} == {"#/name/de"}  # languages first
    refused = token_client(cesena_staff).put(CESENA, bad | {"name": {"it": "Cesena"}})
    assert {error["pointer"] for error in refused.json()["errors"]} == {
        "#/name/en", "#/country", "#/city/lat", "#/city/lon", "#/city/languages", "#/people/0/email"}  # fmt: skip
    unchanged = organisation("cesena")
    assert (unchanged.name["it"], unchanged.country, unchanged.city.languages) == ("Comune di Cesena", "IT", ["it"])
    assert unchanged.people.count() == 2


def test_only_a_city_has_a_place_and_a_city_needs_one(coordinator):
    network = token_client(coordinator).put(f"{VALUES}partners/eurocities/", CESENA_PAGE)
    placeless = token_client(coordinator).put(CESENA, CESENA_PAGE | {"city": None})

    assert [e["pointer"] for e in network.json()["errors"]] == ["#/city"]
    assert {e["pointer"] for e in placeless.json()["errors"]} == {"#/city/name", "#/city/lat", "#/city/lon"}
    assert token_client(coordinator).put(f"{VALUES}partners/nowhere/", CESENA_PAGE).status_code == 404
