"""Translatable texts: a plain string, or a mapping of language code to string.

The programme file keeps either form; the database stores the same value, so an export
gives back what was loaded.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


# -- translations of an organisation's texts (issue #16) -----------------------------------------
Texts = dict[str, TranslatableText]


def shown_language(value: TranslatableText | None, language: str | None = None) -> str | None:
    """The language `pick` shows `value` in (None for a plain string or nothing): what a note names."""
    if not isinstance(value, dict):
        return None
    wanted = (language or active_language()).split("-")[0]
    for code in (wanted, settings.LANGUAGE_CODE):
        if value.get(code):
            return code
    return next((code for code, text in value.items() if text), None)


def _text_in(value: TranslatableText | None, language: str) -> str:
    if isinstance(value, dict):
        return (value.get(language) or "").strip()
    return ""


def missing_fields(texts: Texts, *, original: str, language: str, required: tuple[str, ...] = ("title",)) -> list[str]:
    """The fields of `texts` (field name to language→text) not yet translated into `language`: a text counts as
    translated when its required fields and every field with text in the original have text in that language."""
    wanted = [name for name in texts if name in required or _text_in(texts[name], original)]
    return [name for name in wanted if not _text_in(texts[name], language)]


@dataclass(frozen=True)
class Untranslated:
    """A text that lacks a translation: the object, and per missing language the fields it lacks."""

    item: Any
    missing: dict[str, list[str]]


def untranslated(items: Iterable[Any], fields: tuple[str, ...], languages: Iterable[str]) -> list[Untranslated]:
    """Of `items` (each with `original_language` and the translatable `fields`), those that lack a translation
    into one of `languages`, with the missing fields per language (the original's own language is never missing)."""
    found = []
    languages = list(languages)
    for item in items:
        texts = {name: getattr(item, name) for name in fields}
        missing = {
            code: gaps
            for code in languages
            if code != item.original_language
            and (gaps := missing_fields(texts, original=item.original_language, language=code))
        }
        if missing:
            found.append(Untranslated(item, missing))
    return found


def _digest(values: list[str]) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:16]


def translation_fingerprint(texts: Texts, *, original: str, language: str) -> str:
    """What a translation page showed: a digest of the original's texts and one of the translation's in
    `language` ("*": every language but the original, for a form that names its language only when sent)."""
    names = sorted(texts)
    shown = [_text_in(texts[name], original) for name in names]
    if language == "*":
        others = sorted({code for name in names if isinstance(texts[name], dict) for code in texts[name]} - {original})
        translated = [f"{code}:{_text_in(texts[name], code)}" for code in others for name in names]
    else:
        translated = [_text_in(texts[name], language) for name in names]
    return f"{_digest(shown)}.{language}.{_digest(translated)}"


def set_translation(item, language: str, texts: dict[str, str], names: tuple[str, ...]) -> None:
    """Put the texts in `language` on `item`; an empty one is removed, so that it falls back to the original."""
    for name in names:
        value = dict(getattr(item, name) or {})
        text = texts.get(name, "").strip()
        if text:
            value[language] = text
        else:
            value.pop(language, None)
        setattr(item, name, value)


class TranslationConflict(Exception):
    """A translation sent from a page that showed other texts than those stored now: saving it would lose work."""

    def __init__(self, *, original_changed: bool, translation_changed: bool) -> None:
        self.original_changed, self.translation_changed = original_changed, translation_changed
        reasons = []
        if original_changed:
            reasons.append(_("the original texts were changed"))
        if translation_changed:
            reasons.append(_("someone else saved a translation"))
        super().__init__(
            _("Not saved: since this page was opened, %(what)s. Your text is kept below, beside the current texts.")
            % {"what": _(" and ").join(str(reason) for reason in reasons)}
        )


def check_fingerprint(seen: str | None, texts: Texts, *, original: str) -> None:
    """Refuse (TranslationConflict) a save whose page showed texts other than these; None checks nothing."""
    if seen is None:
        return
    parts = seen.split(".")
    language = parts[1] if len(parts) == 3 else "*"
    now = translation_fingerprint(texts, original=original, language=language).split(".")
    if len(parts) != 3:
        raise TranslationConflict(original_changed=True, translation_changed=True)
    if parts != now:
        raise TranslationConflict(original_changed=parts[0] != now[0], translation_changed=parts[2] != now[2])
