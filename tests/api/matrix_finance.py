"""The API permission matrix's rows for the finance operations (joined in tests/api/matrix.py), as the web
matrix's FINANCE_ROWS: the coordinator, experts and partners' staff read budgets, each their own partner's
spending; Cesena's expense is its staff's and the coordinator's, and other budget readers do not learn it
exists (404); a partner's own staff submit its expenses; the coordinator decides."""

from tests.api.matrix_base import PREFIX, Row, Secret, code, only
from tests.permission_world import CESENA, COORDINATOR, EXPENSE_DESCRIPTION, EXPERT, OUTSIDER, RIGA, World

BUDGET_READERS = (EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)
EXPENSE_SUBMITTERS = (CESENA, RIGA, OUTSIDER, COORDINATOR)  # each for their own partner
HIDDEN_FROM_OTHER_READERS = dict.fromkeys((EXPERT, RIGA, OUTSIDER), 404)
CESENAS_SPENDING = only(CESENA, COORDINATOR) | HIDDEN_FROM_OTHER_READERS


def expense(w: World) -> dict:
    return code(w) | {"expense_id": w.expense.pk}


def decision(kind: str):
    return lambda w, identity: {"decision": kind, "reason": "Checked by the permission matrix"}


EXPENSE = f"{PREFIX}/expenses/{{expense_id}}/"
# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/budgets/", only(*BUDGET_READERS), at=code,
        secrets=(Secret(lambda w: '"key": "cesena"', (CESENA, COORDINATOR)),)),
    Row(f"GET {PREFIX}/budgets/{{key}}/", CESENAS_SPENDING, at=lambda w: code(w) | {"key": "cesena"}),
    Row(f"GET {PREFIX}/expenses/", only(*BUDGET_READERS), at=code,
        secrets=(Secret(lambda w: EXPENSE_DESCRIPTION, (CESENA, COORDINATOR)),)),
    Row(f"GET {EXPENSE}", CESENAS_SPENDING, at=expense),
    # An empty form: who may submit is told what is missing (422), anyone else is refused before it is read.
    Row(f"POST {PREFIX}/expenses/", only(*EXPENSE_SUBMITTERS, ok=422), at=code),
    Row(f"POST {EXPENSE}decision/", CESENAS_SPENDING | {CESENA: 403}, at=expense, case="approve",
        body=decision("approve")),
    Row(f"POST {EXPENSE}decision/", CESENAS_SPENDING | {CESENA: 403}, at=expense, case="reject",
        body=decision("reject")),
    # Only an approved expense is reversed: the coordinator is told so.
    Row(f"POST {EXPENSE}decision/", CESENAS_SPENDING | {CESENA: 403, COORDINATOR: 422}, at=expense,
        case="reverse", body=decision("reverse")),
]
# fmt: on
