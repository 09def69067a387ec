"""The planner explains itself in language-neutral sentences: an English template, marked for the catalogue, and
its values; `str` gives the English."""

import ast
from dataclasses import asdict
from pathlib import Path

import pytest

from values.planner import Explanation, Plan, Rule, plan_programme
from values.planner.generator import generated_instance
from values.planner.model import RuleKind, english

pytestmark = pytest.mark.unit

PLANNER = Path(__file__).resolve().parents[2] / "src" / "values" / "planner"
PINNED = Explanation("%(city)s is pinned to theme %(theme)s", {"city": "Cesena", "theme": "A"})


def marked() -> set[str]:
    """The templates marked for the catalogue with the planner's own `gettext_noop`."""
    found = set()
    for path in PLANNER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
                found.add(node.args[0].value)
    return found


def test_str_of_an_explanation_is_its_english_sentence():
    assert str(PINNED) == "Cesena is pinned to theme A"
    assert str(Explanation("the best match available in the community")) == (
        "the best match available in the community"
    )


def test_an_explanation_becomes_its_template_and_values_as_data():
    assert asdict(PINNED) == {
        "text": "%(city)s is pinned to theme %(theme)s",
        "params": {"city": "Cesena", "theme": "A"},
    }


def test_equal_explanations_are_one_key():
    again = Explanation("%(city)s is pinned to theme %(theme)s", {"theme": "A", "city": "Cesena"})

    assert (again == PINNED, len({again: 1, PINNED: 2})) == (True, 1)


def test_several_explanations_read_as_one_sentence_in_english():
    assert english((PINNED, Explanation("the best match available in the community"))) == (
        "Cesena is pinned to theme A; the best match available in the community"
    )


def test_rules_are_described_with_the_names_of_their_cities():
    names = {"cesena": "Cesena", "riga": "Rīga"}

    described = [Rule(kind, "cesena", "A" if kind == RuleKind.PIN else "riga").describe(names) for kind in RuleKind]

    assert [str(d) for d in described] == [
        "Cesena is pinned to theme A",
        "Cesena and Rīga must be in the same community",
        "Cesena and Rīga must be in different communities",
        "Cesena and Rīga must not be paired",
    ]
    assert [d.params for d in described][:2] == [{"city": "Cesena", "theme": "A"}, {"city": "Cesena", "other": "Rīga"}]


def test_every_explanation_of_a_plan_is_a_template_marked_for_the_catalogue_with_plain_values():
    plan = plan_programme(generated_instance(16, seed=1), seed=0, time_limit=5.0)
    assert isinstance(plan, Plan), plan
    explanations = [
        *(why for community in plan.communities for why in community.why.values()),
        *(why for pair in plan.pairs for why in pair.why),
        *plan.notes,
    ]

    texts = {explanation.text for explanation in explanations}
    values = {type(value) for explanation in explanations for value in explanation.params.values()}

    assert len(explanations) > 16
    assert texts - marked() == set()
    assert values <= {str, int}
