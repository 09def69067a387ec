"""Report templates (questions) and report requests for an activity, kept by the coordinator as on the template pages
(`values.reports.services`). A template's questions are replaced together, so a change names the version it was
made from (`ETag` / `If-Match`, `save_template(version=…)`, as the page's hidden version does)."""

from datetime import date
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints, field_validator

from values.activities.queries import calendar_title
from values.api.activities import NO_NUL, visible_activity
from values.api.callers import Forbidden
from values.api.context import enter, etag, if_match, require_signed_in
from values.api.openapi import GUARDED_MARK
from values.api.paging import Page, Paging, paged
from values.api.schemas import RequiredText, Trimmed
from values.core.versions import StaleVersion
from values.reports.enums import QuestionKind
from values.reports.models import ReportRequest, ReportTemplate
from values.reports.permissions import can_manage_reports
from values.reports.queries import templates_of
from values.reports.services import (
    copy_template,
    past_due_warning,
    request_reports,
    save_template,
    submission_closed,
    template_in_use,
    template_version,
)

router = Router(tags=["reports"])
TEMPLATE = "{code}/report-templates/{int:template_id}/"
REQUESTS = "{code}/activities/{int:activity_id}/report-requests/"
GUARDED = {GUARDED_MARK: True}
LARGEST_ID = 2_147_483_647  # the databases' integer: a larger id names nothing
# What the service checks (DESCRIPTION_LIMIT, MAX_CHOICES, CHOICE_LIMIT) it names in its own words; these bounds
# only keep a request's size sane.
MAX_QUESTIONS = 200
Choice = Annotated[str, StringConstraints(max_length=1_000, pattern=NO_NUL)]


# -- what is answered ----------------------------------------------------------------------------------------------
class TemplateQuestionOut(Schema):
    id: int = Field(description="Give it back with a change to keep the answers drafted to this question.")
    kind: QuestionKind = Field(examples=["short_text"])
    text: str = Field(examples=["What will you try at home?"])
    help_text: str
    required: bool = Field(description="Needs an answer before a report is submitted.")
    choices: list[str] = Field(examples=[["Workshop", "Site visit"]], description="For single and multiple choice.")
    quotable: bool = Field(description="Long text only: accepted answers may be quoted in the public toolkits.")


class TemplateOut(Schema):
    id: int
    title: str = Field(examples=["After the visit"])
    description: str
    questions: int = Field(examples=[3], description="How many questions it asks.")


class TemplateDetail(Schema):
    id: int
    title: str = Field(examples=["After the visit"])
    description: str
    in_use: bool = Field(description="Reports were submitted on it: its questions stay as answered (copy it).")
    version: str = Field(description="The ETag: send it back as If-Match with a change.")
    questions: list[TemplateQuestionOut]


class TemplateRef(Schema):
    id: int
    title: str = Field(examples=["After the visit"])


class ReportRequestOut(Schema):
    activity: int
    activity_title: str = Field(examples=["Mentoring visit to Cesena"])
    template: TemplateRef
    due: date = Field(description="Reports are submitted up to this day, included.")
    submission_closed: bool = Field(description="Past its due date: participants can no longer submit.")
    reports: int = Field(examples=[2], description="How many reports were begun on it.")


class ReportRequestAnswer(ReportRequestOut):
    warning: str | None = Field(description="What the page warns of: a due date already past.")


def question_out(question) -> dict:
    return {
        "id": question.pk, "kind": question.kind, "text": question.text, "help_text": question.help_text,
        "required": question.required, "choices": list(question.choices), "quotable": question.quotable,
    }  # fmt: skip


def template_detail(template: ReportTemplate) -> dict:
    template.refresh_from_db()
    return {
        "id": template.pk, "title": template.title, "description": template.description,
        "in_use": template_in_use(template), "version": template_version(template),
        "questions": [question_out(q) for q in template.questions.order_by("position", "pk")],
    }  # fmt: skip


def _answer_template(template: ReportTemplate, response: HttpResponse) -> dict:
    answer = template_detail(template)
    response["ETag"] = etag(answer["version"])
    return answer


def request_out(report_request: ReportRequest) -> dict:
    return {
        "activity": report_request.activity_id, "activity_title": calendar_title(report_request.activity),
        "template": {"id": report_request.template_id, "title": report_request.template.title},
        "due": report_request.due, "submission_closed": submission_closed(report_request, today=timezone.localdate()),
        "reports": report_request.reports.count(),
    }  # fmt: skip


# -- who -----------------------------------------------------------------------------------------------------------
def _managing(request: HttpRequest, code: str):
    """The programme, if the caller manages its reports (the coordinator, as on the pages); 401 for nobody, 403 for
    the others, before anything of the programme's reports is looked at."""
    programme = enter(request, code)
    if not can_manage_reports(request.user, programme):
        require_signed_in(request)
        raise Forbidden(_("Only the coordinator keeps the report templates and asks for reports."))
    return programme


def _template(request: HttpRequest, code: str, template_id: int) -> ReportTemplate:
    return get_object_or_404(ReportTemplate, pk=template_id, programme=_managing(request, code))


# -- templates -----------------------------------------------------------------------------------------------------
class QuestionIn(Schema):
    id: int | None = Field(None, ge=1, le=LARGEST_ID,
                           description="A question of this template to change in place (its drafted answers stay); "
                                       "none for a new question.")  # fmt: skip
    kind: QuestionKind = Field(examples=["single_choice"])
    text: RequiredText = Field(max_length=500, pattern=NO_NUL, examples=["Which session helped most?"])
    help_text: Trimmed = Field("", max_length=500, pattern=NO_NUL)
    required: bool = False
    choices: list[Choice] = Field([], max_length=1_000, examples=[["Workshop", "Site visit"]],
                               description="For single and multiple choice: at least two answers.")  # fmt: skip
    quotable: bool = Field(False, description="Long text only: accepted answers may be quoted in the toolkits.")

    @field_validator("choices")
    @classmethod
    def _offered(cls, value: list[str]) -> list[str]:
        """As the page's one-per-line answers: each without spaces around it, the blank ones left out."""
        return [choice.strip() for choice in value if choice.strip()]


class TemplateIn(Schema):
    title: RequiredText = Field(max_length=200, pattern=NO_NUL, examples=["After the visit"])
    description: Trimmed = Field("", max_length=50_000, pattern=NO_NUL,
                             description="At most 5,000 characters (the service says so).")  # fmt: skip
    questions: list[QuestionIn] = Field(max_length=MAX_QUESTIONS, description="In the order they are asked; they "
                                        "replace the template's questions (those not given are removed).")  # fmt: skip


def _save(programme, payload: TemplateIn, template: ReportTemplate | None, version: str | None) -> ReportTemplate:
    questions = [question.dict() for question in payload.questions]
    for question in questions:
        question["kind"] = str(question["kind"])
    return save_template(programme, template=template, title=payload.title, description=payload.description,
                         questions=questions, version=version)  # fmt: skip


@router.get("{code}/report-templates/", response=Page[TemplateOut], summary="List the programme's report templates")
def list_templates(request: HttpRequest, code: str, paging: Query[Paging]):
    """The coordinator's templates, by title, as the template page lists them."""
    programme = _managing(request, code)
    return paged(request, templates_of(programme), paging, lambda rows: [
        {"id": t.pk, "title": t.title, "description": t.description, "questions": len(t.questions.all())}
        for t in rows])  # fmt: skip


@router.post("{code}/report-templates/", response={201: TemplateDetail}, summary="Make a report template")
def create_template(request: HttpRequest, code: str, payload: TemplateIn, response: HttpResponse):
    """A new template with its questions, checked as the page checks them (at least one question, two answers or
    more for a choice, quotable long texts only); a refusal is 422 naming the field."""
    template = _save(_managing(request, code), payload, None, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{template.pk}/")
    return Status(201, _answer_template(template, response))


@router.get(TEMPLATE, response=TemplateDetail, summary="Read a report template with its questions (and its ETag)")
def read_template(request: HttpRequest, code: str, template_id: int, response: HttpResponse):
    """Its questions in order, with their kinds, choices and whether they need an answer."""
    return _answer_template(_template(request, code, template_id), response)


@router.put(TEMPLATE, response=TemplateDetail, openapi_extra=GUARDED,
            summary="Change a report template: its questions replaced (If-Match: its ETag)")  # fmt: skip
def change_template(request: HttpRequest, code: str, template_id: int, payload: TemplateIn, response: HttpResponse):
    """The title, description and questions become those given, as the page saves them: a question given with its
    `id` is changed in place and the answers drafted to it stay (those that no longer fit are set aside, never
    dropped); one left out is removed. Once reports were submitted on the template its questions stay as they were
    answered (422: copy it). Made from an older version than the current one, the change is refused (412, with the
    template as it is now), so that nobody replaces questions another coordinator saved since."""
    template = _template(request, code, template_id)
    seen = if_match(request)
    try:
        _save(template.programme, payload, template, seen)
    except StaleVersion:
        answer = template_detail(template)
        raise StaleVersion(answer["version"], answer) from None
    return _answer_template(template, response)


@router.post(f"{TEMPLATE}copy/", response={201: TemplateDetail}, summary="Copy a report template")
def copy(request: HttpRequest, code: str, template_id: int, response: HttpResponse):
    """A new template “<title> (copy)” asking the same questions in the same order, which can be changed even when
    the original is in use."""
    made = copy_template(_template(request, code, template_id))
    response["Location"] = request.build_absolute_uri(request.path.removesuffix(f"{template_id}/copy/") + f"{made.pk}/")
    return Status(201, _answer_template(made, response))


# -- report requests -----------------------------------------------------------------------------------------------
def _activity(request: HttpRequest, code: str, activity_id: int):
    """The activity, for who manages the programme's reports (403 for the others first, as on the page)."""
    return visible_activity(request, _managing(request, code), activity_id)


@router.get(REQUESTS, response=list[ReportRequestOut], summary="Read what an activity's participants are asked")
def list_requests(request: HttpRequest, code: str, activity_id: int):
    """The activity's request for reports (its template and due date), if reports were asked for: at most one."""
    activity = _activity(request, code, activity_id)
    requests = ReportRequest.objects.filter(activity=activity).select_related("template", "activity")
    return [request_out(report_request) for report_request in requests]


class ReportRequestIn(Schema):
    template: int = Field(ge=1, le=LARGEST_ID, description="One of the programme's report templates.")
    due: date = Field(examples=["2019-10-10"], description="After the activity ends; by 31 December 2099.")


@router.post(REQUESTS, response={200: ReportRequestAnswer, 201: ReportRequestAnswer},
             summary="Ask an activity's participants for reports (or change the template or due date)")  # fmt: skip
def ask_for_reports(request: HttpRequest, code: str, activity_id: int, payload: ReportRequestIn):
    """As the page: the template the confirmed participants answer and the day their reports are due. Asked
    again, the due date changes, and the template too while no report was begun on it. 201 the first time, 200
    after. A due date already past is saved with a `warning`, as on the page."""
    activity = _activity(request, code, activity_id)
    template = activity.programme.report_templates.filter(pk=payload.template).first()
    if template is None:
        raise ValidationError({"template": [_("Select a valid choice. That choice is not one of the available "
                                              "choices.")]})  # fmt: skip
    asked_before = ReportRequest.objects.filter(activity=activity).exists()
    saved = request_reports(activity, template=template, due=payload.due)
    saved = ReportRequest.objects.select_related("template", "activity").get(pk=saved.pk)
    answer = request_out(saved) | {"warning": past_due_warning(saved, today=timezone.localdate())}
    return Status(200 if asked_before else 201, answer)
