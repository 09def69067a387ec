"""Cells bound for a spreadsheet: a user's text is always shown as text, never run as a formula.

A spreadsheet program evaluates a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return (and some also the full-width `＝＋－＠`): `=HYPERLINK(...)` becomes a live link and
`=cmd|' /C calc'!A0` a command (OWASP, "CSV injection"). The rule, for every cell we write:

- CSV: a text starting with one of those characters gets a leading `'`, which spreadsheet programs
  take as "this is text". So that the `'` can be told apart from a text's own, a text that starts
  with `'` gets one more. Reading a CSV cell (`from_csv_cell`) removes exactly one leading `'` from
  every text, which gives back every text exactly: export, import and export again give the same bytes.
  Numbers and dates (int, Decimal, date) are not texts and stay as they are: -12.00 is an amount.
- XLSX (openpyxl): a text is stored as a string cell (`append_xlsx_row`), which no program evaluates,
  so it keeps its exact characters; openpyxl would otherwise store a text starting with `=` as a
  formula and one like `#N/A` as an error. A text that starts with a formula character also gets
  Excel's quote prefix (the `'` a user types), so that editing the cell does not turn it into a formula.

No Django here: the rule is tested on its own.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUOTE = "'"
# openpyxl refuses the control characters XML 1.0 cannot hold (all below U+0020 but tab, newline and CR).
NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"


def to_csv_cell(value: Any) -> Any:
    """The value as a CSV cell shows it: a text that a spreadsheet would evaluate (or that starts with `'`)
    gets a leading `'`; anything else (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def to_csv_row(values: Iterable[Any]) -> list[Any]:
    return [to_csv_cell(value) for value in values]


def from_csv_cell(text: str) -> str:
    """The text that `to_csv_cell` wrote: one leading `'` fewer."""
    if text.startswith(QUOTE):
        return text[1:]
    return text


def append_xlsx_row(sheet: Any, values: Sequence[Any]) -> tuple[Any, ...]:
    """Append `values` to an openpyxl worksheet, every text as a string cell; returns the row's cells.

    A control character that XLSX cannot store becomes U+FFFD rather than failing the whole workbook."""
    sheet.append([NOT_IN_XLSX.sub(REPLACEMENT, value) if isinstance(value, str) else value for value in values])
    if not values:
        return ()
    cells = tuple(sheet.cell(row=sheet.max_row, column=column) for column in range(1, len(values) + 1))
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
    return cells
