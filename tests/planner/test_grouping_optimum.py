"""The planner's grouping and pairing are optimal: checked against brute force on small instances.

The brute force shares no code with the planner: it enumerates every partition of the cities
into communities and every partition of a community into pairs (and one triple).
"""

import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from values.planner import City, Facilitator, Infeasible, Instance, Plan, Rule, plan_programme
from values.planner.calendar import programme_weeks
from values.planner.checker import violations
from values.planner.model import RuleKind

pytestmark = pytest.mark.unit

THEMES = ("A", "B", "C", "D")
COUNTRIES = ("IT", "ES", "FR")
COUNTRY_WEIGHT = 3
WEEKS = programme_weeks(date(2025, 1, 1), 24)
FACILITATORS = (Facilitator(id="coordinator", name="Coordinator", attends_every_visit=True),)


@dataclass(frozen=True)
class Case:
    """What the brute force reads: plain data, not the planner's classes."""

    countries: tuple[str, ...]
    interests: tuple[dict[str, int], ...]
    scores: tuple[dict[str, float], ...]
    themes: tuple[str, ...]
    community_size: int
    pins: tuple[tuple[int, str], ...]  # (city index, theme)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f"c{number}" for number in range(len(self.countries)))

    def instance(self) -> Instance:
        cities = tuple(
            City(
                id=city_id,
                name=f"City {number}",
                country=self.countries[number],
                languages=frozenset({"en"}),
                interests=self.interests[number],
                scores=self.scores[number],
            )
            for number, city_id in enumerate(self.ids)
        )
        rules = tuple(Rule(RuleKind.PIN, self.ids[index], theme) for index, theme in self.pins)
        return Instance(
            cities=cities,
            themes=self.themes,
            weeks=WEEKS,
            facilitators=FACILITATORS,
            community_size=self.community_size,
            rules=rules,
        )


@st.composite
def cases(draw) -> Case:
    count = draw(st.integers(2, 8))
    themes = THEMES[: draw(st.integers(1, 4))]
    countries = tuple(draw(st.sampled_from(COUNTRIES)) for _ in range(count))
    interests = tuple({theme: draw(st.integers(0, 5)) for theme in themes} for _ in range(count))
    score_values = st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
    scores = tuple(draw(st.dictionaries(st.sampled_from(themes), score_values, max_size=2)) for _ in range(count))
    pins = tuple(draw(st.lists(st.tuples(st.integers(0, count - 1), st.sampled_from(themes)), max_size=2)))
    return Case(countries, interests, scores, themes, draw(st.integers(2, 4)), pins)


# -- brute force -----------------------------------------------------------------------------
def expected_community_count(case: Case) -> int:
    cities = len(case.countries)
    return max(1, min(round(cities / case.community_size), cities // 2))


def set_partitions(items: tuple[int, ...], blocks: int):
    """Every partition of `items` into exactly `blocks` non-empty blocks."""
    if not items:
        if blocks == 0:
            yield []
        return
    if blocks == 0 or len(items) < blocks:
        return
    first, rest = items[0], items[1:]
    for partition in set_partitions(rest, blocks - 1):
        yield [(first,), *partition]
    for partition in set_partitions(rest, blocks):
        for index in range(len(partition)):
            yield [*partition[:index], (first, *partition[index]), *partition[index + 1 :]]


def best_block_value(case: Case, block: tuple[int, ...]) -> int | None:
    pinned = {theme for index, theme in case.pins if index in block}
    if len(pinned) > 1:
        return None
    allowed = pinned or set(case.themes)
    interest = max(sum(case.interests[i][theme] for i in block) for theme in allowed)
    extra = sum(count - 1 for count in Counter(case.countries[i] for i in block).values())
    return interest - COUNTRY_WEIGHT * extra


def brute_force_optimum(case: Case) -> int | None:
    """The best objective over every valid grouping; None when no grouping is valid."""
    cities = len(case.countries)
    blocks = expected_community_count(case)
    low, high = cities // blocks, -(-cities // blocks)
    best = None
    for partition in set_partitions(tuple(range(cities)), blocks):
        if any(not low <= len(block) <= high for block in partition):
            continue
        values = [best_block_value(case, block) for block in partition]
        if None in values:
            continue
        total = sum(values)
        best = total if best is None else max(best, total)
    return best


def level(case: Case, index: int, theme: str) -> float:
    return case.scores[index].get(theme, case.interests[index][theme])


def distance(case: Case, first: int, second: int) -> float:
    return sum(abs(level(case, first, theme) - level(case, second, theme)) for theme in case.themes)


def group_value(case: Case, group: tuple[int, ...]) -> float:
    """A pair's complementarity; a triple counts all three of its edges."""
    return sum(distance(case, a, b) for a, b in itertools.combinations(group, 2))


def pairings(members: tuple[int, ...], triple_left: bool):
    """Every partition into pairs, with one triple when `triple_left` (an odd count)."""
    if not members:
        yield []
        return
    first, rest = members[0], members[1:]
    for i, partner in enumerate(rest):
        for tail in pairings(rest[:i] + rest[i + 1 :], triple_left):
            yield [(first, partner), *tail]
    if triple_left:
        for i, j in itertools.combinations(range(len(rest)), 2):
            remaining = tuple(m for k, m in enumerate(rest) if k not in (i, j))
            for tail in pairings(remaining, False):
                yield [(first, rest[i], rest[j]), *tail]


def brute_force_pairing(case: Case, members: tuple[int, ...]) -> float:
    return max(
        sum(group_value(case, group) for group in pairing) for pairing in pairings(members, len(members) % 2 == 1)
    )


# -- the brute force itself, checked by hand ---------------------------------------------------
def test_set_partitions_count_the_stirling_numbers():
    counts = [len(list(set_partitions(tuple(range(6)), blocks))) for blocks in range(1, 7)]

    assert counts == [1, 31, 90, 65, 15, 1]


def test_brute_force_pairings_count_pairs_and_one_triple():
    counts = [len(list(pairings(tuple(range(n)), n % 2 == 1))) for n in range(2, 8)]

    assert counts == [1, 1, 3, 10, 15, 105]


def test_brute_force_optimum_of_a_small_case_by_hand():
    # Two Italian cities that love A, a Spanish and a French one that do not: two communities of two.
    # {IT, IT} {ES, FR} = (10 - 3) + 2 = 9; {IT, ES} {IT, FR} = 6 + 6 = 12 (twice).
    case = Case(("IT", "IT", "ES", "FR"), ({"A": 5}, {"A": 5}, {"A": 1}, {"A": 1}), ({},) * 4, ("A",), 2, ())

    assert brute_force_optimum(case) == 12


def test_brute_force_refuses_one_community_with_two_pinned_themes():
    case = Case(("IT", "ES"), ({"A": 1, "B": 1},) * 2, ({},) * 2, ("A", "B"), 2, ((0, "A"), (1, "B")))

    assert brute_force_optimum(case) is None


# -- the planner against the brute force -------------------------------------------------------
def _index(city_id: str) -> int:
    return int(city_id[1:])


@settings(max_examples=60, deadline=None)
@given(cases())
def test_planner_grouping_is_the_brute_force_optimum(case):
    instance = case.instance()

    plan = plan_programme(instance, seed=0, time_limit=10.0)

    optimum = brute_force_optimum(case)
    if optimum is None:
        assert isinstance(plan, Infeasible)
        return
    assert isinstance(plan, Plan), plan
    assert violations(instance, plan) == []
    assert len(plan.communities) == expected_community_count(case)
    assert (plan.objective, plan.bound, plan.optimal, plan.gap) == (optimum, optimum, True, 0.0)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_planner_pairing_is_the_brute_force_optimum_in_every_community(case):
    instance = case.instance()

    plan = plan_programme(instance, seed=0, time_limit=10.0)

    if isinstance(plan, Infeasible):
        assert brute_force_optimum(case) is None
        return
    assert violations(instance, plan) == []
    for community in plan.communities:
        members = tuple(sorted(_index(m) for m in community.members))
        groups = [pair.cities for pair in plan.pairs if pair.community == community.id]
        reported = sum(pair.complementarity for pair in plan.pairs if pair.community == community.id)
        recomputed = sum(group_value(case, tuple(_index(m) for m in group)) for group in groups)
        best = brute_force_pairing(case, members)
        assert (recomputed, reported) == (pytest.approx(best), pytest.approx(best)), community.id
    assert plan.complementarity == pytest.approx(sum(pair.complementarity for pair in plan.pairs))
