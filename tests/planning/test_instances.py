"""The planner's input from a programme file: the planning section's weights reach the planner."""

import pytest

from values.planning.instances import planning_instance
from values.programme.programme_file import read_programme_file

pytestmark = pytest.mark.unit


def test_the_country_weight_and_score_scale_of_the_file_are_the_planners(values_file):
    text = values_file.read_text(encoding="utf-8").replace(
        "  exchange_days: 5\n", "  exchange_days: 5\n  country_weight: 5\n  score_scale: [1, 4]\n"
    )

    instance = planning_instance(read_programme_file(text).document)

    assert (instance.country_weight, instance.score_scale) == (5, (1, 4))


def test_without_them_the_planner_keeps_its_defaults(values_file):
    instance = planning_instance(read_programme_file(values_file.read_bytes()).document)

    assert (instance.country_weight, instance.score_scale) == (3, (0, 5))
