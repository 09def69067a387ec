"""The training pages: the list, a session's page with its toolkits, planning a session, taking and cancelling a
place, recording attendance; who gets what."""

from datetime import UTC, datetime

import pytest

from tests.conftest import make_member
from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_training import BEFORE, ROME, plan, practice, run_until_2099
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit
from values.volunteering.models import TrainingSeat, TrainingSession
from values.volunteering.training import take_seat

pytestmark = pytest.mark.django_db
BASE = "/en/p/820885/training/"
PAST = {"starts_at": datetime(2020, 3, 2, 18, tzinfo=ROME), "ends_at": datetime(2020, 3, 2, 20, tzinfo=ROME)}
BEFORE_PAST = datetime(2020, 3, 1, tzinfo=UTC)


@pytest.fixture
def running(programme):
    return run_until_2099(programme)


def form_data(programme, **changes) -> dict:
    data = {
        "organisation": Organisation.objects.get(key="cesena").pk, "original_language": "en",
        "title": "Welcoming newcomers", "syllabus": "We listen <script>alert(1)</script> first.",
        "audience": "volunteers", "theme": Theme.objects.get(programme=programme, key="B").pk,
        "place": "Biblioteca Malatestiana", "starts_at": "2098-03-02T18:00", "ends_at": "2098-03-02T20:00",
        "places": "20",
    }  # fmt: skip
    return data | changes


def test_the_list_shows_coming_sessions_soonest_first_then_past_ones(client, running):
    plan(running, title="Later")
    plan(running, title="Sooner", starts_at=datetime(2098, 2, 1, 18, tzinfo=ROME),
         ends_at=datetime(2098, 2, 1, 20, tzinfo=ROME))  # fmt: skip
    plan(running, title="Long ago", **PAST)

    response = client.get(BASE)

    assert response.status_code == 200
    assert [s.title["en"] for s in response.context["coming"]] == ["Sooner", "Later"]
    assert [s.title["en"] for s in response.context["past"]] == ["Long ago"]
    assert "Saturday 1 February 2098, 18:00 (Europe/Rome)" in response.content.decode()


def test_city_staff_plan_a_session_typed_in_their_city_s_time(client, running, riga_staff):
    client.force_login(riga_staff)
    data = form_data(running, organisation=Organisation.objects.get(key="riga").pk)

    response = client.post(f"{BASE}new/", data)

    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{session.pk}/"
    assert session.starts_at == datetime(2098, 3, 2, 16, tzinfo=UTC)  # 18:00 in Riga
    assert session.organisation.key == "riga"
    assert session.audience == "volunteers"


def test_staff_offer_only_their_own_organisation(client, running, riga_staff):
    client.force_login(riga_staff)

    response = client.post(f"{BASE}new/", form_data(running))

    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert TrainingSession.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2098-03-02T17:00"}, "ends_at", "Ends: the session ends before it starts (or when it starts)."),
        ({"starts_at": "2018-03-02T17:00"}, "starts_at",
         "Starts: a day within the programme, from 2019-02-01 to 2099-12-31."),
        ({"places": "0"}, "places", "Places: a whole number from 1 to 500."),
        ({"places": "501"}, "places", "Places: a whole number from 1 to 500."),
        ({"starts_at": "tomorrow"}, "starts_at", "Enter a valid date/time."),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(
    client, running, cesena_staff, changes, field, message
):
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}new/", form_data(running, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert TrainingSession.objects.count() == 0


def test_a_draft_practice_is_refused_by_the_form_which_never_shows_it(client, running, riga_staff):
    draft = practice(running, "A draft idea", publish=False)
    client.force_login(riga_staff)
    data = form_data(running, organisation=Organisation.objects.get(key="riga").pk, practices=[str(draft.pk)])

    response = client.post(f"{BASE}new/", data)

    assert response.status_code == 400
    assert response.context["form"].errors["practices"] == [
        f"Good practices: {draft.pk} is not a published practice of this programme."
    ]
    assert "A draft idea" not in response.content.decode()  # a proposal is its organisation's to read


def test_the_coordinator_changes_any_session_and_other_staff_none(client, running, coordinator, riga_staff):
    session = plan(running)

    client.force_login(riga_staff)
    refused = client.get(f"{BASE}{session.pk}/edit/")
    client.force_login(coordinator)
    changed = client.post(f"{BASE}{session.pk}/edit/", form_data(running, title="Welcoming, again", places="30"))

    session.refresh_from_db()
    assert refused.status_code == 403
    assert changed.status_code == 302
    assert (session.title, session.places) == ({"en": "Welcoming, again"}, 30)


def test_a_session_page_shows_its_syllabus_practices_and_toolkits(client, running):
    buddies = practice(running)
    theme = Theme.objects.get(programme=running, key="B")
    Toolkit.objects.create(programme=running, theme=theme, language="en", status=ToolkitStatus.READY, pages=3)
    session = plan(running, syllabus="We listen <script>alert(1)</script> **first**.", practices=[buddies])

    response = client.get(f"{BASE}{session.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>first</strong>" in page
    assert "<script>alert(1)" not in page
    assert f'href="/en/p/820885/practices/{buddies.pk}/">Buddies for newcomers</a>' in page
    assert 'href="/en/p/820885/toolkits/B/">B. ' in page
    assert 'href="/en/p/820885/toolkits/programme/">' in page
    assert page.count("not built yet") == 1  # the programme's toolkit; theme B's is ready


def test_a_volunteer_takes_and_cancels_a_place(client, running):
    session, amina = plan(running), make_volunteer(running)
    speak_as(client, amina)

    taken = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})
    seats_after_taking = list(TrainingSeat.objects.values_list("volunteer__name", flat=True))
    cancelled = client.post(f"{BASE}{session.pk}/seat/", {"action": "cancel"})

    assert (taken.status_code, cancelled.status_code) == (302, 302)
    assert seats_after_taking == ["Amina Haddad"]
    assert TrainingSeat.objects.count() == 0


def test_staff_take_a_place_in_a_session_for_staff(client, running, riga_staff):
    session = plan(running, audience="staff")
    client.force_login(riga_staff)

    response = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})

    assert response.status_code == 302
    assert list(TrainingSeat.objects.values_list("user__username", flat=True)) == ["riga"]


def test_a_volunteer_takes_no_place_in_a_session_for_staff_and_a_role_of_volunteer_is_not_staff(
    client, running, volunteer
):
    session = plan(running, audience="staff")
    speak_as(client, make_volunteer(running))
    as_volunteer = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})
    client.force_login(volunteer)
    as_member = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})

    assert (as_volunteer.status_code, as_member.status_code) == (403, 403)
    assert TrainingSeat.objects.count() == 0


def test_the_anonymous_are_asked_to_sign_in(client, running):
    session = plan(running)

    response = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={BASE}{session.pk}/seat/"


def test_a_full_session_or_a_bad_action_is_a_400_with_its_reason(client, running):
    session = plan(running, places=1)
    take_seat(session, volunteer=make_volunteer(running, "first@example.org"), now=BEFORE)
    speak_as(client, make_volunteer(running))

    full = client.post(f"{BASE}{session.pk}/seat/", {"action": "take"})
    bad = client.post(f"{BASE}{session.pk}/seat/", {"action": "steal"})

    assert full.status_code == 400
    assert "Every place is taken." in full.content.decode()
    assert bad.status_code == 400
    assert "Action: take or cancel." in bad.content.decode()
    assert TrainingSeat.objects.count() == 1


def test_attendance_is_refused_before_the_start(client, running, cesena_staff):
    session = plan(running)
    seat = take_seat(session, volunteer=make_volunteer(running), now=BEFORE)
    client.force_login(cesena_staff)

    page = client.get(f"{BASE}{session.pk}/attendance/")
    response = client.post(f"{BASE}{session.pk}/attendance/", {f"seat_{seat.pk}": "yes"})

    assert page.status_code == 200
    assert response.status_code == 400
    assert "Attendance is recorded once the session has started." in response.content.decode()
    assert TrainingSeat.objects.get().attended is None


def test_the_organiser_records_attendance_after_the_session(client, running, cesena_staff, riga_staff):
    session = plan(running, **PAST)
    amina = take_seat(session, volunteer=make_volunteer(running), now=BEFORE_PAST)
    riga = take_seat(session, user=riga_staff, now=BEFORE_PAST)
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}{session.pk}/attendance/", {f"seat_{amina.pk}": "yes", f"seat_{riga.pk}": "no"})

    assert response.status_code == 302
    assert dict(TrainingSeat.objects.values_list("pk", "attended")) == {amina.pk: True, riga.pk: False}


def test_another_city_s_staff_record_no_attendance(client, running, riga_staff):
    session = plan(running, **PAST)
    client.force_login(riga_staff)

    assert client.get(f"{BASE}{session.pk}/attendance/").status_code == 403


def test_another_programme_s_session_is_a_404(client, running, welcome):
    cesena = Organisation.objects.get(key="cesena")
    other = plan(run_until_2099(welcome), organisation=cesena, theme=None)

    assert client.get(f"{BASE}{other.pk}/").status_code == 404


def test_the_menu_offers_a_new_session_to_those_who_organise(client, running, cesena_staff):
    anonymous = client.get(BASE).content.decode()
    client.force_login(make_member("leader", "cesena", Role.VOLUNTEER_LEADER))
    leader = client.get(BASE).content.decode()
    client.force_login(cesena_staff)
    staff = client.get(BASE).content.decode()

    assert [f'href="{BASE}new/"' in page for page in (anonymous, leader, staff)] == [False, False, True]
