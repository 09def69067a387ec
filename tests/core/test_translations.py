"""Every message of the interface has an Italian translation."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.unit

LOCALE = Path(__file__).resolve().parents[2] / "src" / "values" / "locale"


@pytest.mark.parametrize("language", ["it"])
def test_every_message_is_translated_and_none_is_fuzzy(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        catalogue = read_po(po_file)

    messages = [message for message in catalogue if message.id]
    untranslated = [
        message.id
        for message in messages
        if not all(message.string if isinstance(message.string, tuple) else [message.string])
    ]
    fuzzy = [message.id for message in messages if message.fuzzy]

    assert len(messages) > 150
    assert untranslated == []
    assert fuzzy == []
