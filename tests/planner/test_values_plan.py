"""The VALUES programme (data/values.yaml) planned: 16 cities, 4 communities of 4, one per theme."""

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.planner.english import in_english
from values.planner import Infeasible, Instance, Plan, Rule, plan_programme
from values.planner.checker import violations
from values.planner.greedy import greedy_objective
from values.planner.model import ActivityKind, RuleKind
from values.planning.instances import planning_instance
from values.programme.programme_file import read_programme_file

pytestmark = pytest.mark.unit

VALUES_FILE = Path(__file__).resolve().parents[2] / "data" / "values.yaml"
FACILITATORS = {"eurocities", "evc"}


@pytest.fixture(scope="module")
def instance() -> Instance:
    result = read_programme_file(VALUES_FILE.read_bytes())
    assert result.errors == []
    return planning_instance(result.document)


@pytest.fixture(scope="module")
def plan(instance) -> Plan:
    result = plan_programme(instance, seed=0, time_limit=10.0)
    assert isinstance(result, Plan), result
    return result


def _in_blackout(day: date) -> bool:
    return day.month == 8 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6)


def test_the_instance_is_the_values_programme(instance):
    assert (len(instance.cities), instance.themes, instance.community_size) == (16, ("A", "B", "C", "D"), 4)
    assert {f.id for f in instance.facilitators if f.attends_every_visit} == FACILITATORS
    assert (len(instance.weeks), instance.weeks[0], len(instance.blocked_weeks)) == (104, date(2019, 2, 4), 17)


def test_the_plan_holds_every_hard_constraint(instance, plan):
    assert violations(instance, plan) == []


def test_four_communities_of_four_one_per_theme(plan):
    assert sorted(c.theme for c in plan.communities) == ["A", "B", "C", "D"]
    assert [len(c.members) for c in plan.communities] == [4, 4, 4, 4]


def test_the_objective_is_proven_optimal(instance, plan):
    assert (plan.objective, plan.optimal, plan.gap) == (plan.bound, True, 0.0)
    assert plan.objective == sum(c.interest - c.country_penalty for c in plan.communities)


def test_the_objective_is_at_least_the_greedy_baseline(instance, plan):
    baseline = greedy_objective(instance)

    assert baseline is not None
    assert plan.objective >= baseline


def test_every_city_hosts_exactly_one_visit(instance, plan):
    visits = [a for a in plan.activities if a.kind == ActivityKind.VISIT]

    assert len(visits) == 16
    assert Counter(a.host for a in visits) == Counter({city.id: 1 for city in instance.cities})


def test_every_pair_exchanges_both_ways(plan):
    exchanges = sorted((a.host, a.guests) for a in plan.activities if a.kind == ActivityKind.EXCHANGE)

    expected = sorted(
        [(first, (second,)) for first, second in (p.cities for p in plan.pairs)]
        + [(second, (first,)) for first, second in (p.cities for p in plan.pairs)]
    )
    assert ([len(p.cities) for p in plan.pairs], len(exchanges)) == ([2] * 8, 16)
    assert exchanges == expected


def test_nobody_is_in_two_activities_in_one_week(plan):
    busy = Counter((person, a.week) for a in plan.activities for person in (*a.participants, *a.facilitators))

    assert [key for key, count in busy.items() if count > 1] == []


def test_no_activity_touches_august_or_christmas(instance, plan):
    touching = [
        a
        for a in plan.activities
        if any(_in_blackout(a.start + timedelta(days=day)) for day in range(5)) or a.week in instance.blocked_weeks
    ]

    assert touching == []
    assert all(a.start == instance.weeks[a.week] and a.start.weekday() == 0 for a in plan.activities)


def test_visits_last_two_days_and_exchanges_five(plan):
    lengths = {(a.kind, (a.end - a.start).days + 1) for a in plan.activities}

    assert lengths == {(ActivityKind.VISIT, 2), (ActivityKind.EXCHANGE, 5)}


def test_the_coordinator_and_the_expert_attend_every_visit(plan):
    visits = [a for a in plan.activities if a.kind == ActivityKind.VISIT]

    assert [set(a.facilitators) for a in visits] == [FACILITATORS] * 16


def test_every_member_of_a_community_attends_each_of_its_visits(plan):
    members = {c.id: set(c.members) for c in plan.communities}
    visits = [a for a in plan.activities if a.kind == ActivityKind.VISIT]

    assert len(visits) == 16
    assert all(set(a.participants) == members[a.community] for a in visits)


def test_each_community_explains_each_member(plan):
    assert [sorted(c.why) for c in plan.communities] == [sorted(c.members) for c in plan.communities]
    assert all(str(reason) for c in plan.communities for reason in c.why.values())


def test_the_same_seed_and_time_limit_give_the_same_plan(instance, plan):
    again = plan_programme(instance, seed=0, time_limit=10.0)

    assert replace(again, wall_seconds=0) == replace(plan, wall_seconds=0)


def test_a_together_and_an_apart_rule_on_cesena_and_riga_are_the_conflict_named(instance):
    rules = (Rule(RuleKind.TOGETHER, "cesena", "riga"), Rule(RuleKind.APART, "cesena", "riga"))

    result = plan_programme(replace(instance, rules=rules), seed=1, time_limit=10.0)

    assert in_english(result) == Infeasible(
        (
            "These rules conflict: cities kept together cannot be kept apart.",
            "Cesena and Rīga must be in the same community",
            "Cesena and Rīga must be in different communities",
        )
    )
