"""One rule for the number of communities: the home page's figure (core.communities) and the planner's."""

from datetime import date

import pytest

from values.core.communities import community_count
from values.planner import City, Instance

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("cities", "size", "expected"),
    [
        (0, 4, 0),  # no cities, no communities
        (1, 4, 1),
        (5, 4, 1),  # round(1.25): one community of 5, not two
        (6, 4, 2),  # round(1.5) = 2 (to even)
        (10, 4, 2),  # round(2.5) = 2 (to even), not 3
        (16, 4, 4),
        (16, 5, 3),  # ceil would say 4
        (18, 4, 4),  # round(4.5) = 4 (to even), ceil would say 5
        (3, 2, 1),  # round(1.5) = 2 would leave a community of one city: 3 // 2 = 1
    ],
)
def test_community_count_is_the_nearest_whole_number_of_communities(cities, size, expected):
    assert community_count(cities, size) == expected


def _instance(cities: int, size: int) -> Instance:
    members = tuple(
        City(id=f"c{n}", name=f"City {n}", country="IT", languages=frozenset({"it"}), interests={"A": 3})
        for n in range(cities)
    )
    return Instance(cities=members, themes=("A",), weeks=(date(2025, 2, 3),), community_size=size)


def test_the_planner_forms_as_many_communities_as_the_shared_rule_counts():
    disagreements = [
        (cities, size)
        for cities in range(1, 201)
        for size in range(2, 9)
        if _instance(cities, size).community_count != community_count(cities, size)
    ]

    assert disagreements == []
