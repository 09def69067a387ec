"""The opportunity pages: finding them with filters, offering and changing them, who gets what."""

from datetime import date, time

import pytest

from tests.conftest import make_member
from tests.query_world import programme_file
from tests.volunteering.test_services import offer
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.programme.programme_file import read_programme_file
from values.programme.services import load_programme_file
from values.volunteering.models import Opportunity, Shift
from values.volunteering.services import add_weekly_shifts, publish_opportunity

pytestmark = pytest.mark.django_db
BASE = "/en/p/820885/volunteer/"


def published(programme, **changes) -> Opportunity:
    return publish_opportunity(offer(programme, **changes), by=None)


def titles(response) -> list[str]:
    return [o.title["en"] if "en" in o.title else next(iter(o.title.values())) for o in response.context["page"]]


def form_data(programme, **changes) -> dict:
    data = {
        "organisation": Organisation.objects.get(key="cesena").pk, "kind": "meet_up", "original_language": "en",
        "title": "Welcome walk in Oltresavio", "description": "We walk <script>alert(1)</script> together.",
        "theme": Theme.objects.get(programme=programme, key="B").pk,
        "city": Organisation.objects.get(key="cesena").pk, "neighbourhood": "Oltresavio", "languages": "it, ar",
        "skills": "walking\nlistening", "places": "15", "minimum_age": "16", "start_date": "2020-04-01",
        "end_date": "2020-09-30",
    }  # fmt: skip
    return data | changes


@pytest.fixture
def riga_meetup(programme):
    riga = Organisation.objects.get(key="riga")
    return published(
        programme, organisation=riga, city=riga, title="Riga language café", kind="language_cafe", languages=["lv"],
        theme=Theme.objects.get(programme=programme, key="A"), start_date=date(2020, 9, 1), end_date=None,
    )  # fmt: skip


def test_the_list_shows_published_open_opportunities_only(client, programme, riga_meetup):
    published(programme, title="Cesena walks", end_date=None)
    offer(programme, title="Cesena draft")
    published(programme, title="Cesena ended", end_date=date(2020, 4, 1))

    response = client.get(BASE)

    assert response.status_code == 200
    assert titles(response) == ["Cesena walks", "Riga language café"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=riga", ["Riga language café"]),
        ("city=cesena", ["Cesena walks"]),
        ("theme=A", ["Riga language café"]),
        ("kind=language_cafe", ["Riga language café"]),
        ("language=LV", ["Riga language café"]),
        ("language=ar", ["Cesena walks"]),
        ("on=2020-05-01", ["Cesena walks"]),
        ("on=2020-10-01", ["Cesena walks", "Riga language café"]),
        ("city=cesena&kind=language_cafe", []),
    ],
)
def test_filters_narrow_the_list(client, programme, riga_meetup, query, expected):
    published(programme, title="Cesena walks", kind="meet_up", languages=["it", "ar"], end_date=None)

    response = client.get(f"{BASE}?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "label"),
    [("city=atlantis", "City"), ("theme=Z", "Theme"), ("kind=rave", "Kind"), ("language=xx", "Language"),
     ("on=2020-13-45", "On"), ("language=english", "Language")],
)  # fmt: skip
def test_a_bad_filter_is_a_400_naming_its_field(client, programme, query, label):
    response = client.get(f"{BASE}?{query}")

    assert response.status_code == 400
    assert f"<li>{label}: " in response.content.decode()


def test_the_list_is_paginated_by_25(client, programme):
    for n in range(26):
        published(programme, title=f"Walk {n:02d}", end_date=None)

    first, second = client.get(BASE), client.get(f"{BASE}?page=2&kind=language_cafe")

    assert len(first.context["page"]) == 25
    assert titles(second) == ["Walk 25"]
    assert client.get(f"{BASE}?page=99999999999999999999").status_code == 200


def test_a_title_not_in_the_readers_language_says_so(client, programme):
    published(programme, original_language="it", title="Caffè linguistico", end_date=None)

    english, italian = client.get(BASE).content.decode(), client.get("/it/p/820885/volunteer/").content.decode()

    assert "Not translated yet: shown in Italian." in english
    assert "Not translated yet" not in italian


def test_a_draft_is_404_to_others_and_shown_to_its_editors(client, programme, cesena_staff, riga_staff):
    draft = offer(programme)

    assert client.get(f"{BASE}{draft.pk}/").status_code == 404
    client.force_login(riga_staff)
    assert client.get(f"{BASE}{draft.pk}/").status_code == 404
    assert client.get(f"{BASE}{draft.pk}/edit/").status_code == 404
    client.force_login(cesena_staff)
    assert client.get(f"{BASE}{draft.pk}/").status_code == 200
    assert client.get(f"{BASE}{draft.pk}/edit/").status_code == 200


def test_the_page_shows_shifts_in_the_city_time_and_the_description_sanitised(client, programme):
    opportunity = published(programme, description="Bring **tea** <script>alert(1)</script>")
    add_weekly_shifts(opportunity, weekday=0, starts=time(18), ends=time(20), first_date=date(2020, 3, 2),
                      last_date=date(2020, 3, 30))  # fmt: skip

    body = client.get(f"{BASE}{opportunity.pk}/").content.decode()

    assert "<strong>tea</strong>" in body
    assert "<script>alert(1)" not in body
    assert body.count("18:00–20:00") == 5
    assert "Monday 30 March 2020, 18:00–20:00" in body


def test_city_staff_offer_an_opportunity_and_it_starts_as_a_draft(client, programme, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}new/", form_data(programme))

    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{opportunity.pk}/"
    assert (opportunity.status, opportunity.languages, opportunity.skills) == (
        "draft",
        ["it", "ar"],
        ["walking", "listening"],
    )
    assert opportunity.created_by == cesena_staff


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"places": "0"}, "places"), ({"places": "99999999999999999999999"}, "places"), ({"latitude": "91"}, "latitude"),
     ({"latitude": "nan", "longitude": "1"}, "latitude"), ({"languages": "klingon"}, "languages"),
     ({"end_date": "2020-01-01"}, "end_date"), ({"city": Organisation.objects.none}, "city")],
)  # fmt: skip
def test_a_refused_form_is_a_400_with_its_field_and_nothing_saved(client, programme, cesena_staff, changes, field):
    client.force_login(cesena_staff)
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    if field == "city":
        changes = {"city": Organisation.objects.get(key="riga").pk}

    response = client.post(f"{BASE}new/", form_data(programme, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Opportunity.objects.count() == 0


def test_a_city_staff_of_another_programme_cannot_offer_here(client, programme):
    other = load_programme_file(read_programme_file(programme_file(7)).document).programme
    staff = make_member("cesena-elsewhere", "cesena", Role.CITY_STAFF, programme=other)
    client.force_login(staff)

    assert client.get(f"{BASE}new/").status_code == 403
    assert client.post(f"{BASE}new/", form_data(programme)).status_code == 403
    assert client.get("/en/p/900007/volunteer/new/").status_code == 200
    assert Opportunity.objects.count() == 0


def test_a_volunteer_organisation_offers_in_a_partner_city(client, programme):
    leader = make_member("evc-leader", "evc", Role.VOLUNTEER_LEADER)
    client.force_login(leader)
    evc = Organisation.objects.get(key="evc")

    refused = client.post(f"{BASE}new/", form_data(programme))
    response = client.post(f"{BASE}new/", form_data(programme, organisation=evc.pk))

    assert refused.status_code == 400
    assert response.status_code == 302
    assert Opportunity.objects.get().organisation == evc


def test_editors_add_and_remove_shifts(client, programme, cesena_staff):
    opportunity = offer(programme)
    client.force_login(cesena_staff)
    url = f"{BASE}{opportunity.pk}/shifts/"

    weekly = client.post(url, {"action": "weekly", "weekly-weekday": "0", "weekly-starts": "18:00",
                               "weekly-ends": "20:00", "weekly-first_date": "2020-03-02",
                               "weekly-last_date": "2020-03-30"})  # fmt: skip
    one = client.post(url, {"action": "one", "one-day": "2020-04-04", "one-starts": "10:00", "one-ends": "12:00",
                            "one-places": "4"})  # fmt: skip
    bad = client.post(url, {"action": "one", "one-day": "2020-08-04", "one-starts": "10:00", "one-ends": "12:00"})
    removed = client.post(url, {"action": "remove", "shift": str(Shift.objects.first().pk)})
    unknown = client.post(url, {"action": "remove", "shift": "not-a-number"})

    assert [weekly.status_code, one.status_code, bad.status_code, removed.status_code] == [302, 302, 400, 302]
    assert unknown.status_code == 400
    assert Shift.objects.count() == 5
    assert sorted(Shift.objects.values_list("places", flat=True)) == [4, 12, 12, 12, 12]


def test_publishing_by_the_page_refuses_without_the_background_check(client, programme, cesena_staff):
    opportunity = offer(programme, vulnerable_people=True)
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}{opportunity.pk}/publish/", follow=True)

    assert "Record that the background check was seen before publishing" in response.content.decode()
    assert Opportunity.objects.get().status == "draft"
