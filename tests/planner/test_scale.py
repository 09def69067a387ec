"""A generated instance of 200 cities plans quickly, validly and at least as well as the greedy."""

import pytest

from values.planner import Plan, plan_programme
from values.planner.checker import violations
from values.planner.generator import generated_instance
from values.planner.greedy import greedy_objective

pytestmark = pytest.mark.unit


def test_two_hundred_cities_plan_validly_and_beat_the_greedy():
    instance = generated_instance(200, seed=5)

    plan = plan_programme(instance, seed=0, time_limit=10.0)

    assert isinstance(plan, Plan), plan
    assert violations(instance, plan) == []
    assert len(plan.communities) == 50
    baseline = greedy_objective(instance)
    assert baseline is not None
    assert plan.bound >= plan.objective >= baseline
