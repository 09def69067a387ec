"""The planner in the web app: rules, runs in the background, and accepting a plan.

Every change of planning data goes through these functions; the view, the task and the
command line call them.
"""

import json
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from values.activities.services import activities_in_use, create_planned_activities
from values.knowledge.queries import benchmark_levels
from values.network.enums import AuditAction
from values.network.models import Organisation, User
from values.network.services import record_audit
from values.planner import Infeasible, Rule, TimedOut, plan_programme
from values.planner.checker import violations
from values.planner.model import RuleKind
from values.planning.enums import PlanRuleKind, PlanRunStatus
from values.planning.explanations import stored
from values.planning.instances import plan_as_json, planning_instance
from values.planning.models import PlanRule, PlanRun
from values.programme.models import Community, CommunityMember, ExchangePair, Programme, Theme
from values.programme.queries import programme_as_file

PROGRESS_INTERVAL_SECONDS = 0.5  # how often a running plan writes its progress
RESULT_FIELDS = ["status", "stage", "reasons", "result", "best_objective", "best_bound", "finished_at"]

logger = logging.getLogger(__name__)


class PlanRuleError(ValueError):
    """A rule that names the wrong things; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def add_plan_rule(
    programme: Programme, *, kind: str, city: Organisation, other_city: Organisation | None, theme: Theme | None
) -> PlanRule:
    if kind not in PlanRuleKind.values:
        raise PlanRuleError("kind", _("Choose one of the kinds of rule the planner follows."))
    if kind == PlanRuleKind.PIN:
        if theme is None:
            raise PlanRuleError("theme", _("Choose the theme to pin the city to."))
        other_city = None
    else:
        if other_city is None:
            raise PlanRuleError("other_city", _("Choose the second city."))
        if other_city == city:
            raise PlanRuleError("other_city", _("Choose two different cities."))
        theme = None
    return PlanRule.objects.create(programme=programme, kind=kind, city=city, other_city=other_city, theme=theme)


def remove_plan_rule(rule: PlanRule) -> None:
    rule.delete()


def planner_rules(programme: Programme) -> tuple[Rule, ...]:
    """The programme's rules as the planner takes them; a rule of a kind it does not know (written around
    `add_plan_rule`'s callers, the form and the API, which offer only the known kinds) is refused by name, so that
    no run starts without a rule the coordinator believes it follows."""
    rules = programme.plan_rules.select_related("city", "other_city", "theme")
    unknown = [rule for rule in rules if rule.kind not in RuleKind]
    if unknown:
        named = "; ".join(f"{rule.kind}: {rule.city.key} · {(rule.other_city or rule.theme).key}" for rule in unknown)
        refusal = _("These rules are of no kind the planner knows: %(rules)s. Remove them, and plan again.")
        raise ValidationError(refusal % {"rules": named})
    return tuple(
        Rule(RuleKind(rule.kind), rule.city.key, rule.theme.key if rule.theme else rule.other_city.key)
        for rule in rules
    )


def start_plan_run(
    programme: Programme, *, by: User | None, seed: int = 0, time_limit: int = 10, queue: bool = True
) -> PlanRun:
    """Record a run and queue it for the background worker (`queue=False`: the caller runs it itself, with
    `execute_plan_run`, as the demo's generator does). A rule the planner cannot follow is refused first
    (ValidationError, `planner_rules`): no run is recorded."""
    from values.planning.tasks import run_planner  # lazy: the task module imports this one

    end_abandoned_runs()
    rules = [{"kind": r.kind, "city": r.city, "other": r.other} for r in planner_rules(programme)]
    run = PlanRun.objects.create(programme=programme, seed=seed, time_limit=time_limit, rules=rules, created_by=by)
    if queue:
        transaction.on_commit(lambda: run_planner.enqueue(run.pk))
    return run


# A run not ended this long after its planner's own limit was left by a worker that stopped (or never came).
ABANDONED_AFTER = timedelta(minutes=30)


def end_abandoned_runs(*, now: datetime | None = None) -> int:
    """End as failed, with the reason, every run that is still queued or running long after it should have
    ended: its worker stopped, so nothing else would ever end it. Returns how many were ended."""
    now = now or timezone.now()
    waiting = PlanRun.objects.filter(status__in=(PlanRunStatus.QUEUED, PlanRunStatus.RUNNING))
    ended = 0
    for run in waiting:
        # The planner's wall-clock safety net is 4 × its limit + 2 s; past that and the grace, nobody is on it.
        if run.created_at + ABANDONED_AFTER + timedelta(seconds=4 * run.time_limit + 2) > now:
            continue
        run.status, run.finished_at = PlanRunStatus.FAILED, now
        run.reasons = [
            {
                "text": gettext_noop(
                    "The run was not finished: the background worker stopped before it ended. Plan again; if it "
                    "happens again, check that `values worker` is running."
                ),
                "params": {},
            }
        ]
        run.save(update_fields=["status", "finished_at", "reasons"])
        ended += 1
    return ended


def execute_plan_run(run: PlanRun) -> PlanRun:
    """Run the planner for a recorded run, writing its progress as it goes (called by the task).

    Every run ends with a status: done, no plan exists, timed out, or failed with its reason,
    even when the planner raises; none is left running.
    """
    PlanRun.objects.filter(pk=run.pk).update(status=PlanRunStatus.RUNNING, stage="grouping")
    try:
        _plan(run)
    except Exception as error:  # whatever went wrong, the run says so, and the worker goes on
        logger.exception("planner run %s failed", run.pk)
        run.status, run.result = PlanRunStatus.FAILED, None
        run.reasons = [
            {
                "text": gettext_noop("The planner stopped with an error: %(error)s"),
                "params": {"error": f"{type(error).__name__}: {error}"},
            }
        ]
    run.finished_at = timezone.now()
    run.save(update_fields=RESULT_FIELDS)
    return run


def _plan(run: PlanRun) -> None:
    rules = tuple(Rule(RuleKind(r["kind"]), r["city"], r["other"]) for r in run.rules)
    programme = run.programme
    instance = planning_instance(programme_as_file(programme), rules=rules, levels=benchmark_levels(programme))
    result = plan_programme(instance, seed=run.seed, time_limit=run.time_limit, progress=_progress_writer(run))
    if isinstance(result, Infeasible):
        run.status, run.reasons = PlanRunStatus.INFEASIBLE, [stored(reason) for reason in result.reasons]
    elif isinstance(result, TimedOut):
        reasons = [stored(reason) for reason in result.reasons]
        run.status, run.stage, run.reasons = PlanRunStatus.TIMED_OUT, result.stage.value, reasons
    elif problems := violations(instance, result):
        run.status, run.reasons = PlanRunStatus.FAILED, problems  # the checker's findings, for the developers
    else:
        run.status, run.result = PlanRunStatus.DONE, json.loads(plan_as_json(result))
        run.best_objective, run.best_bound = result.objective, result.bound


def _progress_writer(run: PlanRun):
    """Progress is written from the solver's own threads, at most every half second.

    Best effort: a write that fails (the database busy) is skipped, never the plan. The schedule stage reports
    on the thread that runs the plan, whose connection (and transaction) stay open.
    """
    last, planning_thread = [time.monotonic()], threading.get_ident()

    def write(stage: str, objective: float, bound: float) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL_SECONDS:
            return
        last[0] = now
        try:
            PlanRun.objects.filter(pk=run.pk).update(stage=stage, best_objective=objective, best_bound=bound)
        except DatabaseError:
            pass
        finally:
            if threading.get_ident() != planning_thread:
                connections.close_all()  # this thread's connection: the solver's threads come and go

    return write


# -- accepting a plan ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AcceptSummary:
    communities: int
    visits: int
    exchanges: int


class PlanNotAcceptable(ValueError):
    pass


@transaction.atomic
def accept_plan_run(run: PlanRun, *, by: User) -> AcceptSummary:
    """Make a finished run the programme's plan: its communities, pairs, visits and exchanges.

    The previous plan's communities, visits and exchanges are replaced. The run records when it was
    accepted (`accepted_at`): the latest accepted run is the one the communities come from.
    """
    if run.status != PlanRunStatus.DONE or not run.result:
        raise PlanNotAcceptable(_("Only a finished plan can be accepted."))
    programme = run.programme
    in_use = activities_in_use(programme)
    if in_use:
        # Replacing the plan would delete agendas, nominations, minutes, report requests and expenses' links.
        raise PlanNotAcceptable(
            _(
                "The current plan's visits and exchanges already have agendas, participants, minutes or expenses; "
                "a new plan would delete them. Change the dates of single activities instead."
            )
            + " "
            + _("In use: %(activities)s.") % {"activities": "; ".join(in_use)}
        )
    programme.communities.all().delete()  # cascades to members, pairs, visits and exchanges
    organisations = {o.key: o for o in Organisation.objects.filter(partnerships__programme=programme)}
    themes = {t.key: t for t in programme.themes.all()}
    communities = {c["id"]: _create_community(programme, c, organisations, themes) for c in run.result["communities"]}
    pairs = {}
    for pair in run.result["pairs"]:
        created = ExchangePair.objects.create(
            community=communities[pair["community"]], complementarity=pair["complementarity"], why=pair["why"]
        )
        created.cities.set([organisations[c] for c in pair["cities"]])
        pairs[frozenset(pair["cities"])] = created
    visits, exchanges = create_planned_activities(
        programme,
        activities=run.result["activities"],
        communities=communities,
        pairs=pairs,
        organisations=organisations,
    )
    run.accepted_at = timezone.now()
    run.save(update_fields=["accepted_at"])
    counts = {"communities": len(communities), "visits": visits, "exchanges": exchanges}
    record_audit(AuditAction.PLAN_ACCEPTED, by=by, target=f"plan run {run.pk}", detail=counts)
    return AcceptSummary(len(communities), visits, exchanges)


def _create_community(programme, data, organisations, themes) -> Community:
    community = Community.objects.create(
        programme=programme, key=data["id"], theme=themes[data["theme"]], language=data["language"]
    )
    CommunityMember.objects.bulk_create(
        CommunityMember(community=community, organisation=organisations[m], why=data["why"].get(m) or "")
        for m in data["members"]
    )
    return community
