"""The API permission matrix's rows for the volunteering operations (joined in tests/api/matrix.py)."""

ROWS: list = []
