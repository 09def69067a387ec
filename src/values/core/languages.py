"""The interface's languages: which pages each serves, their names from CLDR, and where a page goes when its
language does not serve it.

The partner cities' languages (settings.PARTNER_LANGUAGES) serve every page. The newcomers' languages
(settings.NEWCOMER_LANGUAGES) serve the public pages a newcomer meets, which the URL tables mark with
`newcomer_page`; any other page asked for in one of them is shown in the default language instead.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseRedirectBase
from django.utils.translation import get_language

from values.core.text import active_language


def newcomer_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view as a public page a newcomer meets: it is served in the newcomers' languages too."""

    @wraps(view)
    def marked(*args, **kwargs) -> HttpResponse:
        return view(*args, **kwargs)

    marked.serves_newcomers = True  # type: ignore[attr-defined]
    return marked


def serves_newcomers(view: Callable[..., HttpResponse] | None) -> bool:
    return bool(getattr(view, "serves_newcomers", False))


def languages_of_page(view: Callable[..., HttpResponse] | None) -> list[str]:
    """The languages a page can be read in, in the switcher's order."""
    if serves_newcomers(view):
        return [*settings.PARTNER_LANGUAGES, *settings.NEWCOMER_LANGUAGES]
    return list(settings.PARTNER_LANGUAGES)


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def language_name(code: str, reader: str | None = None) -> str:
    """A language's name in the reader's language (the active one by default), or the code if CLDR knows none."""
    locale = _locale(reader or active_language())
    name = locale.languages.get(code) if locale and isinstance(code, str) else None
    return name or str(code)


def country_name(code: str, reader: str | None = None) -> str:
    """A country's name in the reader's language, from its ISO 3166 code."""
    locale = _locale(reader or active_language())
    name = locale.territories.get(code.upper()) if locale and isinstance(code, str) else None
    return name or str(code)


def own_name(code: str) -> str:
    """A language's name in itself, as a language menu shows it: "Deutsch", "العربية"."""
    locale = _locale(code)
    name = locale.get_display_name(code) if locale else None
    return (name[:1].upper() + name[1:]) if name else code


def language_choices(codes: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """Choices for a form: each code with its name in the reader's language, in that language's order."""
    return sorted(((code, language_name(code)) for code in codes), key=lambda choice: choice[1].casefold())


def long_date(day: date) -> str:
    """A date as the reader's language writes it in a sentence: "December 1, 2026", "1. Dezember 2026"."""
    return format_date(day, format="long", locale=_sentence_locale())


def date_span(start: date, end: date) -> str:
    """Two dates as the reader's language writes a span in a sentence, with what they share said once:
    "May 3 – 7, 2027", "3.–7. Mai 2027" (Babel's interval formats, in the locale of `long_date`)."""
    return format_interval(start, end, "yMMMd", locale=_sentence_locale())


def _sentence_locale() -> Locale:
    """The reader's language for dates in sentences; English (as CLDR's "en" writes it) where CLDR has none."""
    return _locale(active_language()) or Locale.parse("en")


def is_right_to_left(code: str) -> bool:
    locale = _locale(code)
    return bool(locale and locale.text_direction == "rtl")


# A programme file may name a macrolanguage where the interface has one written standard of it.
MACROLANGUAGES = {"no": "nb"}


def interface_language(code: object) -> str | None:
    """A supported interface language for a code a person or a file gave ("de-AT" → "de"), or None."""
    if not isinstance(code, str):
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    base = MACROLANGUAGES.get(base, base)
    return base if base in dict(settings.LANGUAGES) else None


def in_language(path: str, code: str) -> str:
    """The same address in another interface language: "/it/p/820885/?x=1" → "/de/p/820885/?x=1". An address
    without a language prefix is left as it is."""
    first, slash, rest = path.lstrip("/").partition("/")
    if path.startswith("/") and slash and first in dict(settings.LANGUAGES):
        return f"/{code}/{rest}"
    return path


class NewcomerLanguagesMiddleware:
    """A page that does not serve the newcomers' languages, asked for in one of them, is shown in the
    default language: a staff page half in Tigrinya and half in English would serve nobody."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        language = get_language()
        if language not in settings.NEWCOMER_LANGUAGES or serves_newcomers(view):
            return None
        if not request.path.startswith(f"/{language}/"):
            return None
        target = in_language(request.get_full_path(), settings.LANGUAGE_CODE)
        # A form sent from a newcomer's page (signing out) must arrive: 307 keeps its method and body.
        return HttpResponseRedirect(target) if request.method in ("GET", "HEAD") else TemporaryRedirect(target)


class TemporaryRedirect(HttpResponseRedirectBase):
    status_code = 307
