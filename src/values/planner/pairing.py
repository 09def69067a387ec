"""Pairing: inside each community, cities paired for exchanges (a triple when the size is odd).

Communities are small, so every partition into pairs (and one triple) is enumerated: the
pairing is exactly the one of maximum complementarity, where complementarity is how far
apart two cities stand on the themes (one strong where the other is weak). A city stands at
its benchmark level where it has one, put on the interest scale by the programme's score
scale, and at its interest elsewhere.
"""

from collections.abc import Iterator, Mapping

from values.planner.model import (
    DEFAULT_SCORE_SCALE,
    INTEREST_SCALE,
    City,
    Community,
    Explanation,
    Infeasible,
    Instance,
    Pair,
    RuleKind,
    gettext_noop,
)

Scale = tuple[int, int]

MAX_ENUMERATED_SIZE = 12  # 10,395 pairings for 12 cities: still instant


def pair_cities(instance: Instance, communities: tuple[Community, ...]) -> tuple[Pair, ...] | Infeasible:
    cities = {city.id: city for city in instance.cities}
    banned = {frozenset((r.city, r.other)) for r in instance.rules if r.kind == RuleKind.NO_PAIR}
    pairs: list[Pair] = []
    for community in communities:
        best = _best_pairing(community.members, cities, instance.themes, banned, instance.score_scale)
        if best is None:
            return Infeasible((unpairable(instance, community),))
        pairs.extend(_pair(community.id, group, cities, instance.themes, instance.score_scale) for group in best)
    return tuple(pairs)


def unpairable(instance: Instance, community: Community) -> Explanation:
    names = instance.city_names()
    return Explanation(
        gettext_noop("Community %(community)s (%(cities)s) cannot be paired without a banned pair."),
        {"community": community.id, "cities": ", ".join(names[m] for m in community.members)},
    )


def standing(city: City, theme: str, score_scale: Scale = DEFAULT_SCORE_SCALE) -> float:
    """Where a city stands on a theme, in interest points: its benchmark level stretched from the
    score scale over the interest scale, else its interest."""
    if theme not in city.scores:
        return float(city.interest(theme))
    score = float(city.scores[theme])
    if tuple(score_scale) == INTEREST_SCALE:
        return score  # exactly, without the rounding of a stretch by one
    low, high = score_scale
    bottom, top = INTEREST_SCALE
    return (score - low) * (top - bottom) / (high - low) + bottom


def complementarity(
    first: City, second: City, themes: tuple[str, ...], score_scale: Scale = DEFAULT_SCORE_SCALE
) -> float:
    return sum(abs(standing(first, t, score_scale) - standing(second, t, score_scale)) for t in themes)


def group_complementarity(
    group: tuple[str, ...],
    cities: Mapping[str, City],
    themes: tuple[str, ...],
    score_scale: Scale = DEFAULT_SCORE_SCALE,
) -> float:
    """A pair's complementarity; a triple's is that of the three exchanges of its cycle."""
    if len(group) == 2:
        return complementarity(cities[group[0]], cities[group[1]], themes, score_scale)
    return sum(
        complementarity(cities[group[i]], cities[group[(i + 1) % len(group)]], themes, score_scale)
        for i in range(len(group))
    )


def _best_pairing(members, cities, themes, banned, score_scale: Scale) -> list[tuple[str, ...]] | None:
    if len(members) > MAX_ENUMERATED_SIZE:
        raise ValueError(f"a community of {len(members)} cities is too large to pair exactly")
    best, best_weight = None, -1.0
    for pairing in _pairings(tuple(sorted(members))):
        if any(frozenset(p) in banned for group in pairing for p in _edges(group)):
            continue
        weight = sum(group_complementarity(group, cities, themes, score_scale) for group in pairing)
        if weight > best_weight + 1e-9:
            best, best_weight = pairing, weight
    return best


def _edges(group: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(group[i], group[(i + 1) % len(group)]) for i in range(len(group))] if len(group) > 2 else [group]


def _pairings(members: tuple[str, ...]) -> Iterator[list[tuple[str, ...]]]:
    """Every partition into pairs, with exactly one triple when the count is odd."""
    if not members:
        yield []
        return
    if len(members) == 1:
        return
    first, rest = members[0], members[1:]
    if len(members) % 2 == 1:
        for i in range(len(rest)):
            for j in range(i + 1, len(rest)):
                remaining = tuple(m for k, m in enumerate(rest) if k not in (i, j))
                for tail in _pairings_even(remaining):
                    yield [(first, rest[i], rest[j]), *tail]
        for i, partner in enumerate(rest):
            remaining = rest[:i] + rest[i + 1 :]
            for tail in _pairings(remaining):
                yield [(first, partner), *tail]
        return
    yield from _pairings_even(members)


def _pairings_even(members: tuple[str, ...]) -> Iterator[list[tuple[str, ...]]]:
    if not members:
        yield []
        return
    first, rest = members[0], members[1:]
    for i, partner in enumerate(rest):
        for tail in _pairings_even(rest[:i] + rest[i + 1 :]):
            yield [(first, partner), *tail]


def _pair(community: str, group: tuple[str, ...], cities, themes, score_scale: Scale) -> Pair:
    weight = group_complementarity(group, cities, themes, score_scale)
    strengths = []
    for theme in themes:
        levels = sorted(((standing(cities[c], theme, score_scale), cities[c].name) for c in group), reverse=True)
        if levels[0][0] - levels[-1][0] >= 2:
            strengths.append(
                Explanation(
                    gettext_noop("%(strong)s is strong where %(weak)s is weak in theme %(theme)s"),
                    {"strong": levels[0][1], "weak": levels[-1][1], "theme": theme},
                )
            )
    why = tuple(strengths) or (BEST_AVAILABLE,)
    return Pair(community=community, cities=group, complementarity=weight, why=why)


BEST_AVAILABLE = Explanation(gettext_noop("the best match available in the community"))
