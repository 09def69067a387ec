"""The API permission matrix's rows for volunteers (joined in tests/api/matrix.py)."""

from tests.permission_world import World

ROWS: list = []


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {}
