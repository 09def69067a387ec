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
