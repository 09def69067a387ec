"""Volunteering through the API, on the permission matrix's world (Cesena's published opportunity with a shift on
2 March 2020, 18:00–20:00 in Rome, 8 places and one accepted volunteer; Cesena's draft): found with the list
page's filters, read with its shifts in the city's time, a draft hidden, applicants' contact only for who
changes the opportunity, decisions refused when stale or beyond the places, and the indicators for everyone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.permission_world import (
    CESENA,
    CITY_LEADER,
    DRAFT_OPPORTUNITY_TITLE,
    EXPERT,
    LEADER,
    RIGA,
    VOLUNTEER,
    VOLUNTEER_EMAIL,
)
from values.network.enums import AuditAction
from values.network.models import AuditEntry, Organisation
from values.programme.models import Programme, Theme
from values.volunteering.hours import log_hours
from values.volunteering.models import Commitment, HoursEntry, Opportunity, Shift, Volunteer
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


# -- offering, changing, publishing and closing opportunities -----------------------------------
def offer(**changes) -> dict:
    return {
        "organisation": "cesena", "kind": "meet_up", "original_language": "it", "title": "Passeggiate di benvenuto",
        "description": "Due ore **a settimana**.", "theme": "A", "city": "cesena", "languages": ["IT", "ar", "it"],
        "skills": [" guida ", "guida", "inglese"], "places": 6, "start_date": "2020-04-01", "end_date": "2020-06-30",
    } | changes  # fmt: skip


def test_a_city_offers_a_draft_that_the_public_finds_once_published(module_world):
    cesena = api_of(module_world, CESENA)

    created = cesena.post(f"{BASE}/opportunities/", offer(end_date=None))  # an ended one is listed no more

    assert created.status_code == 201, created.content
    body = created.json()
    assert created["Location"] == f"http://testserver{BASE}/opportunities/{body['id']}/"
    assert (body["status"], body["organisation"]["key"], body["city"]["key"], body["theme"]) == (
        "draft", "cesena", "cesena", "A")  # fmt: skip
    assert (body["title"], body["languages"], body["skills"]) == (
        {"it": "Passeggiate di benvenuto"}, ["it", "ar"], ["guida", "inglese"])  # fmt: skip
    assert (body["places"], body["places_left"], body["shifts"], body["can_edit"]) == (6, 6, [], True)
    assert body["id"] not in ids(ApiClient().get(f"{BASE}/opportunities/"))
    assert ApiClient().get(created["Location"]).status_code == 404
    audited = AuditEntry.objects.filter(action=AuditAction.PUBLISHED, target__startswith=f"opportunity {body['id']}:")

    published_ = cesena.post(f"{BASE}/opportunities/{body['id']}/publish/")

    assert published_.status_code == 200, published_.content
    assert published_.json()["status"] == "published"
    assert body["id"] in ids(ApiClient().get(f"{BASE}/opportunities/"))
    assert audited.get().actor == module_world.people[CESENA]


def test_an_offer_is_refused_naming_each_field_and_nothing_is_stored(module_world):
    before = Opportunity.objects.count()
    bad = offer(city="atlantis", theme="Z", title="x" * 201, languages=["xx"],
                skills=[f"skill {n}" for n in range(21)], places=0, start_date="2018-01-01")  # fmt: skip

    refused = api_of(module_world, CESENA).post(f"{BASE}/opportunities/", bad)
    foreign = api_of(module_world, CESENA).post(f"{BASE}/opportunities/", offer(organisation="riga"))

    assert refused.status_code == 422
    assert {error["pointer"] for error in refused.json()["errors"]} == {
        "#/city", "#/theme", "#/title", "#/languages", "#/skills", "#/places", "#/start_date"}  # fmt: skip
    # Cesena's staff offer nothing for Riga: as the page's form, the organisation is refused by name.
    assert [error["pointer"] for error in foreign.json()["errors"]] == ["#/organisation"]
    assert foreign.json()["errors"][0]["detail"] == "Choose one of the organisations you offer opportunities for."
    assert Opportunity.objects.count() == before


@pytest.mark.parametrize(("identity", "status"), [(VOLUNTEER, 403), (EXPERT, 403)])
def test_only_who_offers_for_a_partner_offers(module_world, identity, status):
    before = Opportunity.objects.count()

    assert ApiClient().post(f"{BASE}/opportunities/", offer()).status_code == 401
    assert api_of(module_world, identity).post(f"{BASE}/opportunities/", offer()).status_code == status
    assert Opportunity.objects.count() == before


def test_a_volunteer_organisations_leader_offers_in_a_partner_city(module_world):
    created = api_of(module_world, LEADER).post(f"{BASE}/opportunities/", offer(organisation="evc"))

    assert created.status_code == 201, created.content
    assert (created.json()["organisation"]["key"], created.json()["city"]["key"]) == ("evc", "cesena")


def test_who_changes_an_opportunity_is_the_pages_rule(module_world):
    published_at = f"{BASE}/opportunities/{module_world.opportunity.pk}/"
    draft_at = f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/"

    by_riga = api_of(module_world, RIGA).put(published_at, offer(title="Riga's"))
    riga_draft = api_of(module_world, RIGA).put(draft_at, offer(title="Riga's"))
    changed = api_of(module_world, CITY_LEADER).put(published_at, offer(original_language="en", title="Walks"))

    assert (by_riga.status_code, riga_draft.status_code) == (403, 404)
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == {"en": "Walks"}
    assert (changed.json()["status"], changed.json()["places"]) == ("published", 6)
    assert Opportunity.objects.get(pk=module_world.draft_opportunity.pk).title == {"en": DRAFT_OPPORTUNITY_TITLE}


def test_minors_or_vulnerable_people_need_the_background_check(module_world):
    cesena = api_of(module_world, CESENA)
    draft_at = f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/"
    published_at = f"{BASE}/opportunities/{module_world.opportunity.pk}/"

    saved = cesena.put(draft_at, offer(vulnerable_people=True))
    unchecked = cesena.post(f"{draft_at}publish/")
    published_unchecked = cesena.put(published_at, offer(vulnerable_people=True))
    checked = cesena.put(draft_at, offer(vulnerable_people=True, background_check_seen=True))
    publish = cesena.post(f"{draft_at}publish/")

    assert saved.status_code == 200, saved.content  # a draft may wait for it
    assert unchecked.status_code == 422
    assert [error["pointer"] for error in unchecked.json()["errors"]] == ["#/background_check_seen"]
    assert [error["pointer"] for error in published_unchecked.json()["errors"]] == ["#/background_check_seen"]
    assert Opportunity.objects.get(pk=module_world.opportunity.pk).vulnerable_people is False
    assert checked.status_code == 200
    assert publish.json()["status"] == "published"


def test_only_a_draft_is_published_and_only_a_published_one_closed(module_world):
    cesena = api_of(module_world, CESENA)
    published_at = f"{BASE}/opportunities/{module_world.opportunity.pk}/"
    draft_at = f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/"

    again = cesena.post(f"{published_at}publish/")
    draft_closed = cesena.post(f"{draft_at}close/")
    by_riga = api_of(module_world, RIGA).post(f"{published_at}close/")
    closed = cesena.post(f"{published_at}close/")

    assert (again.status_code, again.json()["detail"]) == (409, "Only a draft is published.")
    assert (draft_closed.status_code, draft_closed.json()["detail"]) == (409, "Only a published opportunity is closed.")
    assert by_riga.status_code == 403
    assert closed.json()["status"] == "closed"
    assert module_world.opportunity.pk not in ids(ApiClient().get(f"{BASE}/opportunities/"))


# -- shifts -------------------------------------------------------------------------------------
def shifts_at(world, which: str = "draft_opportunity") -> str:
    return f"{BASE}/opportunities/{getattr(world, which).pk}/shifts/"


def weekly_at(world) -> str:
    return f"{shifts_at(world)}weekly/"


def weekly(**changes) -> dict:
    return {"weekday": 1, "starts": "18:00", "ends": "20:00", "first_date": "2020-03-01",
            "last_date": "2020-03-28"} | changes  # fmt: skip


def test_a_weekly_pattern_makes_a_shift_every_week_in_the_citys_time(module_world):
    added = api_of(module_world, CESENA).post(weekly_at(module_world), weekly(places=3))

    assert added.status_code == 201, added.content
    # The Tuesdays of March 2020 before the 28th, 18:00 in Rome: 17:00 UTC (summer time begins on the 29th).
    assert [shift["starts_at"] for shift in added.json()] == [
        "2020-03-03T18:00:00+01:00", "2020-03-10T18:00:00+01:00", "2020-03-17T18:00:00+01:00",
        "2020-03-24T18:00:00+01:00"]  # fmt: skip
    stored = Shift.objects.filter(pk__in=[shift["id"] for shift in added.json()]).order_by("starts_at")
    assert [(s.starts_at.astimezone(UTC).hour, s.ends_at.astimezone(UTC).hour, s.places) for s in stored] == [
        (17, 19, 3)
    ] * 4
    assert added["Location"] == f"http://testserver{BASE}/opportunities/{module_world.draft_opportunity.pk}/"


def test_more_than_200_weekly_shifts_are_refused_naming_the_last_date(module_world):
    Programme.objects.filter(pk=module_world.programme.pk).update(duration_months=84)  # to the end of 2025
    before = Shift.objects.count()

    refused = api_of(module_world, CESENA).post(weekly_at(module_world), weekly(last_date="2025-12-31"))

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == ["#/last_date"]
    assert refused.json()["errors"][0]["detail"].startswith("This pattern makes 305 shifts: at most 200 at once")
    assert Shift.objects.count() == before


def test_one_shift_with_its_times_aware_inside_the_opportunitys_dates(module_world):
    cesena = api_of(module_world, CESENA)
    one = {"starts_at": "2020-03-09T17:00:00Z", "ends_at": "2020-03-09T19:30:00Z"}
    before = Shift.objects.count()

    added = cesena.post(shifts_at(module_world, "opportunity"), one)
    early = cesena.post(shifts_at(module_world), one | {"starts_at": "2020-02-28T17:00:00Z"})
    naive = cesena.post(shifts_at(module_world), one | {"starts_at": "2020-03-09T18:00:00"})
    backwards = cesena.post(shifts_at(module_world), one | {"ends_at": "2020-03-09T16:00:00Z"})
    offset = cesena.post(weekly_at(module_world), weekly(starts="18:00+01:00"))
    by_riga = api_of(module_world, RIGA).post(shifts_at(module_world, "opportunity"), one)
    riga_draft = api_of(module_world, RIGA).post(shifts_at(module_world), one)

    assert added.status_code == 201, added.content
    assert added.json() == [{"id": added.json()[0]["id"], "starts_at": "2020-03-09T18:00:00+01:00",
                             "ends_at": "2020-03-09T20:30:00+01:00", "places": 8, "places_left": 8}]  # fmt: skip
    assert [error["pointer"] for error in early.json()["errors"]] == ["#/starts_at"]
    assert [error["pointer"] for error in naive.json()["errors"]] == ["#/starts_at"]
    assert [error["pointer"] for error in backwards.json()["errors"]] == ["#/ends_at"]
    assert [error["pointer"] for error in offset.json()["errors"]] == ["#/starts"]
    assert (by_riga.status_code, riga_draft.status_code) == (403, 404)
    assert Shift.objects.count() == before + 1


# -- hours given, decided by the organisation ---------------------------------------------------
def logged(world, day: int = 2) -> HoursEntry:
    zone = world.opportunity.time_zone
    return log_hours(world.opportunity, volunteer=world.volunteer, starts_at=datetime(2020, 3, day, 18, tzinfo=zone),
                     ends_at=datetime(2020, 3, day, 20, tzinfo=zone), note="Walked with two families.")  # fmt: skip


def hours_at(world, opportunity=None) -> str:
    return f"{BASE}/opportunities/{(opportunity or world.opportunity).pk}/hours/"


def test_the_hours_given_are_listed_for_who_changes_the_opportunity(module_world):
    entry = logged(module_world)

    listed = api_of(module_world, CESENA).get(hours_at(module_world))

    assert listed.status_code == 200, listed.content
    assert listed.json()["results"] == [{
        "id": entry.pk, "volunteer": "Matrix Volunteer", "shift": None, "starts_at": "2020-03-02T18:00:00+01:00",
        "ends_at": "2020-03-02T20:00:00+01:00", "minutes": 120, "note": "Walked with two families.",
        "status": "logged", "approved_minutes": None, "decision_note": "", "decided_at": None, "decided_by": None,
    }]  # fmt: skip
    assert ApiClient().get(hours_at(module_world)).status_code == 401
    assert api_of(module_world, RIGA).get(hours_at(module_world)).status_code == 403
    assert api_of(module_world, RIGA).get(hours_at(module_world, module_world.draft_opportunity)).status_code == 404


def test_hours_are_approved_corrected_or_rejected_and_a_stale_decision_refused(module_world):
    cesena, entry, other = api_of(module_world, CESENA), logged(module_world), logged(module_world, day=3)
    address = f"{hours_at(module_world)}{entry.pk}/decision/"

    approved = cesena.post(address, {"decision": "approve", "seen_status": "logged"})
    stale = cesena.post(address, {"decision": "reject", "seen_status": "logged"})
    more = cesena.post(f"{hours_at(module_world)}{other.pk}/decision/",
                       {"decision": "correct", "seen_status": "logged", "approved_minutes": 150})  # fmt: skip
    corrected = cesena.post(f"{hours_at(module_world)}{other.pk}/decision/",
                            {"decision": "correct", "seen_status": "logged", "approved_minutes": 90})  # fmt: skip

    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["approved_minutes"]) == ("approved", 120)
    assert approved.json()["decided_by"]
    assert stale.status_code == 412
    assert stale.json()["detail"] == "Someone else decided these hours meanwhile: see their decision."
    assert stale.json()["current"]["status"] == "approved"
    assert [error["pointer"] for error in more.json()["errors"]] == ["#/decision_note"]
    assert (corrected.json()["status"], corrected.json()["approved_minutes"]) == ("approved", 90)
    assert HoursEntry.objects.get(pk=entry.pk).status == "approved"


def test_hours_are_decided_only_under_their_opportunity_and_by_who_changes_it(module_world):
    entry = logged(module_world)
    body = {"decision": "reject", "seen_status": "logged"}

    by_riga = api_of(module_world, RIGA).post(f"{hours_at(module_world)}{entry.pk}/decision/", body)
    nobody = ApiClient().post(f"{hours_at(module_world)}{entry.pk}/decision/", body)
    misplaced = api_of(module_world, CESENA).post(
        f"{hours_at(module_world, module_world.draft_opportunity)}{entry.pk}/decision/", body
    )

    assert (by_riga.status_code, nobody.status_code, misplaced.status_code) == (403, 401, 404)
    assert HoursEntry.objects.get(pk=entry.pk).status == "logged"
