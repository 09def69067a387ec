"""Reports: the caller's own (every one for the coordinator) with their questions and answers, written by their
author and reviewed by the coordinator, through the same services and rules as the pages."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt, StringConstraints, WrapValidator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from values.activities.queries import TITLE_DETAILS, calendar_title
from values.api.activities import visible_activity
from values.api.callers import Forbidden
from values.api.context import enter
from values.api.openapi import PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.core.templatetags.values_tags import person
from values.reports.enums import QuestionKind, ReportStatus
from values.reports.models import Report, ReportRequest
from values.reports.permissions import (
    authors_place,
    get_report_for_edit,
    get_report_for_review,
    get_report_for_view,
    reports_visible_to,
)
from values.reports.services import begin_report, review_report, save_report, submission_closed

router = Router(tags=["reports"])
REPORT = "{code}/reports/{int:report_id}/"
LARGEST_ID = 2**63 - 1

# What the service checks (ANSWER_LIMITS, MAX_CHOICES) it names with its own words; these bounds only keep
# a request's size sane.
AnswerText = Annotated[str, StringConstraints(max_length=50_000)]
Choice = Annotated[str, StringConstraints(max_length=1_000)]
QuestionKey = Annotated[str, StringConstraints(max_length=20)]
# A number may come as a JSON number or, to keep every digit, as text (the service reads both).
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]


def _one_refusal(value, handler):
    """An answer of no kind at all is one refusal, where it is (not one for each kind it is not)."""
    try:
        return handler(value)
    except PydanticValidationError:
        raise PydanticCustomError("answer", _("Give a text (at most 50,000 characters), a number, a list of at most "
                                              "100 choices, or null for no answer.")) from None  # fmt: skip


GivenAnswer = Annotated[
    AnswerText | StrictInt | Number | Annotated[list[Choice], Field(max_length=100)] | None,
    WrapValidator(_one_refusal),
]
StoredAnswer = str | int | list[str]  # a text or a choice, a scale's step, a number's digits, choices


class ActivityRef(Schema):
    id: int
    title: str = Field(examples=["Mentoring visit to Cesena"])


class QuestionOut(Schema):
    id: int = Field(description="Answers are keyed by this id (as text).")
    kind: QuestionKind
    text: str = Field(examples=["What will you try at home?"])
    help_text: str
    required: bool = Field(description="Needs an answer before the report is submitted.")
    choices: list[str] = Field(description="For single and multiple choice: the answers offered.")
    quotable: bool = Field(description="Once accepted, the answer may be quoted in the public toolkits.")


class ReportOut(Schema):
    id: int
    activity: ActivityRef
    author: str = Field(examples=["Amira Haddad"])
    organisation: OrganisationRef
    status: ReportStatus
    due: date
    submission_closed: bool = Field(description="Past its due date: it can no longer be submitted.")
    updated_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None


class SetAside(Schema):
    question: str
    answer: StoredAnswer


class ReportDetail(ReportOut):
    template: str = Field(examples=["After the visit"])
    description: str
    questions: list[QuestionOut]
    answers: dict[str, StoredAnswer] = Field(
        examples=[{"12": "A buddy scheme", "13": 4, "14": ["Workshop", "Interview"]}],
        description="By question id: a text or a choice, a scale's step (1–5), a number (as text), choices.",
    )
    set_aside: list[SetAside] = Field(description="Answers to questions removed or changed since they were written.")
    review_comment: str = Field(description="The coordinator's comment when the report was returned or accepted.")


class ReportFilters(Schema):
    status: ReportStatus | None = None
    activity: int | None = Field(None, ge=1, le=LARGEST_ID, description="An activity's id.")


class ReportIn(Schema):
    answers: dict[QuestionKey, GivenAnswer] = Field(
        default_factory=dict, max_length=500, examples=[{"12": "A buddy scheme", "13": 4}],
        description="By question id: a text, a choice, a scale's step (1–5), a number, a list of choices. "
                    "Questions left out are left unanswered.",
    )  # fmt: skip
    submit: bool = Field(False, description="Submit the report (every required answer, by the due date); "
                                            "else the answers are kept as a draft.")  # fmt: skip


class ReviewIn(Schema):
    decision: Literal["accept", "return"]
    comment: str = Field("", max_length=50_000, description="What should change: needed to return the report.")


def report_out(report: Report) -> dict:
    participant, activity = report.participant, report.request.activity
    return {
        "id": report.pk, "activity": {"id": activity.pk, "title": calendar_title(activity)},
        "author": person(participant.user),
        "organisation": {"key": participant.organisation.key, "name": organisation_name(participant.organisation)},
        "status": report.status, "due": report.request.due,
        "submission_closed": submission_closed(report.request, today=timezone.localdate()),
        "updated_at": report.updated_at, "submitted_at": report.submitted_at, "reviewed_at": report.reviewed_at,
    }  # fmt: skip


def report_detail(report: Report) -> dict:
    template = report.request.template
    questions = [
        {"id": q.pk, "kind": q.kind, "text": q.text, "help_text": q.help_text, "required": q.required,
         "choices": list(q.choices), "quotable": q.quotable}
        for q in template.questions.all()
    ]  # fmt: skip
    return report_out(report) | {
        "template": template.title, "description": template.description, "questions": questions,
        "answers": report.answers or {}, "set_aside": list(report.set_aside or []),
        "review_comment": report.review_comment,
    }  # fmt: skip


def _with_details(reports):
    titles = (f"request__activity__{path}" for path in TITLE_DETAILS)
    return reports.select_related("request__template", "participant__user", "participant__organisation", *titles)


@router.get("{code}/reports/", response=Page[ReportOut], openapi_extra={PUBLIC_MARK: True},
            summary="List the reports you may read")  # fmt: skip
def list_reports(request: HttpRequest, code: str, filters: Query[ReportFilters], paging: Query[Paging]):
    """Your own reports; every report of the programme for its coordinator (none without a token)."""
    reports = _with_details(reports_visible_to(request.user, enter(request, code)))
    if filters.status is not None:
        reports = reports.filter(status=filters.status)
    if filters.activity is not None:
        reports = reports.filter(request__activity_id=filters.activity)
    reports = reports.order_by("request__activity__start", "request__activity_id", "pk")
    return paged(request, reports, paging, lambda rows: [report_out(report) for report in rows])


def _detail(report: Report) -> dict:
    """The report as it is now, with its activity's names and its template's questions fetched together."""
    fresh = _with_details(Report.objects.filter(pk=report.pk)).prefetch_related("request__template__questions")
    return report_detail(fresh.get())


class BeginIn(Schema):
    activity: int = Field(ge=1, le=2**31 - 1, description="The activity whose report you write.")


@router.post("{code}/reports/", response={200: ReportDetail, 201: ReportDetail},
             summary="Begin your report on an activity (or find the one begun)")  # fmt: skip
def begin(request: HttpRequest, code: str, payload: BeginIn, response: HttpResponse):
    """As the report page does for a confirmed participant of an activity whose report is asked for: the report,
    begun as an empty draft the first time (201, its address in Location), found again after (200)."""
    activity = visible_activity(request, enter(request, code), payload.activity)
    participant = authors_place(request.user, activity)
    if participant is None or not ReportRequest.objects.filter(activity=activity).exists():
        raise Forbidden(_("Only a confirmed participant writes a report, once one is asked for the activity."))
    existed = Report.objects.filter(participant=participant).exists()
    report = begin_report(participant)
    response["Location"] = request.build_absolute_uri(f"{request.path}{report.pk}/")
    return Status(200 if existed else 201, _detail(report))


@router.get(REPORT, response=ReportDetail, summary="Read a report with its questions and answers")
def read_report(request: HttpRequest, code: str, report_id: int):
    return _detail(get_report_for_view(request.user, enter(request, code), report_id))


def _under_answers(problem: ValidationError) -> ValidationError:
    """The service names each refused answer by its question's id: here, where it is in the body."""
    if not hasattr(problem, "error_dict"):
        return problem
    return ValidationError({
        name if name == "__all__" else "answers/" + name.replace("~", "~0").replace("/", "~1"): errors
        for name, errors in problem.error_dict.items()
    })  # fmt: skip


@router.put(REPORT, response=ReportDetail, summary="Write your report: keep a draft or submit it")
def write_report(request: HttpRequest, code: str, report_id: int, payload: ReportIn):
    """Only its author writes a report, until it is submitted (again once the coordinator returns it)."""
    report = get_report_for_edit(request.user, enter(request, code), report_id)
    try:
        save_report(report, answers=payload.answers, submit=payload.submit, today=timezone.localdate())
    except ValidationError as problem:
        raise _under_answers(problem) from None
    return _detail(report)


@router.post(f"{REPORT}review/", response=ReportDetail, summary="Accept or return a submitted report (coordinator)")
def review(request: HttpRequest, code: str, report_id: int, payload: ReviewIn):
    report = get_report_for_review(request.user, enter(request, code), report_id)
    review_report(report, accept=payload.decision == "accept", by=request.user, comment=payload.comment)
    return _detail(report)
