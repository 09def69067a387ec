"""Pages of a visit: as the host city's staff, another city's staff, a participant and anonymously."""

from datetime import date, datetime, time

import pytest

from tests.conftest import make_member
from values.activities.models import Participant, Session, Visit
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

    response = client.post(f"/en/activities/{visit.pk}/sessions/new/", _session_data(visit))

    assert response.status_code == 302
    session = Session.objects.get()
    # Cesena keeps Europe/Rome time: 10:00 local is 09:00 UTC in winter, 08:00 in summer.
    expected = datetime.combine(visit.start, time(10, 0), tzinfo=visit.time_zone)
    assert session.starts_at == expected
    page = client.get(f"/en/activities/{visit.pk}/")
    assert "Volunteering with newcomers" in page.text
    assert "10:00" in page.text


def test_an_overlapping_session_shows_the_form_again_with_the_error(client, cesena_staff, visit):
    client.force_login(cesena_staff)
    client.post(f"/en/activities/{visit.pk}/sessions/new/", _session_data(visit))

    response = client.post(
        f"/en/activities/{visit.pk}/sessions/new/",
        _session_data(visit, title="Site visit", starts="11:00", ends="12:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["starts"] == ["It overlaps the session “Volunteering with newcomers”."]
    assert Session.objects.count() == 1


def test_a_session_outside_the_visits_dates_is_refused(client, cesena_staff, visit):
    client.force_login(cesena_staff)
    day_before = date.fromordinal(visit.start.toordinal() - 1).isoformat()

    response = client.post(f"/en/activities/{visit.pk}/sessions/new/", _session_data(visit, day=day_before))

    assert response.status_code == 400
    assert response.context["form"].errors["starts"] == [
        f"The session must take place between {visit.start.isoformat()} and {visit.end.isoformat()}."
    ]
    assert Session.objects.count() == 0


def test_another_citys_staff_may_not_change_the_agenda(client, visit, outsider):
    client.force_login(outsider)

    response = client.post(f"/en/activities/{visit.pk}/sessions/new/", _session_data(visit))
    page = client.get(f"/en/activities/{visit.pk}/")

    assert response.status_code == 403
    assert page.status_code == 403
    assert Session.objects.count() == 0


def test_a_member_of_the_community_reads_but_does_not_edit(client, visit):
    member_key = next(k for k in visit.community.members.values_list("organisation__key", flat=True) if k != "cesena")
    colleague = make_member("colleague", member_key, Role.CITY_STAFF)
    client.force_login(colleague)

    page = client.get(f"/en/activities/{visit.pk}/")
    edit = client.get(f"/en/activities/{visit.pk}/edit/")

    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert page.context["can_nominate"] is True
    assert edit.status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client, visit):
    response = client.get(f"/en/activities/{visit.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/activities/{visit.pk}/"


def test_a_wrong_activity_id_is_not_found(client, coordinator, visit):
    client.force_login(coordinator)

    assert client.get("/en/activities/99999/").status_code == 404
    assert client.post(f"/en/activities/{visit.pk}/sessions/99999/delete/").status_code == 404


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

    response = client.post(f"/en/activities/{visit.pk}/edit/", data)

    assert response.status_code == 400
    assert response.context["form"].errors["video_link"] == ["An online or hybrid activity needs a video link."]
    visit.refresh_from_db()
    assert visit.mode == "in_person"


def test_nomination_confirmation_and_attendance(client, cesena_staff, visit):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    membership = leader.memberships.get()
    client.force_login(cesena_staff)

    nominated = client.post(f"/en/activities/{visit.pk}/nominate/", {"membership": membership.pk})
    participant = Participant.objects.get()
    client.force_login(leader)
    confirmed = client.post(f"/en/participants/{participant.pk}/answer/", {"answer": "confirm"})
    client.force_login(cesena_staff)
    attended = client.post(f"/en/activities/{visit.pk}/attendance/", {"present": [str(participant.pk)]})

    assert (nominated.status_code, confirmed.status_code, attended.status_code) == (302, 302, 302)
    participant.refresh_from_db()
    assert (participant.status, participant.attended, participant.organisation.key) == ("confirmed", True, "cesena")


def test_nobody_answers_for_someone_else(client, cesena_staff, visit):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)
    client.post(f"/en/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})

    response = client.post(f"/en/participants/{Participant.objects.get().pk}/answer/", {"answer": "confirm"})

    assert response.status_code == 403
    assert Participant.objects.get().status == "nominated"


def test_a_nomination_past_the_deadline_shows_the_form_again(client, cesena_staff, visit):
    visit.nomination_deadline = date(2000, 1, 1)
    visit.save(update_fields=["nomination_deadline"])
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(cesena_staff)

    response = client.post(f"/en/activities/{visit.pk}/nominate/", {"membership": leader.memberships.get().pk})

    assert response.status_code == 400
    assert response.context["form"].errors["membership"] == ["Nominations closed on 2000-01-01."]
    assert Participant.objects.count() == 0


def test_minutes_and_outcomes_are_recorded_by_the_host(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    response = client.post(
        f"/en/activities/{visit.pk}/minutes/", {"minutes": "We met the volunteers.", "outcomes": "A buddy scheme."}
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.minutes, visit.outcomes) == ("We met the volunteers.", "A buddy scheme.")


def test_the_plan_calendar_links_to_the_activity_pages(client, cesena_staff, visit):
    client.force_login(cesena_staff)

    page = client.get("/en/plan/")

    assert f'href="/en/activities/{visit.pk}/"' in page.text
