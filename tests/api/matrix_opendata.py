"""The API permission matrix's rows for the open data operations (joined in tests/api/matrix.py)."""

ROWS: list = []
