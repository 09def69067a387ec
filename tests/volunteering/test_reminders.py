"""The e-mail the day before a shift: tomorrow in the city's time, once, in the volunteer's language."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from tests.volunteering.conftest import make_volunteer
from tests.volunteering.test_services import offer
from values.volunteering.bookings import cancel_shift, take_shift
from values.volunteering.models import ShiftBooking
from values.volunteering.reminders import send_shift_reminders_at
from values.volunteering.services import add_shift, publish_opportunity

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, 3, day, hour, minute, tzinfo=ROME)


@pytest.fixture
def cafe(programme):
    return publish_opportunity(offer(programme, neighbourhood="Oltresavio"), by=None)


def send(now: datetime, capture) -> int:
    with capture(execute=True):
        return send_shift_reminders_at(now)


def test_the_volunteer_is_reminded_the_day_before_and_only_once(cafe, amina, django_capture_on_commit_callbacks):
    shift = add_shift(cafe, starts_at=at(3, 18), ends_at=at(3, 20))
    take_shift(shift, volunteer=amina, now=at(1, 9))

    two_days_before = send(at(1, 10), django_capture_on_commit_callbacks)
    day_before = send(at(2, 10), django_capture_on_commit_callbacks)
    again = send(at(2, 11), django_capture_on_commit_callbacks)

    assert (two_days_before, day_before, again) == (0, 1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Tomorrow: Language café at the library at 18:00"
    assert "tomorrow, Tuesday 3 March 2020, from 18:00 to 20:00 (Europe/Rome time), in Cesena, Oltresavio." in (
        message.body
    )
    assert "http://localhost:8000/en/p/820885/volunteer/me/" in message.body
    assert ShiftBooking.objects.get().reminded_at == at(2, 10)


def test_tomorrow_is_the_citys_tomorrow(cafe, amina, django_capture_on_commit_callbacks):
    # 00:30 on 3 March in Rome is still 2 March in UTC: the reminder goes on 2 March, Rome's day before.
    shift = add_shift(cafe, starts_at=at(3, 0, 30), ends_at=at(3, 2))
    take_shift(shift, volunteer=amina, now=at(1, 9))

    on_the_first = send(at(1, 23, 50), django_capture_on_commit_callbacks)
    on_the_second = send(at(2, 0, 10), django_capture_on_commit_callbacks)

    assert (on_the_first, on_the_second) == (0, 1)


def test_the_reminder_is_in_the_volunteers_language(cafe, programme, django_capture_on_commit_callbacks):
    volunteer = make_volunteer(programme, "giulia@example.org", name="Giulia", language="it")
    take_shift(add_shift(cafe, starts_at=at(3, 18), ends_at=at(3, 20)), volunteer=volunteer, now=at(1, 9))

    send(at(2, 10), django_capture_on_commit_callbacks)

    assert "martedì 3 Marzo 2020" in mail.outbox[0].body
    assert "http://localhost:8000/it/p/820885/volunteer/me/" in mail.outbox[0].body


def test_a_cancelled_place_is_not_reminded(cafe, amina, django_capture_on_commit_callbacks):
    shift = add_shift(cafe, starts_at=at(3, 18), ends_at=at(3, 20))
    take_shift(shift, volunteer=amina, now=at(1, 9))
    cancel_shift(shift, volunteer=amina, now=at(1, 10))

    sent = send(at(2, 10), django_capture_on_commit_callbacks)

    assert (sent, len(mail.outbox)) == (0, 0)


def test_the_task_sends_the_reminders_due_now(cafe, amina, django_capture_on_commit_callbacks):
    from values.volunteering.tasks import send_shift_reminders

    with django_capture_on_commit_callbacks(execute=True):
        result = send_shift_reminders.enqueue()

    assert result.return_value == 0  # nothing is due today: the programme's shifts were in 2020
