"""Action plan pages: read, edit a section (no lost edits), history with diffs, comments, status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.actionplans import permissions as access
from values.actionplans.diffing import text_diff
from values.actionplans.enums import Section
from values.actionplans.exports import plan_as_pdf
from values.actionplans.forms import ActionForm, ProgressForm
from values.actionplans.queries import (
    Review,
    actions_of,
    hosted_outcomes,
    plans_overview,
    review_of,
    section_revisions,
)
from values.actionplans.services import (
    NEXT_STATUSES,
    EditConflict,
    add_comment,
    resolve_comment,
    save_section,
    section_state,
    set_plan_published,
    set_plan_status,
)


def plan_page(request: HttpRequest, key: str) -> HttpResponse:
    programme = request.programme
    plan = access.get_plan_for_read(request.user, programme, key)
    review = access.can_see_review(request.user, plan)
    # The public reads the text and the actions; the comments are not even fetched for them.
    threads = review_of(plan) if review else Review({}, {})
    sections = [
        {"key": value, "label": label, "state": section_state(plan, value), "threads": threads.threads.get(value, [])}
        for value, label in Section.choices
    ]
    context = {
        "plan": plan,
        "sections": sections,
        "replies": threads.replies,
        "can_see_review": review,
        "can_edit": access.can_edit_plan(request.user, plan),
        "can_comment": access.can_comment(request.user, plan),
        "next_statuses": NEXT_STATUSES[plan.status],
        "actions": actions_of(plan, timezone.localdate()),
        "outcomes": hosted_outcomes(plan),
        "today": timezone.localdate(),
    }
    return render(request, "actionplans/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, key: str, section: str) -> HttpResponse:
    plan = access.get_plan_for_edit(request.user, request.programme, key)
    section = access.find_section(section)
    state = section_state(plan, section)
    context = {
        "plan": plan,
        "section": section,
        "label": Section(section).label,
        "text": state.text,
        "base": state.number,
    }
    if request.method == "POST":
        text, base = request.POST.get("text", ""), request.POST.get("base", "")
        if not base.isdigit():
            return render(request, "actionplans/section_edit.html", context, status=400)
        try:
            save_section(plan, section, text=text, base=int(base), by=request.user)
        except EditConflict as conflict:
            context.update(text=text, base=conflict.current.number, conflict=conflict.current)
            return render(request, "actionplans/section_edit.html", context, status=409)
        except ValidationError as problem:
            context.update(text=text, errors=problem.messages)
            return render(request, "actionplans/section_edit.html", context, status=400)
        messages.success(request, _("The section was saved."))
        return redirect("action_plan", key=plan.organisation.key)
    return render(request, "actionplans/section_edit.html", context)


@login_required
def section_history(request: HttpRequest, key: str, section: str) -> HttpResponse:
    plan = access.get_plan_for_review(request.user, request.programme, key)
    section = access.find_section(section)
    revisions = list(section_revisions(plan, section))
    numbers = [r.number for r in revisions]
    older, newer = request.GET.get("from"), request.GET.get("to")
    diff = None
    if older and newer:
        if not (older.isdigit() and newer.isdigit() and int(older) in numbers and int(newer) in numbers):
            raise Http404("no such revision")
        texts = {r.number: r.text for r in revisions}
        diff = text_diff(texts[int(older)], texts[int(newer)])
    context = {"plan": plan, "section": section, "label": Section(section).label, "revisions": revisions, "diff": diff}
    context |= {"older": older, "newer": newer}
    return render(request, "actionplans/history.html", context)


@login_required
@require_POST
def comment_add(request: HttpRequest, key: str, section: str) -> HttpResponse:
    plan = access.get_plan_for_comment(request.user, request.programme, key)
    section = access.find_section(section)
    parent_id = request.POST.get("parent", "")
    if parent_id and not parent_id.isdigit():
        raise Http404("no such comment")
    parent = access.find_comment(plan, int(parent_id)) if parent_id else None
    try:
        add_comment(plan, section, text=request.POST.get("text", ""), by=request.user, parent=parent)
    except ValidationError as problem:
        return _refused(request, key, problem)
    messages.success(request, _("Your comment was added."))
    return redirect(f"{plan_url(plan)}#section-{section}")


def _refused(request: HttpRequest, key: str, problem: ValidationError) -> HttpResponse:
    """The plan's page again, saying why a button's request was refused (HTTP 400: nothing changed)."""
    for message in problem.messages:
        messages.error(request, message)
    response = plan_page(request, key)
    response.status_code = 400
    return response


@login_required
@require_POST
def comment_resolve(request: HttpRequest, key: str, comment_id: int) -> HttpResponse:
    plan = access.get_plan_for_review(request.user, request.programme, key)
    comment = access.find_comment(plan, comment_id, thread=True)
    resolve_comment(comment, by=request.user)
    messages.success(request, _("The comment was marked resolved."))
    return redirect(f"{plan_url(plan)}#section-{comment.section}")


@login_required
@require_POST
def plan_status(request: HttpRequest, key: str) -> HttpResponse:
    plan = access.get_plan_for_edit(request.user, request.programme, key)
    try:
        if "published" in request.POST:
            set_plan_published(plan, request.POST["published"] == "1", by=request.user)
        else:
            set_plan_status(plan, request.POST.get("status", ""))
    except ValidationError as problem:
        return _refused(request, key, problem)
    messages.success(request, _("The plan's status was changed."))
    return redirect("action_plan", key=plan.organisation.key)


def plan_url(plan) -> str:
    return reverse("action_plan", kwargs={"key": plan.organisation.key})


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The coordinator's view of every city's plan, overdue actions first to the eye."""
    programme = request.programme
    if not request.access.coordinate:
        raise PermissionDenied
    rows = plans_overview(programme, timezone.localdate())
    return render(request, "actionplans/overview.html", {"programme": programme, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, key: str, action_id: int | None = None) -> HttpResponse:
    programme = request.programme
    plan = access.get_plan_for_edit(request.user, programme, key)
    action = access.find_action(plan, action_id) if action_id else None
    initial = None if action else {"owner": plan.organisation_id}
    form = ActionForm(
        request.POST if request.method == "POST" else None, instance=action, programme=programme, initial=initial
    )
    if request.method == "POST" and form.is_valid() and form.save(plan):
        messages.success(request, _("The action was saved."))
        return redirect(f"{plan_url(plan)}#actions")
    progress = ProgressForm() if action else None
    context = {"plan": plan, "form": form, "action": action, "progress_form": progress}
    return render(request, "actionplans/action_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def action_progress(request: HttpRequest, key: str, action_id: int) -> HttpResponse:
    programme = request.programme
    plan = access.get_plan_for_edit(request.user, programme, key)
    action = access.find_action(plan, action_id)
    form = ProgressForm(request.POST)
    if form.is_valid() and form.save(action, by=request.user):
        messages.success(request, _("The progress was recorded."))
        return redirect(f"{plan_url(plan)}#actions")
    context = {"plan": plan, "form": ActionForm(instance=action, programme=programme), "action": action}
    context["progress_form"] = form
    return render(request, "actionplans/action_edit.html", context, status=400)


def plan_pdf(request: HttpRequest, key: str) -> HttpResponse:
    programme = request.programme
    plan = access.get_plan_for_read(request.user, programme, key)
    body = plan_as_pdf(plan, sections=[(label, section_state(plan, value).text) for value, label in Section.choices])
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="action-plan-{plan.organisation.key}.pdf"'
    return response
