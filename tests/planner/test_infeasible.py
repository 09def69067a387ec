"""Instances with no plan: the planner says which constraints conflict, in a coordinator's words."""

from datetime import date

import pytest

from tests.planner.english import in_english
from values.planner import City, Facilitator, Infeasible, Instance, Plan, Rule, plan_programme
from values.planner.calendar import blocked_weeks, programme_weeks
from values.planner.checker import violations
from values.planner.model import RuleKind

pytestmark = pytest.mark.unit

WEEKS = programme_weeks(date(2025, 1, 1), 24)
COORDINATOR = Facilitator(id="coordinator", name="Coordinator", attends_every_visit=True)


def _city(city_id: str, country: str, a: int = 3, b: int = 1) -> City:
    return City(
        id=city_id,
        name=city_id.capitalize(),
        country=country,
        languages=frozenset({"en"}),
        interests={"A": a, "B": b},
    )


CESENA, RIGA, OSLO, BRNO = _city("cesena", "IT"), _city("riga", "LV"), _city("oslo", "NO"), _city("brno", "CZ")


def _instance(cities: tuple[City, ...], **options) -> Instance:
    options = {"themes": ("A", "B"), "weeks": WEEKS, "facilitators": (COORDINATOR,), **options}
    return Instance(cities=cities, **options)


def test_two_cities_pinned_to_different_themes_in_one_community_are_named():
    instance = _instance(
        (CESENA, RIGA, OSLO, BRNO),
        community_size=4,
        rules=(Rule(RuleKind.PIN, "cesena", "A"), Rule(RuleKind.PIN, "riga", "B")),
    )

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "These choices conflict: the cities (4) make communities (1) of size 4, each with one theme.",
            "Cesena is pinned to theme A",
            "Riga is pinned to theme B",
        )
    )


def test_blackouts_that_leave_too_few_weeks_are_named_for_every_city():
    weeks = programme_weeks(date(2025, 1, 1), 3)  # 12 weeks: January and February blocked, March free
    instance = _instance(
        (CESENA, RIGA, OSLO, BRNO), community_size=4, weeks=weeks, blocked_weeks=blocked_weeks(weeks, ("01", "02"))
    )

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # Each city hosts and attends 4 visits and takes part in 2 exchanges: 6 weeks, and 4 are free.
    assert (len(weeks), len(instance.blocked_weeks)) == (12, 8)
    assert in_english(result) == Infeasible(
        tuple(
            f"{name} takes part in activities (6), one a week, but the blackout periods and unavailable weeks "
            "leave only 4 of the programme's weeks (12)."
            for name in ("Brno", "Cesena", "Oslo", "Riga")
        )
    )


def test_blackouts_that_fill_the_second_half_of_the_programme_are_named():
    weeks = programme_weeks(date(2025, 1, 1), 3)  # weeks 0-5 free, 6-11 (17 February on) blocked
    instance = _instance(
        (CESENA, RIGA), community_size=2, weeks=weeks, blocked_weeks=blocked_weeks(weeks, ("02-17/03-31",))
    )

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # 6 free weeks are enough for each city's 4 activities, but not for one visit in each half.
    assert sorted(instance.blocked_weeks) == [6, 7, 8, 9, 10, 11]
    assert in_english(result) == Infeasible(
        (
            "No schedule exists: the blackout periods leave too few weeks for every city's visits and exchanges.",
            "No schedule exists: the visits of a community cannot be spread over the programme, "
            "one in each part of it.",
        )
    )


def test_a_community_of_two_cities_that_must_not_be_paired_is_named():
    instance = _instance((CESENA, RIGA), community_size=2, rules=(Rule(RuleKind.NO_PAIR, "cesena", "riga"),))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "These choices conflict: the cities (2) make communities (1) of size 2, each with one theme.",
            "Cesena and Riga must not be paired",
        )
    )


def test_a_community_of_three_with_one_ban_cannot_be_paired_because_a_triple_exchanges_in_a_cycle():
    instance = _instance((CESENA, RIGA, OSLO), community_size=3, rules=(Rule(RuleKind.NO_PAIR, "oslo", "riga"),))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "These choices conflict: the cities (3) make communities (1) of size 3, each with one theme.",
            "Oslo and Riga must not be paired",
        )
    )


def test_a_community_of_four_where_one_city_is_banned_with_every_other_is_named():
    bans = tuple(Rule(RuleKind.NO_PAIR, "cesena", other) for other in ("riga", "oslo", "brno"))
    instance = _instance((CESENA, RIGA, OSLO, BRNO), community_size=4, rules=bans)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # Theme A (their favourite) was tried first; four cities that cannot be paired cannot be in any theme.
    assert in_english(result) == Infeasible(
        ("Community A1 (Brno, Cesena, Riga, Oslo) cannot be paired without a banned pair.",)
    )


def test_rules_naming_an_unknown_city_or_theme_are_named():
    instance = _instance(
        (CESENA, RIGA),
        community_size=2,
        rules=(Rule(RuleKind.TOGETHER, "cesena", "atlantis"), Rule(RuleKind.PIN, "riga", "Z")),
    )

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "A rule names what the programme does not have: cesena, atlantis.",
            "A rule names what the programme does not have: riga, Z.",
        )
    )


def test_a_programme_without_facilitators_is_refused():
    instance = _instance((CESENA, RIGA), community_size=2, facilitators=())

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(("Every visit needs a facilitator, and the programme has none.",))


def test_an_instance_of_one_city_without_themes_or_weeks_lists_every_mistake():
    instance = _instance((CESENA,), themes=(), weeks=())

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "A plan needs at least two cities.",
            "A plan needs at least one theme.",
            "The programme has no weeks to schedule in.",
        )
    )


def test_a_together_and_an_apart_rule_on_the_same_two_cities_are_named_before_solving():
    rules = (Rule(RuleKind.TOGETHER, "cesena", "riga"), Rule(RuleKind.APART, "riga", "cesena"))
    instance = _instance((CESENA, RIGA, OSLO, BRNO), community_size=2, rules=rules)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "These rules conflict: cities kept together cannot be kept apart.",
            "Cesena and Riga must be in the same community",
            "Riga and Cesena must be in different communities",
        )
    )


def test_an_apart_rule_between_cities_joined_by_a_chain_of_together_rules_is_named_with_the_chain():
    lyon, graz = _city("lyon", "FR"), _city("graz", "AT")
    rules = (
        Rule(RuleKind.TOGETHER, "cesena", "riga"),
        Rule(RuleKind.PIN, "oslo", "A"),
        Rule(RuleKind.TOGETHER, "oslo", "riga"),
        Rule(RuleKind.APART, "oslo", "cesena"),
    )
    instance = _instance((CESENA, RIGA, OSLO, BRNO, lyon, graz), community_size=3, rules=rules)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # Each rule alone is possible in two communities of three; the chain Oslo-Riga-Cesena is not.
    assert in_english(result) == Infeasible(
        (
            "These rules conflict: cities kept together cannot be kept apart.",
            "Oslo and Riga must be in the same community",
            "Cesena and Riga must be in the same community",
            "Oslo and Cesena must be in different communities",
        )
    )


def test_a_together_rule_and_a_ban_on_pairing_conflict_in_communities_of_two():
    rules = (Rule(RuleKind.TOGETHER, "cesena", "riga"), Rule(RuleKind.NO_PAIR, "cesena", "riga"))
    instance = _instance((CESENA, RIGA, OSLO, BRNO), community_size=2, rules=rules)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # In a community of two or three every two cities exchange: a pair kept together is paired.
    assert in_english(result) == Infeasible(
        (
            "These rules conflict: cities kept together cannot be kept apart.",
            "Cesena and Riga must be in the same community",
            "Cesena and Riga must not be paired",
        )
    )


def test_a_together_rule_and_a_ban_on_pairing_go_together_in_communities_of_four():
    rules = (Rule(RuleKind.TOGETHER, "cesena", "riga"), Rule(RuleKind.NO_PAIR, "cesena", "riga"))
    instance = _instance((CESENA, RIGA, OSLO, BRNO), community_size=4, rules=rules)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(result, Plan), result
    assert violations(instance, result) == []
    assert [sorted(c.members) for c in result.communities] == [["brno", "cesena", "oslo", "riga"]]
    assert ("cesena", "riga") not in [tuple(sorted(pair.cities)) for pair in result.pairs]


def test_communities_too_large_to_pair_are_refused_before_solving():
    cities = tuple(_city(f"city{number:02d}", country) for number, country in enumerate(["IT", "ES"] * 7))
    instance = _instance(cities, community_size=13)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # 14 cities with communities of 13: round(14 / 13) = 1 community, of all 14.
    assert in_english(result) == Infeasible(
        (
            "Communities of size 14 are too large: the planner pairs communities of size 12 at most. "
            "Choose a smaller community size.",
        )
    )
