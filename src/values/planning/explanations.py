"""The planner's explanations in the reader's language.

The planner writes each sentence as an English template and its values (`planner.model.Explanation`); plans,
runs, communities and pairs store them as {"text": ..., "params": {...}}. `explain` puts a stored one into
words in the active language. What was stored before, as plain text, is shown as it is; a template the
catalogue lacks is shown in English, as is one whose translation its values do not fit; values missing leave
a gap (…), and values of the wrong kind leave the template as it is: an explanation never fails a page.
"""

from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from typing import Any

from django.utils.translation import gettext

from values.planner.model import Explanation


def stored(explanation: Explanation) -> dict[str, Any]:
    """The form an explanation is stored in (JSON)."""
    return asdict(explanation)


def explain(value: object) -> str:
    """A stored explanation, or a list of them (joined with "; "), in the active language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value  # stored before explanations were translatable: English as it was
    if is_dataclass(value) and not isinstance(value, type):  # an Explanation not stored yet
        return explain(asdict(value))
    if isinstance(value, Mapping):
        text, params = value.get("text"), value.get("params") or {}
        if not isinstance(text, str) or not text:  # gettext("") would give the catalogue's header
            return ""
        return _filled(gettext(text), params) or _filled(text, params) or _filled(text, _Lenient(params)) or text
    if isinstance(value, list | tuple):
        return "; ".join(part for part in (explain(item) for item in value) if part)
    return str(value)


class _Lenient(dict):
    """Values with a gap for each one the template names and the stored explanation lacks."""

    def __init__(self, params: object) -> None:
        super().__init__(params if isinstance(params, Mapping) else {})

    def __missing__(self, key: str) -> str:
        return "…"


def _filled(template: str, params: object) -> str:
    """The template with its values; empty when they do not fit it."""
    if not isinstance(params, Mapping):
        return ""
    if not params and "%" not in template:
        return template
    try:
        return template % (params if isinstance(params, _Lenient) else dict(params))
    except (KeyError, ValueError, TypeError):
        return ""
