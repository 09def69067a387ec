"""The independent checker finds every kind of broken plan, each with its own message.

A valid plan of a generated instance is broken one way at a time with `dataclasses.replace`.
"""

from dataclasses import replace

import pytest

from values.planner import Activity, Facilitator, Instance, Plan, Rule, plan_programme
from values.planner.checker import violations
from values.planner.generator import generated_instance
from values.planner.model import ActivityKind, RuleKind

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def instance() -> Instance:
    return generated_instance(16, seed=3)


@pytest.fixture(scope="module")
def plan(instance) -> Plan:
    result = plan_programme(instance, seed=0, time_limit=10.0)
    assert isinstance(result, Plan), result
    return result


def _replace_activity(plan: Plan, old: Activity, new: Activity | None) -> Plan:
    activities = tuple(a for a in plan.activities if a != old)
    return replace(plan, activities=activities if new is None else (*activities, new))


def _moved(instance: Instance, activity: Activity, week: int) -> Activity:
    start = instance.weeks[week]
    return replace(activity, week=week, start=start, end=start + (activity.end - activity.start))


def _exchanges(plan: Plan) -> list[Activity]:
    return [a for a in plan.activities if a.kind == ActivityKind.EXCHANGE]


def _visits(plan: Plan) -> list[Activity]:
    return [a for a in plan.activities if a.kind == ActivityKind.VISIT]


def test_the_unbroken_plan_has_no_violation(instance, plan):
    assert violations(instance, plan) == []


def test_a_city_in_two_communities_is_a_violation(instance, plan):
    first, second = plan.communities[0], plan.communities[1]
    city = second.members[0]
    broken = replace(plan, communities=(replace(first, members=(*first.members, city)), *plan.communities[1:]))

    problems = violations(instance, broken)

    assert problems[:2] == [f"{city} is in 2 communities, not 1", f"{first.id} has 5 cities, not 4 to 4"]


def test_a_missing_visit_is_a_violation(instance, plan):
    visit = _visits(plan)[0]

    problems = violations(instance, _replace_activity(plan, visit, None))

    assert problems == [f"{visit.host} hosts 0 visits, not 1"]


def test_a_city_in_two_activities_in_one_week_is_a_violation(instance, plan):
    there = _exchanges(plan)[0]
    back = next(a for a in _exchanges(plan) if a.host == there.guests[0] and a.guests == (there.host,))
    clash = _moved(instance, there, back.week)

    problems = violations(instance, _replace_activity(plan, there, clash))

    assert sorted(problems) == sorted(
        [
            f"{there.host} is in 2 activities in week {back.week}",
            f"{there.guests[0]} is in 2 activities in week {back.week}",
        ]
    )


def test_an_activity_in_a_blackout_week_is_a_violation(instance, plan):
    exchange = _exchanges(plan)[0]
    blocked = min(instance.blocked_weeks)
    moved = _moved(instance, exchange, blocked)

    problems = violations(instance, _replace_activity(plan, exchange, moved))

    assert problems == [f"an activity at {exchange.host} falls in a blackout week ({instance.weeks[blocked]})"]


def test_an_activity_outside_the_programme_is_a_violation(instance, plan):
    exchange = _exchanges(plan)[0]
    moved = replace(exchange, week=len(instance.weeks))

    problems = violations(instance, _replace_activity(plan, exchange, moved))

    assert problems == [f"an activity at {exchange.host} is outside the programme"]


def test_an_activity_not_starting_on_its_monday_is_a_violation(instance, plan):
    exchange = _exchanges(plan)[0]
    shifted = replace(exchange, start=instance.weeks[exchange.week + 1])

    problems = violations(instance, _replace_activity(plan, exchange, shifted))

    assert problems == [
        f"an activity at {exchange.host} starts on {instance.weeks[exchange.week + 1]}, not its week's Monday"
    ]


def test_a_visit_without_a_facilitator_is_a_violation(instance, plan):
    visit = _visits(plan)[0]

    problems = violations(instance, _replace_activity(plan, visit, replace(visit, facilitators=())))

    assert problems == [f"the visit to {visit.host} has no facilitator"]


def test_a_visit_without_the_facilitator_who_attends_every_visit_is_a_violation(instance):
    expert = Facilitator(id="expert", name="Expert", attends_every_visit=True)
    with_expert = replace(instance, facilitators=(*instance.facilitators, expert))
    plan = plan_programme(with_expert, seed=0, time_limit=10.0)
    assert isinstance(plan, Plan), plan
    visit = _visits(plan)[0]
    without = replace(visit, facilitators=tuple(f for f in visit.facilitators if f != "expert"))

    problems = violations(with_expert, _replace_activity(plan, visit, without))

    assert (violations(with_expert, plan), problems) == ([], [f"the visit to {visit.host} lacks expert"])


def test_a_visit_missing_a_member_is_a_violation(instance, plan):
    visit = _visits(plan)[0]

    problems = violations(instance, _replace_activity(plan, visit, replace(visit, guests=visit.guests[1:])))

    assert problems == [f"the visit to {visit.host} is not attended by its whole community"]


def test_a_missing_exchange_is_a_violation(instance, plan):
    exchange = _exchanges(plan)[0]

    problems = violations(instance, _replace_activity(plan, exchange, None))

    assert problems == [f"{exchange.host} does not host {exchange.guests[0]} exactly once"]


def test_an_activity_in_an_unavailable_week_is_a_violation(instance, plan):
    exchange = _exchanges(plan)[0]
    city = next(c for c in instance.cities if c.id == exchange.host)
    unavailable = replace(city, unavailable_weeks=frozenset({exchange.week}))
    cities = tuple(unavailable if c.id == city.id else c for c in instance.cities)

    problems = violations(replace(instance, cities=cities), plan)

    assert problems == [f"{city.id} is unavailable in the week of {exchange.start}"]


def test_a_wrong_objective_is_a_violation(instance, plan):
    broken = replace(plan, objective=plan.objective - 1)

    problems = violations(instance, broken)

    assert problems == [f"the reported objective {plan.objective - 1} is not the plan's {plan.objective}"]


def test_a_bound_below_the_objective_is_a_violation(instance, plan):
    broken = replace(plan, bound=plan.objective - 1)

    problems = violations(instance, broken)

    assert problems == [f"the bound {plan.objective - 1} is below the objective {plan.objective}"]


def test_a_banned_pair_paired_is_a_violation(instance, plan):
    first, second = plan.pairs[0].cities
    banned = replace(instance, rules=(Rule(RuleKind.NO_PAIR, first, second),))

    problems = violations(banned, plan)

    assert problems == [f"{first} and {second} are paired against a ban"]


def test_a_city_outside_its_pinned_theme_is_a_violation(instance, plan):
    community = plan.communities[0]
    other = next(t for t in instance.themes if t != community.theme)
    pinned = replace(instance, rules=(Rule(RuleKind.PIN, community.members[0], other),))

    problems = violations(pinned, plan)

    assert problems == [f"{community.members[0]} is not in a community of theme {other}"]


def test_cities_that_must_be_apart_together_is_a_violation(instance, plan):
    first, second = plan.communities[0].members[:2]
    apart = replace(instance, rules=(Rule(RuleKind.APART, first, second),))

    problems = violations(apart, plan)

    assert problems == [f"{first} and {second} are not apart"]


def test_cities_that_must_be_together_apart_is_a_violation(instance, plan):
    first, second = plan.communities[0].members[0], plan.communities[1].members[0]
    together = replace(instance, rules=(Rule(RuleKind.TOGETHER, first, second),))

    problems = violations(together, plan)

    assert problems == [f"{first} and {second} are not together"]


def test_an_exchange_between_cities_that_are_not_paired_is_a_violation(instance, plan):
    community = plan.communities[0]
    partners = {frozenset(pair.cities) for pair in plan.pairs}
    host, guest = next(
        (a, b) for a in community.members for b in community.members if a != b and frozenset((a, b)) not in partners
    )
    busy = {(person, a.week) for a in plan.activities for person in (*a.participants, *a.facilitators)}
    week = next(
        w
        for w in range(len(instance.weeks))
        if w not in instance.blocked_weeks and (host, w) not in busy and (guest, w) not in busy
    )
    start = instance.weeks[week]
    extra = Activity(ActivityKind.EXCHANGE, community.id, host, (guest,), week, start, start)

    problems = violations(instance, replace(plan, activities=(*plan.activities, extra)))

    assert problems != []
