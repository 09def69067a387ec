"""Pairing: every partition into pairs (and one triple) is enumerated; the best one is chosen."""

from dataclasses import replace
from datetime import date

import pytest

from values.planner import City, Community, Facilitator, Instance, Rule
from values.planner.calendar import programme_weeks
from values.planner.model import RuleKind, english
from values.planner.pairing import _pairings, complementarity, group_complementarity, pair_cities

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        # Even n: (n - 1)!! perfect matchings. Odd n: C(n, 3) triples, times (n - 4)!! for the rest.
        (2, 1),
        (3, 1),
        (4, 3),
        (5, 10),
        (6, 15),
        (7, 105),
        (8, 105),
    ],
)
def test_pairings_are_counted_by_hand(members, expected):
    names = tuple(f"m{number}" for number in range(members))

    pairings = list(_pairings(names))

    assert len(pairings) == expected
    assert len({tuple(sorted(tuple(sorted(group)) for group in pairing)) for pairing in pairings}) == expected


def test_every_pairing_covers_each_member_once_with_one_triple_when_odd():
    names = ("a", "b", "c", "d", "e")

    pairings = list(_pairings(names))

    assert all(sorted(city for group in pairing for city in group) == list(names) for pairing in pairings)
    assert all(sorted(len(group) for group in pairing) == [2, 3] for pairing in pairings)


def test_no_pairing_of_one_member():
    assert list(_pairings(("alone",))) == []


def _city(city_id: str, levels: dict[str, int], scores: dict[str, float] | None = None) -> City:
    return City(city_id, city_id.capitalize(), "IT", frozenset({"en"}), levels, scores or {})


THEMES = ("A", "B", "C")
# Levels by hand:     A  B  C
#   north             5  0  1
#   south             0  5  1
#   east              4  1  5
#   west              1  4  3
# Complementarity:  north-south 5+5+0 = 10   north-east 1+1+4 = 6   north-west 4+4+2 = 10
#                   south-east  4+4+4 = 12   south-west 1+1+2 = 4   east-west  3+3+2 = 8
# Pairings: {north-south, east-west} 18; {north-east, south-west} 10; {north-west, south-east} 22.
NORTH = _city("north", {"A": 5, "B": 0, "C": 1})
SOUTH = _city("south", {"A": 0, "B": 5, "C": 1})
EAST = _city("east", {"A": 4, "B": 1, "C": 5})
WEST = _city("west", {"A": 1, "B": 4, "C": 3})


def _instance(cities: tuple[City, ...], rules: tuple[Rule, ...] = ()) -> Instance:
    return Instance(
        cities=cities,
        themes=THEMES,
        weeks=programme_weeks(date(2025, 1, 1), 24),
        facilitators=(Facilitator("coordinator", "Coordinator", attends_every_visit=True),),
        community_size=len(cities),
        rules=rules,
    )


def _community(members: tuple[str, ...]) -> Community:
    return Community(id="A1", theme="A", members=members, language="en", interest=0, country_penalty=0)


def test_complementarity_is_the_sum_of_level_differences():
    assert [complementarity(NORTH, other, THEMES) for other in (SOUTH, EAST, WEST)] == [10.0, 6.0, 10.0]


def test_the_benchmark_score_replaces_the_interest_where_given():
    scored = _city("scored", {"A": 5, "B": 0, "C": 1}, scores={"A": 1.5})

    assert complementarity(scored, SOUTH, THEMES) == 1.5 + 5 + 0


def test_the_best_pairing_of_four_is_found_by_hand():
    instance = _instance((NORTH, SOUTH, EAST, WEST))

    pairs = pair_cities(instance, (_community(("north", "south", "east", "west")),))

    assert [(p.community, p.cities, p.complementarity) for p in pairs] == [
        ("A1", ("east", "south"), 12.0),
        ("A1", ("north", "west"), 10.0),
    ]


def test_a_ban_moves_the_pairing_to_the_next_best():
    instance = _instance((NORTH, SOUTH, EAST, WEST), rules=(Rule(RuleKind.NO_PAIR, "south", "east"),))

    pairs = pair_cities(instance, (_community(("north", "south", "east", "west")),))

    assert [(p.cities, p.complementarity) for p in pairs] == [(("east", "west"), 8.0), (("north", "south"), 10.0)]


def test_a_triple_counts_the_three_edges_of_its_cycle():
    cities = {c.id: c for c in (NORTH, SOUTH, EAST)}

    weight = group_complementarity(("north", "south", "east"), cities, THEMES)

    # north-south 10, south-east 4+4+4 = 12, east-north 6
    assert weight == 28.0


def test_the_why_of_a_pair_names_who_is_strong_where():
    instance = _instance((NORTH, SOUTH))

    pairs = pair_cities(instance, (_community(("north", "south")),))

    assert [str(reason) for reason in pairs[0].why] == [
        "North is strong where South is weak in theme A",
        "South is strong where North is weak in theme B",
    ]


def test_the_score_scale_stretches_benchmark_levels_over_the_interest_scale():
    scored = _city("scored", {"A": 5, "B": 0, "C": 1}, scores={"A": 2.5})

    # On a scale from 1 to 4, level 2.5 is half way: interest 2.5 of 5. Against South: 2.5 + 5 + 0.
    assert complementarity(scored, SOUTH, THEMES, score_scale=(1, 4)) == 7.5


def test_pairs_are_weighed_on_the_programmes_score_scale():
    top = _city("top", {"A": 0, "B": 0, "C": 1}, scores={"A": 4.0})
    instance = replace(_instance((top, SOUTH)), score_scale=(1, 4))

    pairs = pair_cities(instance, (_community(("south", "top")),))

    # Level 4 is the top of the scale, interest 5: A 5 - 0, B 0 - 5, C 1 - 1 (4 + 5 + 0 by default).
    assert [(p.cities, p.complementarity) for p in pairs] == [(("south", "top"), 10.0)]
    assert english(pairs[0].why) == (
        "Top is strong where South is weak in theme A; South is strong where Top is weak in theme B"
    )
