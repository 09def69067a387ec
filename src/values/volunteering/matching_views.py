"""The matching pages: an opportunity's applicants ranked by fit (accept or decline each), and matching a city's
volunteers to its open opportunities at once (propose, adjust by hand, accept)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from values.volunteering.matching_forms import CityForm, DecisionForm, chosen_lines
from values.volunteering.matchmaking import (
    Board,
    accept_matching,
    adjusted,
    applicants,
    city_opportunities,
    decide_commitment,
    propose,
)
from values.volunteering.permissions import get_opportunity_for_edit, match_cities


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_applicants(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """The applicants ranked by fit with the reasons, and their contact: for who changes the opportunity."""
    opportunity = get_opportunity_for_edit(request.user, request.programme, opportunity_id)
    problems: list[str] = []
    if request.method == "POST":
        form = DecisionForm(request.POST, opportunity=opportunity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                decide_commitment(data["commitment"], accept=data["decision"] == "accept", seen=data["seen"],
                                  by=request.user)  # fmt: skip
            except ValidationError as problem:
                problems = problem.messages
            else:
                messages.success(request, _("The decision was saved."))
                return redirect("opportunity_applicants", opportunity_id=opportunity.pk)
        else:
            problems = [f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
    context = {"opportunity": opportunity, "applicants": applicants(opportunity), "problems": problems}
    return render(request, "volunteering/applicants.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_match(request: HttpRequest) -> HttpResponse:
    """Choose a city (GET `city`), propose a matching (POST `propose`), accept the lines as adjusted (`accept`)."""
    if not request.access.match_volunteers:
        raise PermissionDenied
    cities = match_cities(request.user, request.programme)
    data = request.POST if request.method == "POST" else request.GET
    form = CityForm(data if "city" in data else None, cities=cities, initial={"city": cities.first()})
    if form.is_bound and not form.is_valid():
        return _match_page(request, form, None, [_("City: choose one of yours.")], status=400)
    city = form.cleaned_data["city"] if form.is_bound else cities.first()
    action = request.POST.get("action") if request.method == "POST" else None
    if city is None and action is not None:
        return _match_page(request, form, None, [_("City: this programme has no partner city yet.")], status=400)
    if action == "propose":
        return _match_page(request, form, propose(request.programme, city))
    if action == "accept":
        return _accept(request, form, city)
    if request.method == "POST":
        return _match_page(request, form, None, [_("Action: propose or accept.")], status=400)
    return _match_page(request, form, None, city=city)


def _accept(request: HttpRequest, form: CityForm, city) -> HttpResponse:
    try:
        lines = chosen_lines(request.POST)
    except ValidationError as problem:
        return _match_page(request, form, None, problem.messages, status=400, city=city)
    try:
        accepted = accept_matching(request.programme, city, lines, by=request.user)
    except ValidationError as problem:
        return _match_page(request, form, adjusted(request.programme, city, lines), problem.messages, status=400)
    count = len(accepted)
    placed = ngettext("Accepted: %(count)d volunteer placed.", "Accepted: %(count)d volunteers placed.", count)
    messages.success(request, placed % {"count": count})
    return redirect(f"{reverse('volunteer_match')}?city={city.key}")


def _match_page(request: HttpRequest, form: CityForm, board: Board | None, problems: list[str] | tuple = (), *,
                status: int = 200, city=None) -> HttpResponse:  # fmt: skip
    city = board.city if board else city
    opportunities = board.opportunities if board else (
        city_opportunities(request.programme, city, now=timezone.now()) if city else []
    )  # fmt: skip
    context = {"form": form, "board": board, "city": city, "opportunities": opportunities, "problems": problems}
    return render(request, "volunteering/match.html", context, status=status)
