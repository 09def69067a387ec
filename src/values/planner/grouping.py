"""Grouping: every city into one community of one theme, maximising interest.

Two stages that keep the bound. Stage A chooses each city's theme and the number of
communities per theme with CP-SAT; it counts the country penalty exactly, because cities of
one country dealt round-robin over a theme's n communities meet only when the country has
more than n cities there. Stage B splits each theme's cities into its communities: by that
dealing when nothing else binds, else with CP-SAT (shared language, cities kept together or
apart, communities that can be paired).

Every answer is honest: a stage that runs out of time gives `TimedOut`, never `Infeasible`;
`Infeasible` names the pins and bans that conflict; `optimal` holds only when proven.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from values.planner.model import (
    Community,
    Explanation,
    Infeasible,
    Instance,
    Rule,
    RuleKind,
    Stage,
    TimedOut,
    gettext_noop,
)
from values.planner.pairing import _best_pairing, unpairable

Progress = Callable[[str, float, float], None]  # stage, objective, bound


@dataclass(frozen=True)
class Grouping:
    communities: tuple[Community, ...]
    objective: int
    bound: int
    optimal: bool
    notes: tuple[Explanation, ...] = ()  # why the grouping is not proven optimal


@dataclass(frozen=True)
class _Themes:
    """Stage A's answer: each city's theme and the communities of each theme."""

    theme_of: dict[str, str]
    counts: dict[str, int]
    bound: int
    optimal: bool


@dataclass(frozen=True)
class _Split:
    communities: list[Community]
    note: Explanation | None = None  # set when the split is not proven to keep the penalty stage A counted


Cut = tuple[frozenset[str], int]  # cities that no theme can take as this many communities

MAX_ATTEMPTS = 25  # stage A re-solves after a theme's cities could not be split or paired
SPLIT_TIME_LIMIT = 10.0  # the least a theme's split gets: it is small beside stage A
NOT_PROVEN = Explanation(
    gettext_noop(
        "The grouping is the best the solver found within the time limit; it did not prove that none is better: "
        "allow it more time."
    )
)


def group_cities(
    instance: Instance,
    *,
    seed: int,
    time_limit: float,
    progress: Progress | None = None,
    split_time_limit: float | None = None,
) -> Grouping | Infeasible | TimedOut:
    """Stage A, then stage B theme by theme; cities that cannot be split into communities (or paired)
    under the rules are cut from stage A, for every theme, and stage A is solved again.

    A cut is made only when the split proved it: so stage A's bound stays a bound, and a stage
    that ran out of time stops the planning (`TimedOut`) rather than cutting what may work.
    """
    split_limit = max(SPLIT_TIME_LIMIT, time_limit) if split_time_limit is None else split_time_limit
    cuts: list[Cut] = []
    failures: dict[Explanation, None] = {}  # the reasons of every cut, in order, once each
    for _attempt in range(MAX_ATTEMPTS):
        stage_a = _assign_themes(instance, seed=seed, time_limit=time_limit, progress=progress, cuts=cuts)
        if isinstance(stage_a, TimedOut):
            return stage_a
        if isinstance(stage_a, Infeasible):
            # With cuts, the grouping failed for want of the sets cut: their reasons are the conflict.
            return Infeasible(tuple(failures)) if cuts else stage_a
        outcome = _split_themes(instance, stage_a, seed=seed, time_limit=split_limit)
        if not isinstance(outcome, tuple):
            return outcome
        failure, cut = outcome
        failures |= dict.fromkeys(failure.reasons)
        cuts.append(cut)
    return TimedOut(
        Stage.SPLIT,
        (
            Explanation(
                gettext_noop(
                    "The planner tried groupings (%(attempts)d) and could split none of them into communities under "
                    "the rules; it did not try them all, so a plan may exist. The ones tried failed because:"
                ),
                {"attempts": MAX_ATTEMPTS},
            ),
            *failures,
        ),
    )


def _split_themes(instance: Instance, stage_a: _Themes, *, seed: int, time_limit: float):
    """Stage B for every theme: a grouping, a time-out, or the failure of one theme and its cut."""
    communities: list[Community] = []
    notes: list[Explanation] = [] if stage_a.optimal else [NOT_PROVEN]
    for theme in instance.themes:
        members = [city for city in instance.cities if stage_a.theme_of[city.id] == theme]
        split = _split_theme(instance, theme, members, stage_a.counts[theme], seed=seed, time_limit=time_limit)
        if isinstance(split, TimedOut):
            return split
        if isinstance(split, Infeasible):
            return split, (frozenset(city.id for city in members), stage_a.counts[theme])
        communities.extend(split.communities)
        notes += [split.note] if split.note is not None else []
    objective = sum(c.interest - c.country_penalty for c in communities)
    optimal = stage_a.optimal and objective == stage_a.bound
    return Grouping(tuple(communities), objective, stage_a.bound, optimal, () if optimal else tuple(notes))


def _pairable(instance: Instance, members) -> bool:
    cities = {city.id: city for city in instance.cities}
    banned = {frozenset((r.city, r.other)) for r in instance.rules if r.kind == RuleKind.NO_PAIR}
    return _best_pairing(tuple(members), cities, instance.themes, banned, instance.score_scale) is not None


def _extra_per_country(countries: list[str]) -> int:
    return sum(count - 1 for count in Counter(countries).values())


# -- stage A ---------------------------------------------------------------------------------
def _assign_themes(
    instance: Instance,
    *,
    seed: int,
    time_limit: float,
    progress: Progress | None,
    explain: bool = True,
    cuts: list[Cut] = (),
) -> _Themes | Infeasible | TimedOut:
    model = cp_model.CpModel()
    themes, cities = instance.themes, instance.cities
    total = instance.community_count
    low, high = instance.size_bounds
    chosen = {(c.id, t): model.new_bool_var(f"y_{c.id}_{t}") for c in cities for t in themes}
    per_theme = {t: model.new_int_var(0, total, f"n_{t}") for t in themes}
    for city in cities:
        model.add_exactly_one(chosen[city.id, t] for t in themes)
    model.add(sum(per_theme.values()) == total)
    for theme in themes:
        size = sum(chosen[c.id, theme] for c in cities)
        model.add(size >= low * per_theme[theme])
        model.add(size <= high * per_theme[theme])
    penalties = _country_excess(model, instance, chosen, per_theme)
    assumptions = _add_rules(model, instance, chosen) | _keep_apart(model, instance, chosen, per_theme)
    _add_cuts(model, instance, chosen, per_theme, cuts)
    interest = sum(c.interest(t) * chosen[c.id, t] for c in cities for t in themes)
    model.maximize(interest - instance.country_weight * sum(penalties))
    _hint_greedy(model, instance, chosen)
    solver = _solver(seed, time_limit)
    status = solver.solve(model, _Reporter("grouping", progress) if progress else None)
    if status == cp_model.INFEASIBLE:
        if not explain:
            return Infeasible(())
        return _explain_grouping(instance, solver, assumptions, seed=seed, time_limit=time_limit)
    if status == cp_model.UNKNOWN:
        return TimedOut(
            Stage.GROUPING,
            (Explanation(gettext_noop("The planner found no grouping within the time limit: allow it more time.")),),
        )
    _check_answered(status)
    theme_of = {c.id: next(t for t in themes if solver.value(chosen[c.id, t])) for c in cities}
    counts = {t: solver.value(per_theme[t]) for t in themes}
    return _Themes(theme_of, counts, round(solver.best_objective_bound), status == cp_model.OPTIMAL)


def _check_answered(status) -> None:
    """A model CP-SAT calls invalid is a bug of ours: it must fail the run, not read as an answer."""
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT answered {cp_model.CpSolver().status_name(status)}")


def _country_excess(model, instance: Instance, chosen, per_theme) -> list:
    by_country: dict[str, list[str]] = defaultdict(list)
    for city in instance.cities:
        by_country[city.country].append(city.id)
    excess = []
    for country, members in by_country.items():
        if len(members) < 2:
            continue
        for theme in instance.themes:
            extra = model.new_int_var(0, len(members), f"extra_{country}_{theme}")
            model.add(extra >= sum(chosen[m, theme] for m in members) - per_theme[theme])
            excess.append(extra)
    return excess


def _add_rules(model, instance: Instance, chosen) -> dict[int, Rule]:
    """Each pin and each 'together' guarded by an assumption, so that a conflict can name it."""
    assumptions: dict[int, Rule] = {}
    for number, rule in enumerate(instance.rules):
        if rule.kind not in (RuleKind.PIN, RuleKind.TOGETHER):
            continue
        literal = model.new_bool_var(f"rule_{number}")
        if rule.kind == RuleKind.PIN:
            model.add(chosen[rule.city, rule.other] == 1).only_enforce_if(literal)
        else:
            for theme in instance.themes:
                model.add(chosen[rule.city, theme] == chosen[rule.other, theme]).only_enforce_if(literal)
        model.add_assumption(literal)
        assumptions[literal.index] = rule
    return assumptions


def apart_kinds(instance: Instance) -> tuple[RuleKind, ...]:
    """In communities of at most three, every two members exchange: a banned pair must be apart."""
    return (RuleKind.APART, RuleKind.NO_PAIR) if instance.size_bounds[1] <= 3 else (RuleKind.APART,)


def _keep_apart(model, instance: Instance, chosen, per_theme) -> dict[int, Rule]:
    """Two cities that must be apart share a theme only when it has two communities or more.

    Each rule is guarded by an assumption, as pins are, so that a conflict can name it.
    """
    rules = [r for r in instance.rules if r.kind in apart_kinds(instance)]
    if not rules:
        return {}
    several = {}
    for theme in instance.themes:
        several[theme] = model.new_bool_var(f"several_{theme}")
        model.add(per_theme[theme] >= 2).only_enforce_if(several[theme])
        model.add(per_theme[theme] <= 1).only_enforce_if(several[theme].Not())
    assumptions: dict[int, Rule] = {}
    for number, rule in enumerate(rules):
        literal = model.new_bool_var(f"apart_{number}")
        for theme in instance.themes:
            model.add(chosen[rule.city, theme] + chosen[rule.other, theme] <= 1 + several[theme]).only_enforce_if(
                literal
            )
        model.add_assumption(literal)
        assumptions[literal.index] = rule
    return assumptions


def _add_cuts(model, instance: Instance, chosen, per_theme, cuts: list[Cut]) -> None:
    """Forbid, in every theme, each set of cities found unworkable as that number of communities.

    Whether cities can be split and paired depends on them, their languages and the rules, never
    on the theme: a set that fails in one theme fails in all.
    """
    for members, count in cuts:
        for theme in instance.themes:
            same_count = model.new_bool_var("")
            model.add(per_theme[theme] == count).only_enforce_if(same_count)
            model.add(per_theme[theme] != count).only_enforce_if(same_count.Not())
            inside = sum(chosen[c, theme] for c in members)
            outside = sum(chosen[c.id, theme] for c in instance.cities if c.id not in members)
            model.add(inside - outside <= len(members) - 1).only_enforce_if(same_count)


def _hint_greedy(model, instance: Instance, chosen) -> None:
    from values.planner.greedy import greedy_themes  # lazy: greedy imports this module

    theme_of = greedy_themes(instance)
    if theme_of is None:
        return
    for (city, theme), variable in chosen.items():
        model.add_hint(variable, theme_of[city] == theme)


def _explain_grouping(
    instance: Instance, solver, assumptions: dict[int, Rule], *, seed: int, time_limit: float
) -> Infeasible:
    names = instance.city_names()
    low, high = instance.size_bounds
    params = {"cities": len(instance.cities), "communities": instance.community_count, "low": low, "high": high}
    core = [assumptions[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in assumptions]
    if not core:
        if low == high:
            text = gettext_noop(
                "No grouping exists: the cities (%(cities)d) make communities (%(communities)d) of size %(low)d, "
                "each with one theme."
            )
        else:
            text = gettext_noop(
                "No grouping exists: the cities (%(cities)d) make communities (%(communities)d) of size %(low)d to "
                "%(high)d, each with one theme."
            )
        return Infeasible((Explanation(text, params),))
    core = _minimal_core(instance, core, seed=seed, time_limit=time_limit)
    if low == high:
        text = gettext_noop(
            "These choices conflict: the cities (%(cities)d) make communities (%(communities)d) of size %(low)d, "
            "each with one theme."
        )
    else:
        text = gettext_noop(
            "These choices conflict: the cities (%(cities)d) make communities (%(communities)d) of size %(low)d to "
            "%(high)d, each with one theme."
        )
    return Infeasible((Explanation(text, params), *(rule.describe(names) for rule in core)))


MAX_CORE_TRIALS = 40


def _minimal_core(instance: Instance, core: list[Rule], *, seed: int, time_limit: float) -> list[Rule]:
    """Drop every rule without which the conflict remains: what is left all takes part in it.

    A trial that runs out of time keeps its rule: the set named still conflicts, if not minimal.
    """
    guarded = (RuleKind.PIN, RuleKind.TOGETHER, *apart_kinds(instance))
    others = tuple(r for r in instance.rules if r.kind not in guarded)
    for rule in list(core)[:MAX_CORE_TRIALS]:
        trial = [r for r in core if r is not rule]
        smaller = replace(instance, rules=(*others, *trial))
        outcome = _assign_themes(smaller, seed=seed, time_limit=time_limit, progress=None, explain=False)
        if isinstance(outcome, Infeasible):
            core = trial
    return core


# -- stage B ---------------------------------------------------------------------------------
def _split_theme(
    instance: Instance, theme: str, members: list, count: int, *, seed: int, time_limit: float
) -> _Split | Infeasible | TimedOut:
    """Dealt round-robin when that keeps the rules, shares a language and pairs; else by CP-SAT."""
    if count == 0:
        return _Split([])
    dealt = _deal(members, count)
    if not (_respects_rules(instance, dealt) and all(_shared_language(instance, group) for group in dealt)):
        stuck: list[Community] = []
    else:
        communities = _communities(instance, theme, dealt)
        stuck = [c for c in communities if not _pairable(instance, c.members)]
        if not stuck:
            return _Split(communities)
    return _split_by_solver(instance, theme, members, count, dealt, stuck, seed=seed, time_limit=time_limit)


def _split_by_solver(
    instance: Instance,
    theme: str,
    members: list,
    count: int,
    dealt: list[list],
    stuck: list[Community],
    *,
    seed: int,
    time_limit: float,
) -> _Split | Infeasible | TimedOut:
    """The split of least country penalty; each community found unpairable is forbidden in turn."""
    forbidden: list[frozenset[str]] = []
    reasons: list[Explanation] = []
    params = {"theme": theme, "cities": len(members), "communities": count}
    for _attempt in range(MAX_ATTEMPTS):
        forbidden += [frozenset(c.members) for c in stuck]
        reasons += [unpairable(instance, c) for c in stuck]
        solved = _split_with_solver(instance, members, count, dealt, forbidden, seed=seed, time_limit=time_limit)
        if isinstance(solved, TimedOut):
            text = gettext_noop(
                "The planner could not split the cities of theme %(theme)s (%(cities)d) into communities "
                "(%(communities)d) within the time limit: allow it more time."
            )
            return TimedOut(Stage.SPLIT, (Explanation(text, params),))
        if isinstance(solved, _NoSplit):
            return Infeasible((*reasons, *_no_split_reasons(instance, members, count, solved, forbidden)))
        groups, proven = solved
        communities = _communities(instance, theme, groups)
        stuck = [c for c in communities if not _pairable(instance, c.members)]
        if not stuck:
            return _Split(communities, _split_note(instance, theme, members, count, communities, proven=proven))
    text = gettext_noop(
        "The planner tried ways (%(attempts)d) to split the cities of theme %(theme)s (%(cities)d) into communities "
        "(%(communities)d) and could pair none of them; it did not try them all, so a plan may exist."
    )
    return TimedOut(Stage.SPLIT, (Explanation(text, {**params, "attempts": MAX_ATTEMPTS}),))


def _communities(instance: Instance, theme: str, groups: list[list]) -> list[Community]:
    return [_community(instance, theme, number, group) for number, group in enumerate(groups, 1)]


def _split_note(
    instance: Instance, theme: str, members: list, count: int, communities: list[Community], *, proven: bool
) -> Explanation | None:
    """Stage A counts the country penalty of the dealing; a split that must do worse says why."""
    dealt_extra = sum(max(0, n - count) for n in Counter(city.country for city in members).values())
    cities = {city.id: city for city in members}
    extra = sum(_extra_per_country([cities[m].country for m in c.members]) for c in communities)
    if extra <= dealt_extra or instance.country_weight == 0:
        return None
    if proven:
        text = gettext_noop(
            "The communities of theme %(theme)s keep more cities of one country together than the bound counts "
            "(a shared working language or a pin or ban required it): the plan may be the best possible, but it "
            "is not proven."
        )
    else:
        text = gettext_noop(
            "The communities of theme %(theme)s are the best split the solver found within the time limit; one "
            "with fewer cities of one country together may exist: allow it more time."
        )
    return Explanation(text, {"theme": theme})


def _deal(members: list, count: int) -> list[list]:
    """Round-robin over the communities, country by country (largest first), by id for ties."""
    by_country: dict[str, list] = defaultdict(list)
    for city in sorted(members, key=lambda c: c.id):
        by_country[city.country].append(city)
    order = sorted(by_country.values(), key=lambda group: (-len(group), group[0].country))
    groups: list[list] = [[] for _ in range(count)]
    for position, city in enumerate(city for group in order for city in group):
        groups[position % count].append(city)
    return groups


def _respects_rules(instance: Instance, groups: list[list]) -> bool:
    where = {city.id: number for number, group in enumerate(groups) for city in group}
    for rule in instance.rules:
        if rule.city not in where or rule.other not in where:
            continue
        if rule.kind == RuleKind.TOGETHER and where[rule.city] != where[rule.other]:
            return False
        if rule.kind in apart_kinds(instance) and where[rule.city] == where[rule.other]:
            return False
    return True


def _shared_language(instance: Instance, group: list) -> str | None:
    common = frozenset.intersection(*(instance.speaks(city) for city in group)) if group else frozenset()
    if not common:
        return None
    preferred = sorted(common & instance.working_languages) or sorted(common)
    return preferred[0]


@dataclass(frozen=True)
class _NoSplit:
    """The split is proven impossible; `rules` are pins and bans that take part (a minimal set)."""

    rules: tuple[Rule, ...]


def _split_with_solver(
    instance: Instance,
    members: list,
    count: int,
    dealt: list[list],
    forbidden: list[frozenset[str]],
    *,
    seed: int,
    time_limit: float,
) -> tuple[list[list], bool] | _NoSplit | TimedOut:
    """The groups and whether their penalty is proven least; or why there are none."""
    ids = {city.id for city in members}
    rules = [r for r in instance.rules if r.city in ids and r.other in ids and _binds_split(instance, r)]
    model, place, assumptions = _split_model(instance, members, count, forbidden, rules, optimise=True)
    for k, group in enumerate(dealt):
        for city in group:
            model.add_hint(place[city.id, k], True)
    solver = _solver(seed, time_limit)
    status = solver.solve(model)
    if status == cp_model.UNKNOWN:
        return TimedOut(Stage.SPLIT, ())
    if status == cp_model.INFEASIBLE:
        core = [assumptions[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in assumptions]
        return _NoSplit(tuple(_minimal_split_core(instance, members, count, forbidden, core, seed, time_limit)))
    _check_answered(status)
    groups = [[c for c in members if solver.value(place[c.id, k])] for k in range(count)]
    return groups, status == cp_model.OPTIMAL


def _binds_split(instance: Instance, rule: Rule) -> bool:
    return rule.kind == RuleKind.TOGETHER or rule.kind in apart_kinds(instance)


def _split_model(instance: Instance, members: list, count: int, forbidden, rules: list[Rule], *, optimise: bool):
    """Cities into `count` communities that share a language; each rule guarded by an assumption."""
    model = cp_model.CpModel()
    low, high = instance.size_bounds
    ids = [city.id for city in members]
    place = {(i, k): model.new_bool_var(f"x_{i}_{k}") for i in ids for k in range(count)}
    for i in ids:
        model.add_exactly_one(place[i, k] for k in range(count))
    languages = sorted(frozenset().union(*(instance.speaks(c) for c in members)))
    penalties = []
    for k in range(count):
        model.add(sum(place[i, k] for i in ids) >= low)
        model.add(sum(place[i, k] for i in ids) <= high)
        spoken = {lang: model.new_bool_var(f"lang_{k}_{lang}") for lang in languages}
        model.add_at_least_one(spoken.values())
        for city in members:
            for lang, literal in spoken.items():
                if lang not in instance.speaks(city):
                    model.add_bool_or([place[city.id, k].Not(), literal.Not()])
        for country in {c.country for c in members}:
            same = [place[c.id, k] for c in members if c.country == country]
            if len(same) > 1:
                extra = model.new_int_var(0, len(same), f"extra_{k}_{country}")
                model.add(extra >= sum(same) - 1)
                penalties.append(extra)
        for group in forbidden:  # a community found unpairable: not exactly these cities again
            inside = sum(place[i, k] for i in group)
            outside = sum(place[i, k] for i in ids if i not in group)
            model.add(inside - outside <= len(group) - 1)
    if optimise:
        model.minimize(sum(penalties))
    return model, place, _guard_split_rules(model, place, count, rules)


def _guard_split_rules(model, place, count: int, rules: list[Rule]) -> dict[int, Rule]:
    """Each rule behind an assumption, as in stage A, so that a failed split can name it."""
    assumptions: dict[int, Rule] = {}
    for number, rule in enumerate(rules):
        literal = model.new_bool_var(f"rule_{number}")
        for k in range(count):
            if rule.kind == RuleKind.TOGETHER:
                model.add(place[rule.city, k] == place[rule.other, k]).only_enforce_if(literal)
            else:
                model.add(place[rule.city, k] + place[rule.other, k] <= 1).only_enforce_if(literal)
        model.add_assumption(literal)
        assumptions[literal.index] = rule
    return assumptions


def _minimal_split_core(instance, members, count, forbidden, core: list[Rule], seed: int, time_limit: float):
    """As for stage A: drop each rule without which the split stays impossible (a time-out keeps it)."""
    for rule in list(core)[:MAX_CORE_TRIALS]:
        trial = [r for r in core if r is not rule]
        model, _place, _assumptions = _split_model(instance, members, count, forbidden, trial, optimise=False)
        if _solver(seed, time_limit).solve(model) == cp_model.INFEASIBLE:
            core = trial
    return core


NO_SPLIT = {  # (sizes vary, pins and bans take part) -> the sentence
    (False, False): gettext_noop(
        "These cities cannot be split into communities (%(communities)d) of size %(low)d that each share a "
        "working language: %(cities)s."
    ),
    (True, False): gettext_noop(
        "These cities cannot be split into communities (%(communities)d) of size %(low)d to %(high)d that each "
        "share a working language: %(cities)s."
    ),
    (False, True): gettext_noop(
        "These cities cannot be split into communities (%(communities)d) of size %(low)d that each share a "
        "working language and keep these pins and bans: %(cities)s."
    ),
    (True, True): gettext_noop(
        "These cities cannot be split into communities (%(communities)d) of size %(low)d to %(high)d that each "
        "share a working language and keep these pins and bans: %(cities)s."
    ),
}


def _no_split_reasons(
    instance: Instance, members: list, count: int, no_split: _NoSplit, forbidden
) -> list[Explanation]:
    if forbidden and not no_split.rules:
        return []  # the communities that cannot be paired are the whole reason
    low, high = instance.size_bounds
    names = ", ".join(sorted(city.name for city in members))
    text = NO_SPLIT[low != high, bool(no_split.rules)]
    city_names = instance.city_names()
    return [
        Explanation(text, {"communities": count, "low": low, "high": high, "cities": names}),
        *(rule.describe(city_names) for rule in no_split.rules),
    ]


def _community(instance: Instance, theme: str, number: int, group: list) -> Community:
    countries = [city.country for city in group]
    why = {city.id: _why(instance, city, theme) for city in group}
    return Community(
        id=f"{theme}{number}",
        theme=theme,
        members=tuple(city.id for city in group),
        language=_shared_language(instance, group) or "",
        interest=sum(city.interest(theme) for city in group),
        country_penalty=instance.country_weight * _extra_per_country(countries),
        why=why,
    )


def _why(instance: Instance, city, theme: str) -> Explanation:
    pinned = any(r.kind == RuleKind.PIN and r.city == city.id and r.other == theme for r in instance.rules)
    best = max(city.interest(t) for t in instance.themes)
    interest = city.interest(theme)
    if pinned:
        text = gettext_noop("pinned to theme %(theme)s by the coordinator; contributes %(interest)d to the objective")
    elif interest == best:
        text = gettext_noop(
            "theme %(theme)s is among its highest interests (%(interest)d of 5); contributes %(interest)d to the "
            "objective"
        )
    else:
        text = gettext_noop(
            "interest %(interest)d of 5 in theme %(theme)s (its highest is %(best)d): the communities of its "
            "favourite themes were full; contributes %(interest)d to the objective"
        )
    return Explanation(text, {"theme": theme, "interest": interest, "best": best})


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, progress: Progress) -> None:
        super().__init__()
        self._stage, self._progress = stage, progress

    def on_solution_callback(self) -> None:
        self._progress(self._stage, self.objective_value, self.best_objective_bound)


def _solver(seed: int, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 2
    # Deterministic: the same seed and limit give the same plan, whatever the machine's load.
    solver.parameters.interleave_search = True
    solver.parameters.max_deterministic_time = time_limit
    # A safety net, not the limit; the 2 s keep a small limit from turning into a wall-clock one.
    solver.parameters.max_time_in_seconds = time_limit * 4 + 2
    return solver
