"""The greedy baseline: what a coordinator with a spreadsheet would do.

Each theme gets communities in proportion to the cities that like it best; cities in order of
their strongest interest take their favourite theme that still has room; themes short of
cities then take the cities that lose least by moving. The planner must never do worse than
this, and hints its solver with it.
"""

from values.planner.model import Instance, RuleKind


def greedy_themes(instance: Instance) -> dict[str, str] | None:
    """City -> theme, respecting pins and community sizes; None when the greedy gets stuck."""
    low, high = instance.size_bounds
    per_theme = _communities_per_theme(instance)
    pinned = {r.city: r.other for r in instance.rules if r.kind == RuleKind.PIN}
    room = {theme: per_theme[theme] * high for theme in instance.themes}
    theme_of: dict[str, str] = {}
    order = sorted(instance.cities, key=lambda c: (c.id not in pinned, -max(c.interests.values(), default=0), c.id))
    for city in order:
        ranked = sorted(instance.themes, key=lambda t: (-city.interest(t), t))
        choices = [pinned[city.id]] if city.id in pinned else ranked
        theme = next((t for t in choices if room[t] > 0), None)
        if theme is None:
            return None
        theme_of[city.id] = theme
        room[theme] -= 1
    return _fill_short_themes(instance, theme_of, per_theme, low, set(pinned))


def _communities_per_theme(instance: Instance) -> dict[str, int]:
    """Communities in proportion to first choices (largest remainders), summing to the total."""
    total = instance.community_count
    first = dict.fromkeys(instance.themes, 0)
    for city in instance.cities:
        first[min(instance.themes, key=lambda t: (-city.interest(t), t))] += 1
    exact = {t: total * first[t] / len(instance.cities) for t in instance.themes}
    counts = {t: int(exact[t]) for t in instance.themes}
    for theme in sorted(instance.themes, key=lambda t: (-(exact[t] - counts[t]), t))[: total - sum(counts.values())]:
        counts[theme] += 1
    return counts


def _fill_short_themes(instance, theme_of, per_theme, low, pinned) -> dict[str, str] | None:
    cities = {city.id: city for city in instance.cities}
    counts = {t: sum(1 for v in theme_of.values() if v == t) for t in instance.themes}
    while short := [t for t in instance.themes if counts[t] < per_theme[t] * low]:
        target = short[0]
        movable = [c for c, t in theme_of.items() if c not in pinned and t != target and counts[t] > per_theme[t] * low]
        if not movable:
            return None
        city = min(movable, key=lambda c: (cities[c].interest(theme_of[c]) - cities[c].interest(target), c))
        counts[theme_of[city]] -= 1
        counts[target] += 1
        theme_of[city] = target
    return theme_of


def greedy_objective(instance: Instance) -> int | None:
    """The objective the greedy baseline reaches (communities dealt as the planner deals them)."""
    from values.planner.grouping import _community, _deal  # lazy: grouping imports this module

    theme_of = greedy_themes(instance)
    if theme_of is None:
        return None
    per_theme = _communities_per_theme(instance)
    total = 0
    for theme in instance.themes:
        members = [c for c in instance.cities if theme_of[c.id] == theme]
        for number, group in enumerate(_deal(members, per_theme[theme]) if per_theme[theme] else [], 1):
            community = _community(instance, theme, number, group)
            total += community.interest - community.country_penalty
    return total
