"""The API permission matrix's rows for the reports operations (joined in tests/api/matrix.py).

As on the pages (REPORT_ROWS of tests/test_permission_matrix.py): a participant reads and writes their own report,
the coordinator reads and reviews every one; nobody else learns that a report exists (404). The world's report,
the volunteer's, is submitted: its author may no longer change it (422, the service's rule)."""

from tests.api.matrix_base import PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, RIGA, VOLUNTEER, World

READERS = (VOLUNTEER, COORDINATOR)
ANSWER = "A buddy scheme"  # the volunteer's answer, in the world's submitted report
REPORT = f"{PREFIX}/reports/{{report_id}}/"


def report(w: World) -> dict:
    return code(w) | {"report_id": w.report.pk}


def answers(w: World, identity: str) -> dict:
    return {"answers": {str(w.template.questions.get().pk): "Matrix answer"}, "submit": False}


# fmt: off
ROWS = [
    # Everyone may ask; each gets the reports they may read (none for the others).
    Row(f"GET {PREFIX}/reports/", PUBLIC, at=code, secrets=(Secret(lambda w: '"status": "submitted"', READERS),)),
    Row(f"GET {REPORT}", by(404) | dict.fromkeys(READERS, 200), at=report,
        secrets=(Secret(lambda w: ANSWER, READERS),)),
    Row(f"PUT {REPORT}", only(VOLUNTEER, ok=422, no=404) | {COORDINATOR: 403}, at=report, body=answers),
    Row(f"POST {REPORT}review/", only(COORDINATOR), at=report, body=lambda w, identity: {"decision": "accept"}),
    # Beginning one's report on Cesena's visit: its author finds the one begun (200); who sees the visit but is no
    # confirmed participant is refused; who may not see it learns nothing.
    Row(f"POST {PREFIX}/reports/",
        only(VOLUNTEER, no=404) | dict.fromkeys((CITY_LEADER, CESENA, RIGA, COORDINATOR), 403),
        at=code, body=lambda w, identity: {"activity": w.visit.pk}),
]
# fmt: on
