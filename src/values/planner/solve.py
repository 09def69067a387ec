"""The planner's entry point: group, pair, schedule; the result explains itself."""

import time
from collections.abc import Callable

from values.planner.grouping import group_cities
from values.planner.model import Infeasible, Instance, Plan
from values.planner.pairing import pair_cities
from values.planner.scheduling import schedule_activities

GROUPING_SHARE = 0.6  # of the time limit; scheduling gets the rest


def plan_programme(
    instance: Instance,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    progress: Callable[[str, float, float], None] | None = None,
) -> Plan | Infeasible:
    started = time.perf_counter()
    problems = _precheck(instance)
    if problems:
        return Infeasible(tuple(problems))
    grouping = group_cities(instance, seed=seed, time_limit=time_limit * GROUPING_SHARE, progress=progress)
    if isinstance(grouping, Infeasible):
        return grouping
    pairs = pair_cities(instance, grouping.communities)
    if isinstance(pairs, Infeasible):
        return pairs
    remaining = max(time_limit - (time.perf_counter() - started), time_limit * (1 - GROUPING_SHARE))
    schedule = schedule_activities(
        instance, grouping.communities, pairs, seed=seed, time_limit=remaining, progress=progress
    )
    if isinstance(schedule, Infeasible):
        return schedule
    return Plan(
        communities=grouping.communities,
        pairs=pairs,
        activities=schedule.activities,
        objective=grouping.objective,
        bound=grouping.bound,
        optimal=grouping.optimal,
        complementarity=sum(pair.complementarity for pair in pairs),
        spread=schedule.spread,
        wall_seconds=time.perf_counter() - started,
        seed=seed,
    )


def _precheck(instance: Instance) -> list[str]:
    """Mistakes in the input itself, said before any solving."""
    problems = []
    ids = {city.id for city in instance.cities}
    if len(instance.cities) < 2:
        problems.append("A plan needs at least two cities.")
    if not instance.themes:
        problems.append("A plan needs at least one theme.")
    if not instance.weeks:
        problems.append("The programme has no weeks to schedule in.")
    for rule in instance.rules:
        others = set(instance.themes) if rule.kind == "pin" else ids
        if rule.city not in ids or rule.other not in others:
            problems.append(f"A rule names what the programme does not have: {rule.city}, {rule.other}.")
    return problems
