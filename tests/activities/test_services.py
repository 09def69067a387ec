"""Changing visits and exchanges: details, agenda, nominations, attendance, minutes, and accepting a plan."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import make_member
from values.activities.enums import ActivityKind, Mode, ParticipantStatus, SessionKind
from values.activities.models import Activity, Exchange, Participant, Session, Visit
from values.activities.services import (
    agenda_version,
    answer_nomination,
    delete_session,
    nominate_participant,
    record_attendance,
    record_minutes,
    save_session,
    update_activity_details,
)
from values.core.versions import StaleVersion
from values.network.enums import Role
from values.network.models import Organisation
from values.planning.models import PlanRun
from values.planning.services import accept_plan_run, execute_plan_run

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
DETAIL_FIELDS = ("start", "end", "mode", "venue", "video_link", "capacity", "nomination_deadline")


def planned_run(programme, seed: int = 1) -> PlanRun:
    run = PlanRun.objects.create(programme=programme, seed=seed, time_limit=5, rules=[])
    return execute_plan_run(run)


@pytest.fixture
def plan(programme, coordinator) -> PlanRun:
    """The accepted plan: its communities, visits and exchanges."""
    run = planned_run(programme)
    accept_plan_run(run, by=coordinator)
    return run


@pytest.fixture
def visit(plan) -> Visit:
    """Cesena's mentoring visit (in Rome time)."""
    return Visit.objects.get(host__key="cesena")


@pytest.fixture
def exchange(plan) -> Exchange:
    """Cesena receives its exchange partner's people."""
    return Exchange.objects.get(host__key="cesena")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Cesena's local time."""
    return datetime.combine(day, time(hour, minute), tzinfo=ROME)


def change_details(activity: Activity, **changes) -> Activity:
    """Update the details, keeping every one not named."""
    current = {field: getattr(activity, field) for field in DETAIL_FIELDS}
    return update_activity_details(activity, **(current | changes))


def details_of(activity: Activity) -> dict:
    activity.refresh_from_db()
    return {field: getattr(activity, field) for field in DETAIL_FIELDS}


def add_session(activity: Activity, title: str, starts_at: datetime, ends_at: datetime) -> Session:
    return save_session(activity, kind=SessionKind.WORKSHOP, title=title, starts_at=starts_at, ends_at=ends_at)


def nominate(activity: Activity, user, city_key: str, by, today: date | None = None) -> Participant:
    return nominate_participant(
        activity,
        user=user,
        organisation=Organisation.objects.get(key=city_key),
        by=by,
        today=today or activity.start - timedelta(days=30),
    )


# -- the plan's activities ----------------------------------------------------------------------
def test_a_visit_to_cesena_is_planned_in_rome_time(visit):
    zone = visit.time_zone

    assert zone == ROME


def test_accepting_a_plan_records_each_visit_with_the_visit_kind(plan):
    kinds = set(Visit.objects.values_list("kind", flat=True))

    assert kinds == {ActivityKind.VISIT}


def test_accepting_a_plan_records_each_exchange_with_the_exchange_kind(plan):
    kinds = set(Exchange.objects.values_list("kind", flat=True))

    assert kinds == {ActivityKind.EXCHANGE}


# -- details ------------------------------------------------------------------------------------
def test_changing_the_details_saves_them(visit):
    new_start = visit.start + timedelta(days=7)

    change_details(
        visit,
        start=new_start,
        end=new_start + timedelta(days=2),
        mode=Mode.HYBRID,
        venue="Palazzo del Ridotto",
        video_link="https://meet.example.org/cesena",
        capacity=3,
        nomination_deadline=new_start - timedelta(days=14),
    )

    assert details_of(visit) == {
        "start": new_start,
        "end": new_start + timedelta(days=2),
        "mode": Mode.HYBRID,
        "venue": "Palazzo del Ridotto",
        "video_link": "https://meet.example.org/cesena",
        "capacity": 3,
        "nomination_deadline": new_start - timedelta(days=14),
    }


def test_a_last_day_before_the_first_day_is_refused(visit):
    before = details_of(visit)

    with pytest.raises(ValidationError) as refused:
        change_details(visit, end=visit.start - timedelta(days=1))

    assert refused.value.message_dict == {"end": ["The last day is before the first day."]}
    assert details_of(visit) == before


@pytest.mark.parametrize("mode", [Mode.ONLINE, Mode.HYBRID])
def test_an_online_or_hybrid_activity_without_a_video_link_is_refused(visit, mode):
    before = details_of(visit)

    with pytest.raises(ValidationError) as refused:
        change_details(visit, mode=mode, video_link="")

    assert refused.value.message_dict == {"video_link": ["An online or hybrid activity needs a video link."]}
    assert details_of(visit) == before


def test_an_in_person_activity_needs_no_video_link(visit):
    change_details(visit, mode=Mode.IN_PERSON, video_link="", venue="Biblioteca Malatestiana")

    assert details_of(visit)["venue"] == "Biblioteca Malatestiana"


def test_a_nomination_deadline_after_the_first_day_is_refused(visit):
    before = details_of(visit)

    with pytest.raises(ValidationError) as refused:
        change_details(visit, nomination_deadline=visit.start + timedelta(days=1))

    assert refused.value.message_dict == {"nomination_deadline": ["Nominations must close by the first day."]}
    assert details_of(visit) == before


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"capacity": 10**20}, {"capacity": ["Places per city: from 1 to 100."]}),
        ({"capacity": -1}, {"capacity": ["Places per city: from 1 to 100."]}),
        ({"start": date(1, 1, 1)}, {"start": ["The visit must be between 1 February 2019 and 31 January 2021."]}),
        ({"end": date(9999, 12, 31)}, {"end": ["The visit must be between 1 February 2019 and 31 January 2021."]}),
        (
            {"nomination_deadline": date(2019, 1, 31)},
            {"nomination_deadline": ["Nominations must close on or after 1 February 2019, when the programme starts."]},
        ),
    ],
)
def test_the_service_bounds_places_and_dates_whoever_calls_it(visit, changes, errors):
    before = details_of(visit)

    with pytest.raises(ValidationError) as refused:
        change_details(visit, **changes)

    assert refused.value.message_dict == errors
    assert details_of(visit) == before


def test_minutes_beyond_their_length_are_refused_by_the_service(visit):
    with pytest.raises(ValidationError) as refused:
        record_minutes(visit, minutes="x" * 20_001, outcomes="y" * 10_001)

    assert refused.value.message_dict == {
        "minutes": ["At most 20000 characters; this text has 20001."],
        "outcomes": ["At most 10000 characters; this text has 10001."],
    }
    visit.refresh_from_db()
    assert (visit.minutes, visit.outcomes) == ("", "")


def test_a_nomination_deadline_on_the_first_day_is_allowed(visit):
    change_details(visit, nomination_deadline=visit.start)

    assert details_of(visit)["nomination_deadline"] == visit.start


def test_new_dates_that_leave_a_session_outside_are_refused_naming_it(visit):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))
    add_session(visit, "Site visit", at(visit.end, 10), at(visit.end, 12))
    before = details_of(visit)

    with pytest.raises(ValidationError) as refused:
        change_details(visit, end=visit.start)

    assert refused.value.message_dict == {"start": ["These sessions would fall outside the new dates: Site visit."]}
    assert details_of(visit) == before


def test_new_dates_that_keep_every_session_inside_are_allowed(visit):
    first_day = visit.start
    add_session(visit, "Welcome", at(first_day, 10), at(first_day, 11))

    change_details(visit, start=first_day - timedelta(days=1), end=first_day)

    after = details_of(visit)
    assert (after["start"], after["end"]) == (first_day - timedelta(days=1), first_day)


# -- agenda -------------------------------------------------------------------------------------
def test_a_session_inside_the_dates_is_added(visit):
    session = save_session(
        visit,
        kind=SessionKind.PRESENTATION,
        title="Welcome",
        starts_at=at(visit.start, 9, 30),
        ends_at=at(visit.start, 10, 30),
        place="Town hall",
        speakers="The mayor",
    )

    session.refresh_from_db()
    assert list(visit.sessions.values_list("pk", flat=True)) == [session.pk]
    assert (session.kind, session.title, session.starts_at, session.ends_at, session.place, session.speakers) == (
        SessionKind.PRESENTATION,
        "Welcome",
        at(visit.start, 9, 30),
        at(visit.start, 10, 30),
        "Town hall",
        "The mayor",
    )


@pytest.mark.parametrize("length", [timedelta(hours=-1), timedelta(0)])
def test_a_session_that_ends_before_it_starts_is_refused(visit, length):
    starts_at = at(visit.start, 10)

    with pytest.raises(ValidationError) as refused:
        add_session(visit, "Backwards", starts_at, starts_at + length)

    assert refused.value.message_dict == {"ends_at": ["A session ends after it starts."]}
    assert Session.objects.count() == 0


def test_a_session_on_the_day_before_the_first_day_in_local_time_is_refused(visit):
    day_before = visit.start - timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        add_session(visit, "Too early", at(day_before, 23), at(visit.start, 0, 30))

    assert refused.value.message_dict == {
        "starts_at": [f"The session must take place between {visit.start} and {visit.end}."]
    }
    assert Session.objects.count() == 0


def test_a_session_just_after_local_midnight_of_the_first_day_is_allowed_though_utc_is_the_day_before(visit):
    starts_at = at(visit.start, 0, 30)

    add_session(visit, "Night walk", starts_at, at(visit.start, 1, 30))

    assert starts_at.astimezone(ZoneInfo("UTC")).date() == visit.start - timedelta(days=1)
    assert list(visit.sessions.values_list("title", flat=True)) == ["Night walk"]


def test_a_session_crossing_into_the_day_after_the_last_day_is_refused(visit):
    day_after = visit.end + timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        add_session(visit, "Late dinner", at(visit.end, 23, 30), at(day_after, 0, 30))

    assert refused.value.message_dict == {
        "starts_at": [f"The session must take place between {visit.start} and {visit.end}."]
    }
    assert Session.objects.count() == 0


def test_a_session_ending_at_midnight_of_the_last_day_is_allowed(visit):
    midnight = at(visit.end + timedelta(days=1), 0)

    add_session(visit, "Closing dinner", at(visit.end, 22), midnight)

    assert list(visit.sessions.values_list("title", flat=True)) == ["Closing dinner"]


def test_a_session_overlapping_another_is_refused_naming_it(visit):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    with pytest.raises(ValidationError) as refused:
        add_session(visit, "Workshop", at(visit.start, 10, 30), at(visit.start, 11, 30))

    assert refused.value.message_dict == {"starts_at": ["It overlaps the session “Welcome”."]}
    assert Session.objects.count() == 1


def test_a_session_inside_another_is_refused(visit):
    add_session(visit, "Site visit", at(visit.start, 9), at(visit.start, 13))

    with pytest.raises(ValidationError) as refused:
        add_session(visit, "Coffee", at(visit.start, 10), at(visit.start, 10, 15))

    assert refused.value.message_dict == {"starts_at": ["It overlaps the session “Site visit”."]}
    assert Session.objects.count() == 1


def test_touching_sessions_are_allowed(visit):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    add_session(visit, "Workshop", at(visit.start, 11), at(visit.start, 12))

    assert list(visit.sessions.values_list("title", flat=True)) == ["Welcome", "Workshop"]


def test_sessions_of_another_activity_do_not_clash(visit, exchange):
    add_session(exchange, "Exchange welcome", at(exchange.start, 10), at(exchange.start, 11))

    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    assert Session.objects.count() == 2


def test_editing_a_session_in_place_does_not_clash_with_itself(visit):
    welcome = add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    edited = save_session(
        visit,
        session=welcome,
        kind=SessionKind.EVENT,
        title="Welcome and coffee",
        starts_at=at(visit.start, 10, 30),
        ends_at=at(visit.start, 11, 30),
    )

    welcome.refresh_from_db()
    assert edited.pk == welcome.pk
    assert Session.objects.count() == 1
    assert (welcome.kind, welcome.title, welcome.starts_at, welcome.ends_at) == (
        SessionKind.EVENT,
        "Welcome and coffee",
        at(visit.start, 10, 30),
        at(visit.start, 11, 30),
    )


def test_editing_a_session_onto_another_is_refused_and_changes_nothing(visit):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))
    workshop = add_session(visit, "Workshop", at(visit.start, 14), at(visit.start, 15))

    with pytest.raises(ValidationError) as refused:
        save_session(
            visit,
            session=workshop,
            kind=SessionKind.WORKSHOP,
            title="Workshop",
            starts_at=at(visit.start, 10, 30),
            ends_at=at(visit.start, 11, 30),
        )

    workshop.refresh_from_db()
    assert refused.value.message_dict == {"starts_at": ["It overlaps the session “Welcome”."]}
    assert (workshop.starts_at, workshop.ends_at) == (at(visit.start, 14), at(visit.start, 15))
    assert Session.objects.count() == 2


# -- the agenda's version (the API's ETag) ------------------------------------------------------------------------
def titles(visit: Visit) -> list[str]:
    return list(Session.objects.filter(activity=visit).values_list("title", flat=True))


def test_a_change_made_from_a_stale_agenda_version_raises_and_changes_nothing(visit):
    read = agenda_version(visit)
    welcome = add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))  # saved by someone meanwhile
    current = agenda_version(visit)

    with pytest.raises(StaleVersion) as added:
        save_session(visit, kind=SessionKind.EVENT, title="Lunch", starts_at=at(visit.start, 12),
                     ends_at=at(visit.start, 13), version=read)  # fmt: skip
    with pytest.raises(StaleVersion):
        save_session(visit, session=welcome, kind=SessionKind.EVENT, title="Hello", starts_at=at(visit.start, 10),
                     ends_at=at(visit.start, 11), version=read)  # fmt: skip
    with pytest.raises(StaleVersion):
        delete_session(welcome, version=read)

    assert added.value.current_version == current
    assert [session["title"] for session in added.value.current] == ["Welcome"]
    assert titles(visit) == ["Welcome"]
    assert agenda_version(visit) == current


def test_a_stale_version_is_refused_before_the_session_is_even_checked(visit):
    read = agenda_version(visit)
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    with pytest.raises(StaleVersion):  # it overlaps "Welcome" too: the newer agenda is what the writer must see
        save_session(visit, kind=SessionKind.EVENT, title="Coffee", starts_at=at(visit.start, 10),
                     ends_at=at(visit.start, 11), version=read)  # fmt: skip


def test_changes_made_each_from_the_current_version_are_saved(visit):
    welcome = save_session(visit, kind=SessionKind.EVENT, title="Welcome", starts_at=at(visit.start, 10),
                           ends_at=at(visit.start, 11), version=agenda_version(visit))  # fmt: skip
    after_adding = agenda_version(visit)
    save_session(visit, session=welcome, kind=SessionKind.EVENT, title="Welcome and coffee",
                 starts_at=at(visit.start, 10), ends_at=at(visit.start, 11), version=after_adding)  # fmt: skip
    after_changing = agenda_version(visit)
    delete_session(welcome, version=after_changing)

    assert len({after_adding, after_changing, agenda_version(visit)}) == 3
    assert titles(visit) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", SessionKind.EVENT), ("title", "Hello"), ("place", "Town hall"), ("speakers", "The mayor"),
     ("ends_at", timedelta(minutes=1))],
)  # fmt: skip
def test_any_field_of_any_session_makes_a_new_version(visit, field, value):
    fields = {"kind": SessionKind.WORKSHOP, "title": "Welcome", "starts_at": at(visit.start, 10),
              "ends_at": at(visit.start, 11), "place": "", "speakers": ""}  # fmt: skip
    welcome = save_session(visit, **fields)
    before = agenda_version(visit)

    save_session(visit, session=welcome, **(fields | {field: fields[field] + value if field == "ends_at" else value}))

    assert agenda_version(visit) != before


def test_no_version_checks_nothing_as_the_web_form_does(visit):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))

    save_session(visit, kind=SessionKind.EVENT, title="Lunch", starts_at=at(visit.start, 12),
                 ends_at=at(visit.start, 13), version=None)  # fmt: skip

    assert titles(visit) == ["Welcome", "Lunch"]


# -- nominations --------------------------------------------------------------------------------
def test_a_city_nominates_one_of_its_people(visit, cesena_staff, volunteer):
    participant = nominate(visit, volunteer, "cesena", by=cesena_staff)

    participant.refresh_from_db()
    assert (participant.activity_id, participant.user, participant.organisation.key) == (
        visit.pk,
        volunteer,
        "cesena",
    )
    assert (participant.status, participant.attended, participant.nominated_by) == (
        ParticipantStatus.NOMINATED,
        None,
        cesena_staff,
    )


def test_a_nomination_on_the_deadline_is_accepted(visit, cesena_staff, volunteer):
    deadline = visit.start - timedelta(days=7)
    change_details(visit, nomination_deadline=deadline)

    nominate(visit, volunteer, "cesena", by=cesena_staff, today=deadline)

    assert Participant.objects.count() == 1


def test_a_nomination_after_the_deadline_is_refused(visit, cesena_staff, volunteer):
    deadline = date(2019, 8, 31)
    change_details(visit, nomination_deadline=deadline)

    with pytest.raises(ValidationError) as refused:
        nominate(visit, volunteer, "cesena", by=cesena_staff, today=deadline + timedelta(days=1))

    assert refused.value.message_dict == {
        "user": ["Nominations for this activity are closed since 31 August 2019; cities can no longer nominate."]
    }
    assert Participant.objects.count() == 0


def test_a_nomination_over_the_citys_places_is_refused(visit, cesena_staff, volunteer):
    change_details(visit, capacity=1)
    nominate(visit, volunteer, "cesena", by=cesena_staff)
    second = make_member("second", "cesena", Role.VOLUNTEER)

    with pytest.raises(ValidationError) as refused:
        nominate(visit, second, "cesena", by=cesena_staff)

    assert refused.value.message_dict == {"user": ["City of Cesena has used all its 1 places."]}
    assert Participant.objects.count() == 1


def test_the_places_are_counted_per_city(visit, cesena_staff, riga_staff, volunteer):
    change_details(visit, capacity=1)
    nominate(visit, volunteer, "cesena", by=cesena_staff)

    nominate(visit, riga_staff, "riga", by=riga_staff)

    assert sorted(visit.participants.values_list("organisation__key", flat=True)) == ["cesena", "riga"]


def test_a_declined_participant_frees_the_place(visit, cesena_staff, volunteer):
    change_details(visit, capacity=1)
    answer_nomination(nominate(visit, volunteer, "cesena", by=cesena_staff), confirm=False)
    second = make_member("second", "cesena", Role.VOLUNTEER)

    nominate(visit, second, "cesena", by=cesena_staff)

    assert sorted(visit.participants.values_list("user__username", "status")) == [
        ("second", ParticipantStatus.NOMINATED),
        ("volunteer", ParticipantStatus.DECLINED),
    ]


def test_a_declined_participant_cannot_confirm_once_the_place_is_taken(visit, cesena_staff, volunteer):
    change_details(visit, capacity=1)
    declined = answer_nomination(nominate(visit, volunteer, "cesena", by=cesena_staff), confirm=False)
    second = make_member("second", "cesena", Role.VOLUNTEER)
    nominate(visit, second, "cesena", by=cesena_staff)

    with pytest.raises(ValidationError):
        answer_nomination(declined, confirm=True)

    declined.refresh_from_db()
    assert declined.status == ParticipantStatus.DECLINED


def test_a_city_outside_the_community_cannot_nominate(visit, coordinator):
    turin_volunteer = make_member("turin-volunteer", "turin", Role.VOLUNTEER)

    with pytest.raises(ValidationError) as refused:
        nominate(visit, turin_volunteer, "turin", by=coordinator)

    assert refused.value.message_dict == {"organisation": ["City of Turin does not take part in this activity."]}
    assert Participant.objects.count() == 0


def test_every_city_of_the_community_may_nominate_to_a_visit(visit, coordinator):
    cities = sorted(visit.community.members.values_list("organisation__key", flat=True))

    for key in cities:
        nominate(visit, make_member(f"{key}-volunteer", key, Role.VOLUNTEER), key, by=coordinator)

    assert sorted(visit.participants.values_list("organisation__key", flat=True)) == cities
    assert len(cities) == 4


def test_the_guest_city_nominates_to_an_exchange(exchange, coordinator):
    guest = exchange.guest.key

    nominate(exchange, make_member("guest-volunteer", guest, Role.VOLUNTEER), guest, by=coordinator)

    assert list(exchange.participants.values_list("organisation__key", flat=True)) == [guest]


def test_a_community_city_outside_the_pair_cannot_nominate_to_an_exchange(exchange, coordinator):
    outsider = (
        exchange.pair.community.members.exclude(organisation__in=[exchange.host, exchange.guest])
        .select_related("organisation")
        .first()
        .organisation
    )

    with pytest.raises(ValidationError) as refused:
        nominate(exchange, make_member("outsider", outsider.key, Role.VOLUNTEER), outsider.key, by=coordinator)

    assert refused.value.message_dict == {"organisation": [f"{outsider} does not take part in this activity."]}
    assert Participant.objects.count() == 0


def test_a_person_who_is_not_a_member_of_the_city_is_refused(visit, cesena_staff, riga_staff):
    riga_staff.first_name, riga_staff.last_name = "Ilze", "Ozola"
    riga_staff.save()

    with pytest.raises(ValidationError) as refused:
        nominate(visit, riga_staff, "cesena", by=cesena_staff)

    assert refused.value.message_dict == {"user": ["Ilze Ozola is not a member of City of Cesena."]}
    assert Participant.objects.count() == 0


def test_nominating_the_same_person_twice_is_refused(visit, cesena_staff, volunteer):
    nominate(visit, volunteer, "cesena", by=cesena_staff)

    with pytest.raises(ValidationError) as refused:
        nominate(visit, volunteer, "cesena", by=cesena_staff)

    assert refused.value.message_dict == {"user": ["Unnamed person is already nominated."]}
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    ("confirm", "status"), [(True, ParticipantStatus.CONFIRMED), (False, ParticipantStatus.DECLINED)]
)
def test_a_participant_confirms_or_declines(visit, cesena_staff, volunteer, confirm, status):
    participant = nominate(visit, volunteer, "cesena", by=cesena_staff)

    answer_nomination(participant, confirm=confirm)

    participant.refresh_from_db()
    assert participant.status == status


# -- attendance and minutes ---------------------------------------------------------------------
def test_attendance_marks_the_present_and_every_other_participant_absent(visit, cesena_staff, riga_staff, volunteer):
    present = nominate(visit, volunteer, "cesena", by=cesena_staff)
    absent = nominate(visit, cesena_staff, "cesena", by=cesena_staff)
    elsewhere = nominate(Visit.objects.get(host__key="riga"), riga_staff, "riga", by=riga_staff)

    record_attendance(visit, present={present.pk})

    assert dict(Participant.objects.values_list("pk", "attended")) == {
        present.pk: True,
        absent.pk: False,
        elsewhere.pk: None,
    }


def test_attendance_naming_another_activitys_participant_is_refused_and_changes_nothing(
    visit, cesena_staff, riga_staff, volunteer
):
    present = nominate(visit, volunteer, "cesena", by=cesena_staff)
    elsewhere = nominate(Visit.objects.get(host__key="riga"), riga_staff, "riga", by=riga_staff)

    with pytest.raises(ValidationError) as refused:
        record_attendance(visit, present={present.pk, elsewhere.pk, 99999999999999999999})

    assert refused.value.message_dict == {
        "present": [f"Not a participant of this activity: {elsewhere.pk}, 99999999999999999999."]
    }
    assert dict(Participant.objects.values_list("pk", "attended")) == {present.pk: None, elsewhere.pk: None}


def test_attendance_recorded_again_replaces_the_first(visit, cesena_staff, volunteer):
    first = nominate(visit, volunteer, "cesena", by=cesena_staff)
    second = nominate(visit, cesena_staff, "cesena", by=cesena_staff)
    record_attendance(visit, present={first.pk})

    record_attendance(visit, present={second.pk})

    assert dict(Participant.objects.values_list("pk", "attended")) == {first.pk: False, second.pk: True}


def test_minutes_and_outcomes_are_recorded(visit):
    record_minutes(visit, minutes="We met the volunteers.", outcomes="A volunteer card.")

    visit.refresh_from_db()
    assert (visit.minutes, visit.outcomes) == ("We met the volunteers.", "A volunteer card.")
