"""The planner's explanations, stored language-neutral, are read in the reader's language; whatever was stored,
an explanation never fails a page."""

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from values.planner.model import Explanation
from values.planning.explanations import explain, stored

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "values"
PINNED = stored(Explanation("%(city)s is pinned to theme %(theme)s", {"city": "Cesena", "theme": "A"}))
BEST = stored(Explanation("the best match available in the community"))


def marked_in_the_planner() -> set[str]:
    """Every template the planner marks for the catalogue (`gettext_noop("...")`)."""
    marked = set()
    for path in (SRC / "planner").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
                marked.add(node.args[0].value)
    return marked


def test_an_explanation_is_stored_as_its_template_and_values():
    assert PINNED == {"text": "%(city)s is pinned to theme %(theme)s", "params": {"city": "Cesena", "theme": "A"}}


def test_a_stored_explanation_reads_in_english_in_english():
    with translation.override("en"):
        assert explain(PINNED) == "Cesena is pinned to theme A"


def test_a_stored_explanation_reads_in_the_readers_language():
    with translation.override("it"):
        assert explain(PINNED) == "Cesena è fissata al tema A"


def test_a_list_of_explanations_is_joined_with_semicolons():
    with translation.override("it"):
        assert explain([PINNED, BEST]) == "Cesena è fissata al tema A; il miglior abbinamento possibile nella comunità"


def test_an_explanation_not_yet_stored_reads_like_a_stored_one():
    with translation.override("it"):
        assert explain(Explanation(PINNED["text"], PINNED["params"])) == "Cesena è fissata al tema A"


def test_a_text_stored_before_explanations_were_translatable_is_shown_as_it_is():
    with translation.override("it"):
        assert explain("interest 5 of 5 in theme A; contributes 5 to the objective") == (
            "interest 5 of 5 in theme A; contributes 5 to the objective"
        )
        assert (explain(""), explain(None)) == ("", "")


def test_a_template_missing_from_the_catalogue_reads_in_english_with_its_values():
    with translation.override("it"):
        assert explain({"text": "%(city)s hosts the closing event", "params": {"city": "Riga"}}) == (
            "Riga hosts the closing event"
        )


def test_values_that_do_not_fit_their_template_never_fail():
    with translation.override("it"):
        missing = explain({"text": "%(city)s is pinned to theme %(theme)s", "params": {"city": "Riga"}})
        wrong_kind = explain({"text": "interest %(interest)d of 5", "params": {"interest": "high"}})
        no_values = explain({"text": "%(city)s is pinned to theme %(theme)s"})
        not_a_mapping = explain({"text": "%(city)s is pinned to theme %(theme)s", "params": ["Riga", "A"]})
        no_text = explain({"params": {"city": "Riga"}})

    assert missing == "Riga is pinned to theme …"
    assert wrong_kind == "interest %(interest)d of 5"
    assert no_values == not_a_mapping == "… is pinned to theme …"
    assert no_text == ""


def test_every_template_of_the_planner_is_translated_into_italian():
    with (SRC / "locale" / "it" / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        catalogue = read_po(po_file)
    marked = marked_in_the_planner()

    missing = [text for text in marked if text not in catalogue or not catalogue[text].string]

    assert len(marked) == 44
    assert missing == []
