"""Two people take the last place of a shift at the same moment, each through their own database connection:
exactly one gets it, the other is told that every place is taken (PostgreSQL, where the two really run at once;
SQLite's write lock serialises whole transactions)."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.volunteering.conftest import make_volunteer
from tests.volunteering.test_services import offer
from values.volunteering.bookings import take_shift
from values.volunteering.models import Shift, ShiftBooking
from values.volunteering.services import add_shift, publish_opportunity

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL"),
]
ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2020, 3, 1, 12, tzinfo=ROME)


def take_at_once(shift: Shift, volunteers) -> list[str]:
    """Each volunteer takes `shift` in their own thread (and connection), all released together."""
    start = threading.Barrier(len(volunteers))
    outcomes: list[str] = []

    def take(volunteer) -> None:
        try:
            start.wait()
            take_shift(shift, volunteer=volunteer, now=NOW)
            outcomes.append("taken")
        except ValidationError as refused:
            outcomes.append(refused.message_dict["shift"][0])
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=take, args=(volunteer,)) for volunteer in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("attempt", range(3))
def test_two_people_taking_the_last_place_at_once_one_gets_it(programme, attempt):
    opportunity = publish_opportunity(offer(programme), by=None)
    start = datetime(2020, 3, 2, 18, tzinfo=ROME)
    shift = add_shift(opportunity, starts_at=start, ends_at=start + timedelta(hours=2), places=2)
    take_shift(shift, volunteer=make_volunteer(programme, "first@example.org"), now=NOW)
    volunteers = [make_volunteer(programme, f"racer{n}@example.org", name=f"Racer {n}") for n in range(2)]

    outcomes = take_at_once(shift, volunteers)

    assert sorted(outcomes) == ["Every place on this shift is taken.", "taken"]
    assert ShiftBooking.objects.filter(shift=shift, status="confirmed").count() == 2
