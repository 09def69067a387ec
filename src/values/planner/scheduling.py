"""Scheduling: a week for every visit and exchange, with CP-SAT.

Every city hosts one visit of its community (all members attend); every pair exchanges both
ways (a triple in a cycle). Nobody is in two activities in one week; every visit has its
facilitators; blackouts and unavailable weeks are respected; the visits of a community are
spread out: the programme is cut into as many windows as the community has visits, and each
window holds one of them. The preparation months at the start are closed to every activity: a
rule of the programme, never relaxed (the windows cut the weeks after them).
"""

import itertools
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import timedelta

from ortools.sat.python import cp_model

from values.planner.calendar import opening_day
from values.planner.grouping import Progress, _check_answered, _solver
from values.planner.model import (
    Activity,
    ActivityKind,
    Community,
    Explanation,
    Infeasible,
    Instance,
    Pair,
    Param,
    Stage,
    TimedOut,
    gettext_noop,
)

# What the planner may try relaxing to explain a failure. Never the preparation months: they are a rule of the
# programme, and a failure they cause is told as such (`_explain`).
RELAXATIONS = ("blackouts", "unavailability", "facilitators", "spread")
PROVEN_IMPOSSIBLE, OUT_OF_TIME = "proven impossible", "out of time"


@dataclass(frozen=True)
class Schedule:
    activities: tuple[Activity, ...]
    spread: int


def schedule_activities(
    instance: Instance,
    communities: tuple[Community, ...],
    pairs: tuple[Pair, ...],
    *,
    seed: int,
    time_limit: float,
    progress: Progress | None = None,
    relaxation_time_limit: float | None = None,
) -> Schedule | Infeasible | TimedOut:
    """A schedule; or, when none keeps every constraint, the constraints whose relaxation gives one
    (each relaxation tried with a quarter of the time limit unless told)."""
    activities = _activities(instance, communities, pairs)
    if isinstance(activities, Infeasible):
        return activities
    shortage = _count_shortage(instance, activities)
    if shortage:
        return Infeasible(tuple(shortage))
    result = _solve(instance, activities, frozenset(), seed=seed, time_limit=time_limit, progress=progress)
    if result == OUT_OF_TIME:
        text = gettext_noop("The planner found no schedule within the time limit: allow it more time.")
        return TimedOut(Stage.SCHEDULE, (Explanation(text),))
    if isinstance(result, Schedule):
        return result
    relaxation_limit = time_limit / 4 if relaxation_time_limit is None else relaxation_time_limit
    return _explain(instance, activities, seed=seed, time_limit=relaxation_limit)


def _activities(instance: Instance, communities, pairs) -> list[Activity] | Infeasible:
    facilitators = _facilitators_by_community(instance, communities)
    if isinstance(facilitators, Infeasible):
        return facilitators
    monday = instance.weeks[0]
    activities = [
        Activity(
            kind=ActivityKind.VISIT,
            community=community.id,
            host=host,
            guests=tuple(m for m in community.members if m != host),
            week=0,
            start=monday,
            end=monday,
            facilitators=facilitators[community.id],
        )
        for community in communities
        for host in community.members
    ]
    for pair in pairs:
        group = pair.cities
        for index, host in enumerate(group):
            guest = group[(index + 1) % len(group)]
            activities.append(Activity(ActivityKind.EXCHANGE, pair.community, host, (guest,), 0, monday, monday, ()))
    return activities


def _facilitators_by_community(instance: Instance, communities) -> dict[str, tuple[str, ...]] | Infeasible:
    """Those who attend every visit, plus one of the pool per community, balancing the load."""
    every = tuple(f.id for f in instance.facilitators if f.attends_every_visit)
    pool = [f for f in instance.facilitators if not f.attends_every_visit]
    if not every and not pool:
        return Infeasible((Explanation(gettext_noop("Every visit needs a facilitator, and the programme has none.")),))
    load: dict[str, int] = defaultdict(int)
    chosen: dict[str, tuple[str, ...]] = {}
    for community in sorted(communities, key=lambda c: c.id):
        if not pool:
            chosen[community.id] = every
            continue
        speaking = [f for f in pool if not f.languages or community.language in f.languages] or pool
        pick = min(speaking, key=lambda f: (load[f.id], f.id))
        load[pick.id] += len(community.members)
        chosen[community.id] = (*every, pick.id)
    return chosen


def _participants(activity: Activity) -> tuple[str, ...]:
    return (*activity.participants, *activity.facilitators)


def _count_shortage(instance: Instance, activities: list[Activity]) -> list[Explanation]:
    """Reasons that need no solver: someone has more activities than free weeks."""
    closed = instance.closed_weeks
    free = len(instance.weeks) - len(closed)
    unavailable = {c.id: c.unavailable_weeks for c in instance.cities}
    unavailable |= {f.id: f.unavailable_weeks for f in instance.facilitators}
    names = {**instance.city_names(), **{f.id: f.name for f in instance.facilitators}}
    busy: dict[str, int] = defaultdict(int)
    for activity in activities:
        for person in _participants(activity):
            busy[person] += 1
    reasons = []
    for who, needed in sorted(busy.items()):
        weeks = free - len(unavailable.get(who, frozenset()) - closed)
        if needed > weeks:
            params = {"name": names.get(who, who), "needed": needed, "free": weeks, "weeks": len(instance.weeks)}
            if instance.preparation_months:
                text = gettext_noop(
                    "%(name)s takes part in activities (%(needed)d), one a week, but the preparation months "
                    "(%(months)d, no activity before %(opening)s), the blackout periods and unavailable weeks leave "
                    "only %(free)d of the programme's weeks (%(weeks)d)."
                )
                params |= _preparation(instance)
            else:
                text = gettext_noop(
                    "%(name)s takes part in activities (%(needed)d), one a week, but the blackout periods and "
                    "unavailable weeks leave only %(free)d of the programme's weeks (%(weeks)d)."
                )
            reasons.append(Explanation(text, params))
    return reasons


def _preparation(instance: Instance) -> dict[str, Param]:
    """The values of a sentence naming the preparation months: how many, and the first day after them."""
    opening = opening_day(instance.weeks, instance.preparation_months)
    return {"months": instance.preparation_months, "opening": opening.isoformat() if opening else ""}


def _solve(
    instance: Instance,
    activities: list[Activity],
    relaxed: frozenset[str],
    *,
    seed: int,
    time_limit: float,
    progress: Progress | None = None,
) -> Schedule | str:
    """A schedule, PROVEN_IMPOSSIBLE or OUT_OF_TIME."""
    model = cp_model.CpModel()
    weeks = [model.new_int_var_from_domain(_domain(instance, a, relaxed), f"w{n}") for n, a in enumerate(activities)]
    by_person: dict[str, list] = defaultdict(list)
    for activity, week in zip(activities, weeks, strict=True):
        people = activity.participants if "facilitators" in relaxed else _participants(activity)
        for person in people:
            by_person[person].append(week)
    for person_weeks in by_person.values():
        if len(person_weeks) > 1:
            model.add_all_different(person_weeks)
    if "spread" not in relaxed:
        _spread_visits(model, instance, activities, weeks)
        _spread_exchanges(model, instance, activities, weeks)
        _cap_weekly_load(model, instance, activities, weeks)
    solver = _solver(seed, time_limit)
    # A feasibility problem: one worker finds the same schedule for the same seed, every time.
    solver.parameters.num_workers = 1
    solver.parameters.interleave_search = False
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return PROVEN_IMPOSSIBLE
    if status == cp_model.UNKNOWN:
        return OUT_OF_TIME
    _check_answered(status)
    dated = tuple(_dated(instance, a, solver.value(w)) for a, w in zip(activities, weeks, strict=True))
    if progress is not None:
        progress("schedule", len(dated), len(dated))
    return Schedule(dated, spread_of(dated))


def spread_of(activities: tuple[Activity, ...]) -> int:
    """Sum over communities of the smallest gap, in weeks, between two of its visits."""
    visits: dict[str, list[int]] = defaultdict(list)
    for activity in activities:
        if activity.kind == ActivityKind.VISIT:
            visits[activity.community].append(activity.week)
    total = 0
    for weeks in visits.values():
        ordered = sorted(weeks)
        total += min((b - a for a, b in itertools.pairwise(ordered)), default=0)
    return total


def _domain(instance: Instance, activity: Activity, relaxed: frozenset[str]) -> cp_model.Domain:
    # The preparation months stay closed whatever is relaxed.
    closed = set(range(instance.opening_week)) | (set() if "blackouts" in relaxed else set(instance.blocked_weeks))
    if "unavailability" not in relaxed:
        unavailable = {c.id: c.unavailable_weeks for c in instance.cities}
        unavailable |= {f.id: f.unavailable_weeks for f in instance.facilitators}
        for person in _participants(activity):
            closed |= unavailable.get(person, frozenset())
    return cp_model.Domain.from_values([w for w in range(len(instance.weeks)) if w not in closed])


def _spread_visits(model, instance: Instance, activities: list[Activity], weeks: list) -> None:
    """The programme after its preparation months is cut into as many windows as a community has visits: one
    visit in each."""
    visits: dict[str, list] = defaultdict(list)
    for activity, week in zip(activities, weeks, strict=True):
        if activity.kind == ActivityKind.VISIT:
            visits[activity.community].append(week)
    opening = instance.opening_week
    horizon = max(1, len(instance.weeks) - opening)
    for community, community_weeks in sorted(visits.items()):
        count = len(community_weeks)
        if count < 2:
            continue
        windows = []
        for week in community_weeks:
            window = model.new_int_var(0, count - 1, f"window_{community}")
            model.add_division_equality(window, (week - opening) * count, horizon)
            windows.append(window)
        model.add_all_different(windows)


def _spread_exchanges(model, instance: Instance, activities: list[Activity], weeks: list) -> None:
    """The exchanges of a pair (or triple) fall in different halves (thirds) of the programme after its
    preparation months."""
    groups: dict[frozenset[str], list] = defaultdict(list)
    members: dict[str, set[str]] = defaultdict(set)
    for activity in activities:
        if activity.kind == ActivityKind.EXCHANGE:
            members[activity.host].add(activity.guests[0])
            members[activity.guests[0]].add(activity.host)
    for activity, week in zip(activities, weeks, strict=True):
        if activity.kind == ActivityKind.EXCHANGE:
            group = frozenset({activity.host} | members[activity.host])
            groups[group].append(week)
    opening = instance.opening_week
    horizon = max(1, len(instance.weeks) - opening)
    for group_weeks in groups.values():
        count = len(group_weeks)
        windows = []
        for week in group_weeks:
            window = model.new_int_var(0, count - 1, "")
            model.add_division_equality(window, (week - opening) * count, horizon)
            windows.append(window)
        model.add_all_different(windows)


def _cap_weekly_load(model, instance: Instance, activities: list[Activity], weeks: list) -> None:
    """At most twice the average number of activities in one week: the staff must cope."""
    free = max(1, len(instance.weeks) - len(instance.closed_weeks))
    capacity = max(1, -(-2 * len(activities) // free))
    intervals = [model.new_fixed_size_interval_var(week, 1, "") for week in weeks]
    model.add_cumulative(intervals, [1] * len(intervals), capacity)


def _dated(instance: Instance, activity: Activity, week: int) -> Activity:
    days = instance.visit_days if activity.kind == ActivityKind.VISIT else instance.exchange_days
    start = instance.weeks[week]
    return replace(activity, week=week, start=start, end=start + timedelta(days=days - 1))


def _explain(instance: Instance, activities: list[Activity], *, seed: int, time_limit: float) -> Infeasible | TimedOut:
    """Name the constraint whose relaxation makes a schedule possible.

    A relaxation that runs out of time proves nothing: when no relaxation is found and one ran out
    of time, the planner cannot say what to change, and says so. The preparation months are never relaxed;
    when a schedule would exist without them, the reasons say that they leave too few weeks.
    """
    words = {
        "blackouts": gettext_noop(
            "No schedule exists: the blackout periods leave too few weeks for every city's visits and exchanges."
        ),
        "unavailability": gettext_noop(
            "No schedule exists: the weeks that cities or facilitators marked unavailable leave no schedule."
        ),
        "facilitators": gettext_noop(
            "No schedule exists: the facilitators cannot attend all the visits: there are too few of them for the "
            "weeks."
        ),
        "spread": gettext_noop(
            "No schedule exists: the visits of a community cannot be spread over the programme, one in each part of it."
        ),
    }
    outcomes = {
        name: _solve(instance, activities, frozenset({name}), seed=seed, time_limit=time_limit) for name in RELAXATIONS
    }
    found = [Explanation(words[name]) for name in RELAXATIONS if isinstance(outcomes[name], Schedule)]
    if instance.preparation_months:
        # Not a relaxation: the plan is never made without them; only the reason is looked for.
        unprepared = replace(instance, preparation_months=0)
        outcomes["preparation"] = _solve(unprepared, activities, frozenset(), seed=seed, time_limit=time_limit)
        if isinstance(outcomes["preparation"], Schedule):
            text = gettext_noop(
                "No schedule exists: the preparation months (%(months)d, no activity before %(opening)s) leave too "
                "few weeks for every city's visits and exchanges; with fewer of them there would be a schedule."
            )
            found.append(Explanation(text, _preparation(instance)))
    if found:
        return Infeasible(tuple(found))
    if OUT_OF_TIME in outcomes.values():
        text = gettext_noop(
            "No schedule keeps every constraint, and within the time limit the planner could not tell which one to "
            "relax: allow it more time."
        )
        return TimedOut(Stage.SCHEDULE, (Explanation(text),))
    if instance.preparation_months:
        text = gettext_noop(
            "No schedule exists: after the preparation months (%(months)d, no activity before %(opening)s), the "
            "programme has too few weeks for every visit and exchange."
        )
        return Infeasible((Explanation(text, _preparation(instance)),))
    text = gettext_noop("No schedule exists: the programme has too few weeks for every visit and exchange.")
    return Infeasible((Explanation(text),))
