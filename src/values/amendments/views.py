"""The amendments' pages: the list, recording one, one with its decision and the programme before and after."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from values.amendments.comparison import side_by_side
from values.amendments.enums import AmendmentStatus
from values.amendments.forms import AmendmentForm, DecisionForm
from values.amendments.permissions import get_amendment, require_amendment_keeper
from values.amendments.queries import amendments_of, describe_changes
from values.amendments.services import approve_amendment, record_amendment, reject_amendment


@login_required
def amendment_list(request: HttpRequest) -> HttpResponse:
    require_amendment_keeper(request.access)
    return render(request, "amendments/list.html", {"amendments": amendments_of(request.programme)})


@login_required
def amendment_new(request: HttpRequest) -> HttpResponse:
    require_amendment_keeper(request.access)
    programme, today = request.programme, timezone.localdate()
    form = AmendmentForm(request.POST or None, programme=programme, initial={"requested_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            amendment = record_amendment(
                programme, requested_on=form.cleaned_data["requested_on"], reason=form.cleaned_data["reason"],
                funder_reference=form.cleaned_data["funder_reference"], changes=form.changes(), by=request.user,
                today=today,
            )  # fmt: skip
        except ValidationError as refused:
            form.add_change_errors(refused.message_dict)
        else:
            messages.success(request, _("Amendment %(number)d recorded.") % {"number": amendment.number})
            return redirect("amendment", number=amendment.number)
    status = 400 if request.method == "POST" else 200
    return render(request, "amendments/new.html", {"form": form, "programme": programme}, status=status)


@login_required
def amendment_detail(request: HttpRequest, number: int) -> HttpResponse:
    amendment = get_amendment(request.access, request.programme, number)
    form, status = None, 200
    if amendment.status == AmendmentStatus.REQUESTED:
        form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
        if request.method == "POST":
            decided = _decide(request, amendment, form)
            if decided:
                return redirect("amendment", number=amendment.number)
            status = 400
    elif request.method == "POST":  # decided meanwhile, in another tab or by another coordinator
        status_text = amendment.get_status_display()
        messages.error(request, _("This amendment was already %(status)s.") % {"status": status_text})
        return redirect("amendment", number=amendment.number)
    context = {
        "amendment": amendment, "changes": describe_changes(amendment), "form": form,
        "rows": side_by_side(amendment.file_before, amendment.file_after) if amendment.file_after else None,
    }  # fmt: skip
    return render(request, "amendments/detail.html", context, status=status)


def _decide(request: HttpRequest, amendment, form: DecisionForm) -> bool:
    if not form.is_valid():
        return False
    approve = request.POST.get("decision") == "approve"
    try:
        if approve:
            approve_amendment(amendment, decided_on=form.cleaned_data["decided_on"], note=form.cleaned_data["note"],
                              by=request.user, today=timezone.localdate())  # fmt: skip
        else:
            reject_amendment(amendment, decided_on=form.cleaned_data["decided_on"], note=form.cleaned_data["note"],
                             by=request.user)  # fmt: skip
    except ValidationError as refused:
        for field, problems in refused.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return False
    done = _("Amendment %(number)d approved and applied.") if approve else _("Amendment %(number)d rejected.")
    messages.success(request, done % {"number": amendment.number})
    return True


@login_required
def amendment_file(request: HttpRequest, number: int, side: str) -> HttpResponse:
    """The programme file as it stood before or after the approved amendment, as `values export` writes it."""
    amendment = get_amendment(request.access, request.programme, number)
    text = amendment.file_before if side == "before" else amendment.file_after
    if not text:
        raise Http404
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = f"{amendment.programme.code}-amendment-{amendment.number}-{side}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
