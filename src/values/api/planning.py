"""The planner through the API: its rules, its runs (started, followed, accepted) as on the planning pages
(`values.planning.services`)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from values.api.context import enter, require_signed_in
from values.api.openapi import PROBLEM_MEDIA
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef, ThemeRef
from values.core.templatetags.values_tags import person
from values.planning.enums import PlanRuleKind, PlanRunStatus
from values.planning.explanations import explain
from values.planning.forms import PlanRunForm
from values.planning.models import PlanRule, PlanRun
from values.planning.permissions import require_planner
from values.planning.queries import (
    plan_rule_for,
    plan_rules,
    plan_run_for,
    plan_runs,
    rule_cities,
    rule_themes,
    run_stage,
)
from values.planning.services import (
    PlanNotAcceptable,
    PlanRuleError,
    accept_plan_run,
    add_plan_rule,
    remove_plan_rule,
    start_plan_run,
)
from values.programme.models import Programme

router = Router(tags=["planning"])
RUN = "{code}/plan-runs/{int:run_id}/"
# The run form's bounds: the page and the API start runs within the same ones.
SEED, TIME_LIMIT = PlanRunForm.base_fields["seed"], PlanRunForm.base_fields["time_limit"]


def _planner(request: HttpRequest, code: str) -> Programme:
    """The programme, for its coordinator (who plans it): 401 for nobody, 403 for anyone else, as on the pages."""
    programme = enter(request, code)
    require_signed_in(request)
    require_planner(request.access)
    return programme


# -- rules ------------------------------------------------------------------------------------
class RuleOut(Schema):
    id: int
    # A text, not the enumeration: a rule stored of another kind is still listed (and refused by a new run).
    kind: str = Field(examples=["pin"], description="`pin` a city to a theme; keep two cities `together` or "
                      "`apart`; `no_pair`: never pair them for an exchange.")  # fmt: skip
    city: OrganisationRef
    other_city: OrganisationRef | None = Field(description="The second city, for every rule but a pin.")
    theme: ThemeRef | None = Field(description="The theme, for a pin.")


class RuleIn(Schema):
    kind: PlanRuleKind
    city: str = Field(max_length=64, examples=["cesena"], description="A partner city's key.")
    other_city: str | None = Field(None, max_length=64, examples=["oslo"], description="For every rule but a pin.")
    theme: str | None = Field(None, max_length=64, examples=["D"], description="A theme's key, for a pin.")


def _city(organisation) -> dict:
    return {"key": organisation.key, "name": organisation_name(organisation)}


def rule_out(rule: PlanRule) -> dict:
    theme = rule.theme
    return {
        "id": rule.pk, "kind": rule.kind, "city": _city(rule.city),
        "other_city": _city(rule.other_city) if rule.other_city else None,
        "theme": {"key": theme.key, "name": theme.title} if theme else None,
    }  # fmt: skip


@router.get("{code}/plan-rules/", response=Page[RuleOut], summary="The pins and bans every plan follows")
def list_rules(request: HttpRequest, code: str, paging: Query[Paging]):
    """The coordinator's rules, oldest first: each run of the planner follows those there when it starts."""
    rules = plan_rules(_planner(request, code))
    return paged(request, rules, paging, lambda rows: [rule_out(rule) for rule in rows])


def _chosen(queryset, key: str | None, field: str, refusal: str):
    """What `key` names among the choices the page's form offers; None for no key; 422 naming `field` else."""
    if key is None:
        return None
    found = queryset.filter(key=key).first()
    if found is None:
        raise ValidationError({field: [refusal % {"key": key}]})
    return found


@router.post("{code}/plan-rules/", response={201: RuleOut}, summary="Add a pin or a ban (for the next plan)")
def create_rule(request: HttpRequest, code: str, payload: RuleIn, response: HttpResponse):
    """A pin names a city and a theme; every other rule two different cities. It applies to the runs started after
    it, as the rule the planning page adds."""
    programme = _planner(request, code)
    not_a_city = _("“%(key)s” is not a partner city of the programme.")
    city = _chosen(rule_cities(programme), payload.city, "city", not_a_city)
    other_city = _chosen(rule_cities(programme), payload.other_city, "other_city", not_a_city)
    theme = _chosen(rule_themes(programme), payload.theme, "theme", _("“%(key)s” is not a theme of the programme."))
    try:
        rule = add_plan_rule(programme, kind=payload.kind, city=city, other_city=other_city, theme=theme)
    except PlanRuleError as refused:
        raise ValidationError({refused.field: [str(refused)]}) from None
    response["Location"] = request.build_absolute_uri(f"{request.path}{rule.pk}/")
    return Status(201, rule_out(plan_rules(programme).get(pk=rule.pk)))


@router.delete("{code}/plan-rules/{int:rule_id}/", response={204: None}, summary="Remove a pin or a ban")
def delete_rule(request: HttpRequest, code: str, rule_id: int):
    """The runs started after it no longer follow it; those started before keep the rules they began with."""
    remove_plan_rule(plan_rule_for(_planner(request, code), rule_id))
    return Status(204, None)


# -- runs -------------------------------------------------------------------------------------
class RunOut(Schema):
    id: int
    status: PlanRunStatus = Field(description="`queued` and `running` until it ends: `done`, `infeasible` (no plan "
                                  "exists), `timed_out` or `failed`.")  # fmt: skip
    stage: str = Field(examples=["scheduling"], description="While it runs (or where it ran out of time): the "
                       "stage it works on, in words.")  # fmt: skip
    best_objective: float | None = Field(examples=[76], description="Progress: the best plan's score so far.")
    best_bound: float | None = Field(examples=[76], description="Progress: no plan can score more than this.")
    seed: int
    time_limit: int = Field(examples=[10], description="Seconds.")
    started_at: datetime
    started_by: str | None = Field(description="The person's name.")
    finished_at: datetime | None
    accepted_at: datetime | None = Field(description="When it was made the programme's plan, if it was.")


class RunRule(Schema):
    kind: str = Field(examples=["apart"])
    city: str = Field(examples=["cesena"])
    other: str = Field(examples=["oslo"], description="The other city's key, or the theme's for a pin.")


class PlannedCommunityOut(Schema):
    id: str = Field(examples=["B1"])
    theme: str = Field(examples=["B"])
    language: str = Field(examples=["en"])
    members: list[str] = Field(examples=[["cesena", "duesseldorf", "riga", "toulouse"]])


class ResultOut(Schema):
    """What a finished run planned (accepted, it becomes the programme's communities, visits and exchanges)."""

    optimal: bool = Field(description="Proven optimal: no grouping gives the cities more interest in their themes.")
    objective: float | None = Field(examples=[76])
    bound: float | None = Field(examples=[76])
    gap: float | None = Field(examples=[0.0], description="How far from the bound (0–1); 0 when optimal.")
    communities: list[PlannedCommunityOut]
    pairs: int = Field(examples=[16], description="Cities paired for exchanges.")
    visits: int = Field(examples=[16])
    exchanges: int = Field(examples=[16])
    notes: list[str] = Field(description="Why it is not proven optimal, stage by stage.")


class RunDetail(RunOut):
    rules: list[RunRule] = Field(description="The pins and bans as they were when it started.")
    reasons: list[str] = Field(description="Why no plan exists, why it ran out of time, or what failed (the "
                               "checker's violations of the programme's rules), in words.")  # fmt: skip
    result: ResultOut | None = Field(description="Null until it is done.")
    can_accept: bool = Field(description="Done with a plan: it may be accepted (unless the current plan is in use).")


class RunIn(Schema):
    # Both asked, as the page's form asks them (it shows these examples): a body of all defaults would take
    # anything, even a list, for the request ninja unpacks it from.
    seed: int = Field(ge=SEED.min_value, le=SEED.max_value, examples=[SEED.initial],
                      description="The same seed and rules give the same plan.")  # fmt: skip
    time_limit: int = Field(ge=TIME_LIMIT.min_value, le=TIME_LIMIT.max_value, examples=[TIME_LIMIT.initial],
                            description="Seconds the planner searches at most.")  # fmt: skip


class AcceptedOut(Schema):
    communities: int = Field(examples=[4])
    visits: int = Field(examples=[16])
    exchanges: int = Field(examples=[16])
    run: RunDetail


def run_out(run: PlanRun) -> dict:
    return {
        "id": run.pk, "status": run.status, "stage": run_stage(run), "best_objective": run.best_objective,
        "best_bound": run.best_bound, "seed": run.seed, "time_limit": run.time_limit, "started_at": run.created_at,
        "started_by": person(run.created_by) or None, "finished_at": run.finished_at, "accepted_at": run.accepted_at,
    }  # fmt: skip


def _result(result: dict | None) -> dict | None:
    if not isinstance(result, dict):
        return None
    activities = [activity.get("kind") for activity in result.get("activities", [])]
    return {
        "optimal": bool(result.get("optimal")), "objective": result.get("objective"), "bound": result.get("bound"),
        "gap": result.get("gap"),
        "communities": [{"id": c["id"], "theme": c["theme"], "language": c["language"], "members": c["members"]}
                        for c in result.get("communities", [])],
        "pairs": len(result.get("pairs", [])), "visits": activities.count("visit"),
        "exchanges": activities.count("exchange"), "notes": [explain(note) for note in result.get("notes", [])],
    }  # fmt: skip


def run_detail(run: PlanRun) -> dict:
    return run_out(run) | {
        "rules": run.rules, "reasons": [explain(reason) for reason in run.reasons or []],
        "result": _result(run.result), "can_accept": run.status == PlanRunStatus.DONE and bool(run.result),
    }  # fmt: skip


@router.get("{code}/plan-runs/", response=Page[RunOut], summary="The planner's runs, newest first")
def list_runs(request: HttpRequest, code: str, paging: Query[Paging]):
    runs = plan_runs(_planner(request, code), limit=None)
    return paged(request, runs, paging, lambda rows: [run_out(run) for run in rows])


@router.get(RUN, response=RunDetail, summary="A run: its progress, then its result or why there is none")
def read_run(request: HttpRequest, code: str, run_id: int):
    """Ask again while it is `queued` or `running` (every few seconds, as the page refreshes itself)."""
    return run_detail(plan_run_for(_planner(request, code), run_id))


@router.post("{code}/plan-runs/", response={202: RunDetail}, summary="Start a run of the planner (in the background)")
def start_run(request: HttpRequest, code: str, payload: RunIn, response: HttpResponse):
    """The run is queued for the background worker, as the planning page starts one, and answered at once: follow
    it at its address (Location) until it ends. It follows the pins and bans there are now (a rule of a kind the
    planner does not know is refused, 422, and no run starts)."""
    programme = _planner(request, code)
    form = PlanRunForm({"seed": payload.seed, "time_limit": payload.time_limit})
    if not form.is_valid():  # the page's bounds, which the schema states too
        raise ValidationError(dict(form.errors))
    run = start_plan_run(programme, by=request.user, **form.cleaned_data)
    response["Location"] = request.build_absolute_uri(f"{request.path}{run.pk}/")
    return Status(202, run_detail(plan_run_for(programme, run.pk)))


REFUSED = {"responses": {"409": {
    "description": "The run cannot be accepted: it is not done with a plan, or the current plan's visits and "
                   "exchanges are in use (agendas, participants, minutes, expenses). `detail` says which.",
    "content": PROBLEM_MEDIA,
}}}  # fmt: skip


@router.post(f"{RUN}accept/", response=AcceptedOut, openapi_extra=REFUSED,
             summary="Accept a finished run as the programme's plan")  # fmt: skip
def accept_run(request: HttpRequest, code: str, run_id: int):
    """Its communities, exchange pairs, visits and exchanges replace the current plan's, as on the run's page. A run
    may be accepted again, as long as nothing hangs on the current plan's activities."""
    programme = _planner(request, code)
    run = plan_run_for(programme, run_id)
    try:
        summary = accept_plan_run(run, by=request.user)
    except PlanNotAcceptable as refused:
        raise HttpError(409, str(refused)) from None
    return {"communities": summary.communities, "visits": summary.visits, "exchanges": summary.exchanges,
            "run": run_detail(plan_run_for(programme, run.pk))}  # fmt: skip
