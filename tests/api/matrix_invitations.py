"""The API permission matrix's rows for invitations (joined in tests/api/matrix.py), by the web matrix's `nominate`
rows (tests/test_permission_matrix.py): each taking-part city's staff invite people for their own city, the
coordinator for any; who sees the activity only is refused (403), who may not see it learns nothing (404)."""

from tests.api.matrix_activities import (
    EXCHANGE_NOMINATORS,
    EXCHANGE_VIEWERS,
    VISIT_NOMINATORS,
    VISIT_VIEWERS,
    changed_by,
    exchange,
    visit,
)
from tests.api.matrix_base import PREFIX, Row
from tests.permission_world import RIGA, World

INVITATIONS = f"{PREFIX}/activities/{{activity_id}}/invitations/"


def newcomer(w: World, identity: str) -> dict:
    """Someone with no account, for the caller's own city (Riga's staff invite for Riga, the others for Cesena)."""
    return {"name": "Matrix Newcomer", "email": "matrix-newcomer@example.org", "role": "volunteer_leader",
            "organisation": "riga" if identity == RIGA else "cesena"}  # fmt: skip


# fmt: off
ROWS = [
    Row(f"POST {INVITATIONS}", changed_by(VISIT_NOMINATORS, VISIT_VIEWERS, ok=201), at=visit, case="visit",
        body=newcomer),
    Row(f"POST {INVITATIONS}", changed_by(EXCHANGE_NOMINATORS, EXCHANGE_VIEWERS, ok=201), at=exchange,
        case="exchange", body=newcomer),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {}
