"""Coordinator's bans and 'together' rules are hard constraints of the grouping, not only of its split.

Each instance below has a valid plan (found by hand), yet the planner answers Infeasible: its
first stage chooses the themes without the APART, NO_PAIR and (beyond the theme) TOGETHER rules,
and nothing goes back to it when the split or the pairing then fails.
"""

from datetime import date

import pytest

from values.planner import City, Facilitator, Instance, Plan, Rule, plan_programme
from values.planner.calendar import programme_weeks
from values.planner.checker import violations
from values.planner.model import RuleKind

pytestmark = pytest.mark.unit

WEEKS = programme_weeks(date(2025, 1, 1), 24)
COORDINATOR = Facilitator(id="coordinator", name="Coordinator", attends_every_visit=True)


def _city(city_id: str, country: str, a: int, b: int) -> City:
    return City(city_id, city_id.capitalize(), country, frozenset({"en"}), {"A": a, "B": b})


# Two cities that love theme A, two that love theme B: two communities of two.
FOUR = (_city("xanten", "IT", 5, 0), _city("york", "ES", 5, 0), _city("zug", "FR", 0, 5), _city("wels", "DE", 0, 5))


def _instance(cities: tuple[City, ...], community_size: int, rules: tuple[Rule, ...]) -> Instance:
    return Instance(
        cities=cities,
        themes=("A", "B"),
        weeks=WEEKS,
        facilitators=(COORDINATOR,),
        community_size=community_size,
        rules=rules,
    )


def test_without_rules_the_two_lovers_of_each_theme_are_grouped():
    instance = _instance(FOUR, 2, ())

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan)
    assert sorted(sorted(c.members) for c in plan.communities) == [["wels", "zug"], ["xanten", "york"]]
    assert (plan.objective, plan.optimal, violations(instance, plan)) == (20, True, [])


def test_a_banned_pair_is_grouped_apart_when_a_valid_grouping_exists():
    instance = _instance(FOUR, 2, (Rule(RuleKind.NO_PAIR, "xanten", "york"),))

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    # Any grouping that separates them: each community has one city that loves its theme (5 + 5).
    assert isinstance(plan, Plan), plan
    assert (plan.objective, violations(instance, plan)) == (10, [])


def test_cities_that_must_be_apart_are_grouped_apart_when_a_valid_grouping_exists():
    instance = _instance(FOUR, 2, (Rule(RuleKind.APART, "xanten", "york"),))

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert (plan.objective, violations(instance, plan)) == (10, [])


def test_three_cities_that_must_be_together_get_a_community_of_three():
    cities = (
        _city("a", "IT", 5, 0),
        _city("b", "ES", 5, 0),
        _city("c", "FR", 5, 0),
        _city("d", "DE", 5, 0),
        _city("e", "NL", 0, 5),
        _city("f", "PL", 0, 5),
        _city("g", "PT", 0, 5),
    )
    rules = (Rule(RuleKind.TOGETHER, "a", "b"), Rule(RuleKind.TOGETHER, "b", "c"))
    instance = _instance(cities, 2, rules)

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    # 7 cities, community size 2: 3 communities of 2 to 3. {a, b, c} in A: 15; {d, e}: 5; {f, g} in B: 10.
    assert (instance.community_count, instance.size_bounds) == (3, (2, 3))
    assert isinstance(plan, Plan), plan
    assert (plan.objective, violations(instance, plan)) == (30, [])
