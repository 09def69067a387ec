"""The pages of shifts and hours: a volunteer takes and cancels a place on a shift, logs hours and downloads
their certificate; the organisation decides the hours given to its opportunity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from values.core.http import posted_id
from values.volunteering.bookings import cancel_shift, take_shift
from values.volunteering.certificates import certificate_pdf
from values.volunteering.hours import hours_of_opportunity, hours_of_volunteer, is_accepted, remove_hours
from values.volunteering.permissions import (
    get_current_volunteer,
    get_opportunity_for_hours,
    get_opportunity_for_view,
)
from values.volunteering.shift_forms import DecisionForm, HoursForm
from values.volunteering.views import opportunity_page


@require_POST
def shift_take(request: HttpRequest, opportunity_id: int, shift_id: int) -> HttpResponse:
    return _book(request, opportunity_id, shift_id, take_shift, _("Your place on the shift is confirmed."))


@require_POST
def shift_cancel(request: HttpRequest, opportunity_id: int, shift_id: int) -> HttpResponse:
    return _book(request, opportunity_id, shift_id, cancel_shift, _("Your place on the shift is cancelled."))


def _book(request: HttpRequest, opportunity_id: int, shift_id: int, service, done: str) -> HttpResponse:
    """Call `service` for the shift; a refusal shows the opportunity's page again with its reason (400)."""
    opportunity = get_opportunity_for_view(request.user, request.programme, opportunity_id)
    shift = get_object_or_404(opportunity.shifts, pk=shift_id)
    volunteer = get_current_volunteer(request)
    try:
        service(shift, volunteer=volunteer)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
        response = opportunity_page(request, opportunity.pk)
        response.status_code = 400
        return response
    messages.success(request, done)
    return redirect("opportunity", opportunity_id=opportunity.pk)


@require_http_methods(["GET", "POST"])
def hours_log(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """The volunteer's hours for one opportunity: log more (`action` "log"), or take back an undecided entry."""
    opportunity = get_opportunity_for_view(request.user, request.programme, opportunity_id)
    volunteer = get_current_volunteer(request)
    action = request.POST.get("action", "log") if request.method == "POST" else None
    form = HoursForm(request.POST if action == "log" else None, opportunity=opportunity, volunteer=volunteer)
    entries = hours_of_volunteer(volunteer).filter(opportunity=opportunity)
    if action == "remove":
        if _remove(request, entries.filter(pk=posted_id(request.POST.get("entry"))).first(), volunteer):
            return redirect("hours_log", opportunity_id=opportunity.pk)
    elif action == "log" and form.is_valid() and form.save():
        messages.success(request, _("Your hours were logged; the organisation will approve them."))
        return redirect("hours_log", opportunity_id=opportunity.pk)
    context = {"opportunity": opportunity, "form": form, "entries": entries, "time_zone": opportunity.time_zone,
               "accepted": is_accepted(volunteer, opportunity)}  # fmt: skip
    return render(request, "volunteering/hours_log.html", context, status=400 if action else 200)


def _remove(request: HttpRequest, entry, volunteer) -> bool:
    try:
        if entry is None:
            raise ValidationError({"entry": [_("Entry: one of your own hours of this opportunity.")]})
        remove_hours(entry, volunteer=volunteer)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("The entry was taken back."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_hours(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """The hours given to an opportunity, for its organisation to approve, correct or reject."""
    opportunity = get_opportunity_for_hours(request.user, request.programme, opportunity_id)
    entries = hours_of_opportunity(opportunity)
    form = DecisionForm(request.POST if request.method == "POST" else None, entries=entries)
    if request.method == "POST" and form.is_valid() and form.save(by=request.user):
        messages.success(request, _("The decision on the hours was saved."))
        return redirect("opportunity_hours", opportunity_id=opportunity.pk)
    context = {"opportunity": opportunity, "entries": entries, "form": form, "time_zone": opportunity.time_zone}
    return render(request, "volunteering/hours_opportunity.html", context, status=400 if form.is_bound else 200)


@require_GET
def volunteer_certificate(request: HttpRequest) -> HttpResponse:
    """The current volunteer's certificate of approved hours and training, in their language."""
    volunteer = get_current_volunteer(request)
    response = HttpResponse(certificate_pdf(volunteer), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="volunteering-certificate.pdf"'
    return response
