"""Visits and exchanges through the API: listed and filtered as the calendar shows them, read, their agenda changed
without lost updates (ETag / If-Match), participants listed and nominated, by the same rules as the pages.

The known answers come from the accepted plan of VALUES (seed 1): communities A1, B1, C1 and D1 of four cities
each (B1: Cesena, Düsseldorf, Riga, Toulouse), one visit per city (16) and two exchanges per pair (16); Cesena
hosts its visit on 23–24 September 2019 and receives Toulouse on 13–17 May 2019. VALUES leaves its first two months
to preparation (`planning.preparation_months: 2`): nothing takes place before Monday 1 April 2019.
"""

from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_member
from values.activities.models import Activity, Exchange, Participant, Session, Visit
from values.activities.services import agenda_version, nominate_participant, save_session
from values.knowledge.services import publish_practice, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.programme.services import grant_role

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885/activities/"
ROME = "+02:00"  # Cesena in September 2019 (summer time)


@pytest.fixture
def cesena_api(cesena_staff):
    return token_client(cesena_staff)


@pytest.fixture
def cesena_exchange(accepted_plan) -> Exchange:
    """Cesena receives Toulouse; Riga, of the same community, takes no part."""
    return Exchange.objects.get(host__key="cesena")


def on_visit_day(hour: int, minute: int = 0, day: int = 23) -> str:
    """A moment of Cesena's visit (23–24 September 2019) in Cesena's time, as a client writes it."""
    return f"2019-09-{day:02d}T{hour:02d}:{minute:02d}:00{ROME}"


def session(title: str, starts: str, ends: str, **more) -> dict:
    return {"kind": "workshop", "title": title, "starts_at": starts, "ends_at": ends} | more


def add_session(visit: Visit, title: str, hour: int) -> Session:
    """A session of an hour added through the service (as the web form does), in Cesena's time."""
    zone = visit.time_zone
    starts = datetime.combine(visit.start, time(hour), tzinfo=zone)
    return save_session(visit, kind="workshop", title=title, starts_at=starts, ends_at=starts.replace(hour=hour + 1))


def agenda_of(visit: Visit) -> list[tuple[str, datetime, datetime]]:
    return list(Session.objects.filter(activity=visit).values_list("title", "starts_at", "ends_at"))


# -- the list ------------------------------------------------------------------------------------------------------
def test_the_coordinator_lists_every_visit_and_exchange_in_date_order(coordinator, accepted_plan):
    page = token_client(coordinator).get(BASE).json()

    assert page["count"] == 32  # 16 visits + 16 exchanges
    assert len(page["results"]) == 25
    assert page["next"].endswith("?offset=25&limit=25")
    first = page["results"][0]
    assert first["title"] == "Mentoring visit to Oostende"  # the city's own name
    assert (first["kind"], first["host"]["key"], first["guest"], first["community"], first["theme"]) == (
        "visit", "ostend", None, "A1", "A")  # fmt: skip
    assert (first["start"], first["end"], first["mode"], first["capacity"]) == ("2019-04-01", "2019-04-02",
                                                                                "in_person", 4)  # fmt: skip
    assert (first["nomination_deadline"], first["nominations_open"]) == (None, True)


def test_an_exchange_names_its_guest(cesena_api, cesena_exchange):
    listed = cesena_api.get(f"{BASE}?kind=exchange&city=toulouse").json()["results"]

    assert [(a["host"]["key"], a["guest"]["key"], a["title"]) for a in listed] == [
        ("cesena", "toulouse", "Exchange: Toulouse at Cesena"),
        ("toulouse", "cesena", "Exchange: Cesena at Toulouse"),
    ]


def test_each_person_lists_the_activities_of_their_cities(cesena_staff, riga_staff, volunteer, accepted_plan):
    madrid = make_member("madrid", "madrid", Role.CITY_STAFF)

    # B1's four visits and the two exchanges of each city's pair
    assert token_client(cesena_staff).get(BASE).json()["count"] == 6
    assert token_client(riga_staff).get(BASE).json()["count"] == 6
    assert token_client(volunteer).get(BASE).json()["count"] == 6
    assert token_client(madrid).get(BASE).json()["count"] == 6  # A1's
    assert ApiClient().get(BASE).json()["count"] == 0  # nobody's: the calendar is behind the sign-in


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("kind=visit", 16),
        ("kind=exchange", 16),
        ("theme=B", 8),  # community B1: 4 visits, 4 exchanges
        ("city=cesena", 6),  # B1's 4 visits, and Cesena ↔ Toulouse both ways
        ("city=cesena&kind=visit", 4),
        ("city=riga&kind=exchange", 2),
        ("from=2019-09-01&to=2019-09-30", 3),  # the visits to Nuremberg, Cesena and Bristol (30 September–1 October)
        ("from=2019-05-15&to=2019-05-21", 2),  # Toulouse at Cesena (ends on the 17th), Riga at Düsseldorf (20th)
        ("from=2021-01-01", 0),
        ("to=2019-04-07", 1),  # the programme's first activity, the visit to Ostend (Riga's is on the 8th)
        ("to=2019-03-31", 0),  # the two months of preparation
        ("city=nowhere", 0),
        ("theme=Z", 0),
    ],
)
def test_filters_narrow_the_list(coordinator, accepted_plan, query, count):
    assert token_client(coordinator).get(f"{BASE}?{query}").json()["count"] == count


def test_a_bad_filter_names_the_parameter(coordinator, accepted_plan):
    refused = token_client(coordinator).get(f"{BASE}?kind=party&from=yesterday")

    assert refused.status_code == 422
    assert {error["parameter"] for error in refused.json()["errors"]} == {"kind", "from"}


@pytest.mark.parametrize("who", ["coordinator", "cesena_staff"])
def test_the_list_costs_the_same_queries_for_2_rows_or_25(request, accepted_plan, who):
    api = token_client(request.getfixturevalue(who))
    api.get(BASE)  # the token's first use is noted once: not a cost of the list

    with CaptureQueriesContext(connection) as two:
        assert len(api.get(f"{BASE}?limit=2").json()["results"]) == 2
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(f"{BASE}?limit=25").json()["results"]) == (25 if who == "coordinator" else 6)

    assert len(two.captured_queries) == len(many.captured_queries)


# -- one activity --------------------------------------------------------------------------------------------------
def test_an_activity_is_read_with_its_cities_and_agenda_summary(cesena_api, cesena_visit):
    add_session(cesena_visit, "Welcome", 9)
    add_session(cesena_visit, "Site visit", 14)

    read = cesena_api.get(f"{BASE}{cesena_visit.pk}/")

    assert read.status_code == 200
    body = read.json()
    assert (body["title"], body["community"], body["time_zone"]) == ("Mentoring visit to Cesena", "B1", "Europe/Rome")
    assert [city["key"] for city in body["cities"]] == ["cesena", "dusseldorf", "riga", "toulouse"]
    assert body["agenda"] == {
        "sessions": 2, "first_starts_at": on_visit_day(9), "last_ends_at": on_visit_day(15),
        "version": agenda_version(cesena_visit),
    }  # fmt: skip


def test_an_activity_is_hidden_from_who_does_not_take_part(cesena_visit, cesena_exchange, riga_staff):
    madrid = token_client(make_member("madrid", "madrid", Role.CITY_STAFF))
    riga = token_client(riga_staff)

    for path in ("", "agenda/", "participants/"):
        assert madrid.get(f"{BASE}{cesena_visit.pk}/{path}").status_code == 404
        assert ApiClient().get(f"{BASE}{cesena_visit.pk}/{path}").status_code == 404
        assert riga.get(f"{BASE}{cesena_exchange.pk}/{path}").status_code == 404  # Riga is not of the pair
        assert riga.get(f"{BASE}{cesena_visit.pk}/{path}").status_code == 200  # but of the visiting community


def test_another_programmes_activity_is_not_found(coordinator, cesena_visit, welcome):
    assert token_client(coordinator).get(f"/api/v1/programmes/101010/activities/{cesena_visit.pk}/").status_code == 404


# -- the agenda ----------------------------------------------------------------------------------------------------
def test_the_agenda_is_read_in_the_host_citys_time_with_its_etag(volunteer, cesena_visit):
    welcome = add_session(cesena_visit, "Welcome", 9)

    read = token_client(volunteer).get(f"{BASE}{cesena_visit.pk}/agenda/")

    assert read.status_code == 200
    assert read["ETag"] == f'"{agenda_version(cesena_visit)}"'
    assert read.json() == {
        "activity": cesena_visit.pk, "time_zone": "Europe/Rome", "version": agenda_version(cesena_visit),
        "sessions": [{"id": welcome.pk, "kind": "workshop", "title": "Welcome", "starts_at": on_visit_day(9),
                      "ends_at": on_visit_day(10), "place": "", "speakers": "", "practice": None}],
    }  # fmt: skip


def test_two_changes_each_made_from_the_last_etag_are_both_saved(cesena_api, cesena_visit):
    address = f"{BASE}{cesena_visit.pk}/agenda/"
    first_tag = cesena_api.get(address)["ETag"]

    added = cesena_api.post(address, session("Welcome", on_visit_day(9), on_visit_day(10)),
                            headers={"If-Match": first_tag})  # fmt: skip
    welcome_id = added.json()["sessions"][0]["id"]
    moved = cesena_api.put(f"{address}{welcome_id}/", session("Welcome", on_visit_day(9, 30), on_visit_day(10, 30),
                                                              place="Town hall"),
                           headers={"If-Match": added["ETag"]})  # fmt: skip

    assert added.status_code == 201, added.content
    assert added["Location"].endswith(f"{address}{welcome_id}/")
    assert added["ETag"] != first_tag
    assert moved.status_code == 200, moved.content
    assert moved["ETag"] not in (first_tag, added["ETag"])
    assert moved["ETag"] == f'"{agenda_version(cesena_visit)}"'
    assert moved.json()["sessions"][0]["place"] == "Town hall"
    assert agenda_of(cesena_visit) == [("Welcome", datetime(2019, 9, 23, 7, 30, tzinfo=UTC),
                                        datetime(2019, 9, 23, 8, 30, tzinfo=UTC))]  # fmt: skip


def test_a_change_made_from_a_stale_etag_is_refused_with_the_current_agenda(cesena_api, coordinator, cesena_visit):
    address = f"{BASE}{cesena_visit.pk}/agenda/"
    stale_tag = cesena_api.get(address)["ETag"]
    token_client(coordinator).post(address, session("Welcome", on_visit_day(9), on_visit_day(10)),
                                   headers={"If-Match": stale_tag})  # fmt: skip
    before = agenda_of(cesena_visit)

    late = cesena_api.post(address, session("Lunch", on_visit_day(12), on_visit_day(13)),
                           headers={"If-Match": stale_tag})  # fmt: skip

    assert late.status_code == 412
    assert late["Content-Type"] == "application/problem+json"
    assert late["ETag"] == f'"{agenda_version(cesena_visit)}"'
    current = late.json()["current"]
    assert (current["version"], [s["title"] for s in current["sessions"]]) == (agenda_version(cesena_visit),
                                                                               ["Welcome"])  # fmt: skip
    assert agenda_of(cesena_visit) == before


def test_a_stale_etag_refuses_a_change_and_a_removal_of_a_session_too(cesena_api, cesena_visit):
    address = f"{BASE}{cesena_visit.pk}/agenda/"
    stale_tag = cesena_api.get(address)["ETag"]
    welcome = add_session(cesena_visit, "Welcome", 9)  # on the web, meanwhile
    before = agenda_of(cesena_visit)

    changed = cesena_api.put(f"{address}{welcome.pk}/", session("Hello", on_visit_day(9), on_visit_day(10)),
                             headers={"If-Match": stale_tag})  # fmt: skip
    removed = cesena_api.client.delete(f"{address}{welcome.pk}/", headers=cesena_api.headers | {"If-Match": stale_tag})

    assert (changed.status_code, removed.status_code) == (412, 412)
    assert agenda_of(cesena_visit) == before


def test_a_change_without_if_match_is_refused_and_changes_nothing(cesena_api, cesena_visit):
    welcome = add_session(cesena_visit, "Welcome", 9)
    before = agenda_of(cesena_visit)
    address = f"{BASE}{cesena_visit.pk}/agenda/"

    added = cesena_api.post(address, session("Lunch", on_visit_day(12), on_visit_day(13)))
    changed = cesena_api.put(f"{address}{welcome.pk}/", session("Hello", on_visit_day(9), on_visit_day(10)))
    removed = cesena_api.client.delete(f"{address}{welcome.pk}/", headers=cesena_api.headers)

    assert (added.status_code, changed.status_code, removed.status_code) == (428, 428, 428)
    assert added.json()["type"].endswith("precondition-required")
    assert agenda_of(cesena_visit) == before


def test_a_session_is_removed_with_the_etag(cesena_api, cesena_visit):
    welcome = add_session(cesena_visit, "Welcome", 9)
    add_session(cesena_visit, "Lunch", 12)
    tag = f'"{agenda_version(cesena_visit)}"'

    removed = cesena_api.client.delete(f"{BASE}{cesena_visit.pk}/agenda/{welcome.pk}/",
                                       headers=cesena_api.headers | {"If-Match": tag})  # fmt: skip

    assert removed.status_code == 200
    assert [s["title"] for s in removed.json()["sessions"]] == ["Lunch"]
    assert removed["ETag"] == f'"{agenda_version(cesena_visit)}"' != tag
    assert [title for title, *_ in agenda_of(cesena_visit)] == ["Lunch"]


@pytest.mark.parametrize(
    ("starts", "ends", "field", "detail"),
    [
        (on_visit_day(9, 30), on_visit_day(10, 30), "starts_at", "It overlaps the session “Welcome”."),
        (on_visit_day(10), on_visit_day(11, day=22), "ends_at", "A session ends after it starts."),
        (on_visit_day(9, day=25), on_visit_day(10, day=25), "starts_at",
         "The session must take place between 2019-09-23 and 2019-09-24."),
        # The day before in Cesena's time, though the same day in UTC: refused.
        ("2019-09-22T23:30:00+02:00", "2019-09-23T00:30:00+02:00", "starts_at",
         "The session must take place between 2019-09-23 and 2019-09-24."),
        # The edge of the calendar in another offset is refused, not a server error.
        ("0001-01-01T00:00:00+14:00", "0001-01-01T01:00:00+14:00", "starts_at",
         "The session must take place between 2019-09-23 and 2019-09-24."),
    ],
)  # fmt: skip
def test_a_session_the_service_refuses_is_refused_naming_the_field(cesena_api, cesena_visit, starts, ends, field,
                                                                   detail):  # fmt: skip
    add_session(cesena_visit, "Welcome", 9)
    before = agenda_of(cesena_visit)

    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/agenda/", session("Lunch", starts, ends),
                              headers={"If-Match": f'"{agenda_version(cesena_visit)}"'})  # fmt: skip

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": f"#/{field}", "detail": detail}]
    assert agenda_of(cesena_visit) == before


@pytest.mark.parametrize(
    ("changes", "pointers"),
    [
        ({"starts_at": "2019-09-23T10:00:00"}, {"#/starts_at"}),  # no offset: which 10 o'clock?
        ({"title": ""}, {"#/title"}),
        ({"title": "x" * 201, "kind": "party"}, {"#/title", "#/kind"}),
        ({"practice": 2**40}, {"#/practice"}),
    ],
)
def test_a_malformed_session_is_refused_naming_the_field(cesena_api, cesena_visit, changes, pointers):
    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/agenda/",
                              session("Lunch", on_visit_day(12), on_visit_day(13)) | changes,
                              headers={"If-Match": f'"{agenda_version(cesena_visit)}"'})  # fmt: skip

    assert refused.status_code == 422
    assert {error["pointer"] for error in refused.json()["errors"]} == pointers
    assert agenda_of(cesena_visit) == []


def test_a_blank_title_is_refused_by_the_service(cesena_api, cesena_visit):
    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/agenda/", session("  ", on_visit_day(12), on_visit_day(13)),
                              headers={"If-Match": f'"{agenda_version(cesena_visit)}"'})  # fmt: skip

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": "#/title", "detail": "A session needs a title."}]


def test_a_session_shows_only_a_published_practice(cesena_api, cesena_staff, cesena_visit):
    def practice(title: str):
        return save_practice(cesena_visit.programme, organisation=Organisation.objects.get(key="cesena"),
                             by=cesena_staff, original_language="en", texts={"title": title, "summary": title},
                             themes=[Theme.objects.get(key="B")])  # fmt: skip

    published, proposal = publish_practice(practice("Buddies")), practice("A desk at the station")
    address, tag = f"{BASE}{cesena_visit.pk}/agenda/", f'"{agenda_version(cesena_visit)}"'

    refused = cesena_api.post(address, session("Lunch", on_visit_day(12), on_visit_day(13), practice=proposal.pk),
                              headers={"If-Match": tag})  # fmt: skip
    shown = cesena_api.post(address, session("Lunch", on_visit_day(12), on_visit_day(13), practice=published.pk),
                            headers={"If-Match": tag})  # fmt: skip

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == ["#/practice"]
    assert shown.status_code == 201
    assert shown.json()["sessions"][0]["practice"] == {"id": published.pk, "title": {"en": "Buddies"}}


def test_only_the_host_citys_staff_and_the_coordinator_change_the_agenda(riga_staff, volunteer, cesena_staff,
                                                                        coordinator, cesena_visit):  # fmt: skip
    address = f"{BASE}{cesena_visit.pk}/agenda/"

    def add(api, hour: int):
        tag = f'"{agenda_version(cesena_visit)}"'
        return api.post(address, session("Talk", on_visit_day(hour), on_visit_day(hour + 1)), headers={"If-Match": tag})

    assert add(token_client(riga_staff), 9).status_code == 403  # sees the visit, does not host it
    assert add(token_client(volunteer), 9).status_code == 403  # of Cesena, not its staff
    assert add(token_client(cesena_staff, scope="read"), 9).status_code == 403  # a token that may only read
    assert add(ApiClient(), 9).status_code == 401
    assert agenda_of(cesena_visit) == []
    assert add(token_client(cesena_staff), 9).status_code == 201
    assert add(token_client(coordinator), 11).status_code == 201


def test_a_session_of_another_activity_is_not_found(cesena_api, cesena_visit, cesena_exchange):
    other = save_session(cesena_exchange, kind="workshop", title="Elsewhere",
                         starts_at=datetime(2019, 5, 13, 10, tzinfo=cesena_exchange.time_zone),
                         ends_at=datetime(2019, 5, 13, 11, tzinfo=cesena_exchange.time_zone))  # fmt: skip

    moved = cesena_api.put(f"{BASE}{cesena_visit.pk}/agenda/{other.pk}/",
                           session("Here", on_visit_day(9), on_visit_day(10)),
                           headers={"If-Match": f'"{agenda_version(cesena_visit)}"'})  # fmt: skip

    assert moved.status_code == 404
    assert Session.objects.get(pk=other.pk).title == "Elsewhere"


# -- participants --------------------------------------------------------------------------------------------------
def test_participants_are_listed_by_name_never_by_login(riga_staff, cesena_staff, volunteer, cesena_visit):
    volunteer.first_name, volunteer.last_name = "Giulia", "Rossi"
    volunteer.save()
    nominated = nominate_participant(cesena_visit, user=volunteer, organisation=Organisation.objects.get(key="cesena"),
                                     by=cesena_staff, today=date(2019, 9, 1))  # fmt: skip

    listed = token_client(riga_staff).get(f"{BASE}{cesena_visit.pk}/participants/")

    assert listed.status_code == 200
    assert listed.json()["results"] == [{
        "id": nominated.pk, "user": volunteer.pk, "name": "Giulia Rossi",
        "organisation": {"key": "cesena", "name": "City of Cesena"}, "role": "volunteer", "status": "nominated",
        "attended": None,
    }]  # fmt: skip
    assert b"volunteer@example.org" not in listed.content  # no contact address: the page shows none either


def test_a_city_nominates_one_of_its_people(cesena_api, cesena_staff, volunteer, cesena_visit):
    candidates = cesena_api.get(f"{BASE}{cesena_visit.pk}/participants/candidates/").json()["results"]

    made = cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": volunteer.pk})

    assert [(c["user"], c["organisation"]["key"], c["role"]) for c in candidates] == [
        (cesena_staff.pk, "cesena", "city_staff"), (volunteer.pk, "cesena", "volunteer")]  # fmt: skip
    assert made.status_code == 201, made.content
    assert (made.json()["user"], made.json()["status"], made.json()["role"]) == (volunteer.pk, "nominated", "volunteer")
    participant = Participant.objects.get()
    assert (participant.user, participant.organisation.key, participant.nominated_by) == (
        volunteer, "cesena", cesena_staff)  # fmt: skip
    assert [c["user"] for c in cesena_api.get(f"{BASE}{cesena_visit.pk}/participants/candidates/").json()["results"]
            ] == [cesena_staff.pk]  # fmt: skip


def test_nominating_the_same_person_twice_is_refused_naming_the_field(cesena_api, volunteer, cesena_visit):
    cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": volunteer.pk})

    again = cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": volunteer.pk, "organisation": "cesena"})

    assert again.status_code == 422
    assert [error["pointer"] for error in again.json()["errors"]] == ["#/user"]
    assert Participant.objects.count() == 1


def test_another_citys_staff_cannot_nominate_for_cesena(riga_staff, volunteer, cesena_visit):
    riga = token_client(riga_staff)
    address = f"{BASE}{cesena_visit.pk}/participants/"

    for_cesena = riga.post(address, {"user": volunteer.pk, "organisation": "cesena"})
    as_theirs = riga.post(address, {"user": volunteer.pk})

    assert for_cesena.status_code == 403
    assert "cesena" in for_cesena.json()["detail"]
    assert as_theirs.status_code == 422  # Riga nominates for Riga, whose people the volunteer is not one of
    assert as_theirs.json()["errors"] == [{"pointer": "#/user",
                                           "detail": "Nobody of the cities you nominate for has this id."}]  # fmt: skip
    assert Participant.objects.count() == 0


def test_an_unknown_account_is_refused_without_telling_whose_it_is(cesena_api, riga_staff, cesena_visit):
    riga_staff.first_name = "Ilze"
    riga_staff.save()

    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": riga_staff.pk})

    assert refused.status_code == 422
    assert b"Ilze" not in refused.content
    assert b"riga" not in refused.content


def test_who_takes_part_without_nominating_may_not_nominate(volunteer, cesena_exchange, riga_staff):
    address = f"{BASE}{cesena_exchange.pk}/participants/"

    assert token_client(volunteer).post(address, {"user": volunteer.pk}).status_code == 403
    assert token_client(volunteer).get(f"{address}candidates/").status_code == 403
    assert token_client(riga_staff).post(address, {"user": riga_staff.pk}).status_code == 404  # not of the pair
    assert Participant.objects.count() == 0


def test_a_nomination_after_the_deadline_is_refused(cesena_api, volunteer, cesena_visit):
    Activity.objects.filter(pk=cesena_visit.pk).update(nomination_deadline=date(2019, 9, 1))

    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": volunteer.pk})

    assert refused.status_code == 422
    assert refused.json()["detail"] == (
        "Nominations for this activity are closed since 1 September 2019; cities can no longer nominate."
    )
    assert Participant.objects.count() == 0


def test_a_nomination_over_the_citys_places_is_refused(cesena_api, cesena_staff, volunteer, cesena_visit):
    Activity.objects.filter(pk=cesena_visit.pk).update(capacity=1)
    cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": cesena_staff.pk})

    refused = cesena_api.post(f"{BASE}{cesena_visit.pk}/participants/", {"user": volunteer.pk})

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": "#/user", "detail": "City of Cesena has used all its 1 places."}]
    assert Participant.objects.count() == 1


def test_the_coordinator_nominates_for_any_city_that_takes_part(coordinator, riga_staff, cesena_visit):
    made = token_client(coordinator).post(f"{BASE}{cesena_visit.pk}/participants/", {"user": riga_staff.pk})

    assert made.status_code == 201
    assert made.json()["organisation"]["key"] == "riga"


def test_a_person_of_two_cities_is_nominated_for_the_one_named(coordinator, cesena_visit):
    both = make_member("both", "cesena", Role.VOLUNTEER)
    grant_role(both, programme=cesena_visit.programme, organisation=Organisation.objects.get(key="riga"),
               role=Role.VOLUNTEER_LEADER)  # fmt: skip
    grant_role(both, programme=cesena_visit.programme, organisation=Organisation.objects.get(key="riga"),
               role=Role.CITY_STAFF)  # fmt: skip
    api, address = token_client(coordinator), f"{BASE}{cesena_visit.pk}/participants/"

    unnamed = api.post(address, {"user": both.pk})
    named = api.post(address, {"user": both.pk, "organisation": "riga"})

    assert unnamed.status_code == 422
    assert [error["pointer"] for error in unnamed.json()["errors"]] == ["#/organisation"]
    assert named.status_code == 201
    assert (named.json()["organisation"]["key"], named.json()["role"]) == ("riga", "city_staff")  # the foremost
