"""Hours: a volunteer logs them (every refusal with its field, nothing saved), the organisation approves, corrects
or rejects them, and a decided entry stays as decided."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_services import offer
from values.volunteering.bookings import take_shift
from values.volunteering.enums import CommitmentStatus
from values.volunteering.hours import decide_hours, log_hours, remove_hours
from values.volunteering.models import Commitment, HoursEntry, Opportunity
from values.volunteering.services import add_shift, publish_opportunity

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2020, 4, 1, 12, tzinfo=ROME)
BASE = "/en/p/820885/volunteer/"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, month, day, hour, minute, tzinfo=ROME)


@pytest.fixture
def role(programme, amina) -> Opportunity:
    """Cesena's published volunteer role (1 March – 30 June 2020), which Amina was accepted in."""
    opportunity = publish_opportunity(offer(programme, kind="volunteer_role"), by=None)
    Commitment.objects.create(volunteer=amina, opportunity=opportunity, status=CommitmentStatus.ACCEPTED)
    return opportunity


def log(opportunity, volunteer, starts_at, ends_at, **more) -> HoursEntry:
    return log_hours(opportunity, volunteer=volunteer, starts_at=starts_at, ends_at=ends_at, now=NOW, **more)


def refused_fields(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_logged_hours_keep_their_minutes_and_wait_for_approval(role, amina):
    entry = log(role, amina, at(3, 10, 9, 15), at(3, 10, 11, 45), note="  Sorted the library's books  ")

    entry.refresh_from_db()
    assert (entry.minutes, entry.status, entry.approved_minutes) == (150, "logged", None)
    assert entry.note == "Sorted the library's books"


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field", "message"),
    [
        (at(3, 10, 11), at(3, 10, 11), "ends", "Until: the time ends after it starts."),
        (at(3, 10, 11), at(3, 10, 9), "ends", "Until: the time ends after it starts."),
        (at(3, 10, 6), at(3, 10, 22, 1), "ends", "Until: at most 16 hours at once."),
        (at(4, 1, 11), at(4, 1, 12, 30), "day", "Day: hours are logged once they are given, not in advance."),
        (at(2, 28, 9), at(2, 28, 11), "day", "Day: within the opportunity's dates, from 2020-03-01 to 2020-06-30."),
    ],
)
def test_hours_that_cannot_have_been_given_are_refused(role, amina, starts_at, ends_at, field, message):
    problems = refused_fields(lambda: log(role, amina, starts_at, ends_at))

    assert problems == {field: [message]}
    assert HoursEntry.objects.count() == 0


def test_sixteen_hours_at_once_are_accepted(role, amina):
    assert log(role, amina, at(3, 10, 6), at(3, 10, 22)).minutes == 960


def test_hours_overlapping_an_entry_are_refused_unless_it_was_rejected(role, amina):
    first = log(role, amina, at(3, 10, 9), at(3, 10, 12))

    problems = refused_fields(lambda: log(role, amina, at(3, 10, 11), at(3, 10, 13)))
    decide_hours(first, decision="reject", seen_status="logged", by=None)
    again = log(role, amina, at(3, 10, 11), at(3, 10, 13))

    assert problems == {"starts": ["From: you already logged hours at that time (2020-03-10 09:00)."]}
    assert again.minutes == 120


def test_only_an_accepted_volunteer_logs_hours(programme, role):
    omar = make_volunteer(programme, "omar@example.org")
    Commitment.objects.create(volunteer=omar, opportunity=role, status=CommitmentStatus.APPLIED)

    problems = refused_fields(lambda: log(role, omar, at(3, 10, 9), at(3, 10, 12)))

    assert problems == {"opportunity": ["Opportunity: you log hours once the organisation accepted you."]}
    assert HoursEntry.objects.count() == 0


def test_a_shift_named_must_be_one_of_the_volunteers_own(programme, role, amina):
    mine = add_shift(role, starts_at=at(3, 10, 9), ends_at=at(3, 10, 12))
    theirs = add_shift(role, starts_at=at(3, 11, 9), ends_at=at(3, 11, 12))
    take_shift(mine, volunteer=amina, now=at(3, 1, 9))

    problems = refused_fields(lambda: log(role, amina, at(3, 11, 9), at(3, 11, 12), shift=theirs))
    entry = log(role, amina, at(3, 10, 9), at(3, 10, 12), shift=mine)

    assert problems == {"shift": ["Shift: one of your shifts of this opportunity, or none."]}
    assert entry.shift == mine


def test_a_note_longer_than_500_characters_is_refused(role, amina):
    problems = refused_fields(lambda: log(role, amina, at(3, 10, 9), at(3, 10, 12), note="x" * 501))

    assert problems == {"note": ["Note: at most 500 characters."]}


# -- deciding -----------------------------------------------------------------------------------
@pytest.fixture
def entry(role, amina) -> HoursEntry:
    return log(role, amina, at(3, 10, 9), at(3, 10, 11, 30))  # 150 minutes


def test_approving_approves_the_minutes_logged(entry, cesena_staff):
    decide_hours(entry, decision="approve", seen_status="logged", by=cesena_staff, now=NOW)

    entry.refresh_from_db()
    assert (entry.status, entry.approved_minutes, entry.decided_by, entry.decided_at) == (
        "approved", 150, cesena_staff, NOW
    )  # fmt: skip


def test_a_correction_up_to_the_minutes_logged_needs_no_note_and_more_needs_one(entry):
    fewer = decide_hours(entry, decision="correct", approved_minutes=120, seen_status="logged", by=None)
    problems = refused_fields(
        lambda: decide_hours(entry, decision="correct", approved_minutes=180, seen_status="approved", by=None)
    )
    more = decide_hours(
        entry, decision="correct", approved_minutes=180, decision_note="Stayed to close up", seen_status="approved",
        by=None,
    )  # fmt: skip

    assert (fewer.status, fewer.approved_minutes) == ("approved", 120)
    assert (more.status, more.approved_minutes) == ("approved", 180)
    assert problems == {"decision_note": ["Note: say why more minutes are approved than were logged (150)."]}
    entry.refresh_from_db()
    assert (entry.approved_minutes, entry.decision_note) == (180, "Stayed to close up")


@pytest.mark.parametrize("minutes", [-1, 961, None, "90", True])
def test_a_correction_to_an_impossible_number_of_minutes_is_refused(entry, minutes):
    problems = refused_fields(
        lambda: decide_hours(entry, decision="correct", approved_minutes=minutes, decision_note="x",
                             seen_status="logged", by=None)
    )  # fmt: skip

    assert problems == {"approved_minutes": ["Minutes approved: a whole number from 0 to 960."]}
    entry.refresh_from_db()
    assert (entry.status, entry.approved_minutes) == ("logged", None)


def test_a_decision_on_hours_someone_else_decided_meanwhile_is_refused(entry, cesena_staff, coordinator):
    decide_hours(entry, decision="reject", seen_status="logged", by=coordinator)

    problems = refused_fields(lambda: decide_hours(entry, decision="approve", seen_status="logged", by=cesena_staff))

    assert problems == {"decision": ["Someone else decided these hours meanwhile: see their decision."]}
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == ("rejected", coordinator)


def test_the_volunteer_takes_back_undecided_hours_only(entry, role, amina):
    decided = log(role, amina, at(3, 11, 9), at(3, 11, 10))
    decide_hours(decided, decision="approve", seen_status="logged", by=None)

    remove_hours(entry, volunteer=amina)
    problems = refused_fields(lambda: remove_hours(decided, volunteer=amina))

    assert problems == {"entry": ["Entry: the organisation has decided it; it is no longer changed."]}
    assert list(HoursEntry.objects.values_list("pk", flat=True)) == [decided.pk]


def test_another_volunteers_hours_are_not_taken_back(programme, entry):
    omar = make_volunteer(programme, "omar@example.org")

    problems = refused_fields(lambda: remove_hours(entry, volunteer=omar))

    assert problems == {"entry": ["Entry: one of your own."]}
    assert HoursEntry.objects.count() == 1


# -- the pages ----------------------------------------------------------------------------------
def test_the_form_takes_a_day_and_times_in_the_citys_time(client, role, amina):
    speak_as(client, amina)

    response = client.post(
        f"{BASE}{role.pk}/hours/log/", {"day": "2020-03-30", "starts": "18:00", "ends": "20:30", "note": "Café"}
    )

    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert (entry.starts_at.isoformat(), entry.minutes) == ("2020-03-30T16:00:00+00:00", 150)  # summer time


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"day": "yesterday"}, "day"),
        ({"starts": "25:00"}, "starts"),
        ({"ends": "-1"}, "ends"),
        ({"shift": "99999999999999999999"}, "shift"),
        ({"day": "2020-07-01"}, "day"),
        ({"ends": "17:00"}, "ends"),
    ],
)
def test_garbage_in_the_form_answers_400_naming_the_field_and_saves_nothing(client, role, amina, changes, field):
    speak_as(client, amina)
    data = {"day": "2020-03-30", "starts": "18:00", "ends": "20:30"} | changes

    response = client.post(f"{BASE}{role.pk}/hours/log/", data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert HoursEntry.objects.count() == 0


def test_logging_hours_needs_a_current_volunteer(client, role, cesena_staff):
    client.force_login(cesena_staff)

    get = client.get(f"{BASE}{role.pk}/hours/log/")
    post = client.post(f"{BASE}{role.pk}/hours/log/", {"day": "2020-03-30", "starts": "18:00", "ends": "20:30"})

    assert (get.status_code, post.status_code) == (403, 403)
    assert HoursEntry.objects.count() == 0


def test_the_volunteer_sees_and_takes_back_their_entry_on_the_page(client, entry, role, amina):
    speak_as(client, amina)

    page = client.get(f"{BASE}{role.pk}/hours/log/")
    response = client.post(f"{BASE}{role.pk}/hours/log/", {"action": "remove", "entry": str(entry.pk)})

    assert page.status_code == 200
    assert list(page.context["entries"]) == [entry]
    assert response.status_code == 302
    assert HoursEntry.objects.count() == 0


def test_the_organisation_approves_hours_on_its_page(client, entry, role, cesena_staff):
    client.force_login(cesena_staff)

    page = client.get(f"{BASE}{role.pk}/hours/")
    response = client.post(f"{BASE}{role.pk}/hours/", {"entry": entry.pk, "seen_status": "logged",
                                                      "decision": "approve"})  # fmt: skip

    assert "Amina Haddad" in page.content.decode()
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.approved_minutes, entry.decided_by) == ("approved", 150, cesena_staff)


def test_a_stale_decision_on_the_page_answers_400_and_changes_nothing(client, entry, role, cesena_staff):
    decide_hours(entry, decision="reject", seen_status="logged", by=None)
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}{role.pk}/hours/", {"entry": entry.pk, "seen_status": "logged",
                                                      "decision": "approve"})  # fmt: skip

    assert response.status_code == 400
    assert "Someone else decided these hours meanwhile" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "rejected"


def test_another_opportunitys_entry_is_refused_on_this_page(client, programme, entry, cesena_staff):
    other = publish_opportunity(offer(programme, title="Welcome walk"), by=None)
    client.force_login(cesena_staff)

    response = client.post(f"{BASE}{other.pk}/hours/", {"entry": entry.pk, "seen_status": "logged",
                                                        "decision": "approve"})  # fmt: skip

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["entry"]
    entry.refresh_from_db()
    assert entry.status == "logged"


def test_another_citys_staff_may_not_decide(client, entry, role, riga_staff):
    client.force_login(riga_staff)

    response = client.post(f"{BASE}{role.pk}/hours/", {"entry": entry.pk, "seen_status": "logged",
                                                      "decision": "approve"})  # fmt: skip

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == "logged"


def test_ends_after_midnight_are_refused_by_the_form_not_wrapped(client, role, amina):
    speak_as(client, amina)

    response = client.post(f"{BASE}{role.pk}/hours/log/", {"day": "2020-03-30", "starts": "22:00", "ends": "01:00"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"ends": ["Until: the time ends after it starts."]}
    assert HoursEntry.objects.count() == 0
