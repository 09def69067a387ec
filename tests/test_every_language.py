"""Every page of the permission matrix in every language of the interface, as a person who may read it (the
coordinator where they may): no server error, the page in that language (`<html lang dir>`), and a page that
does not serve newcomers, asked for in a newcomer's language, shown in English instead.

The browser suite (tests/test_every_page_browser.py) runs axe on every page in English; this walk catches
what a language alone can break: a translation whose placeholders do not fit, a date or number CLDR
formats differently, a right-to-left page without its direction.
"""

import re

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation

from tests.permission_world import COORDINATOR, IDENTITIES, World
from tests.test_permission_matrix import ROWS, Row, outcome, request, signed_in_client, url_of
from values.core.languages import in_language, is_right_to_left, serves_newcomers
from values.urls import programme_urlconf

pytestmark = pytest.mark.django_db
HTML_TAG = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)"')


def reader_of(row: Row) -> str | None:
    """Who reads the page: the coordinator if they may, else the first identity the page answers 200."""
    readers = [identity for identity in (COORDINATOR, *IDENTITIES) if row.get[identity] == 200]
    return readers[0] if readers else None


def serves_newcomer_languages(url: str, world: World) -> bool:
    with translation.override(settings.LANGUAGE_CODE):  # the address is the English one
        return serves_newcomers(resolve(url, urlconf=programme_urlconf(world.programme.code)).func)


def is_page(row: Row, client, world: World) -> bool:
    """A web page, not a download: a file (a toolkit's PDF, a calendar) is made in the language it was asked in
    by its own address or for its own reader, and is checked where it is made."""
    response, _body, _writes = request(client, "GET", url_of(row, world), {})
    return not isinstance(response, Exception) and response.get("Content-Type", "").startswith("text/html")


def problems_of(row: Row, language: str, client, world: World) -> list[str]:
    english = url_of(row, world)
    url = in_language(english, language)
    response, body, _writes = request(client, "GET", url, {})
    where = f"{row.label} in {language}"
    if language in settings.NEWCOMER_LANGUAGES and not serves_newcomer_languages(english, world):
        if isinstance(response, Exception) or response.status_code != 302 or response["Location"] != english:
            return [f"{where}: expected 302 → {english}, got {outcome(response)}"]
        return []
    if isinstance(response, Exception) or response.status_code != 200:
        return [f"{where}: expected 200, got {outcome(response)}"]
    found = HTML_TAG.search(body.decode("utf-8", errors="replace"))
    direction = "rtl" if is_right_to_left(language) else "ltr"
    if not found or found.groups() != (language, direction):
        return [f"{where}: <html> says {found.groups() if found else None}, not {(language, direction)}"]
    return []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_page_reads_in_every_language(language, world):
    clients: dict[str, object] = {}
    problems = []
    for row in ROWS:
        reader = reader_of(row)
        if reader is None or row.route.startswith("/"):
            continue  # nobody reads it as a page (a form's address, a download that needs a step first)
        client = clients.setdefault(reader, signed_in_client(reader, world))
        if is_page(row, client, world):
            problems += problems_of(row, language, client, world)

    assert problems == [], "\n" + "\n".join(problems)


def test_the_walk_reads_most_of_the_site():
    """A change to the matrix's expectations must not quietly empty this walk."""
    read = [row for row in ROWS if reader_of(row) is not None and not row.route.startswith("/")]

    assert len(read) > 100
