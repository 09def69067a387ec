"""A volunteer's own pages: signing up, confirming, their personal page and link, applying and withdrawing,
their shifts as a calendar, and downloading or erasing their data; the coordinator's list of volunteers."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.core.http import client_address, posted_id
from values.core.text import pick
from values.network.enums import AuditAction
from values.network.forms import QueuedPasswordResetForm
from values.network.services import record_audit
from values.volunteering.calendars import shifts_calendar
from values.volunteering.identity import (
    call_heard,
    current_volunteer,
    forget_volunteer,
    remember_call,
    remember_volunteer,
)
from values.volunteering.permissions import get_opportunity_for_view
from values.volunteering.queries import coming_bookings, commitments_of, personal_data, volunteers_of
from values.volunteering.signup_forms import ChangeDetailsForm, EraseForm, LinkRequestForm, SignUpForm
from values.volunteering.volunteers import (
    CONFIRMATION_DAYS,
    PAGE_LINK_DAYS,
    apply,
    confirm_sign_up,
    erase,
    give_account,
    issue_page_link,
    mail_link,
    open_page,
    withdraw,
)


def _mail(request: HttpRequest, issued, *, language: str, template: str, route: str, days: int) -> None:
    def link(key: str) -> str:
        return request.build_absolute_uri(reverse(route, kwargs={"key": key}))

    mail_link(issued, client_address=client_address(request), language=language, template=template, link=link,
              days=days, programme=request.programme)  # fmt: skip


def _opportunity_asked(request: HttpRequest):
    opportunity_id = posted_id(request.GET.get("opportunity") or request.POST.get("opportunity"))
    if opportunity_id is None:
        return None
    try:
        return get_opportunity_for_view(request.user, request.programme, opportunity_id)
    except Http404:
        return None


@require_http_methods(["GET", "POST"])
def volunteer_signup(request: HttpRequest) -> HttpResponse:
    remember_call(request)
    opportunity = _opportunity_asked(request)
    form = SignUpForm(request.POST if request.method == "POST" else None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        campaign, channel = call_heard(request)
        issued = form.save(campaign=campaign, channel=channel, opportunity=opportunity)
        if issued is not None:
            _mail(request, issued, language=form.cleaned_data["language"], template="confirm",
                  route="volunteer_confirm", days=CONFIRMATION_DAYS)  # fmt: skip
            return redirect("volunteer_signup_sent")
    context = {"form": form, "opportunity": opportunity, "days": CONFIRMATION_DAYS}
    return render(request, "volunteering/signup.html", context, status=400 if form.is_bound else 200)


def volunteer_signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteering/signup_sent.html", {"days": CONFIRMATION_DAYS})


@require_http_methods(["GET", "POST"])
def volunteer_confirm(request: HttpRequest, key: str) -> HttpResponse:
    """The link in the sign-up mail: a button, so that a mail scanner fetching the link confirms nothing."""
    if request.method == "GET":
        return render(request, "volunteering/confirm.html", {"days": CONFIRMATION_DAYS})
    volunteer = confirm_sign_up(request.programme, key)
    if volunteer is None:
        context = {"expired": True, "days": CONFIRMATION_DAYS}
        return render(request, "volunteering/confirm.html", context, status=404)
    remember_volunteer(request, volunteer)
    messages.success(request, _("Thank you: your sign-up is confirmed. This is your page."))
    return redirect("volunteer_me")


@require_http_methods(["GET", "POST"])
def volunteer_link(request: HttpRequest) -> HttpResponse:
    """Ask for the link to one's personal page; the answer is the same whether the address is known or not."""
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        issued = issue_page_link(request.programme, form.cleaned_data["email"])
        if issued.volunteer is not None:
            _mail(request, issued, language=issued.volunteer.language, template="page_link",
                  route="volunteer_page_key", days=PAGE_LINK_DAYS)  # fmt: skip
        return render(request, "volunteering/link_sent.html", {"days": PAGE_LINK_DAYS})
    return render(request, "volunteering/link.html", {"form": form}, status=400 if form.is_bound else 200)


def volunteer_page_key(request: HttpRequest, key: str) -> HttpResponse:
    volunteer = open_page(request.programme, key)
    if volunteer is None:
        context = {"form": LinkRequestForm(), "expired": True}
        return render(request, "volunteering/link.html", context, status=404)
    remember_volunteer(request, volunteer)
    return redirect("volunteer_me")


def _own(view):
    """The view runs for the volunteer this browser speaks for; others are asked for their link."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        volunteer = current_volunteer(request)
        if volunteer is None:
            return render(request, "volunteering/link.html", {"form": LinkRequestForm()}, status=403)
        return view(request, volunteer, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def volunteer_me(request: HttpRequest) -> HttpResponse:
    volunteer = current_volunteer(request)
    if volunteer is None:
        return render(request, "volunteering/link.html", {"form": LinkRequestForm()})
    context = {
        "volunteer": volunteer,
        "commitments": commitments_of(volunteer),
        "bookings": coming_bookings(volunteer),
        "themes": volunteer.themes.order_by("key"),
    }
    return render(request, "volunteering/me.html", context)


@require_http_methods(["GET", "POST"])
@_own
def volunteer_details(request: HttpRequest, volunteer) -> HttpResponse:
    form = ChangeDetailsForm(request.POST if request.method == "POST" else None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("Your details were saved."))
        return redirect("volunteer_me")
    return render(request, "volunteering/details.html", {"form": form}, status=400 if form.is_bound else 200)


@require_POST
def volunteer_apply(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """Offer to take part; without a volunteer in this browser, the sign-up asks for it first."""
    opportunity = get_opportunity_for_view(request.user, request.programme, opportunity_id)
    volunteer = current_volunteer(request)
    if volunteer is None:
        return redirect(f"{reverse('volunteer_signup')}?opportunity={opportunity.pk}")
    try:
        commitment = apply(volunteer, opportunity, message=request.POST.get("message", ""))
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
    else:
        done = _("You are in: choose your shifts.") if commitment.status == "accepted" else _(
            "Thank you: the organisation will answer you by e-mail.")  # fmt: skip
        messages.success(request, done)
    return redirect("opportunity", opportunity_id=opportunity.pk)


@require_POST
@_own
def volunteer_withdraw(request: HttpRequest, volunteer, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(commitments_of(volunteer), pk=commitment_id)
    try:
        withdraw(volunteer, commitment)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
        return redirect("volunteer_me")
    messages.success(request, _("You withdrew from “%(title)s”; your coming shifts there are freed.") % {
        "title": pick(commitment.opportunity.title)})  # fmt: skip
    return redirect("volunteer_me")


@_own
def volunteer_shifts_ics(request: HttpRequest, volunteer) -> HttpResponse:
    def link_for(opportunity) -> str:
        return request.build_absolute_uri(reverse("opportunity", kwargs={"opportunity_id": opportunity.pk}))

    name = _("My volunteer shifts · %(programme)s") % {"programme": request.programme.acronym}
    body = shifts_calendar(coming_bookings(volunteer), name=name, link_for=link_for)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-shifts.ics"'
    return response


def _data_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_own
def volunteer_data(request: HttpRequest, volunteer) -> HttpResponse:
    return _data_download(personal_data(volunteer), "my-volunteer-data.json")


@require_http_methods(["GET", "POST"])
@_own
def volunteer_erase(request: HttpRequest, volunteer) -> HttpResponse:
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erase(volunteer)
        forget_volunteer(request, request.programme)
        record_audit(AuditAction.PERSONAL_DATA_ERASED, actor_name="", target=f"volunteer {volunteer.pk}")
        messages.success(request, _("Your data was erased. Thank you for what you gave."))
        return redirect("opportunities")
    return render(request, "volunteering/erase.html", {"form": form}, status=400 if form.is_bound else 200)


@require_POST
@_own
def volunteer_account(request: HttpRequest, volunteer) -> HttpResponse:
    """An account for a volunteer who asks: the password is set by the reset mail sent to their address."""
    try:
        user, made = give_account(volunteer)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
        return redirect("volunteer_me")
    if made:
        form = QueuedPasswordResetForm({"email": user.email})
        if form.is_valid():
            form.save(request=request, use_https=request.is_secure())
        messages.success(request, _("Your account is made: we sent you a link to choose its password."))
    else:
        messages.success(request, _("Your page is now tied to the account of your address: sign in with it."))
    return redirect("volunteer_me")


@require_POST
def volunteer_sign_out(request: HttpRequest) -> HttpResponse:
    forget_volunteer(request, request.programme)
    messages.success(request, _("This browser no longer opens your page; your link still does."))
    return redirect("opportunities")


# -- the coordinator's, on request ------------------------------------------------------------------
def _manage(request: HttpRequest) -> None:
    if not request.access.manage_volunteers:
        raise PermissionDenied


@login_required
def volunteer_people(request: HttpRequest) -> HttpResponse:
    """The programme's volunteers, found by name or e-mail, with their data to download or erase on request."""
    _manage(request)
    search = request.GET.get("q", "").strip()[:100]
    context = {"volunteers": volunteers_of(request.programme, search=search)[:100], "search": search}
    return render(request, "volunteering/people.html", context)


@login_required
def volunteer_person_data(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    _manage(request)
    volunteer = get_object_or_404(volunteers_of(request.programme), pk=volunteer_id)
    record_audit(AuditAction.PERSONAL_DATA_EXPORTED, by=request.user, target=f"volunteer {volunteer.pk}")
    return _data_download(personal_data(volunteer), f"volunteer-{volunteer.pk}.json")


@login_required
@require_POST
def volunteer_person_erase(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    _manage(request)
    volunteer = get_object_or_404(volunteers_of(request.programme), pk=volunteer_id)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm: nothing is erased without it."))
        return redirect("volunteer_people")
    erase(volunteer)
    record_audit(AuditAction.PERSONAL_DATA_ERASED, by=request.user, target=f"volunteer {volunteer.pk}")
    messages.success(request, _("The volunteer's data was erased; their counts and hours stay, without a name."))
    return redirect("volunteer_people")
