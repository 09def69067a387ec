"""No template shows a word to its reader outside the catalogue: every text between tags, and every alt, title,
aria-label, placeholder and label attribute, is in `{% translate %}` or `{% blocktranslate %}` (or comes from a
variable). Names that are the same in every language (VALUES, CSV, PDF...) and `<code>` are exempt."""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

pytestmark = pytest.mark.unit

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "values"
WORD = re.compile(r"[^\W\d_]{2,}")
SAME_IN_EVERY_LANGUAGE = {"VALUES", "CSV", "PDF", "ICS", "SVG", "PNG", "JSON", "ZIP", "XLSX", "AMIF", "EU", "km"}
READ_ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder|label)="([^"]*)"')
HIDDEN = re.compile(r"<(script|style|code)\b.*?</\1>", re.S)
TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;")
OPENING = ("blocktranslate", "blocktrans", "comment")
CLOSING = ("endblocktranslate", "endblocktrans", "endcomment")


def visible_text(source: str) -> tuple[str, list[int]]:
    """The template as its reader would see it with every variable and tag shown as "0", and the translated
    parts left out; beside it, the template's line of each character."""
    depth, text, lines = 0, [], []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            depth += (name in OPENING) - (name in CLOSING)
            piece = "0"
        elif token.token_type == TokenType.VAR:
            piece = "0"
        elif token.token_type == TokenType.TEXT and not depth:
            piece = token.contents
        else:
            continue
        text.append(piece)
        line = token.lineno
        for character in piece:
            lines.append(line)
            line += character == "\n"
    return "".join(text), lines


def blank(pattern: re.Pattern, text: str) -> str:
    """The text with each match replaced by as many spaces, so that positions keep their lines."""
    return pattern.sub(lambda match: " " * len(match.group(0)), text)


def words_outside_the_catalogue(source: str) -> list[tuple[int, str]]:
    text, lines = visible_text(source)
    text = blank(HIDDEN, text)
    found = [
        (lines[match.start()], match.group(0))
        for match in READ_ATTRIBUTE.finditer(text)
        if set(WORD.findall(match.group(1))) - SAME_IN_EVERY_LANGUAGE
    ]
    bare = blank(TAG_OR_ENTITY, text)
    found += [(lines[m.start()], m.group(0)) for m in WORD.finditer(bare) if m.group(0) not in SAME_IN_EVERY_LANGUAGE]
    return found


def test_no_template_shows_a_word_outside_the_catalogue():
    found = [
        f"{path.relative_to(TEMPLATES)}:{line}: {word}"
        for path in sorted(TEMPLATES.glob("**/templates/**/*.html"))
        for line, word in words_outside_the_catalogue(path.read_text())
    ]

    assert found == []


def test_the_check_finds_text_and_attributes_left_outside_and_spares_the_rest():
    source = (
        '{% load i18n %}<h1>{% translate "Partners" %}</h1>\n'
        "<p>No reports.</p>\n"
        '<img src="{{ photo.url }}" alt="A photo">\n'
        "{% blocktranslate %}Shown in {{ language }}{% endblocktranslate %}\n"
        "<p>{{ name }} · VALUES · CSV</p><code>?channel=radio</code><script>let words = 1;</script>\n"
    )

    assert words_outside_the_catalogue(source) == [(3, 'alt="A photo"'), (2, "No"), (2, "reports")]
