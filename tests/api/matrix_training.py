"""The API permission matrix's rows for training (joined in tests/api/matrix.py), as the web matrix's TRAINING_ROWS:
the sessions are public; the coordinator and partner city staff plan them (their own organisation's), and whoever
changes a session (its city's staff, the coordinator) translates it, reads its seats and records attendance; a
person with a role but a volunteer's takes a place in a session open to staff. The world's session is Cesena's,
for everyone, on 2 March 2020 with the world's volunteer in a place: over, so that a place taken or given back is
refused by its state (409) and attendance is recorded."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.db import connection

from tests.api.matrix_base import PREFIX, PUBLIC, Row, Secret, code, only
from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, EXPERT, LEADER, OUTSIDER, RIGA, World
from values.core.text import translation_fingerprint
from values.network.models import Organisation
from values.volunteering.models import TrainingSession
from values.volunteering.training import save_training_session, take_seat, training_texts

TRAINING_TITLE = "Matrix training: welcoming newcomers"  # the web matrix's session
SEAT_HOLDER = "Matrix Volunteer"  # the world's volunteer, in a place: their name is for who changes the session
ORGANISERS = (CESENA, RIGA, OUTSIDER, COORDINATOR)
EDITORS = (CESENA, COORDINATOR)
STAFF_SEATS = (LEADER, CITY_LEADER, EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)
PLANS_FOR = {CESENA: "cesena", RIGA: "riga", OUTSIDER: "madrid", COORDINATOR: "cesena"}


@contextmanager
def unwatched() -> Iterator[None]:
    """The matrix computes a row's address inside its watch on the request's writes: the world's session, made
    then, is the world's (rolled back with the request), not a write of the request's."""
    watching = list(connection.execute_wrappers)
    connection.execute_wrappers.clear()
    try:
        yield
    finally:
        connection.execute_wrappers[:] = watching


def training_session(w: World) -> TrainingSession:
    """Cesena's session for everyone on 2 March 2020, 18:00–20:00 in Rome, 10 places, the world's volunteer in one
    (made for the test that asks, inside its transaction)."""
    session = TrainingSession.objects.filter(programme=w.programme, title__en=TRAINING_TITLE).first()
    if session is not None:
        return session
    with unwatched():
        rome = ZoneInfo("Europe/Rome")
        session = save_training_session(
            w.programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
            title=TRAINING_TITLE, starts_at=datetime(2020, 3, 2, 18, tzinfo=rome),
            ends_at=datetime(2020, 3, 2, 20, tzinfo=rome), places=10,
        )  # fmt: skip
        take_seat(session, volunteer=w.volunteer, now=datetime(2020, 3, 1, tzinfo=UTC))
    return session


def training(w: World) -> dict:
    return code(w) | {"training_id": training_session(w).pk}


def plan(w: World, identity: str) -> dict:
    return {"organisation": PLANS_FOR.get(identity, "cesena"), "original_language": "en", "title": "Matrix plan",
            "starts_at": "2020-03-09T17:00:00Z", "ends_at": "2020-03-09T19:00:00Z", "places": 12}  # fmt: skip


def italian(w: World, identity: str) -> dict:
    return {"title": "Formazione della matrice"}


def translation_version(w: World) -> dict:
    session = training_session(w)
    seen = translation_fingerprint(training_texts(session), original=session.original_language, language="it")
    return {"If-Match": f'"{seen}"'}


def attended(w: World, identity: str) -> dict:
    return {"seats": [{"id": training_session(w).seats.get().pk, "attended": True}]}


HOLDER = Secret(lambda w: SEAT_HOLDER, EDITORS)
TRAINING = f"{PREFIX}/training/{{training_id}}/"
# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/training/", PUBLIC, at=code, secrets=(HOLDER,)),
    Row(f"GET {TRAINING}", PUBLIC, at=training, secrets=(HOLDER,)),
    Row(f"POST {PREFIX}/training/", only(*ORGANISERS, ok=201), at=code, body=plan),
    Row(f"PUT {TRAINING}", only(*EDITORS), at=training, body=plan),
    Row(f"GET {TRAINING}translations/{{language}}/", PUBLIC, at=lambda w: training(w) | {"language": "it"}),
    Row(f"PUT {TRAINING}translations/{{language}}/", only(*EDITORS), at=lambda w: training(w) | {"language": "it"},
        body=italian, headers=translation_version),
    # Over already: a place is neither taken nor given back (the web's 400 with its reason).
    Row(f"POST {TRAINING}seat/", only(*STAFF_SEATS, ok=409), at=training),
    Row(f"DELETE {TRAINING}seat/", only(*STAFF_SEATS, ok=409), at=training),
    Row(f"GET {TRAINING}seats/", only(*EDITORS), at=training, secrets=(HOLDER,)),
    Row(f"PUT {TRAINING}attendance/", only(*EDITORS), at=training, body=attended),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"training_id": training_session(w).pk}
