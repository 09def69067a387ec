"""A stage that runs out of time is said to have run out of time: never "no plan exists", never "proven optimal".

Time-outs are made deterministic with a time limit of zero: CP-SAT then stops at its first check,
whatever the machine's speed. The limits of zero are given to one stage at a time.
"""

from dataclasses import replace
from datetime import date

import pytest

from tests.planner.english import in_english
from values.planner import City, Facilitator, Infeasible, Instance, Plan, Rule, TimedOut, plan_programme
from values.planner.calendar import blocked_weeks, programme_weeks
from values.planner.checker import violations
from values.planner.generator import generated_instance
from values.planner.grouping import group_cities
from values.planner.model import RuleKind, Stage
from values.planner.pairing import pair_cities
from values.planner.scheduling import schedule_activities

pytestmark = pytest.mark.unit

WEEKS = programme_weeks(date(2025, 1, 1), 24)
COORDINATOR = Facilitator(id="coordinator", name="Coordinator", attends_every_visit=True)


def _city(city_id: str, country: str, language: str, interests: dict[str, int] | None = None) -> City:
    return City(city_id, city_id.capitalize(), country, frozenset({language}), interests or {"A": 3})


# Two cities speak German, two French, and nobody shares a programme language. Dealt round-robin by
# country (AT, BE, CH, DE), Graz goes with Geneva and Liege with Bonn: neither pair shares a language,
# so the split needs the solver, whose only answer is {Graz, Bonn} and {Liege, Geneva}.
GRAZ, LIEGE, GENEVA, BONN = (
    _city("graz", "AT", "de"),
    _city("liege", "BE", "fr"),
    _city("geneva", "CH", "fr"),
    _city("bonn", "DE", "de"),
)


def _languages_instance(rules: tuple[Rule, ...] = (), **options) -> Instance:
    options = {"themes": ("A",), "community_size": 2, **options}
    return Instance(
        cities=(GRAZ, LIEGE, GENEVA, BONN), weeks=WEEKS, facilitators=(COORDINATOR,), rules=rules, **options
    )


def test_a_grouping_out_of_time_is_timed_out_not_infeasible():
    instance = generated_instance(200, seed=5)

    result = plan_programme(instance, seed=0, time_limit=0)

    assert in_english(result) == TimedOut(
        Stage.GROUPING, ("The planner found no grouping within the time limit: allow it more time.",)
    )


def test_a_split_out_of_time_is_timed_out_not_infeasible():
    instance = _languages_instance()

    result = group_cities(instance, seed=0, time_limit=5.0, split_time_limit=0)

    assert in_english(result) == TimedOut(
        Stage.SPLIT,
        (
            "The planner could not split the cities of theme A (4) into communities (2) within the time limit: "
            "allow it more time.",
        ),
    )


def test_the_same_split_with_time_finds_the_only_grouping_that_shares_languages():
    instance = _languages_instance()

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert sorted(sorted(c.members) for c in plan.communities) == [["bonn", "graz"], ["geneva", "liege"]]
    assert violations(instance, plan) == []


def _grouped(instance: Instance):
    grouping = group_cities(instance, seed=0, time_limit=5.0)
    pairs = pair_cities(instance, grouping.communities)
    return grouping.communities, pairs


def test_a_schedule_out_of_time_is_timed_out_not_infeasible():
    instance = _languages_instance()
    communities, pairs = _grouped(instance)

    result = schedule_activities(instance, communities, pairs, seed=0, time_limit=0)

    assert in_english(result) == TimedOut(
        Stage.SCHEDULE, ("The planner found no schedule within the time limit: allow it more time.",)
    )


def test_relaxations_out_of_time_give_no_false_reason_for_a_schedule_that_does_not_exist():
    # 6 free weeks of 12 hold each city's 4 activities, but not one visit in each half (as in
    # test_infeasible): proven impossible, yet which constraint to relax is not learnt in no time.
    weeks = programme_weeks(date(2025, 1, 1), 3)
    cesena, riga = _city("cesena", "IT", "en"), _city("riga", "LV", "en")
    instance = Instance(
        cities=(cesena, riga),
        themes=("A",),
        weeks=weeks,
        blocked_weeks=blocked_weeks(weeks, ("02-17/03-31",)),
        facilitators=(COORDINATOR,),
        community_size=2,
    )
    communities, pairs = _grouped(instance)

    result = schedule_activities(instance, communities, pairs, seed=0, time_limit=5.0, relaxation_time_limit=0)

    assert in_english(result) == TimedOut(
        Stage.SCHEDULE,
        (
            "No schedule keeps every constraint, and within the time limit the planner could not tell which one "
            "to relax: allow it more time.",
        ),
    )


def test_a_grouping_found_but_not_proven_best_says_so():
    instance = generated_instance(200, seed=5)

    # 0.03 deterministic seconds: the solver has a grouping, not yet the proof (0.07 proves it).
    grouping = group_cities(instance, seed=0, time_limit=0.03)

    assert (grouping.optimal, grouping.objective < grouping.bound) == (False, True)
    assert tuple(map(str, grouping.notes)) == (
        "The grouping is the best the solver found within the time limit; it did not prove that none is better: "
        "allow it more time.",
    )


def test_a_plan_whose_split_falls_short_of_the_bound_is_not_called_optimal():
    # Two Italians speak only Italian and must share a community: 10 - 3 = 7 in theme A, and the two
    # Spanish speakers 5 + 5 = 10: 17. The grouping's bound deals the Italians apart (20), which no
    # shared language allows; 17 is the best plan, but nothing proves it.
    cities = (
        _city("rome", "IT", "it", {"A": 5, "B": 0}),
        _city("milan", "IT", "it", {"A": 5, "B": 0}),
        _city("seville", "ES", "es", {"A": 5, "B": 0}),
        _city("quito", "EC", "es", {"A": 5, "B": 0}),
    )
    instance = Instance(cities=cities, themes=("A", "B"), weeks=WEEKS, facilitators=(COORDINATOR,), community_size=2)

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert (plan.objective, plan.bound, plan.optimal, plan.gap) == (17, 20, False, 0.15)
    assert tuple(map(str, plan.notes)) == (
        "The communities of theme A keep more cities of one country together than the bound counts (a shared "
        "working language or a pin or ban required it): the plan may be the best possible, but it is not proven.",
    )
    assert violations(instance, plan) == []


def test_a_proven_plan_has_no_notes():
    instance = _languages_instance()

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert (plan.optimal, plan.notes) == (True, ())


def test_groupings_that_cannot_be_split_in_one_theme_are_not_tried_in_every_other():
    # Graz (German) and Liege (French) love every theme but T0 and share no language; Bonn and Geneva
    # speak both and love only T0. Each of the 29 themes offers {Graz, Liege} for 10, beside {Bonn,
    # Geneva} in T0 for 10: none can be split. Tried theme by theme, 25 attempts ran out and the
    # planner said no plan exists; yet {Graz, Bonn} and {Liege, Geneva}, worth 10, is one.
    themes = tuple(f"T{n}" for n in range(30))
    loves_all = dict.fromkeys(themes, 5) | {"T0": 0}
    loves_t0 = dict.fromkeys(themes, 0) | {"T0": 5}
    both = frozenset({"de", "fr"})
    cities = (
        _city("graz", "AT", "de", loves_all),
        _city("liege", "BE", "fr", loves_all),
        replace(_city("bonn", "DE", "de", loves_t0), languages=both),
        replace(_city("geneva", "CH", "fr", loves_t0), languages=both),
    )
    instance = Instance(cities=cities, themes=themes, weeks=WEEKS, facilitators=(COORDINATOR,), community_size=2)

    plan = plan_programme(instance, seed=0, time_limit=10.0)

    assert isinstance(plan, Plan), plan
    assert (plan.objective, plan.bound, plan.optimal) == (10, 10, True)
    community_of = {member: c.id for c in plan.communities for member in c.members}
    assert community_of["graz"] != community_of["liege"]
    assert violations(instance, plan) == []


def test_a_split_that_fails_names_the_rule_that_makes_it_fail():
    instance = _languages_instance(rules=(Rule(RuleKind.APART, "liege", "geneva"),))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "These cities cannot be split into communities (2) of size 2 that each share a working language "
            "and keep these pins and bans: Bonn, Geneva, Graz, Liege.",
            "Liege and Geneva must be in different communities",
        )
    )
