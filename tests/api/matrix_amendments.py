"""The API permission matrix's rows for amendments (joined in tests/api/matrix.py), as the web matrix's
AMENDMENT_ROWS: the coordinator's record alone (403 to everyone else signed in, 401 to nobody). The world's
amendment is approved: deciding it again is a conflict (409); its programme files are read. A new amendment that
moves the end to the programme's month 240 (2039) is recorded (201; rolled back with the request)."""

from tests.api.matrix_base import PREFIX, Row, Secret, code, only
from tests.permission_world import AMENDMENT_REASON, COORDINATOR, World

AMENDMENT = f"{PREFIX}/amendments/{{number}}/"
REASON = (Secret(lambda w: AMENDMENT_REASON, (COORDINATOR,)),)


def amendment(w: World) -> dict:
    return code(w) | {"number": w.amendment.number}


def longer(w: World, identity: str) -> dict:
    return {"requested_on": "2020-04-01", "reason": "Matrix: more time",
            "changes": [{"kind": "duration", "months": 240}]}  # fmt: skip


def approve(w: World, identity: str) -> dict:
    return {"decision": "approve", "decided_on": "2020-04-20"}


# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/amendments/", only(COORDINATOR), at=code, secrets=REASON),
    Row(f"POST {PREFIX}/amendments/", only(COORDINATOR, ok=201), at=code, body=longer),
    Row(f"GET {AMENDMENT}", only(COORDINATOR), at=amendment, secrets=REASON),
    Row(f"POST {AMENDMENT}decision/", only(COORDINATOR, ok=409), at=amendment, body=approve),
    Row(f"GET {AMENDMENT}before.yaml", only(COORDINATOR), at=amendment),
    Row(f"GET {AMENDMENT}after.yaml", only(COORDINATOR), at=amendment),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"number": w.amendment.number}
