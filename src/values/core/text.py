"""Translatable texts: a plain string, or a mapping of language code to string.

The programme file keeps either form; the database stores the same value, so an export
gives back what was loaded.
"""

from datetime import date

from django.conf import settings
from django.utils.translation import get_language

TranslatableText = str | dict[str, str]


def active_language() -> str:
    """The language code of the request or command under way ("it", not "it-ch"), English when none is active."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def pick(value: TranslatableText | None, language: str | None = None) -> str:
    """The text in `language` (default: the active one), else English, else the first given."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    wanted = (language or active_language()).split("-")[0]
    for code in (wanted, settings.LANGUAGE_CODE):
        if value.get(code):
            return value[code]
    return next((text for text in value.values() if text), "")


def quarter_label(day: date) -> str:
    """The quarter a day falls in, as the finance tables and the timeline write it: "2019-Q4"."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
