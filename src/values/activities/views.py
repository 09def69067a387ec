"""Pages of one visit or exchange: details, agenda, participants, attendance, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.activities import permissions as access
from values.activities.forms import (
    ActivityDetailsForm,
    AttendanceForm,
    InvitationForm,
    MinutesForm,
    NominationForm,
    SessionForm,
)
from values.activities.models import Session
from values.activities.queries import activity_page_data
from values.activities.services import (
    answer_nomination,
    closed_nominations_text,
    delete_session,
    nominations_closed,
)


@login_required
def activity_page(request: HttpRequest, activity_id: int) -> HttpResponse:
    return _activity_page(request, access.get_activity_for_view(request.user, request.programme, activity_id))


def _activity_page(request: HttpRequest, activity, status: int = 200) -> HttpResponse:
    user = request.user
    context = {
        "activity": activity,
        **activity_page_data(activity),
        "can_edit": access.can_edit_activity(user, activity),
        "can_nominate": access.nominating_cities(user, activity).exists(),
        "zone": str(activity.time_zone),
    }
    return render(request, "activities/activity.html", context, status=status)


def _refused(request: HttpRequest, activity, problems) -> HttpResponse:
    """The activity's page again with what was wrong: its forms are part of the page, not pages of their own."""
    for problem in problems:
        messages.error(request, problem)
    return _activity_page(request, activity, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_activity_for_edit(request.user, request.programme, activity_id)
    form = ActivityDetailsForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("The details were saved."))
        if nominations_closed(activity, timezone.localdate()):
            messages.warning(request, closed_nominations_text(activity))
        return redirect("activity", activity_id=activity.pk)
    return _form_page(request, activity, form, _("Edit the details"))


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, activity_id: int, session_id: int | None = None) -> HttpResponse:
    activity = access.get_activity_for_edit(request.user, request.programme, activity_id)
    session = get_object_or_404(Session, pk=session_id, activity=activity) if session_id else None
    form = SessionForm(request.POST or None, activity=activity, session=session)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("The agenda was saved."))
        return redirect("activity", activity_id=activity.pk)
    title = _("Change a session") if session else _("Add a session to the agenda")
    return _form_page(request, activity, form, title)


@login_required
@require_POST
def session_delete(request: HttpRequest, activity_id: int, session_id: int) -> HttpResponse:
    activity = access.get_activity_for_edit(request.user, request.programme, activity_id)
    delete_session(get_object_or_404(Session, pk=session_id, activity=activity))
    messages.success(request, _("The session was removed from the agenda."))
    return redirect("activity", activity_id=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest, activity_id: int) -> HttpResponse:
    """One of the city's people, or someone new invited by e-mail (the form whose button was pressed)."""
    activity = access.get_activity_for_view(request.user, request.programme, activity_id)
    cities = access.nominating_cities(request.user, activity)
    if not cities.exists():
        raise PermissionDenied
    status = 400 if request.method == "POST" else 200
    if nominations_closed(activity, timezone.localdate()):
        return _nominations_closed(request, activity, status)
    inviting = request.POST.get("action") == "invite"
    form = NominationForm(request.POST if status == 400 and not inviting else None, activity=activity, cities=cities)
    invitation = InvitationForm(request.POST if inviting else None, activity=activity, cities=cities)
    if request.method == "POST" and _nominated(request, form, invitation, inviting):
        return redirect("activity", activity_id=activity.pk)
    context = {"activity": activity, "form": form, "invitation": invitation, "title": _("Nominate a participant")}
    return render(request, "activities/nominate.html", context, status=status)


def _nominated(request: HttpRequest, form: NominationForm, invitation: InvitationForm, inviting: bool) -> bool:
    today = timezone.localdate()
    if not inviting:
        if not (form.is_valid() and form.save(by=request.user, today=today)):
            return False
        messages.success(request, _("The nomination was recorded; the person is asked to confirm."))
        return True
    site = f"{request.scheme}://{request.get_host()}"
    if not invitation.is_valid():
        return False
    if not invitation.save(by=request.user, today=today, language=get_language(), site=site):
        return False
    messages.success(request, _("The invitation was sent by e-mail; the place is held for this person."))
    return True


def _nominations_closed(request: HttpRequest, activity, status: int) -> HttpResponse:
    """Why nobody can be nominated now, and who can extend the deadline (a link for those who can)."""
    context = {
        "activity": activity,
        "reason": closed_nominations_text(activity),
        "extenders": access.people_who_can_edit(activity),
        "can_extend": access.can_edit_activity(request.user, activity),
    }
    return render(request, "activities/nominations_closed.html", context, status=status)


@login_required
@require_POST
def answer(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = access.get_participant_for_answer(request.user, request.programme, participant_id)
    given = request.POST.get("answer")
    if given not in ("confirm", "decline"):
        return _refused(request, participant.activity, [_("Answer: confirm or decline your place.")])
    confirm = given == "confirm"
    try:
        answer_nomination(participant, confirm=confirm)
    except ValidationError as problem:
        return _refused(request, participant.activity, problem.messages)
    messages.success(request, _("Thank you: your place is confirmed.") if confirm else _("Your place was released."))
    return redirect("activity", activity_id=participant.activity_id)


@login_required
@require_POST
def attendance(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_activity_for_edit(request.user, request.programme, activity_id)
    form = AttendanceForm(request.POST, activity=activity)
    if not (form.is_valid() and form.save()):
        return _refused(request, activity, [m for problems in form.errors.values() for m in problems])
    messages.success(request, _("Attendance was recorded."))
    return redirect("activity", activity_id=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_activity_for_edit(request.user, request.programme, activity_id)
    initial = {"minutes": activity.minutes, "outcomes": activity.outcomes}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and form.save(activity):
        messages.success(request, _("The minutes were saved."))
        return redirect("activity", activity_id=activity.pk)
    return _form_page(request, activity, form, _("Minutes and outcomes"))


def _form_page(request: HttpRequest, activity, form, title: str) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"activity": activity, "form": form, "title": title}
    return render(request, "activities/form.html", context, status=status)
