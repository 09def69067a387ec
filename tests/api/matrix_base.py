"""What the API permission matrix's rows are made of (tests/api/matrix.py joins the rows of each domain).

A row names its operation by its label ("GET /api/v1/…"), gives the path's arguments from the world, a body and
headers for a change, and what each identity gets: a status, where 401 is nobody (no token, or a session still
owing its second factor) asked to change anything.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.permission_world import (
    ANONYMOUS,
    CESENA,
    CITY_LEADER,
    COORDINATOR,
    IDENTITIES,
    PASSWORD_ONLY,
    World,
)

Rule = dict[str, int]
NOBODY = (ANONYMOUS, PASSWORD_ONLY)  # the API treats a session without its second factor as nobody's
PREFIX = "/api/v1/programmes/{code}"


def by(default: int, **per_identity: int) -> Rule:
    assert set(per_identity) <= set(IDENTITIES), set(per_identity) - set(IDENTITIES)
    return {identity: per_identity.get(identity, default) for identity in IDENTITIES}


def only(*who: str, ok: int = 200, no: int = 403, nobody: int = 401) -> Rule:
    """`ok` for these, `no` for the other signed-in ones, `nobody` for who sends no token."""
    return by(no) | dict.fromkeys(NOBODY, nobody) | dict.fromkeys(who, ok)


PUBLIC = by(200)
CESENA_EDITORS = (CITY_LEADER, CESENA, COORDINATOR)  # as in the web matrix: who changes Cesena's practices


@dataclass(frozen=True)
class Secret:
    text: Callable[[World], str]
    readers: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    operation: str  # the description's label: "GET /api/v1/programmes/{code}/"
    expect: Rule
    at: Callable[[World], dict] = lambda w: {}
    case: str = ""
    body: Callable[[World, str], dict] | None = None  # given the world and the identity
    headers: Callable[[World], dict] = lambda w: {}
    secrets: tuple[Secret, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.operation}[{self.case}]" if self.case else self.operation


def code(w: World) -> dict:
    return {"code": w.programme.code}
