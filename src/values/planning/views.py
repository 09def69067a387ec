"""The planning pages: the coordinator plans, pins, bans, re-plans and accepts; cities see their plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from values.activities.queries import programme_months
from values.planning import queries
from values.planning.forms import PlanRuleForm, PlanRunForm
from values.planning.permissions import require_planner
from values.planning.services import PlanNotAcceptable, accept_plan_run, remove_plan_rule, start_plan_run
from values.programme.permissions import staff_cities


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    if request.access.plan:
        return _coordinator_page(request, programme, PlanRunForm(), PlanRuleForm(programme=programme))
    cities = staff_cities(request.user, request.programme)
    if not cities:
        raise PermissionDenied
    context = {
        "programme": programme,
        "cities": cities,
        "communities": queries.communities_of(programme, cities=cities),
        "months": programme_months(programme, queries.accepted_entries(programme, cities=cities)),
    }
    return render(request, "planning/plan_city.html", context)


def _coordinator_page(request, programme, run_form, rule_form, status: int = 200) -> HttpResponse:
    context = {
        "programme": programme,
        "runs": queries.plan_runs(programme),
        "rules": queries.plan_rules(programme),
        "run_form": run_form,
        "rule_form": rule_form,
        "communities": queries.communities_of(programme),
        "months": programme_months(programme, queries.accepted_entries(programme)),
    }
    return render(request, "planning/plan_coordinator.html", context, status=status)


@login_required
@require_POST
def plan_start(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    require_planner(request.access)
    form = PlanRunForm(request.POST)
    if not form.is_valid():
        return _coordinator_page(request, programme, form, PlanRuleForm(programme=programme), status=400)
    try:
        run = start_plan_run(programme, by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        form.add_error(None, refused.messages)
        return _coordinator_page(request, programme, form, PlanRuleForm(programme=programme), status=400)
    return redirect("plan_run", run_id=run.pk)


@login_required
def plan_run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    programme = request.programme
    require_planner(request.access)
    run = queries.plan_run_for(programme, run_id)
    names = queries.city_names(programme)
    context = {
        "programme": programme,
        "run": run,
        "running": queries.is_running(run),
        "stage": queries.run_stage(run),
        "names": names,
        "months": programme_months(programme, queries.run_entries(run, names)),
    }
    return render(request, "planning/plan_run.html", context)


@login_required
@require_POST
def plan_accept(request: HttpRequest, run_id: int) -> HttpResponse:
    programme = request.programme
    require_planner(request.access)
    run = queries.plan_run_for(programme, run_id)
    try:
        summary = accept_plan_run(run, by=request.user)
    except PlanNotAcceptable as problem:
        messages.error(request, str(problem))
        return redirect("plan_run", run_id=run.pk)
    messages.success(
        request,
        _("Plan accepted: %(communities)d communities, %(visits)d visits and %(exchanges)d exchanges.")
        % {"communities": summary.communities, "visits": summary.visits, "exchanges": summary.exchanges},
    )
    return redirect("plan")


@login_required
@require_POST
def plan_rule_add(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    require_planner(request.access)
    form = PlanRuleForm(request.POST, programme=programme)
    if not (form.is_valid() and form.save()):
        return _coordinator_page(request, programme, PlanRunForm(), form, status=400)
    messages.success(request, _("Rule added: it applies to the next plan."))
    return redirect("plan")


@login_required
@require_POST
def plan_rule_remove(request: HttpRequest, rule_id: int) -> HttpResponse:
    programme = request.programme
    require_planner(request.access)
    remove_plan_rule(queries.plan_rule_for(programme, rule_id))
    messages.success(request, _("Rule removed."))
    return redirect("plan")
