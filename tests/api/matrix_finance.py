"""The API permission matrix's rows for the finance operations (joined in tests/api/matrix.py)."""

ROWS: list = []
