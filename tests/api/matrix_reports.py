"""The API permission matrix's rows for the reports operations (joined in tests/api/matrix.py)."""

ROWS: list = []
