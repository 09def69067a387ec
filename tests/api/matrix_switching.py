"""The API permission matrix's rows for switching mode (joined in tests/api/matrix.py), as the web matrix's
activities_switch row: the coordinator's alone (403 to everyone else signed in, 401 to nobody). The world's
activities have all begun: the preview of its whole span keeps them all, and a switch of it changes nothing (422)
when it names the preview's version; it is 428 without one and 412 with an old one."""

from datetime import date
from urllib.parse import urlencode

from tests.api.matrix_base import PREFIX, Row, code, only
from tests.permission_world import COORDINATOR, World
from values.activities.switching import preview_switch

SWITCH = f"{PREFIX}/activities/switch/"
SPAN = {"mode": "online", "from": "2019-01-01", "to": "2021-12-31"}


def preview_of_span(w: World) -> dict:
    return code(w) | {"query": urlencode(SPAN)}  # tests/api/test_api_permission_matrix.py puts it after the path


def span(w: World, identity: str) -> dict:
    return SPAN


def current_version(w: World) -> dict:
    plan = preview_switch(w.programme, mode="online", first_day=date(2019, 1, 1), last_day=date(2021, 12, 31))
    return {"If-Match": f'"{plan.version}"'}


# fmt: off
ROWS = [
    Row(f"GET {SWITCH}", only(COORDINATOR), at=preview_of_span),
    Row(f"POST {SWITCH}", only(COORDINATOR, ok=422), at=code, body=span, headers=current_version),
    Row(f"POST {SWITCH}", only(COORDINATOR, ok=428), at=code, case="without-if-match", body=span),
    Row(f"POST {SWITCH}", only(COORDINATOR, ok=412), at=code, case="stale", body=span,
        headers=lambda w: {"If-Match": '"an-old-version"'}),
]
# fmt: on


def path_values(w: World) -> dict:
    """No path parameter but the programme's code."""
    return {}
