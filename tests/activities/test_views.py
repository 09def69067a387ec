"""Pages of a visit: as the host city's staff, another city's staff, a participant and anonymously."""

from datetime import date, datetime, time

import pytest

from tests.conftest import make_member
from values.activities.models import Exchange, Participant, Session, Visit
from values.network.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(cesena_visit) -> Visit:
    return cesena_visit


@pytest.fixture
def outsider(visit):
    """City staff of a city outside Cesena's community."""
    members = set(visit.community.members.values_list("organisation__key", flat=True))
    key = next(k for k in ("riga", "oslo", "brno", "madrid", "bristol") if k not in members)
    return make_member("outsider", key, Role.CITY_STAFF)


def _session_data(visit: Visit, **changes) -> dict[str, str]:
    data = {
        "kind": "workshop",
        "title": "Volunteering with newcomers",
        "day": visit.start.isoformat(),
        "starts": "10:00",
        "ends": "11:30",
        "place": "Palazzo Comunale",
        "speakers": "Sofia Burioli",
    }
    return {**data, **changes}


def test_the_host_citys_staff_add_a_session_in_local_time(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/sessions/new/", _session_data(visit))

    assert response.status_code == 302
    session = Session.objects.get()
    # Cesena keeps Europe/Rome time: 10:00 local is 09:00 UTC in winter, 08:00 in summer.
    expected = datetime.combine(visit.start, time(10, 0), tzinfo=visit.time_zone)
    assert session.starts_at == expected
    page = client.get(f"/en/p/820885/activities/{visit.pk}/")
    assert "Volunteering with newcomers" in page.text
    assert "10:00" in page.text


def test_an_overlapping_session_shows_the_form_again_with_the_error(client, cesena_staff, visit):
    client.force_login(cesena_staff)
    client.post(f"/en/p/820885/activities/{visit.pk}/sessions/new/", _session_data(visit))

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/sessions/new/",
        _session_data(visit, title="Site visit", starts="11:00", ends="12:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["starts"] == ["It overlaps the session “Volunteering with newcomers”."]
    assert Session.objects.count() == 1


def test_a_session_outside_the_visits_dates_is_refused(client, cesena_staff, visit):
    client.force_login(cesena_staff)
    day_before = date.fromordinal(visit.start.toordinal() - 1).isoformat()

    response = client.post(f"/en/p/820885/activities/{visit.pk}/sessions/new/", _session_data(visit, day=day_before))

    assert response.status_code == 400
    assert response.context["form"].errors["starts"] == [
        f"The session must take place between {visit.start.isoformat()} and {visit.end.isoformat()}."
    ]
    assert Session.objects.count() == 0


def test_another_citys_staff_may_not_change_the_agenda(client, visit, outsider):
    client.force_login(outsider)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/sessions/new/", _session_data(visit))
    page = client.get(f"/en/p/820885/activities/{visit.pk}/")

    assert response.status_code == 403
    assert page.status_code == 403
    assert Session.objects.count() == 0


def test_a_member_of_the_community_reads_but_does_not_edit(client, visit):
    member_key = next(k for k in visit.community.members.values_list("organisation__key", flat=True) if k != "cesena")
    colleague = make_member("colleague", member_key, Role.CITY_STAFF)
    client.force_login(colleague)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/")
    edit = client.get(f"/en/p/820885/activities/{visit.pk}/edit/")

    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert page.context["can_nominate"] is True
    assert edit.status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client, visit):
    response = client.get(f"/en/p/820885/activities/{visit.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/p/820885/activities/{visit.pk}/"


def test_a_wrong_activity_id_is_not_found(client, coordinator, visit):
    client.force_login(coordinator)

    assert client.get("/en/p/820885/activities/99999/").status_code == 404
    assert client.post(f"/en/p/820885/activities/{visit.pk}/sessions/99999/delete/").status_code == 404


def test_online_without_a_video_link_is_refused_and_nothing_saved(client, cesena_staff, visit):
    client.force_login(cesena_staff)
    data = {
        "start": visit.start.isoformat(),
        "end": visit.end.isoformat(),
        "mode": "online",
        "venue": "",
        "video_link": "",
        "capacity": "4",
        "nomination_deadline": "",
    }

    response = client.post(f"/en/p/820885/activities/{visit.pk}/edit/", data)

    assert response.status_code == 400
    assert response.context["form"].errors["video_link"] == ["An online or hybrid activity needs a video link."]
    visit.refresh_from_db()
    assert visit.mode == "in_person"


def test_nomination_confirmation_and_attendance(client, cesena_staff, visit):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    membership = leader.memberships.get()
    client.force_login(cesena_staff)

    nominated = client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": membership.pk})
    participant = Participant.objects.get()
    client.force_login(leader)
    confirmed = client.post(f"/en/p/820885/participants/{participant.pk}/answer/", {"answer": "confirm"})
    client.force_login(cesena_staff)
    attended = client.post(f"/en/p/820885/activities/{visit.pk}/attendance/", {"present": [str(participant.pk)]})

    assert (nominated.status_code, confirmed.status_code, attended.status_code) == (302, 302, 302)
    participant.refresh_from_db()
    assert (participant.status, participant.attended, participant.organisation.key) == ("confirmed", True, "cesena")


def test_nobody_answers_for_someone_else(client, cesena_staff, visit):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)
    client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})

    response = client.post(f"/en/p/820885/participants/{Participant.objects.get().pk}/answer/", {"answer": "confirm"})

    assert response.status_code == 403
    assert Participant.objects.get().status == "nominated"


def test_a_nomination_past_the_deadline_is_refused_saying_why(client, cesena_staff, visit):
    visit.nomination_deadline = date(2000, 1, 1)
    visit.save(update_fields=["nomination_deadline"])
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})

    assert response.status_code == 400
    assert response.context["reason"] == (
        "Nominations for this activity are closed since 1 January 2000; cities can no longer nominate."
    )
    assert Participant.objects.count() == 0


def test_minutes_and_outcomes_are_recorded_by_the_host(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/minutes/",
        {"minutes": "We met the volunteers.", "outcomes": "A buddy scheme."},
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.minutes, visit.outcomes) == ("We met the volunteers.", "A buddy scheme.")


def test_the_plan_calendar_links_to_the_activity_pages(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/plan/")

    assert f'href="/en/p/820885/activities/{visit.pk}/"' in page.text


# -- hostile input: a 400 that names the field and the reason, and nothing saved ------------------
HUGE = "99999999999999999999"
LONG = "x" * 100_000
VISIT_PERIOD = "The visit must be between 1 February 2019 and 31 January 2021."
PLACES = "Places per city: from 1 to 100."
DETAIL_FIELDS = ("start", "end", "mode", "venue", "video_link", "capacity", "nomination_deadline", "sequence")


def _details(visit: Visit, **changes) -> dict[str, str]:
    data = {
        "start": visit.start.isoformat(), "end": visit.end.isoformat(), "mode": "in_person", "venue": "",
        "video_link": "", "capacity": "4", "nomination_deadline": "",
    }  # fmt: skip
    return {**data, **changes}


def _stored(visit: Visit) -> dict:
    return Visit.objects.filter(pk=visit.pk).values(*DETAIL_FIELDS, "minutes", "outcomes").get()


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"capacity": HUGE}, {"capacity": [PLACES]}),
        ({"capacity": "-1"}, {"capacity": [PLACES]}),
        ({"capacity": "0"}, {"capacity": [PLACES]}),
        ({"capacity": "101"}, {"capacity": [PLACES]}),
        ({"capacity": "NaN"}, {"capacity": ["Enter a whole number."]}),
        ({"capacity": "1e400"}, {"capacity": ["Enter a whole number."]}),
        ({"capacity": LONG}, {"capacity": ["Enter a whole number."]}),
        ({"capacity": ""}, {"capacity": ["This field is required."]}),
        ({"start": "0001-01-01"}, {"start": [VISIT_PERIOD]}),
        ({"start": "9999-12-31"}, {"start": [VISIT_PERIOD]}),
        ({"start": "2019-01-31"}, {"start": [VISIT_PERIOD]}),
        ({"end": "9999-12-31"}, {"end": [VISIT_PERIOD]}),
        ({"end": "2021-02-01"}, {"end": [VISIT_PERIOD]}),
        ({"end": "0001-01-01"}, {"end": [VISIT_PERIOD]}),
        ({"start": "NaN"}, {"start": ["Enter a valid date."]}),
        ({"start": LONG}, {"start": ["Enter a valid date."]}),
        ({"end": ""}, {"end": ["This field is required."]}),
        (
            {"nomination_deadline": "0001-01-01"},
            {"nomination_deadline": ["Nominations must close on or after 1 February 2019, when the programme starts."]},
        ),
        ({"nomination_deadline": "9999-12-31"}, {"nomination_deadline": ["Nominations must close by the first day."]}),
        ({"venue": LONG}, {"venue": ["Ensure this value has at most 300 characters (it has 100000)."]}),
        (
            {"video_link": "https://example.org/" + "x" * 99_980},
            {"video_link": ["Enter a valid URL.", "Ensure this value has at most 200 characters (it has 100000)."]},
        ),
        ({"mode": "NaN"}, {"mode": ["Select a valid choice. NaN is not one of the available choices."]}),
    ],
)
def test_hostile_details_are_refused_naming_the_field(client, cesena_staff, visit, changes, errors):
    client.force_login(cesena_staff)
    before = _stored(visit)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/edit/", _details(visit, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert _stored(visit) == before


def test_the_first_and_last_day_of_the_programme_and_a_hundred_places_are_allowed(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    first = client.post(
        f"/en/p/820885/activities/{visit.pk}/edit/", _details(visit, start="2019-02-01", end="2019-02-02")
    )
    last = client.post(
        f"/en/p/820885/activities/{visit.pk}/edit/",
        _details(visit, start="2021-01-30", end="2021-01-31", capacity="100"),
    )

    assert (first.status_code, last.status_code) == (302, 302)
    stored = _stored(visit)
    assert (stored["start"], stored["end"], stored["capacity"]) == (date(2021, 1, 30), date(2021, 1, 31), 100)


def test_an_exchange_outside_the_programme_says_it_is_the_exchange(client, cesena_staff, visit):
    exchange = Exchange.objects.get(host__key="cesena")
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/activities/{exchange.pk}/edit/", _details(exchange, end="2021-02-05"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "end": ["The exchange must be between 1 February 2019 and 31 January 2021."]
    }


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"day": "0001-01-01"}, {"starts": ["The session must take place between 2019-09-23 and 2019-09-24."]}),
        ({"day": "9999-12-31"}, {"starts": ["The session must take place between 2019-09-23 and 2019-09-24."]}),
        ({"day": "NaN"}, {"day": ["Enter a valid date."]}),
        ({"day": ""}, {"day": ["This field is required."]}),
        ({"starts": "25:00"}, {"starts": ["Enter a valid time."]}),
        ({"ends": LONG}, {"ends": ["Enter a valid time."]}),
        ({"kind": "NaN"}, {"kind": ["Select a valid choice. NaN is not one of the available choices."]}),
        ({"title": LONG}, {"title": ["Ensure this value has at most 200 characters (it has 100000)."]}),
        ({"place": LONG}, {"place": ["Ensure this value has at most 300 characters (it has 100000)."]}),
        ({"speakers": LONG}, {"speakers": ["Ensure this value has at most 500 characters (it has 100000)."]}),
        ({"practice": HUGE}, {"practice": ["Select a valid choice. That choice is not one of the available choices."]}),
        ({"practice": "-1"}, {"practice": ["Select a valid choice. That choice is not one of the available choices."]}),
        (
            {"practice": "NaN"},
            {"practice": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
    ],
)
def test_hostile_sessions_are_refused_naming_the_field(client, cesena_staff, visit, changes, errors):
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/sessions/new/", _session_data(visit, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Session.objects.count() == 0


@pytest.mark.parametrize("value", [HUGE, "-1", "NaN", "1e400", LONG, ""])
def test_a_nomination_of_an_unknown_membership_is_refused(client, cesena_staff, visit, value):
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": value})

    assert response.status_code == 400
    expected = "This field is required." if value == "" else (
        "Select a valid choice. That choice is not one of the available choices."
    )  # fmt: skip
    assert response.context["form"].errors == {"membership": [expected]}
    assert Participant.objects.count() == 0


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"] if message.level_tag == "error"]


@pytest.mark.parametrize("value", [HUGE, "-1", "NaN", "²", "1e400"])
def test_attendance_of_an_unknown_participant_is_refused_and_changes_nothing(client, cesena_staff, visit, value):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)
    client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})
    participant = Participant.objects.get()

    response = client.post(f"/en/p/820885/activities/{visit.pk}/attendance/", {"present": [str(participant.pk), value]})

    assert response.status_code == 400
    assert _messages(response) == [f"Select a valid choice. {value} is not one of the available choices."]
    participant.refresh_from_db()
    assert participant.attended is None


@pytest.mark.parametrize("value", ["", "NaN", "yes", LONG])
def test_an_answer_that_is_neither_confirm_nor_decline_is_refused(client, cesena_staff, visit, value):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)
    client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})
    client.force_login(leader)

    response = client.post(f"/en/p/820885/participants/{Participant.objects.get().pk}/answer/", {"answer": value})

    assert response.status_code == 400
    assert _messages(response) == ["Answer: confirm or decline your place."]
    assert Participant.objects.get().status == "nominated"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"minutes": "x" * 20_001, "outcomes": ""}, {"minutes": [
            "Ensure this value has at most 20000 characters (it has 20001)."]}),
        ({"minutes": "", "outcomes": LONG}, {"outcomes": [
            "Ensure this value has at most 10000 characters (it has 100000)."]}),
    ],
)  # fmt: skip
def test_minutes_and_outcomes_beyond_their_length_are_refused(client, cesena_staff, visit, data, errors):
    client.force_login(cesena_staff)
    before = _stored(visit)

    response = client.post(f"/en/p/820885/activities/{visit.pk}/minutes/", data)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert _stored(visit) == before


@pytest.mark.parametrize(
    "path",
    [
        f"/en/p/820885/activities/{HUGE}/",
        f"/en/p/820885/activities/{HUGE}/edit/",
        f"/en/p/820885/activities/{HUGE}/sessions/{HUGE}/",
        f"/en/p/820885/participants/{HUGE}/answer/",
    ],
)
def test_an_id_beyond_the_database_is_not_found(client, coordinator, visit, path):
    client.force_login(coordinator)

    assert client.post(path, {}).status_code == 404


def test_the_admin_shows_activities_but_changes_them_only_through_their_pages(client, coordinator, visit):
    client.force_login(coordinator)

    view = client.get(f"/en/admin/activities/visit/{visit.pk}/change/")
    change = client.post(f"/en/admin/activities/visit/{visit.pk}/change/", {"start": "0001-01-01"})

    assert (view.status_code, change.status_code) == (200, 403)
    assert _stored(visit)["start"] == date(2019, 9, 23)
