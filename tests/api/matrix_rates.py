"""The API permission matrix's rows for rates (joined in tests/api/matrix.py), as the web matrix's exchange_rates,
subsistence_rate and budget_lines rows: the rate tables and the partners' budget lines are the coordinator's
alone (403 to everyone else signed in, 401 to nobody). A save of the budget lines names the version it was made
from: without one it is 428, with an old one 412."""

from tests.api.matrix_base import PREFIX, Row, code, only
from tests.permission_world import COORDINATOR, World
from values.finance.queries import budget_for_lines, budget_lines_of

LINES = f"{PREFIX}/budgets/{{key}}/lines/"
CESENA_LINES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}


def cesena(w: World) -> dict:
    return code(w) | {"key": "cesena"}


def italy(w: World) -> dict:
    return code(w) | {"country": "IT"}


def rates(w: World, identity: str) -> dict:
    return {"csv": "currency,month,rate\nNOK,2020-03,11.7235\n", "rows": [{"currency": "SEK", "month": "2020-03",
                                                                            "rate": "10.9475"}]}  # fmt: skip


def lines(w: World, identity: str) -> dict:
    return {"lines": CESENA_LINES, "indirect_rate": "0.07"}


def current_version(w: World) -> dict:
    return {"If-Match": f'"{budget_lines_of(budget_for_lines(w.programme, "cesena")).version}"'}


def daily_rate(w: World, identity: str) -> dict:
    return {"daily_rate": "120.00"}


# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/exchange-rates/", only(COORDINATOR), at=code),
    Row(f"POST {PREFIX}/exchange-rates/", only(COORDINATOR), at=code, body=rates),
    Row(f"GET {LINES}", only(COORDINATOR), at=cesena),
    Row(f"PUT {LINES}", only(COORDINATOR), at=cesena, body=lines, headers=current_version),
    Row(f"PUT {LINES}", only(COORDINATOR, ok=428), at=cesena, case="without-if-match", body=lines),
    Row(f"PUT {LINES}", only(COORDINATOR, ok=412), at=cesena, case="stale", body=lines,
        headers=lambda w: {"If-Match": '"an-old-version"'}),
    Row(f"GET {PREFIX}/subsistence-rates/", only(COORDINATOR), at=code),
    Row(f"PUT {PREFIX}/subsistence-rates/{{country}}/", only(COORDINATOR), at=italy, body=daily_rate),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"country": "IT"}
