"""Training sessions and their places through volunteering.training: what is kept, every refusal with its
field, places never exceeded, attendance after the start."""

import threading
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from tests.conftest import make_member
from tests.volunteering.conftest import make_volunteer
from values.knowledge.services import publish_practice, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Programme, Theme
from values.volunteering.models import TrainingSeat, TrainingSession
from values.volunteering.training import (
    cancel_seat,
    coming_sessions,
    past_sessions,
    record_attendance,
    save_training_session,
    take_seat,
    training_time_zone,
)

pytestmark = pytest.mark.django_db
ROME, RIGA = ZoneInfo("Europe/Rome"), ZoneInfo("Europe/Riga")
# The programme runs until 31 December 2099 in these tests (see `running`), so that sessions are still to come.
BEFORE = datetime(2098, 3, 1, 12, tzinfo=UTC)  # before the sessions of `plan`
DURING = datetime(2098, 3, 2, 18, 30, tzinfo=ROME)
AFTER = datetime(2098, 3, 3, 12, tzinfo=UTC)


def run_until_2099(programme: Programme) -> Programme:
    programme.duration_months = (2099 - programme.start.year) * 12 + 13 - programme.start.month
    programme.save(update_fields=["duration_months"])
    return programme


@pytest.fixture
def running(programme) -> Programme:
    """VALUES, from February 2019 to December 2099."""
    return run_until_2099(programme)


def practice(programme, title: str = "Buddies for newcomers", *, publish: bool = True):
    made = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
        texts={"title": title, "summary": "A buddy for every newcomer."},
        themes=[Theme.objects.filter(programme=programme).order_by("position").first()],
    )  # fmt: skip
    return publish_practice(made) if publish else made


def plan(programme, **changes) -> TrainingSession:
    """Cesena's session for everyone on 2 March 2098, 18:00–20:00 in Rome, with 2 places."""
    values = {
        "organisation": Organisation.objects.get(key="cesena"), "by": None, "original_language": "en",
        "title": "Welcoming newcomers", "syllabus": "1. **Listening**", "audience": "everyone",
        "place": "Biblioteca Malatestiana",
        "starts_at": datetime(2098, 3, 2, 18, tzinfo=ROME), "ends_at": datetime(2098, 3, 2, 20, tzinfo=ROME),
        "places": 2,
    }  # fmt: skip
    if "theme" not in changes:
        values["theme"] = Theme.objects.get(programme=programme, key="B")
    return save_training_session(programme, **(values | changes))


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_session_keeps_its_texts_in_their_language_its_practices_and_its_times(running):
    buddies = practice(running)

    session = plan(running, original_language="it", title="  Accogliere  ", practices=[buddies, buddies])

    session.refresh_from_db()
    assert session.title == {"it": "Accogliere"}
    assert session.syllabus == {"it": "1. **Listening**"}
    assert list(session.practices.all()) == [buddies]
    assert session.starts_at == datetime(2098, 3, 2, 17, tzinfo=UTC)
    assert (session.audience, session.place, session.places) == ("everyone", "Biblioteca Malatestiana", 2)


def test_a_session_is_in_its_city_s_time_or_the_first_city_s(programme):
    cesena, riga, evc = (Organisation.objects.get(key=key) for key in ("cesena", "riga", "evc"))

    zones = [training_time_zone(programme, organisation) for organisation in (cesena, riga, evc)]

    assert zones == [ROME, RIGA, ZoneInfo("Europe/Amsterdam")]  # Amsterdam: the first city of the partnership


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": datetime(2098, 3, 2, 17, tzinfo=ROME)}, "ends_at"),
        ({"ends_at": datetime(2098, 3, 2, 18, tzinfo=ROME)}, "ends_at"),
        ({"starts_at": datetime(2019, 1, 31, 18, tzinfo=ROME)}, "starts_at"),
        ({"ends_at": datetime(2100, 1, 1, 10, tzinfo=ROME)}, "ends_at"),
        ({"starts_at": datetime(2098, 3, 2, 18)}, "starts_at"),
        ({"starts_at": None}, "starts_at"),
        ({"places": 0}, "places"),
        ({"places": 501}, "places"),
        ({"places": True}, "places"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"syllabus": "x" * 20_001}, "syllabus"),
        ({"audience": "children"}, "audience"),
        ({"original_language": "zz"}, "original_language"),
    ],
)
def test_bad_sessions_are_refused_with_their_field_and_nothing_is_saved(running, changes, field):
    assert field in refusal(lambda: plan(running, **changes))
    assert TrainingSession.objects.count() == 0


def test_a_draft_practice_or_one_of_another_programme_is_refused(running, welcome):
    draft = practice(running, "A draft idea", publish=False)
    elsewhere = practice(welcome, "Welcome's own")

    assert refusal(lambda: plan(running, practices=[draft])) == {
        "practices": ["Good practices: A draft idea is not published yet."]
    }
    assert refusal(lambda: plan(running, practices=[elsewhere])) == {
        "practices": ["Good practices: Welcome's own is not a practice of this programme."]
    }
    assert TrainingSession.objects.count() == 0


def test_a_theme_of_another_programme_and_an_organisation_outside_it_are_refused(running, welcome):
    other_theme = Theme.objects.filter(programme=welcome).first()
    outsider = Organisation.objects.exclude(partnerships__programme=running).first()

    assert list(refusal(lambda: plan(running, theme=other_theme))) == ["theme"]
    assert list(refusal(lambda: plan(running, organisation=outsider))) == ["organisation"]


def test_places_are_not_cut_below_those_taken(running):
    session = plan(running)
    take_seat(session, volunteer=make_volunteer(running), now=BEFORE)
    take_seat(session, volunteer=make_volunteer(running, "b@example.org"), now=BEFORE)

    assert refusal(lambda: plan(running, session=session, places=1)) == {
        "places": ["Places: 2 are already taken; give at least that many."]
    }


def test_a_volunteer_and_a_person_of_the_programme_take_places_until_none_is_left(running, cesena_staff):
    session = plan(running)

    take_seat(session, volunteer=make_volunteer(running), now=BEFORE)
    take_seat(session, user=cesena_staff, now=BEFORE)

    assert refusal(lambda: take_seat(session, volunteer=make_volunteer(running, "c@example.org"), now=BEFORE)) == {
        "session": ["Every place is taken."]
    }
    assert TrainingSeat.objects.filter(session=session).count() == 2


@pytest.mark.parametrize(
    ("audience", "who", "message"),
    [
        ("staff", "volunteer", "This session is not open to volunteers."),
        ("volunteers", "user", "This session is for volunteers only."),
    ],
)
def test_a_session_takes_only_its_audience(running, cesena_staff, audience, who, message):
    session = plan(running, audience=audience)
    holder = {"volunteer": make_volunteer(running)} if who == "volunteer" else {"user": cesena_staff}

    assert refusal(lambda: take_seat(session, **holder, now=BEFORE)) == {"session": [message]}


def test_an_unconfirmed_volunteer_takes_no_place(running):
    session = plan(running)
    unconfirmed = make_volunteer(running, confirmed_at=None)

    assert refusal(lambda: take_seat(session, volunteer=unconfirmed, now=BEFORE)) == {
        "session": ["This session is not open to volunteers."]
    }


def test_a_place_is_taken_once_and_not_after_the_start(running):
    session, amina = plan(running), make_volunteer(running)
    take_seat(session, volunteer=amina, now=BEFORE)

    assert refusal(lambda: take_seat(session, volunteer=amina, now=BEFORE)) == {
        "session": ["You already have a place in this session."]
    }
    assert refusal(lambda: take_seat(session, volunteer=make_volunteer(running, "d@example.org"), now=DURING)) == {
        "session": ["The session has started: places are no longer taken."]
    }


def test_a_place_is_cancelled_before_the_start_only(running):
    session, amina, omar = plan(running), make_volunteer(running), make_volunteer(running, "omar@example.org")
    take_seat(session, volunteer=amina, now=BEFORE)
    take_seat(session, volunteer=omar, now=BEFORE)

    cancel_seat(session, volunteer=amina, now=BEFORE)

    assert list(session.seats.values_list("volunteer__email", flat=True)) == ["omar@example.org"]
    assert refusal(lambda: cancel_seat(session, volunteer=omar, now=DURING)) == {
        "session": ["The session has started: a place is no longer cancelled."]
    }
    assert refusal(lambda: cancel_seat(session, volunteer=amina, now=BEFORE)) == {
        "session": ["You have no place in this session."]
    }


def test_attendance_is_recorded_once_the_session_has_started(running, cesena_staff):
    session, amina = plan(running), make_volunteer(running)
    amina_seat = take_seat(session, volunteer=amina, now=BEFORE)
    staff_seat = take_seat(session, user=cesena_staff, now=BEFORE)

    refused = refusal(lambda: record_attendance(session, {amina_seat.pk: True}, now=BEFORE))
    changed = record_attendance(session, {amina_seat.pk: True, staff_seat.pk: False}, now=AFTER)

    assert refused == {"session": ["Attendance is recorded once the session has started."]}
    assert changed == 2
    assert dict(session.seats.values_list("pk", "attended")) == {amina_seat.pk: True, staff_seat.pk: False}
    assert record_attendance(session, {amina_seat.pk: True, staff_seat.pk: None}, now=AFTER) == 1


def test_attendance_refuses_a_seat_of_another_session(running):
    session, other = plan(running), plan(running, title="Another")
    seat = take_seat(other, volunteer=make_volunteer(running), now=BEFORE)

    assert refusal(lambda: record_attendance(session, {seat.pk: True}, now=AFTER)) == {
        "seats": ["Attendance: a place that is not of this session."]
    }
    assert TrainingSeat.objects.get(pk=seat.pk).attended is None


def test_coming_sessions_are_those_not_ended_and_past_ones_the_others(running):
    early = plan(running, title="Early", starts_at=datetime(2020, 3, 2, 18, tzinfo=ROME),
                 ends_at=datetime(2020, 3, 2, 20, tzinfo=ROME))  # fmt: skip
    later, soon = (
        plan(running, title="Later"),
        plan(running, title="Soon", starts_at=datetime(2098, 3, 1, 9, tzinfo=ROME)),
    )
    take_seat(later, volunteer=make_volunteer(running), now=BEFORE)

    coming = list(coming_sessions(running, now=datetime(2098, 3, 1, 10, tzinfo=UTC)))

    assert [(s.pk, s.taken) for s in coming] == [(soon.pk, 0), (later.pk, 1)]
    assert list(past_sessions(running, now=datetime(2098, 3, 1, 10, tzinfo=UTC))) == [early]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_one_gets_it(running):
    session = plan(running, places=1)
    first, second = make_volunteer(running), make_volunteer(running, "second@example.org")
    locked, outcome = threading.Event(), {}

    def holder() -> None:  # takes the lock and keeps it a moment, as a slow request would
        try:
            with transaction.atomic():
                TrainingSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                time.sleep(0.5)
                take_seat(session, volunteer=first, now=BEFORE)
            outcome["first"] = "taken"
        finally:
            connection.close()

    def racer() -> None:
        locked.wait(5)
        try:
            take_seat(session, volunteer=second, now=BEFORE)
            outcome["second"] = "taken"
        except ValidationError as refused:
            outcome["second"] = refused.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=holder), threading.Thread(target=racer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcome == {"first": "taken", "second": "Every place is taken."}
    assert TrainingSeat.objects.filter(session=session).count() == 1


def test_a_role_without_a_volunteer_row_is_no_volunteer(running):
    user = make_member("helper", "riga", Role.CITY_STAFF)
    session = plan(running, audience="volunteers")

    assert refusal(lambda: take_seat(session, user=user, now=BEFORE)) == {
        "session": ["This session is for volunteers only."]
    }
