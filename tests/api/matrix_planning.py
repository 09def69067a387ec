"""The API permission matrix's rows for planning (joined in tests/api/matrix.py), as the web matrix's plan_start,
plan_run, plan_accept, plan_rule_add and plan_rule_remove rows: the planner is the coordinator's alone (403 to
everyone else signed in, 401 to nobody). The world's run is the accepted plan, whose visits and exchanges are in
use (an agenda, participants, an expense): accepting it again is refused, 409 (the page redirects with the same
message). Starting a run is refused for the world's rule of an unknown kind (below)."""

from tests.api.matrix_base import PREFIX, Row, code, only
from tests.permission_world import COORDINATOR, World

RULE = f"{PREFIX}/plan-rules/{{rule_id}}/"
RUN = f"{PREFIX}/plan-runs/{{run_id}}/"


def rule(w: World) -> dict:
    return code(w) | {"rule_id": w.rule.pk}


def run(w: World) -> dict:
    return code(w) | {"run_id": w.run.pk}


def apart(w: World, identity: str) -> dict:
    return {"kind": "apart", "city": "cesena", "other_city": "riga"}


def quick_run(w: World, identity: str) -> dict:
    return {"seed": 1, "time_limit": 5}  # queued when the request's transaction commits: the matrix's never does


# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/plan-rules/", only(COORDINATOR), at=code),
    Row(f"POST {PREFIX}/plan-rules/", only(COORDINATOR, ok=201), at=code, body=apart),
    Row(f"DELETE {RULE}", only(COORDINATOR, ok=204), at=rule),
    Row(f"GET {PREFIX}/plan-runs/", only(COORDINATOR), at=code),
    Row(f"POST {PREFIX}/plan-runs/", only(COORDINATOR, ok=202), at=code, body=quick_run),
    Row(f"GET {RUN}", only(COORDINATOR), at=run),
    Row(f"POST {RUN}accept/", only(COORDINATOR, ok=409), at=run),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"rule_id": w.rule.pk, "run_id": w.run.pk}
