"""A readable line diff between two texts of a section. Pure Python."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def text_diff(old: str, new: str) -> list[DiffLine]:
    """Line by line: what stayed, what was removed, what was added (in the order of the texts)."""
    lines = []
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            lines += [DiffLine("same", line) for line in matcher.a[a_start:a_end]]
            continue
        lines += [DiffLine("removed", line) for line in matcher.a[a_start:a_end]]
        lines += [DiffLine("added", line) for line in matcher.b[b_start:b_end]]
    return lines
