"""Two people add a session to the same agenda at the same moment, each from the version they read, each through
their own database connection: exactly one is saved, the other is told the agenda changed (PostgreSQL, where the
two really run at once; SQLite's write lock serialises whole transactions)."""

import threading
from datetime import datetime, time

import pytest
from django.db import connection, connections

from values.activities.enums import SessionKind
from values.activities.models import Session, Visit
from values.activities.services import agenda_version, save_session
from values.core.versions import StaleVersion

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL"),
]


def add_at_once(visit: Visit, hours: list[int], version: str) -> list[str]:
    """Each adds an hour's session from `version`, in their own thread (and connection), all released together."""
    start = threading.Barrier(len(hours))
    outcomes: list[str] = []

    def add(hour: int) -> None:
        starts = datetime.combine(visit.start, time(hour), tzinfo=visit.time_zone)
        try:
            start.wait()
            save_session(visit, kind=SessionKind.WORKSHOP, title=f"At {hour}", starts_at=starts,
                         ends_at=starts.replace(hour=hour + 1), version=version)  # fmt: skip
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("stale")
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=add, args=(hour,)) for hour in hours]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_sessions_added_at_once_from_the_same_version_one_is_saved(cesena_visit):
    read = agenda_version(cesena_visit)

    outcomes = add_at_once(cesena_visit, [9, 14], read)

    assert sorted(outcomes) == ["saved", "stale"]
    assert Session.objects.filter(activity=cesena_visit).count() == 1
