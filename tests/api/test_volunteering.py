"""Volunteering through the API, on the permission matrix's world (Cesena's published opportunity with a shift on
2 March 2020, 18:00–20:00 in Rome, 8 places and one accepted volunteer; Cesena's draft): found with the list
page's filters, read with its shifts in the city's time, a draft hidden, applicants' contact only for who
changes the opportunity, decisions refused when stale or beyond the places, and the indicators for everyone."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.permission_world import (
    CESENA,
    CITY_LEADER,
    DRAFT_OPPORTUNITY_TITLE,
    RIGA,
    VOLUNTEER_EMAIL,
)
from values.network.models import Organisation
from values.programme.models import Theme
from values.volunteering.models import Commitment, Opportunity, Volunteer
from values.volunteering.services import publish_opportunity, save_opportunity

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_volunteering")]

BASE = "/api/v1/programmes/820885"


def api_of(world, identity: str) -> ApiClient:
    return token_client(world.people[identity])


def ids(page) -> list[int]:
    return [item["id"] for item in page.json()["results"]]


def test_the_public_finds_the_published_opportunity_and_never_the_draft(module_world):
    public = ApiClient().get(f"{BASE}/opportunities/")

    assert public.status_code == 200, public.content
    assert ids(public) == [module_world.opportunity.pk]
    found = public.json()["results"][0]
    assert (found["city"], found["theme"], found["kind"], found["places"]) == (
        {"key": "cesena", "name": "City of Cesena"}, "B", "language_cafe", 8)  # fmt: skip
    assert (found["time_zone"], found["next_shift"], found["status"]) == ("Europe/Rome", None, "published")
    assert DRAFT_OPPORTUNITY_TITLE not in public.content.decode()
    assert ids(ApiClient().get(f"{BASE}/opportunities/?status=draft")) == []
    assert ids(api_of(module_world, CESENA).get(f"{BASE}/opportunities/?status=draft")) == [
        module_world.draft_opportunity.pk
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("city=cesena", True), ("city=riga", False), ("theme=B", True), ("theme=A", False),
        ("kind=language_cafe", True), ("kind=volunteer_role", False), ("on=2020-03-02", True),
        ("on=2020-02-29", False), ("near=Cesena&within=2", True), ("near=Riga&within=50", False),
    ],
)  # fmt: skip
def test_the_list_pages_filters(module_world, query, found):
    page = ApiClient().get(f"{BASE}/opportunities/?{query}")

    assert page.status_code == 200, page.content
    assert ids(page) == ([module_world.opportunity.pk] if found else [])


def test_a_filter_that_names_nothing_is_refused_naming_its_parameter(module_world):
    refused = ApiClient().get(f"{BASE}/opportunities/?city=atlantis&theme=Z&language=xx&near=Atlantis")
    far = ApiClient().get(f"{BASE}/opportunities/?near=Cesena&within=7")

    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert {error["parameter"] for error in refused.json()["errors"]} == {"city", "theme", "language", "near"}
    assert [error["parameter"] for error in far.json()["errors"]] == ["within"]  # 2, 5, 10, 25 or 50 km


def test_the_distance_from_a_place_is_given(module_world):
    found = ApiClient().get(f"{BASE}/opportunities/?near=Cesena").json()["results"][0]

    assert found["distance_km"] == 0.0  # it has no position of its own: it is at its city's centre


def test_an_opportunity_with_its_shifts_in_the_citys_time_and_its_places_left(module_world):
    read = ApiClient().get(f"{BASE}/opportunities/{module_world.opportunity.pk}/")

    assert read.status_code == 200, read.content
    body = read.json()
    assert body["shifts"] == [{"id": module_world.opportunity_shift.pk, "starts_at": "2020-03-02T18:00:00+01:00",
                               "ends_at": "2020-03-02T20:00:00+01:00", "places": 8, "places_left": 8}]  # fmt: skip
    assert body["places_left"] == 7  # 8 places, one volunteer accepted
    assert (body["can_edit"], body["title"]) == (False, {"en": "Matrix opportunity: welcome walks"})
    assert (
        api_of(module_world, CITY_LEADER).get(f"{BASE}/opportunities/{module_world.opportunity.pk}/").json()["can_edit"]
    )


def test_a_draft_is_404_for_the_public_and_for_other_cities(module_world):
    address = f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/"

    assert ApiClient().get(address).status_code == 404
    assert api_of(module_world, RIGA).get(address).status_code == 404
    assert api_of(module_world, CESENA).get(address).json()["status"] == "draft"


def test_applicants_contact_is_only_for_who_changes_the_opportunity(module_world):
    address = f"{BASE}/opportunities/{module_world.opportunity.pk}/commitments/"

    public_answers = [ApiClient().get(f"{BASE}/opportunities/{module_world.opportunity.pk}/"),
                      ApiClient().get(f"{BASE}/opportunities/"), ApiClient().get(f"{BASE}/indicators/")]  # fmt: skip
    applicants = api_of(module_world, CESENA).get(address)

    assert [VOLUNTEER_EMAIL in answer.content.decode() for answer in public_answers] == [False, False, False]
    assert ApiClient().get(address).status_code == 401
    assert api_of(module_world, RIGA).get(address).status_code == 403
    assert applicants.status_code == 200, applicants.content
    (accepted,) = applicants.json()["results"]
    assert accepted["volunteer"] == {"name": "Matrix Volunteer", "email": VOLUNTEER_EMAIL}
    assert (accepted["id"], accepted["status"]) == (module_world.commitment.pk, "accepted")


def decision(world, commitment_id: int) -> str:
    return f"{BASE}/opportunities/{world.opportunity.pk}/commitments/{commitment_id}/decision/"


def test_a_stale_decision_is_refused_with_the_current_one(module_world):
    cesena, address = api_of(module_world, CESENA), decision(module_world, module_world.commitment.pk)

    declined = cesena.post(address, {"decision": "decline", "seen": "accepted"})
    stale = cesena.post(address, {"decision": "accept", "seen": "accepted"})
    again = cesena.post(address, {"decision": "accept", "seen": "declined"})

    assert declined.status_code == 200, declined.content
    assert declined.json()["status"] == "declined"
    assert stale.status_code == 412
    assert stale.json()["detail"] == "Matrix Volunteer: someone else decided meanwhile (now declined); look again."
    assert (stale.json()["current"]["status"], stale.json()["type"]) == ("declined", "/api/v1/docs/#problem-stale")
    assert again.status_code == 409
    assert again.json()["detail"] == "Matrix Volunteer: already declined."
    assert Commitment.objects.get(pk=module_world.commitment.pk).status == "declined"


def test_no_volunteer_is_accepted_beyond_the_places(module_world):
    Opportunity.objects.filter(pk=module_world.opportunity.pk).update(places=1)  # taken by the accepted volunteer
    newcomer = Volunteer.objects.create(programme=module_world.programme, email="second@example.org", name="Second",
                                        confirmed_at=timezone.now() - timedelta(days=1))  # fmt: skip
    applied = Commitment.objects.create(volunteer=newcomer, opportunity=module_world.opportunity)

    refused = api_of(module_world, CESENA).post(decision(module_world, applied.pk),
                                                {"decision": "accept", "seen": "applied"})  # fmt: skip

    assert refused.status_code == 409
    assert refused.json()["detail"] == "Second: no place left in this opportunity."
    assert Commitment.objects.get(pk=applied.pk).status == "applied"


def test_a_commitment_is_decided_only_under_its_own_opportunity_and_by_who_changes_it(module_world):
    under_draft = f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/commitments/"
    body = {"decision": "decline", "seen": "accepted"}

    by_riga = api_of(module_world, RIGA).post(decision(module_world, module_world.commitment.pk), body)
    misplaced = api_of(module_world, CESENA).post(f"{under_draft}{module_world.commitment.pk}/decision/", body)

    assert by_riga.status_code == 403
    assert misplaced.status_code == 404
    assert Commitment.objects.get(pk=module_world.commitment.pk).status == "accepted"


def test_the_indicators_are_public_and_counted_from_what_was_recorded(module_world):
    read = ApiClient().get(f"{BASE}/indicators/")

    assert read.status_code == 200, read.content
    body = read.json()
    # One volunteer accepted (engaged this month, so too recently to tell retention), no shift taken, no hours.
    nothing_yet = {"engaged": 1, "confirmed_shifts": 0, "approved_hours": "0.00", "retained_after_3": None,
                   "retained_after_6": None}  # fmt: skip
    assert body["total"] == nothing_yet
    assert body["by_city"] == [nothing_yet | {"group": "Cesena"}]
    assert body["by_theme"] == [nothing_yet | {"group": "B"}]
    assert body["by_month"] == [nothing_yet | {"group": f"{timezone.now():%Y-%m}"}]
    assert body["by_channel"] == [nothing_yet | {"group": ""}]
    # data/values.yaml: 18 organisations, 16 of them cities, in 12 countries; 4 themes; communities of 4; 24 months
    assert body["key_figures"] == {"cities": 16, "partners": 18, "countries": 12, "themes": 4, "communities": 4,
                                   "months": 24}  # fmt: skip


def queries_of(api: ApiClient, address: str) -> int:
    api.get(address)  # a token's last use is noted once a minute: not by the request counted
    with CaptureQueriesContext(connection) as queries:
        assert api.get(address).status_code == 200
    return len(queries)


def published(world, title: str) -> Opportunity:
    cesena = Organisation.objects.get(key="cesena")
    opportunity = save_opportunity(
        world.programme, organisation=cesena, by=None, original_language="en", title=title, kind="meet_up",
        theme=Theme.objects.get(programme=world.programme, key="A"), city=cesena, places=4,
        start_date=date(2020, 4, 1), end_date=None,
    )  # fmt: skip
    return publish_opportunity(opportunity, by=None)


def test_the_lists_cost_the_same_queries_whatever_their_length(module_world):
    cesena = api_of(module_world, CESENA)
    opportunities = f"{BASE}/opportunities/"
    commitments = f"{opportunities}{module_world.opportunity.pk}/commitments/"
    one = (queries_of(cesena, opportunities), queries_of(cesena, commitments))
    for number in (2, 3):
        published(module_world, f"Opportunity {number}")
        volunteer = Volunteer.objects.create(programme=module_world.programme, email=f"v{number}@example.org",
                                             name=f"Volunteer {number}", confirmed_at=timezone.now())  # fmt: skip
        Commitment.objects.create(volunteer=volunteer, opportunity=module_world.opportunity)

    three = (queries_of(cesena, opportunities), queries_of(cesena, commitments))

    assert [cesena.get(address).json()["count"] for address in (opportunities, commitments)] == [3, 3]
    assert three == one
