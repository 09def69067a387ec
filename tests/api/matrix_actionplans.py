"""The API permission matrix's rows for the action plans operations (joined in tests/api/matrix.py)."""

ROWS: list = []
