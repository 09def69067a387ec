"""Every change to report templates and reports: drafting, submitting, reviewing."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from values.activities.enums import ParticipantStatus
from values.activities.models import Activity, Participant
from values.network.models import User
from values.programme.models import Programme
from values.reports.enums import CHOICE_KINDS, QuestionKind, ReportStatus
from values.reports.models import Question, Report, ReportRequest, ReportTemplate

SCALE = range(1, 6)
# Statuses of reports whose answers were sent at least once: their questions must stay.
SUBMITTED_ONCE = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED)


@transaction.atomic
def save_template(
    programme: Programme, *, template: ReportTemplate | None = None, title: str, description: str, questions: list[dict]
) -> ReportTemplate:
    """Create or change a template; its questions become those given (kind, text, help, required, choices)."""
    errors = {}
    for number, question in enumerate(questions, 1):
        if question["kind"] in CHOICE_KINDS and len(question.get("choices") or []) < 2:
            errors.setdefault("questions", []).append(
                _("Question %(number)d offers a choice but lists fewer than two answers.") % {"number": number}
            )
        if question.get("quotable") and question["kind"] != QuestionKind.LONG_TEXT:
            errors.setdefault("questions", []).append(
                _("Question %(number)d: only long-text answers can be quoted in the toolkits.") % {"number": number}
            )
    if not questions:
        errors["questions"] = [_("A template asks at least one question.")]
    if template is not None and template.requests.filter(reports__status__in=SUBMITTED_ONCE).exists():
        errors["questions"] = [_("Reports were submitted on this template: copy it to change the questions.")]
    if errors:
        raise ValidationError(errors)
    template = template or ReportTemplate(programme=programme)
    template.title, template.description = title, description
    template.save()
    template.questions.all().delete()
    Question.objects.bulk_create(
        Question(template=template, position=position, **question) for position, question in enumerate(questions)
    )
    return template


def request_reports(activity: Activity, *, template: ReportTemplate, due: date) -> ReportRequest:
    if due < activity.end:
        raise ValidationError(
            {"due": [_("Reports are due after the activity ends (%(end)s).") % {"end": activity.end}]}
        )
    current = ReportRequest.objects.filter(activity=activity).first()
    if current is not None and current.template_id != template.pk and current.reports.exists():
        # The reports already begun answer the current template's questions.
        raise ValidationError({"template": [_("Reports were begun on the current template: it can no longer change.")]})
    request, _created = ReportRequest.objects.update_or_create(
        activity=activity, defaults={"template": template, "due": due}
    )
    return request


def report_for(participant: Participant) -> Report:
    """The participant's report, started empty the first time they open it."""
    request = ReportRequest.objects.get(activity=participant.activity_id)
    report, _created = Report.objects.get_or_create(participant=participant, defaults={"request": request})
    return report


def check_answers(questions: list[Question], answers: dict, *, complete: bool) -> tuple[dict, dict]:
    """The answers in their stored form, and the errors keyed by question; `complete` asks for every required one."""
    cleaned, errors = {}, {}
    for question in questions:
        key = str(question.pk)
        value = answers.get(key)
        if isinstance(value, str):
            value = value.strip()  # spaces alone are no answer
        if value in (None, "", []):
            if complete and question.required:
                errors[key] = [_("This question needs an answer.")]
            continue
        try:
            cleaned[key] = _clean_answer(question, value)
        except ValueError as problem:
            errors[key] = [str(problem)]
    return cleaned, errors


def _clean_answer(question: Question, value):
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return str(value).strip()
    if kind == QuestionKind.SINGLE_CHOICE:
        if value not in question.choices:
            raise ValueError(_("Choose one of the answers offered."))
        return value
    if kind == QuestionKind.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        if any(v not in question.choices for v in values):
            raise ValueError(_("Choose among the answers offered."))
        return values
    if kind == QuestionKind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Give a whole number from 1 to 5.")) from None
        if number not in SCALE:
            raise ValueError(_("Give a whole number from 1 to 5."))
        return number
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("Give a number.")) from None
    if not number.is_finite():
        raise ValueError(_("Give a number."))
    return str(number)


@transaction.atomic
def save_report(report: Report, *, answers: dict, submit: bool, today: date) -> Report:
    """Keep a draft (any answers so far), or submit: every required answer, before the due date."""
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(
            {"__all__": [_("This report was submitted; it can only be changed once it is returned.")]}
        )
    questions = list(report.request.template.questions.all())
    cleaned, errors = check_answers(questions, answers, complete=submit)
    if submit and today > report.request.due:
        errors["__all__"] = [_("Reports were due on %(date)s.") % {"date": report.request.due.isoformat()}]
    if errors:
        raise ValidationError(errors)
    report.answers = cleaned
    fields = ["answers", "updated_at"]
    if submit:
        report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
        fields += ["status", "submitted_at"]
    report.save(update_fields=fields)
    return report


def review_report(report: Report, *, accept: bool, by: User, comment: str = "") -> Report:
    """The coordinator accepts a submitted report, or returns it with a comment saying what to change."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"__all__": [_("Only a submitted report can be reviewed.")]})
    if not accept and not comment.strip():
        raise ValidationError({"comment": [_("Say what should change before returning the report.")]})
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.reviewed_by, report.reviewed_at, report.review_comment = by, timezone.now(), comment.strip()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    return report


def expected_authors(activity: Activity):
    """Who owes a report: the confirmed participants."""
    return activity.participants.filter(status=ParticipantStatus.CONFIRMED)
