"""The planner's entry point: group, pair, schedule; the result explains itself."""

import time
from collections import defaultdict, deque
from collections.abc import Callable

from values.planner.grouping import apart_kinds, group_cities
from values.planner.model import Explanation, Infeasible, Instance, Plan, Rule, RuleKind, TimedOut, gettext_noop
from values.planner.pairing import MAX_ENUMERATED_SIZE, pair_cities
from values.planner.scheduling import schedule_activities

GROUPING_SHARE = 0.6  # of the time limit; scheduling gets the rest


def plan_programme(
    instance: Instance,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    progress: Callable[[str, float, float], None] | None = None,
) -> Plan | Infeasible | TimedOut:
    """A plan; or why none exists; or the stage that ran out of time before either was known.

    The time limit is CP-SAT's deterministic time, shared between the stages in fixed parts, so
    that the same seed and limit give the same answer however busy the machine is.
    """
    started = time.perf_counter()
    problems = _precheck(instance)
    if problems:
        return Infeasible(tuple(problems))
    grouping = group_cities(instance, seed=seed, time_limit=time_limit * GROUPING_SHARE, progress=progress)
    if isinstance(grouping, Infeasible | TimedOut):
        return grouping
    pairs = pair_cities(instance, grouping.communities)
    if isinstance(pairs, Infeasible):
        return pairs
    schedule = schedule_activities(
        instance,
        grouping.communities,
        pairs,
        seed=seed,
        time_limit=time_limit * (1 - GROUPING_SHARE),
        progress=progress,
    )
    if isinstance(schedule, Infeasible | TimedOut):
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
        notes=grouping.notes,
    )


def _precheck(instance: Instance) -> list[Explanation]:
    """Mistakes in the input itself, said before any solving."""
    problems = []
    ids = {city.id for city in instance.cities}
    if len(instance.cities) < 2:
        problems.append(Explanation(gettext_noop("A plan needs at least two cities.")))
    if not instance.themes:
        problems.append(Explanation(gettext_noop("A plan needs at least one theme.")))
    if not instance.weeks:
        problems.append(Explanation(gettext_noop("The programme has no weeks to schedule in.")))
    elif instance.opening_week >= len(instance.weeks):
        text = gettext_noop(
            "The preparation months (%(months)d) leave no week of the programme (%(weeks)d) to schedule in."
        )
        problems.append(Explanation(text, {"months": instance.preparation_months, "weeks": len(instance.weeks)}))
    unknown = False
    for rule in instance.rules:
        others = set(instance.themes) if rule.kind == "pin" else ids
        if rule.city not in ids or rule.other not in others:
            text = gettext_noop("A rule names what the programme does not have: %(city)s, %(other)s.")
            problems.append(Explanation(text, {"city": rule.city, "other": rule.other}))
            unknown = True
    if problems:
        return problems
    high = instance.size_bounds[1]
    if high > MAX_ENUMERATED_SIZE:
        text = gettext_noop(
            "Communities of size %(size)d are too large: the planner pairs communities of size %(most)d at most. "
            "Choose a smaller community size."
        )
        problems.append(Explanation(text, {"size": high, "most": MAX_ENUMERATED_SIZE}))
    if not unknown:
        problems += _together_and_apart(instance)
    return problems


def _together_and_apart(instance: Instance) -> list[Explanation]:
    """Cities joined by 'together' rules (directly or through others) that a rule keeps apart.

    Names the first such conflict: the chain of 'together' rules, then the rule keeping apart.
    """
    links: dict[str, list[tuple[str, Rule]]] = defaultdict(list)
    for rule in instance.rules:
        if rule.kind == RuleKind.TOGETHER:
            links[rule.city].append((rule.other, rule))
            links[rule.other].append((rule.city, rule))
    for rule in instance.rules:
        if rule.kind not in apart_kinds(instance):
            continue
        chain = _chain(links, rule.city, rule.other)
        if chain is not None:
            names = instance.city_names()
            return [
                Explanation(gettext_noop("These rules conflict: cities kept together cannot be kept apart.")),
                *(link.describe(names) for link in (*chain, rule)),
            ]
    return []


def _chain(links: dict[str, list[tuple[str, Rule]]], start: str, goal: str) -> list[Rule] | None:
    """The shortest chain of 'together' rules from one city to another (breadth first), or None."""
    came_by: dict[str, tuple[str, Rule] | None] = {start: None}
    queue = deque([start])
    while queue:
        city = queue.popleft()
        if city == goal:
            chain = []
            while came_by[city] is not None:
                city, rule = came_by[city]
                chain.append(rule)
            return chain[::-1]
        for other, rule in links[city]:
            if other not in came_by:
                came_by[other] = (city, rule)
                queue.append(other)
    return None
