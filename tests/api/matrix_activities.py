"""The API permission matrix's rows for the activities operations (joined in tests/api/matrix.py)."""

ROWS: list = []
