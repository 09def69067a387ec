"""The API permission matrix's row for monitoring (joined in tests/api/matrix.py), as the web matrix's monitoring
row: for who reads budgets (experts, the partners' staff, the coordinator), each reading the spending of the
partners whose budgets they read: Cesena's approved expense makes its spending rate Cesena's staff's and the
coordinator's alone."""

from tests.api.matrix_base import PREFIX, Row, Secret, code, only
from tests.permission_world import CESENA, COORDINATOR, EXPERT, OUTSIDER, RIGA, World

BUDGET_READERS = (EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)
CESENA_SPENDING = (Secret(lambda w: "Spending rate: City of Cesena", (CESENA, COORDINATOR)),)

ROWS = [
    Row(f"GET {PREFIX}/monitoring/", only(*BUDGET_READERS), at=code, secrets=CESENA_SPENDING),
]


def path_values(w: World) -> dict:
    """No path parameter but the programme's code."""
    return {}
