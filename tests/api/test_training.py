"""Training through the API, on the permission matrix's world and its training session (Cesena's, for everyone, on
2 March 2020, 18:00–20:00 in Rome, 10 places, the world's volunteer in one): listed and read as on the pages, in
the language asked for, with who has a place only for who changes it; planned and changed with every refusal
naming its field and nothing saved; translated against the version read; places taken and given back by the
caller; attendance recorded once the session has started."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.matrix_training import SEAT_HOLDER, TRAINING_TITLE, training_session
from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, RIGA, VOLUNTEER
from tests.volunteering.test_training import run_until_2099
from values.network.models import Organisation
from values.programme.models import Programme
from values.volunteering.models import TrainingSeat, TrainingSession, Volunteer
from values.volunteering.training import save_training_session, take_seat

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_training")]

BASE = "/api/v1/programmes/820885/training/"
ROME = ZoneInfo("Europe/Rome")


def api_of(world, identity: str) -> ApiClient:
    return token_client(world.people[identity])


def plan_body(**changes) -> dict:
    body = {"organisation": "cesena", "original_language": "en", "title": "Welcoming newcomers",
            "syllabus": "1. **Listening**", "audience": "everyone", "theme": "B", "place": "Biblioteca Malatestiana",
            "starts_at": "2020-03-09T17:00:00Z", "ends_at": "2020-03-09T19:00:00Z", "places": 12}  # fmt: skip
    return body | changes


def coming(world, *, places: int = 10, audience: str = "everyone", title: str = "Coming soon") -> TrainingSession:
    """A session of Cesena's in 2098 (the programme made to run until 2099, rolled back with the test)."""
    programme = run_until_2099(Programme.objects.get(pk=world.programme.pk))
    return save_training_session(
        programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
        title=title, audience=audience, starts_at=datetime(2098, 3, 2, 18, tzinfo=ROME),
        ends_at=datetime(2098, 3, 2, 20, tzinfo=ROME), places=places,
    )  # fmt: skip


# -- reading ------------------------------------------------------------------------------------
def test_the_list_gives_past_and_coming_sessions_in_their_city_s_time(module_world):
    session, soon = training_session(module_world), coming(module_world)

    past = ApiClient().get(f"{BASE}?when=past")
    ahead = ApiClient().get(BASE)

    assert past.status_code == 200, past.content
    assert past.json()["results"] == [{
        "id": session.pk, "organisation": {"key": "cesena", "name": "City of Cesena"}, "original_language": "en",
        "language": "en", "translated": True, "title": TRAINING_TITLE, "audience": "everyone", "theme": None,
        "place": "", "starts_at": "2020-03-02T18:00:00+01:00", "ends_at": "2020-03-02T20:00:00+01:00",
        "time_zone": "Europe/Rome", "places": 10, "places_left": 9,
    }]  # fmt: skip
    assert [item["id"] for item in ahead.json()["results"]] == [soon.pk]
    assert ApiClient().get(f"{BASE}?when=later").json()["errors"][0]["parameter"] == "when"


def test_the_list_costs_the_same_queries_for_one_session_or_three(module_world):
    coming(module_world)
    with CaptureQueriesContext(connection) as one:
        ApiClient().get(BASE)
    coming(module_world, title="Second")
    coming(module_world, title="Third")
    with CaptureQueriesContext(connection) as three:
        assert len(ApiClient().get(BASE).json()["results"]) == 3

    assert len(three) == len(one)


def test_a_session_in_the_language_asked_with_its_seats_only_for_who_changes_it(module_world):
    session = training_session(module_world)
    session.title["it"], session.syllabus = "Formazione della matrice", {"en": "Listen **first**."}
    session.save(update_fields=["title", "syllabus"])
    address = f"{BASE}{session.pk}/"

    italian = ApiClient(headers={"Accept-Language": "it"}).get(address).json()
    public = ApiClient().get(address)
    staff = api_of(module_world, CESENA).get(address).json()

    assert (italian["language"], italian["translated"], italian["title"]) == ("it", True, "Formazione della matrice")
    assert italian["syllabus"] == "Listen **first**."  # no Italian syllabus: the original's
    body = public.json()
    assert (body["seats"], body["can_edit"], body["started"], body["practices"]) == (None, False, True, [])
    assert body["your_place"] == {"holder": None, "taken": False}
    assert SEAT_HOLDER not in public.content.decode()
    assert staff["can_edit"] is True
    assert [(seat["kind"], seat["name"], seat["attended"]) for seat in staff["seats"]] == [
        ("volunteer", SEAT_HOLDER, None)
    ]
    assert api_of(module_world, RIGA).get(address).json()["seats"] is None


def test_a_session_of_nothing_is_a_404(module_world):
    assert ApiClient().get(f"{BASE}999999/").status_code == 404


def test_the_api_and_the_page_agree_on_places_and_one_s_own_place(module_world):
    session = coming(module_world, places=3)
    take_seat(session, volunteer=module_world.volunteer)
    riga = api_of(module_world, RIGA)
    riga.post(f"{BASE}{session.pk}/seat/")
    page_client = Client()
    page_client.force_login(module_world.people[RIGA])

    page = page_client.get(f"/en/p/820885/training/{session.pk}/")
    read = riga.get(f"{BASE}{session.pk}/").json()

    assert page.status_code == 200
    assert (read["places_left"], read["your_place"]["taken"]) == (page.context["places_left"], page.context["has_seat"])
    assert read["places_left"] == 1


# -- planning and changing ----------------------------------------------------------------------
def test_city_staff_plan_a_session_with_a_published_practice_shown_in_their_city_s_time(module_world):
    practice = module_world.practice

    made = api_of(module_world, CESENA).post(BASE, plan_body(practices=[practice.pk]))

    assert made.status_code == 201, made.content
    body = made.json()
    assert made["Location"] == f"http://testserver{BASE}{body['id']}/"
    assert (body["starts_at"], body["ends_at"], body["time_zone"]) == (
        "2020-03-09T18:00:00+01:00", "2020-03-09T20:00:00+01:00", "Europe/Rome")  # fmt: skip
    assert (body["title"], body["theme"], body["places"], body["places_left"]) == ("Welcoming newcomers", "B", 12, 12)
    assert body["practices"] == [{"id": practice.pk, "title": "Matrix practice: buddies for newcomers"}]
    saved = TrainingSession.objects.get(pk=body["id"])
    assert (saved.created_by, saved.organisation.key) == (module_world.people[CESENA], "cesena")


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"title": "  "}, "#/title"),
        ({"title": "x" * 201}, "#/title"),
        ({"places": 0}, "#/places"),
        ({"places": 501}, "#/places"),
        ({"starts_at": "2020-03-09T17:00:00"}, "#/starts_at"),  # no offset
        ({"ends_at": "2020-03-09T16:00:00Z"}, "#/ends_at"),  # before it starts
        ({"starts_at": "2030-03-09T17:00:00Z", "ends_at": "2030-03-09T19:00:00Z"}, "#/starts_at"),  # after the end
        ({"organisation": "riga"}, "#/organisation"),  # not one Cesena's staff plan for
        ({"theme": "Z"}, "#/theme"),
        ({"audience": "children"}, "#/audience"),
        ({"original_language": "xx"}, "#/original_language"),
        ({"practices": [999999]}, "#/practices"),
    ],
)
def test_bad_input_is_refused_naming_its_field_and_nothing_is_saved(module_world, changes, pointer):
    before = TrainingSession.objects.count()

    refused = api_of(module_world, CESENA).post(BASE, plan_body(**changes))

    assert refused.status_code == 422, refused.content
    assert refused["Content-Type"] == "application/problem+json"
    assert pointer in [error.get("pointer") for error in refused.json()["errors"]]
    assert TrainingSession.objects.count() == before


def test_a_proposal_is_refused_without_its_title(module_world):
    refused = api_of(module_world, CESENA).post(BASE, plan_body(practices=[module_world.proposal.pk]))

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{
        "pointer": "#/practices",
        "detail": f"Good practices: {module_world.proposal.pk} is not a published practice of this programme.",
    }]  # fmt: skip


def test_only_organisers_plan_and_only_the_session_s_change_it(module_world):
    session = training_session(module_world)

    assert api_of(module_world, CITY_LEADER).post(BASE, plan_body()).status_code == 403
    assert api_of(module_world, RIGA).put(f"{BASE}{session.pk}/", plan_body(organisation="riga")).status_code == 403
    changed = api_of(module_world, COORDINATOR).put(f"{BASE}{session.pk}/", plan_body(title="Renamed"))
    assert changed.status_code == 200, changed.content
    assert TrainingSession.objects.get(pk=session.pk).title == {"en": "Renamed"}


def test_places_are_not_cut_below_those_taken(module_world):
    session = training_session(module_world)
    address = f"{BASE}{session.pk}/"
    before = TrainingSession.objects.get(pk=session.pk).places

    refused = api_of(module_world, CESENA).put(address, plan_body(places=0))
    too_few = api_of(module_world, CESENA).put(
        address, plan_body(places=1, starts_at="2020-03-02T17:00:00Z", ends_at="2020-03-02T19:00:00Z")
    )

    assert refused.status_code == 422
    assert too_few.status_code == 200  # one place, one volunteer in it: enough
    TrainingSeat.objects.create(session=session, user=module_world.people[RIGA])
    cut = api_of(module_world, CESENA).put(address, plan_body(places=1))
    assert cut.json()["errors"][0] == {"pointer": "#/places",
                                       "detail": "Places: 2 are already taken; give at least that many."}  # fmt: skip
    assert TrainingSession.objects.get(pk=session.pk).places == 1 != before


# -- translations -------------------------------------------------------------------------------
def test_a_translation_is_saved_against_the_version_read_and_a_stale_one_is_refused(module_world):
    session = training_session(module_world)
    address = f"{BASE}{session.pk}/translations/it/"
    cesena = api_of(module_world, CESENA)
    read = ApiClient().get(address)

    saved = cesena.put(address, {"title": "Accogliere"}, headers={"If-Match": read["ETag"]})
    stale = cesena.put(address, {"title": "Benvenuti"}, headers={"If-Match": read["ETag"]})
    without = cesena.put(address, {"title": "Benvenuti"})

    assert read.json() == {"language": "it", "texts": {"title": "", "syllabus": ""}}
    assert saved.status_code == 200, saved.content
    assert saved.json()["texts"]["title"] == "Accogliere"
    assert saved["ETag"] != read["ETag"]
    assert (stale.status_code, stale["ETag"]) == (412, saved["ETag"])
    assert stale.json()["current"] == {"language": "it", "texts": {"title": "Accogliere", "syllabus": ""}}
    assert without.status_code == 428
    assert TrainingSession.objects.get(pk=session.pk).title == {"en": TRAINING_TITLE, "it": "Accogliere"}


def test_a_translation_needs_a_title_and_a_language_of_the_programme_not_the_original(module_world):
    session = training_session(module_world)
    cesena = api_of(module_world, CESENA)
    version = ApiClient().get(f"{BASE}{session.pk}/translations/it/")["ETag"]

    empty = cesena.put(f"{BASE}{session.pk}/translations/it/", {"title": " "}, headers={"If-Match": version})

    assert [error["pointer"] for error in empty.json()["errors"]] == ["#/title"]
    for language in ("de", "en", "xx1"):
        assert ApiClient().get(f"{BASE}{session.pk}/translations/{language}/").status_code == 404
        put = cesena.put(f"{BASE}{session.pk}/translations/{language}/", {"title": "T"}, headers={"If-Match": '"x"'})
        assert put.status_code == 404
    assert TrainingSession.objects.get(pk=session.pk).title == {"en": TRAINING_TITLE}


# -- places -------------------------------------------------------------------------------------
def test_staff_take_a_place_once_and_give_it_back(module_world):
    session = coming(module_world)
    riga = api_of(module_world, RIGA)
    address = f"{BASE}{session.pk}/seat/"

    taken = riga.post(address)
    again = riga.post(address)
    mine = riga.get(f"{BASE}{session.pk}/").json()["your_place"]
    given_back = riga.client.delete(address, headers=riga.headers)
    twice = riga.client.delete(address, headers=riga.headers)

    assert taken.status_code == 201, taken.content
    assert (taken.json()["kind"], taken.json()["attended"]) == ("account", None)
    assert (again.status_code, again.json()["detail"]) == (409, "You already have a place in this session.")
    assert mine == {"holder": "account", "taken": True}
    assert given_back.status_code == 204
    assert (twice.status_code, twice.json()["detail"]) == (409, "You have no place in this session.")
    assert not TrainingSeat.objects.filter(session=session).exists()


def test_the_volunteer_tied_to_the_account_takes_a_place_in_a_session_for_volunteers(module_world):
    session = coming(module_world, audience="volunteers")
    person = api_of(module_world, VOLUNTEER)
    refused = person.post(f"{BASE}{session.pk}/seat/")  # a role of volunteer, no volunteer tied to the account
    Volunteer.objects.filter(pk=module_world.volunteer.pk).update(user=module_world.people[VOLUNTEER])

    taken = person.post(f"{BASE}{session.pk}/seat/")
    staff = api_of(module_world, RIGA).post(f"{BASE}{session.pk}/seat/")

    assert (refused.status_code, refused.json()["detail"]) == (403, "This session is not open to you.")
    assert taken.status_code == 201, taken.content
    assert (taken.json()["kind"], taken.json()["name"]) == ("volunteer", SEAT_HOLDER)
    assert staff.status_code == 403  # for volunteers only
    assert list(session.seats.values_list("volunteer", flat=True)) == [module_world.volunteer.pk]


def test_no_place_is_taken_when_every_one_is_or_once_started(module_world):
    full = coming(module_world, places=1)
    take_seat(full, volunteer=module_world.volunteer)
    started = training_session(module_world)

    refused = api_of(module_world, RIGA).post(f"{BASE}{full.pk}/seat/")
    late = api_of(module_world, RIGA).post(f"{BASE}{started.pk}/seat/")

    assert (refused.status_code, refused.json()["detail"]) == (409, "Every place is taken.")
    assert late.json()["detail"] == "The session has started: places are no longer taken."
    assert TrainingSeat.objects.filter(user=module_world.people[RIGA]).count() == 0


def test_the_seats_are_listed_for_who_changes_the_session(module_world):
    session = training_session(module_world)

    seats = api_of(module_world, CESENA).get(f"{BASE}{session.pk}/seats/")

    assert [seat["name"] for seat in seats.json()["results"]] == [SEAT_HOLDER]
    assert api_of(module_world, RIGA).get(f"{BASE}{session.pk}/seats/").status_code == 403
    assert ApiClient().get(f"{BASE}{session.pk}/seats/").status_code == 401


# -- attendance ---------------------------------------------------------------------------------
def test_attendance_is_recorded_once_started_and_only_for_the_session_s_seats(module_world):
    session, later = training_session(module_world), coming(module_world)
    seat = session.seats.get()
    other = take_seat(later, volunteer=module_world.volunteer, now=datetime(2098, 3, 1, tzinfo=UTC))
    cesena = api_of(module_world, CESENA)

    recorded = cesena.put(f"{BASE}{session.pk}/attendance/", {"seats": [{"id": seat.pk, "attended": True}]})
    foreign = cesena.put(f"{BASE}{session.pk}/attendance/", {"seats": [{"id": other.pk, "attended": False}]})
    early = cesena.put(f"{BASE}{later.pk}/attendance/", {"seats": [{"id": other.pk, "attended": True}]})
    loose = cesena.put(f"{BASE}{session.pk}/attendance/", {"seats": [{"id": seat.pk, "attended": "yes"}]})

    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["changed"] == 1
    assert [(s["id"], s["attended"]) for s in recorded.json()["seats"]] == [(seat.pk, True)]
    assert (foreign.status_code, foreign.json()["errors"][0]["pointer"]) == (422, "#/seats")
    assert (early.status_code, early.json()["detail"]) == (409, "Attendance is recorded once the session has started.")
    assert loose.json()["errors"][0]["pointer"] == "#/seats/0/attended"
    assert dict(TrainingSeat.objects.values_list("pk", "attended")) == {seat.pk: True, other.pk: None}
