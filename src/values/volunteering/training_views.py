"""The training pages: the list of sessions, a session's page, planning one, taking a place, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.core.markdown import render_markdown
from values.core.text import active_language, pick
from values.volunteering.identity import current_volunteer
from values.volunteering.permissions import (
    can_edit_training,
    get_training_for_edit,
    get_training_for_view,
    organising_organisations,
)
from values.volunteering.training import (
    cancel_seat,
    coming_sessions,
    has_seat,
    past_sessions,
    seat_holder_for,
    seats_of,
    take_seat,
    training_time_zone,
    with_zones,
)
from values.volunteering.training_forms import AttendanceForm, TrainingSessionForm


def training_list(request: HttpRequest) -> HttpResponse:
    """The sessions to come, soonest first, and those past."""
    programme, now = request.programme, timezone.now()
    context = {
        "programme": programme,
        "coming": with_zones(coming_sessions(programme, now=now), programme),
        "past": with_zones(past_sessions(programme, now=now), programme),
        "language": active_language(),
        "can_organise": request.access.organise_training,
    }
    return render(request, "volunteering/training_list.html", context)


def _holder(request: HttpRequest, session) -> dict | None:
    """Who this request takes a place as in `session` (see training.seat_holder_for), or None."""
    return seat_holder_for(session, user=request.user, volunteer=current_volunteer(request))


def training_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_training_for_view(request.programme, session_id)
    holder, language = _holder(request, session), active_language()
    context = {
        "session": session,
        "translated": language in session.title,
        "language": language,
        "syllabus_html": render_markdown(pick(session.syllabus, language)),
        "time_zone": training_time_zone(session.programme, session.organisation),
        "places_left": max(session.places - session.taken, 0),
        "started": timezone.now() >= session.starts_at,
        "holder": holder,
        "has_seat": has_seat(session, holder),
        "can_edit": can_edit_training(request.user, session),
    }
    return render(request, "volunteering/training_session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, session_id: int | None = None) -> HttpResponse:
    programme = request.programme
    session = get_training_for_edit(request.user, programme, session_id) if session_id else None
    organisations = organising_organisations(request.user, programme)
    if not organisations.exists():
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = TrainingSessionForm(data, programme=programme, organisations=organisations, session=session)
    if request.method == "POST" and form.is_valid() and (saved := form.save(by=request.user)):
        messages.success(request, _("The training session was saved."))
        return redirect("training_session", session_id=saved.pk)
    title = _("Edit the training session") if session else _("Plan a training session")
    context = {"form": form, "session": session, "title": title}
    return render(request, "volunteering/training_edit.html", context, status=400 if request.method == "POST" else 200)


@require_POST
def training_seat(request: HttpRequest, session_id: int) -> HttpResponse:
    """Take a place (`action=take`) or give it back (`action=cancel`): a refusal is a 400 with its reason."""
    session = get_training_for_view(request.programme, session_id)
    holder, action = _holder(request, session), request.POST.get("action")
    if holder is None:
        if not request.user.is_authenticated and current_volunteer(request) is None:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("This session is not open to you."))
    try:
        if action == "take":
            take_seat(session, **holder)
            messages.success(request, _("Your place is taken."))
        elif action == "cancel":
            cancel_seat(session, **holder)
            messages.success(request, _("Your place is cancelled."))
        else:
            raise ValidationError({"action": [_("Action: take or cancel.")]})
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return _refused(request, session_id)
    return redirect("training_session", session_id=session.pk)


def _refused(request: HttpRequest, session_id: int) -> HttpResponse:
    response = training_session(request, session_id)
    response.status_code = 400
    return response


@login_required
@require_http_methods(["GET", "POST"])
def training_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    """The organiser records who attended, once the session has started."""
    session = get_training_for_edit(request.user, request.programme, session_id)
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, session=session, seats=seats_of(session))
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("Attendance was recorded."))
        return redirect("training_attendance", session_id=session.pk)
    context = {"session": session, "form": form, "started": timezone.now() >= session.starts_at,
               "time_zone": training_time_zone(session.programme, session.organisation)}  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteering/training_attendance.html", context, status=status)
