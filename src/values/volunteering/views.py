from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.core.http import posted_id
from values.core.markdown import render_markdown
from values.core.text import active_language, pick
from values.volunteering.bookings import shifts_with_places
from values.volunteering.forms import OpportunityFilterForm, OpportunityForm, ShiftForm, WeeklyShiftsForm
from values.volunteering.identity import current_volunteer, remember_call
from values.volunteering.models import Opportunity
from values.volunteering.permissions import (
    can_edit_opportunity,
    get_opportunity_for_edit,
    get_opportunity_for_view,
    offering_organisations,
)
from values.volunteering.places import opportunity_layout
from values.volunteering.queries import commitment_to, drafts_for, filter_opportunities, open_opportunities, shifts_of
from values.volunteering.services import close_opportunity, publish_opportunity, remove_shift

PAGE_SIZE = 25


def opportunity_list(request: HttpRequest) -> HttpResponse:
    """The programme's open opportunities, filtered by a GET form: a value that names nothing is a 400."""
    programme = request.programme
    remember_call(request)
    filters, opportunities, refused = _filtered(request)
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "filters": filters,
        "place": _place(filters),
        "page": page,
        "language": active_language(),
        "drafts": drafts_for(request.user, programme),
        "can_offer": request.access.offer_opportunities,
    }
    return render(request, "volunteering/opportunity_list.html", context, status=400 if refused else 200)


def _filtered(request: HttpRequest) -> tuple[OpportunityFilterForm, QuerySet[Opportunity], bool]:
    """The list's and the map's filters, their open opportunities, and whether the filters were refused."""
    filters = OpportunityFilterForm(request.GET or None, programme=request.programme)
    opportunities = open_opportunities(request.programme)
    refused = filters.is_bound and not filters.is_valid()
    if refused:
        return filters, opportunities.none(), True
    if filters.is_bound:
        opportunities = filter_opportunities(opportunities, **filters.criteria())
    return filters, opportunities, False


def _place(filters: OpportunityFilterForm):
    """The place the valid filters search from, if any."""
    return filters.cleaned_data.get("near") if filters.is_bound and not filters.errors else None


# The map of opportunities (issue #15, finding them: places).
MAP_LIMIT = 200


def opportunity_map(request: HttpRequest) -> HttpResponse:
    """The list's opportunities (the first 200) on a map drawn here, and as a list beside it."""
    filters, opportunities, refused = _filtered(request)
    place = _place(filters)
    shown = list(opportunities[: MAP_LIMIT + 1])
    more, shown = len(shown) > MAP_LIMIT, shown[:MAP_LIMIT]
    context = {
        "programme": request.programme,
        "filters": filters,
        "place": place,
        "opportunities": shown,
        "more": more,
        "map": opportunity_layout(shown, place=place, within_km=filters.cleaned_data.get("within") if place else None),
        "language": active_language(),
    }
    return render(request, "volunteering/opportunity_map.html", context, status=400 if refused else 200)


def opportunity_page(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_view(request.user, request.programme, opportunity_id)
    language, volunteer = active_language(), current_volunteer(request)
    context = {
        "opportunity": opportunity,
        "translated": language in opportunity.title,
        "language": language,
        "description_html": render_markdown(pick(opportunity.description, language)),
        "time_zone": opportunity.time_zone,
        "can_edit": can_edit_opportunity(request.user, opportunity),
        "volunteer": volunteer,
        "commitment": commitment_to(volunteer, opportunity),
        "shift_places": shifts_with_places(opportunity, volunteer),
    }
    return render(request, "volunteering/opportunity.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, opportunity_id: int | None = None) -> HttpResponse:
    programme = request.programme
    opportunity = get_opportunity_for_edit(request.user, programme, opportunity_id) if opportunity_id else None
    organisations = offering_organisations(request.user, programme)
    if not organisations.exists():
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = OpportunityForm(data, programme=programme, organisations=organisations, opportunity=opportunity)
    if request.method == "POST" and form.is_valid() and (saved := form.save(by=request.user)):
        messages.success(request, _("The opportunity was saved."))
        return redirect("opportunity", opportunity_id=saved.pk)
    title = _("Edit the opportunity") if opportunity else _("Offer a volunteer opportunity")
    context = {"form": form, "opportunity": opportunity, "title": title}
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteering/opportunity_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_shifts(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """Add one shift, add a weekly pattern, or remove a shift (`action` says which)."""
    opportunity = get_opportunity_for_edit(request.user, request.programme, opportunity_id)
    action = request.POST.get("action") if request.method == "POST" else None
    one = ShiftForm(request.POST if action == "one" else None, opportunity=opportunity)
    weekly = WeeklyShiftsForm(request.POST if action == "weekly" else None, opportunity=opportunity)
    if action == "remove":
        shift = shifts_of(opportunity).filter(pk=posted_id(request.POST.get("shift"))).first()
        if shift is not None:
            remove_shift(shift)
            messages.success(request, _("The shift was removed."))
            return redirect("opportunity_shifts", opportunity_id=opportunity.pk)
        messages.error(request, _("Shift: choose one of this opportunity's shifts."))
    form = one if action == "one" else weekly
    if action in ("one", "weekly") and form.is_valid() and (saved := form.save()):
        count = len(saved) if isinstance(saved, list) else 1
        messages.success(request, _("Shifts added: %(count)d.") % {"count": count})
        return redirect("opportunity_shifts", opportunity_id=opportunity.pk)
    context = {"opportunity": opportunity, "one": one, "weekly": weekly, "shifts": shifts_of(opportunity),
               "time_zone": opportunity.time_zone}  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteering/opportunity_shifts.html", context, status=status)


@login_required
@require_POST
def opportunity_publish(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    return _change_status(request, opportunity_id, publish_opportunity, _("The opportunity is published."))


@login_required
@require_POST
def opportunity_close(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    return _change_status(request, opportunity_id, close_opportunity, _("The opportunity is closed."))


def _change_status(request: HttpRequest, opportunity_id: int, service, done: str) -> HttpResponse:
    opportunity = get_opportunity_for_edit(request.user, request.programme, opportunity_id)
    try:
        service(opportunity, by=request.user)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("opportunity", opportunity_id=opportunity.pk)
