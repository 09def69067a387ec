"""Every message of the interface is translated into each partner city's language, and every message of the
public pages a newcomer meets into the newcomers' languages; no translation is fuzzy or drops a placeholder."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from django.conf import settings

pytestmark = pytest.mark.unit

LOCALE = Path(__file__).resolve().parents[2] / "src" / "values" / "locale"

# The sources of the public pages a newcomer meets (paths as the catalogues' references give them, from
# src/values): the page frame, the portal, the campaign, and the volunteer's side of volunteering.
NEWCOMER_TEMPLATES = re.compile(
    r"templates/(base\.html|core/.*|demo/sample_banner\.html|publishing/(portal|campaign|campaign_none)\.html"
    r"|volunteering/(?!(applicants|match|people|indicators|opportunity_edit|opportunity_shifts|training_edit"
    r"|training_attendance|training_fields|hours_opportunity)\.html).*)$"
)
NEWCOMER_CODE = re.compile(
    r"(core/[^/]+\.py|volunteering/(?!(matching_views|matching_forms|matchmaking|matching|matching_generator"
    r"|admin|indicator_views|panels|training_forms|shift_forms|tasks|permissions|apps|todo)\.py)[^/]+\.py)$"
)
# printf-style (%(name)s, %s, %d) and brace-style ({name}) placeholders; %% is a literal percent sign.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0\- +]?\d*(?:\.\d+)?[sdif]|%[sdif]|\{[a-z_][a-z0-9_]*\}")


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file)


def on_newcomer_page(message: Message) -> bool:
    return any(NEWCOMER_TEMPLATES.match(path) or NEWCOMER_CODE.match(path) for path, _line in message.locations)


def expected(language: str) -> list[Message]:
    messages = [message for message in catalogue(language) if message.id]
    if language in settings.NEWCOMER_LANGUAGES:
        return [message for message in messages if on_newcomer_page(message)]
    return messages


def forms_of(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    messages = expected(language)

    untranslated = [message.id for message in messages if not all(forms_of(message))]
    fuzzy = [message.id for message in messages if message.fuzzy]

    assert len(messages) > 500
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_placeholders_of_its_source(language):
    wrong = []
    for message in catalogue(language):
        sources = list(message.id) if isinstance(message.id, tuple) else [message.id]
        wanted = placeholders(sources[-1])
        for form in forms_of(message):
            # A language may fold the count into a word ("one") in its singular form, never into another.
            if form and placeholders(form) != wanted and not (placeholders(form) == [] and len(sources) > 1):
                wrong.append((message.id, form))

    assert wrong == []


def test_the_newcomers_pages_are_a_real_part_of_the_catalogue():
    """The reference rule above must keep naming files: a renamed template would silently empty the set."""
    messages = [message for message in catalogue("ar") if message.id]
    newcomer = [message for message in messages if on_newcomer_page(message)]

    assert 400 < len(newcomer) < len(messages) / 2
    assert any(message.id == "Skip to content" for message in newcomer)
    assert not any(message.id == "Match volunteers" for message in newcomer)


def test_placeholders_are_found_in_each_style():
    assert placeholders("%(count)d of %(total)s, %s and {name}; 100%% sure") == [
        "%(count)d",
        "%(total)s",
        "%s",
        "{name}",
    ]
