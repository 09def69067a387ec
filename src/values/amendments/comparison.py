"""Two programme files side by side, line against line, the unchanged stretches folded. Pure Python."""

import difflib
from dataclasses import dataclass

CONTEXT = 3  # unchanged lines shown around a change, as `diff -u` does


@dataclass(frozen=True)
class Row:
    """One line of each side (None where that side has none); `kind` is "same", "changed", "removed", "added" or
    "folded" (a stretch of `folded` unchanged lines not shown)."""

    kind: str
    before: tuple[int, str] | None = None  # (line number, text)
    after: tuple[int, str] | None = None
    folded: int = 0


def side_by_side(before: str, after: str) -> list[Row]:
    old, new = before.splitlines(), after.splitlines()
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            rows += _unchanged(old, a1, a2, b1, first=not rows, last=a2 == len(old))
            continue
        for offset in range(max(a2 - a1, b2 - b1)):
            left = (a1 + offset + 1, old[a1 + offset]) if a1 + offset < a2 else None
            right = (b1 + offset + 1, new[b1 + offset]) if b1 + offset < b2 else None
            kind = "changed" if left and right else "removed" if left else "added"
            rows.append(Row(kind, left, right))
    return rows


def _unchanged(old: list[str], a1: int, a2: int, b1: int, *, first: bool, last: bool) -> list[Row]:
    """An unchanged stretch: whole when short, else its edges next to the changes and a fold between them."""
    lines = [Row("same", (a1 + i + 1, old[a1 + i]), (b1 + i + 1, old[a1 + i])) for i in range(a2 - a1)]
    head = 0 if first else CONTEXT
    tail = 0 if last else CONTEXT
    if len(lines) <= head + tail + 1:
        return lines
    return [*lines[:head], Row("folded", folded=len(lines) - head - tail), *lines[len(lines) - tail :]]
