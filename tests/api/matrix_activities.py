"""The API permission matrix's rows for the activities operations (joined in tests/api/matrix.py), by the rules of
the web matrix's activity rows (tests/test_permission_matrix.py): who sees the visit or the exchange reads it,
its agenda and its participants; the host city's staff and the coordinator change the agenda; each taking-part
city's staff nominate their own people. Where the pages answer 403 to a signed-in person who may not see the
activity, the API answers 404, as for an id that names nothing (its list never shows it to them either)."""

from datetime import datetime, time

from tests.api.matrix_base import NOBODY, PREFIX, PUBLIC, Row, Secret, by, code
from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, RIGA, VOLUNTEER, World
from values.activities.queries import calendar_title
from values.activities.services import agenda_version

VISIT_VIEWERS = (VOLUNTEER, CITY_LEADER, CESENA, RIGA, COORDINATOR)  # Cesena's people and its community's
EXCHANGE_VIEWERS = (VOLUNTEER, CITY_LEADER, CESENA, COORDINATOR)  # Cesena receives Toulouse: no Riga
ACTIVITY_EDITORS = (CESENA, COORDINATOR)  # the host city's staff
VISIT_NOMINATORS = (CESENA, RIGA, COORDINATOR)  # each taking-part city's staff, for their own people
EXCHANGE_NOMINATORS = (CESENA, COORDINATOR)


def seen_by(*viewers: str, ok: int = 200) -> dict[str, int]:
    """`ok` for these; 404 for everybody else, nobody too: a read tells nobody that the activity exists."""
    return by(404) | dict.fromkeys(viewers, ok)


def changed_by(changers: tuple[str, ...], viewers: tuple[str, ...], ok: int = 200) -> dict[str, int]:
    """`ok` for the changers; 403 for who sees the activity only; 404 for the others; 401 for nobody."""
    return seen_by(*viewers, ok=403) | dict.fromkeys(NOBODY, 401) | dict.fromkeys(changers, ok)


def read_by(readers: tuple[str, ...], viewers: tuple[str, ...]) -> dict[str, int]:
    """200 for the readers; 403 for who sees the activity only; 404 for the others, nobody too."""
    return seen_by(*viewers, ok=403) | dict.fromkeys(readers, 200)


def visit(w: World) -> dict:
    return code(w) | {"activity_id": w.visit.pk}


def exchange(w: World) -> dict:
    return code(w) | {"activity_id": w.exchange.pk}


def session(w: World) -> dict:
    return visit(w) | {"session_id": w.session.pk}


def agenda_tag(w: World) -> dict:
    """The visit's agenda's current ETag, as a client read it just before its change."""
    return {"If-Match": f'"{agenda_version(w.visit)}"'}


def moment(w: World, hour: int) -> str:
    return datetime.combine(w.visit.start, time(hour), tzinfo=w.visit.time_zone).isoformat()


def new_session(w: World, identity: str) -> dict:
    """A session beside the world's workshop (10–11 on the visit's first day)."""
    return {"kind": "presentation", "title": "Matrix welcome", "starts_at": moment(w, 12), "ends_at": moment(w, 13)}


def moved_session(w: World, identity: str) -> dict:
    return {"kind": "workshop", "title": "Matrix workshop", "starts_at": moment(w, 14), "ends_at": moment(w, 15)}


def cesena_leader(w: World, identity: str) -> dict:
    """Cesena's volunteer leader, for Cesena: Riga's staff nominate only for Riga."""
    return {"user": w.people[CITY_LEADER].pk, "organisation": "cesena"}


def toulouse_at_cesena(w: World) -> str:
    return calendar_title(w.exchange)


ACTIVITY = f"{PREFIX}/activities/{{activity_id}}/"
AGENDA_SESSION = f"{ACTIVITY}agenda/{{session_id}}/"
NO_LOGIN = Secret(lambda w: "matrix-volunteer", ())  # the volunteer's login and e-mail: a participant is named
# fmt: off
ROWS = [
    # The calendar as the API lists it: what each may see of the programme, nothing for nobody.
    Row(f"GET {PREFIX}/activities/", PUBLIC, at=code,
        secrets=(Secret(toulouse_at_cesena, EXCHANGE_VIEWERS),)),
    Row(f"GET {ACTIVITY}", seen_by(*VISIT_VIEWERS), at=visit, case="visit"),
    Row(f"GET {ACTIVITY}", seen_by(*EXCHANGE_VIEWERS), at=exchange, case="exchange"),
    Row(f"GET {ACTIVITY}agenda/", seen_by(*VISIT_VIEWERS), at=visit, case="visit"),
    Row(f"GET {ACTIVITY}agenda/", seen_by(*EXCHANGE_VIEWERS), at=exchange, case="exchange"),
    Row(f"POST {ACTIVITY}agenda/", changed_by(ACTIVITY_EDITORS, VISIT_VIEWERS, ok=201), at=visit,
        body=new_session, headers=agenda_tag),
    Row(f"PUT {AGENDA_SESSION}", changed_by(ACTIVITY_EDITORS, VISIT_VIEWERS), at=session, body=moved_session,
        headers=agenda_tag),
    Row(f"DELETE {AGENDA_SESSION}", changed_by(ACTIVITY_EDITORS, VISIT_VIEWERS), at=session, headers=agenda_tag),
    Row(f"GET {ACTIVITY}participants/", seen_by(*VISIT_VIEWERS), at=visit, case="visit", secrets=(NO_LOGIN,)),
    Row(f"GET {ACTIVITY}participants/", seen_by(*EXCHANGE_VIEWERS), at=exchange, case="exchange",
        secrets=(NO_LOGIN,)),
    Row(f"GET {ACTIVITY}participants/candidates/", read_by(VISIT_NOMINATORS, VISIT_VIEWERS), at=visit, case="visit"),
    Row(f"GET {ACTIVITY}participants/candidates/", read_by(EXCHANGE_NOMINATORS, EXCHANGE_VIEWERS), at=exchange,
        case="exchange"),
    # Riga's staff nominate to the visit of their community, but not Cesena's people: 403 for the body's city.
    Row(f"POST {ACTIVITY}participants/", changed_by((CESENA, COORDINATOR), VISIT_VIEWERS, ok=201), at=visit,
        case="visit", body=cesena_leader),
    Row(f"POST {ACTIVITY}participants/", changed_by(EXCHANGE_NOMINATORS, EXCHANGE_VIEWERS, ok=201), at=exchange,
        case="exchange", body=cesena_leader),
]
# fmt: on
