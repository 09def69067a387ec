"""An independent check of every hard constraint of a plan: it shares no code with the solver.

`violations(instance, plan)` lists what is wrong, in words; an empty list means the plan holds.
Every test and benchmark runs it on every plan produced.
"""

from collections import Counter, defaultdict
from datetime import date

from values.planner.model import ActivityKind, Instance, Plan, RuleKind


def violations(instance: Instance, plan: Plan) -> list[str]:
    return [
        *_grouping_violations(instance, plan),
        *_pairing_violations(instance, plan),
        *_schedule_violations(instance, plan),
        *_objective_violations(instance, plan),
    ]


def _grouping_violations(instance: Instance, plan: Plan) -> list[str]:
    problems = []
    placed = Counter(member for community in plan.communities for member in community.members)
    for city in instance.cities:
        if placed[city.id] != 1:
            problems.append(f"{city.id} is in {placed[city.id]} communities, not 1")
    unknown = set(placed) - {city.id for city in instance.cities}
    problems += [f"{city} is not a city of the programme" for city in sorted(unknown)]
    if len(plan.communities) != instance.community_count:
        problems.append(f"{len(plan.communities)} communities, not {instance.community_count}")
    low, high = instance.size_bounds
    cities = {city.id: city for city in instance.cities}
    community_of = {m: c for c in plan.communities for m in c.members}
    for community in plan.communities:
        if not low <= len(community.members) <= high:
            problems.append(f"{community.id} has {len(community.members)} cities, not {low} to {high}")
        if community.theme not in instance.themes:
            problems.append(f"{community.id} has the unknown theme {community.theme}")
        if any(community.language not in instance.speaks(cities[m]) for m in community.members if m in cities):
            problems.append(f"not every city of {community.id} speaks {community.language!r}")
    for rule in instance.rules:
        first, second = community_of.get(rule.city), community_of.get(rule.other)
        if rule.kind == RuleKind.PIN and (first is None or first.theme != rule.other):
            problems.append(f"{rule.city} is not in a community of theme {rule.other}")
        if rule.kind == RuleKind.TOGETHER and first is not second:
            problems.append(f"{rule.city} and {rule.other} are not together")
        if rule.kind == RuleKind.APART and first is second:
            problems.append(f"{rule.city} and {rule.other} are not apart")
    return problems


def _pairing_violations(instance: Instance, plan: Plan) -> list[str]:
    problems = []
    banned = {frozenset((r.city, r.other)) for r in instance.rules if r.kind == RuleKind.NO_PAIR}
    for community in plan.communities:
        groups = [pair.cities for pair in plan.pairs if pair.community == community.id]
        covered = Counter(city for group in groups for city in group)
        if set(covered) != set(community.members) or any(count != 1 for count in covered.values()):
            problems.append(f"the pairs of {community.id} do not cover each member exactly once")
        sizes = sorted(len(group) for group in groups)
        expected_triples = len(community.members) % 2
        if sizes.count(3) != expected_triples or any(size not in (2, 3) for size in sizes):
            problems.append(f"{community.id} is paired as groups of {sizes}")
        for group in groups:
            for i, first in enumerate(group):
                for second in group[i + 1 :]:
                    if frozenset((first, second)) in banned:
                        problems.append(f"{first} and {second} are paired against a ban")
    return problems


def _schedule_violations(instance: Instance, plan: Plan) -> list[str]:
    problems = []
    community_of = {m: c for c in plan.communities for m in c.members}
    hosted = Counter(a.host for a in plan.activities if a.kind == ActivityKind.VISIT)
    for city in instance.cities:
        if hosted[city.id] != 1:
            problems.append(f"{city.id} hosts {hosted[city.id]} visits, not 1")
    for activity in plan.activities:
        if activity.kind != ActivityKind.VISIT:
            continue
        community = community_of.get(activity.host)
        if community is None or set(activity.participants) != set(community.members):
            problems.append(f"the visit to {activity.host} is not attended by its whole community")
        if not activity.facilitators:
            problems.append(f"the visit to {activity.host} has no facilitator")
        missing = [f.id for f in instance.facilitators if f.attends_every_visit and f.id not in activity.facilitators]
        if missing:
            problems.append(f"the visit to {activity.host} lacks {', '.join(missing)}")
    exchanges = Counter((a.host, a.guests) for a in plan.activities if a.kind == ActivityKind.EXCHANGE)
    expected = set()
    for pair in plan.pairs:
        group = pair.cities
        for index, host in enumerate(group):
            guest = group[(index + 1) % len(group)]
            expected.add((host, (guest,)))
            if exchanges[host, (guest,)] != 1:
                problems.append(f"{host} does not host {guest} exactly once")
    for host, guests in sorted(set(exchanges) - expected):
        problems.append(f"{host} hosts {', '.join(guests)} although no pair calls for it")
    problems += _week_violations(instance, plan)
    return problems


def _week_violations(instance: Instance, plan: Plan) -> list[str]:
    problems = []
    unavailable = {c.id: c.unavailable_weeks for c in instance.cities}
    unavailable |= {f.id: f.unavailable_weeks for f in instance.facilitators}
    busy: dict[tuple[str, int], int] = defaultdict(int)
    for activity in plan.activities:
        if not 0 <= activity.week < len(instance.weeks):
            problems.append(f"an activity at {activity.host} is outside the programme")
            continue
        if activity.start != instance.weeks[activity.week]:
            problems.append(f"an activity at {activity.host} starts on {activity.start}, not its week's Monday")
        if activity.week in instance.blocked_weeks:
            problems.append(f"an activity at {activity.host} falls in a blackout week ({activity.start})")
        if _month_of_programme(instance, activity.start) <= instance.preparation_months:
            problems.append(
                f"an activity at {activity.host} starts on {activity.start}, in the preparation months "
                f"(month {_month_of_programme(instance, activity.start)} of {instance.preparation_months})"
            )
        for person in (*activity.participants, *activity.facilitators):
            busy[person, activity.week] += 1
            if activity.week in unavailable.get(person, frozenset()):
                problems.append(f"{person} is unavailable in the week of {activity.start}")
    problems += [
        f"{person} is in {count} activities in week {week}" for (person, week), count in busy.items() if count > 1
    ]
    return problems


def _month_of_programme(instance: Instance, day: date) -> int:
    """1 for the month of the programme's first week, 2 for the next, and so on (counted here, not taken
    from the calendar module, so that the check stays independent)."""
    first = instance.weeks[0]
    return (day.year - first.year) * 12 + day.month - first.month + 1


def _objective_violations(instance: Instance, plan: Plan) -> list[str]:
    cities = {city.id: city for city in instance.cities}
    total = 0
    for community in plan.communities:
        total += sum(cities[m].interest(community.theme) for m in community.members if m in cities)
        countries = Counter(cities[m].country for m in community.members if m in cities)
        total -= instance.country_weight * sum(count - 1 for count in countries.values())
    problems = []
    if total != plan.objective:
        problems.append(f"the reported objective {plan.objective} is not the plan's {total}")
    if plan.bound < plan.objective:
        problems.append(f"the bound {plan.bound} is below the objective {plan.objective}")
    return problems
