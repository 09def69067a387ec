"""Instances with no plan: the planner says which constraints conflict, in a coordinator's words."""

from datetime import date

import pytest

from values.planner import City, Facilitator, Infeasible, Instance, Rule, plan_programme
from values.planner.calendar import blocked_weeks, programme_weeks
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

    assert result == Infeasible(
        (
            "These choices conflict: 4 cities make 1 community of 4 cities, each with one theme.",
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
    assert result == Infeasible(
        tuple(
            f"{name} takes part in 6 activities, one a week, but the blackout periods and unavailable weeks "
            "leave only 4 of the programme's 12 weeks."
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
    assert result == Infeasible(
        (
            "No schedule exists: the blackout periods leave too few weeks for every city's visits and exchanges.",
            "No schedule exists: the visits of a community cannot be spread over the programme, "
            "one in each part of it.",
        )
    )


def test_a_community_of_two_cities_that_must_not_be_paired_is_named():
    instance = _instance((CESENA, RIGA), community_size=2, rules=(Rule(RuleKind.NO_PAIR, "cesena", "riga"),))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert result == Infeasible(
        (
            "These choices conflict: 2 cities make 1 community of 2 cities, each with one theme.",
            "Cesena and Riga must not be paired",
        )
    )


def test_a_community_of_three_with_one_ban_cannot_be_paired_because_a_triple_exchanges_in_a_cycle():
    instance = _instance((CESENA, RIGA, OSLO), community_size=3, rules=(Rule(RuleKind.NO_PAIR, "oslo", "riga"),))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert result == Infeasible(
        (
            "These choices conflict: 3 cities make 1 community of 3 cities, each with one theme.",
            "Oslo and Riga must not be paired",
        )
    )


def test_a_community_of_four_where_one_city_is_banned_with_every_other_is_named():
    bans = tuple(Rule(RuleKind.NO_PAIR, "cesena", other) for other in ("riga", "oslo", "brno"))
    instance = _instance((CESENA, RIGA, OSLO, BRNO), community_size=4, rules=bans)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    # Every theme was tried in turn (the last one named): no community of these four can be paired.
    assert result == Infeasible(("Community B1 (Brno, Cesena, Riga, Oslo) cannot be paired without a banned pair.",))


def test_rules_naming_an_unknown_city_or_theme_are_named():
    instance = _instance(
        (CESENA, RIGA),
        community_size=2,
        rules=(Rule(RuleKind.TOGETHER, "cesena", "atlantis"), Rule(RuleKind.PIN, "riga", "Z")),
    )

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert result == Infeasible(
        (
            "A rule names what the programme does not have: cesena, atlantis.",
            "A rule names what the programme does not have: riga, Z.",
        )
    )


def test_a_programme_without_facilitators_is_refused():
    instance = _instance((CESENA, RIGA), community_size=2, facilitators=())

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert result == Infeasible(("Every visit needs a facilitator, and the programme has none.",))


def test_an_instance_of_one_city_without_themes_or_weeks_lists_every_mistake():
    instance = _instance((CESENA,), themes=(), weeks=())

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert result == Infeasible(
        (
            "A plan needs at least two cities.",
            "A plan needs at least one theme.",
            "The programme has no weeks to schedule in.",
        )
    )
