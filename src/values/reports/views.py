"""Report templates, asking for reports, writing one's own, reviewing, and exporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.activities import permissions as activity_access
from values.core.versions import StaleVersion
from values.network.enums import AuditAction
from values.network.services import record_audit
from values.reports import queries
from values.reports.exports import answer_text, reports_csv, reports_pdf
from values.reports.forms import (
    QuestionFormSet,
    ReportForm,
    ReportRequestForm,
    ReviewForm,
    TemplateForm,
    question_initial,
    questions_from,
)
from values.reports.models import ReportRequest, ReportTemplate
from values.reports.permissions import (
    authors_place,
    can_manage_reports,
    get_report_for_review,
    report_managers,
    require_report_manager,
)
from values.reports.services import (
    copy_template,
    past_due_warning,
    report_for,
    request_reports,
    review_report,
    save_report,
    save_template,
    submission_closed,
    template_in_use,
    template_version,
)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int | None = None) -> HttpResponse:
    require_report_manager(request.user, request.programme)
    programme = request.programme
    template = get_object_or_404(ReportTemplate, pk=template_id, programme=programme) if template_id else None
    initial = None
    if template is not None:
        initial = {"title": template.title, "description": template.description, "version": template_version(template)}
    form = TemplateForm(request.POST if request.method == "POST" else None, initial=initial)
    questions = QuestionFormSet(
        request.POST if request.method == "POST" else None, initial=question_initial(template), prefix="questions"
    )
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")  # for a template opened before: a page sent without one is stale
        try:
            saved = save_template(
                programme,
                template=template,
                questions=questions_from(questions),
                version=version if template is not None else None,
                **data,
            )
        except StaleVersion as stale:
            form.saved_meanwhile(stale.current_version)
        except ValidationError as problem:
            for key, errors in problem.message_dict.items():
                form.add_error(key if key in form.fields else None, errors)
        else:
            messages.success(request, _("The template was saved."))
            return redirect("report_template", template_id=saved.pk)
    context = {
        "form": form,
        "questions": questions,
        "template": template,
        "in_use": template is not None and template_in_use(template),
        "templates": queries.templates_of(programme),
        "themes": programme.themes.order_by("position"),
    }
    return render(request, "reports/template_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    require_report_manager(request.user, request.programme)
    activity = activity_access.get_activity_for_view(request.user, request.programme, activity_id)
    current = ReportRequest.objects.filter(activity=activity).first()
    initial = {"template": current.template_id, "due": current.due} if current else None
    form = ReportRequestForm(
        request.POST if request.method == "POST" else None, programme=activity.programme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = request_reports(activity, **form.cleaned_data)
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("The participants are asked for their reports."))
            if warning := past_due_warning(saved, today=timezone.localdate()):
                messages.warning(request, warning)
            return redirect("activity", activity_id=activity.pk)
    context = {"activity": activity, "form": form, "title": _("Ask for reports")}
    return render(request, "activities/form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def my_report(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_access.get_activity_for_view(request.user, request.programme, activity_id)
    participant = authors_place(request.user, activity)
    if participant is None or not ReportRequest.objects.filter(activity=activity).exists():
        raise PermissionDenied
    report = report_for(participant)
    questions = list(report.request.template.questions.all())
    form = ReportForm(request.POST if request.method == "POST" else None, questions=questions, answers=report.answers)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            save_report(report, answers=form.answers(), submit=submit, today=timezone.localdate())
        except ValidationError as problem:
            form.add_service_errors(problem)
        else:
            messages.success(request, _("Your report was submitted.") if submit else _("Your draft was saved."))
            return redirect("activity", activity_id=activity.pk)
    set_aside = [(entry["question"], answer_text(entry["answer"])) for entry in report.set_aside]
    context = {
        "activity": activity, "report": report, "form": form, "set_aside": set_aside,
        **_closed_context(request, report.request),
    }  # fmt: skip
    return render(request, "reports/report_form.html", context, status=400 if request.method == "POST" else 200)


def _closed_context(request: HttpRequest, report_request: ReportRequest) -> dict:
    """Past the due date: who can extend it, by name, and whether the reader can (a link for them)."""
    if not submission_closed(report_request, today=timezone.localdate()):
        return {"closed": False}
    return {
        "closed": True,
        "extenders": report_managers(request.programme),
        "may_extend": can_manage_reports(request.user, request.programme),
    }


@login_required
@require_POST
def template_copy(request: HttpRequest, template_id: int) -> HttpResponse:
    require_report_manager(request.user, request.programme)
    template = get_object_or_404(ReportTemplate, pk=template_id, programme=request.programme)
    copy = copy_template(template)
    messages.success(request, _("This is a copy of “%(title)s”: change its questions here.") % {"title": template})
    return redirect("report_template", template_id=copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_review(request.user, request.programme, report_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    decision = request.POST.get("decision")
    if request.method == "POST" and decision not in ("accept", "return"):
        form.add_error(None, _("Choose to accept the report or to return it."))
    elif request.method == "POST" and form.is_valid():
        accept = decision == "accept"
        try:
            review_report(report, accept=accept, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("The report was accepted.") if accept else _("The report was returned."))
            return redirect("activity", activity_id=report.request.activity_id)
    questions = list(report.request.template.questions.all())
    answers = [(q, answer_text(report.answers.get(str(q.pk)))) for q in questions]
    context = {"report": report, "answers": answers, "form": form, "activity": report.request.activity}
    return render(request, "reports/review.html", context, status=400 if request.method == "POST" else 200)


@login_required
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    require_report_manager(request.user, request.programme)
    scope = _scope(request)
    reports = list(queries.reports_in(scope))
    questions = queries.questions_of(reports)
    name = f"reports-{scope.describe().replace(' ', '-')}"
    if file_format == "csv":
        response = HttpResponse(reports_csv(reports, questions), content_type="text/csv; charset=utf-8")
    else:
        title = _("Reports: %(scope)s") % {"scope": scope.describe()}
        response = HttpResponse(reports_pdf(reports, questions, title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    record_audit(
        AuditAction.PERSONAL_DATA_EXPORTED,  # reports name their authors and hold what they wrote
        by=request.user,
        target=f"reports: {scope.describe()}",
        detail={"format": file_format, "reports": len(reports)},
    )
    return response


def _scope(request: HttpRequest) -> queries.ReportScope:
    programme = request.programme
    activity, theme = request.GET.get("activity"), request.GET.get("theme")
    if activity is not None:
        if not activity.isdigit() or not programme.scheduled_activities.filter(pk=int(activity)).exists():
            raise Http404("no such activity")
        return queries.ReportScope(programme, activity_id=int(activity))
    if theme is not None:
        if not programme.themes.filter(key=theme).exists():
            raise Http404("no such theme")
        return queries.ReportScope(programme, theme=theme)
    return queries.ReportScope(programme)
