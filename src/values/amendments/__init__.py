"""Amendments: a programme's recorded changes (partners replaced, budget moved, end date moved)."""
