"""Every change to report templates and reports: drafting, submitting, reviewing."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.activities.enums import ParticipantStatus
from values.activities.models import Activity, Participant
from values.core.languages import long_date
from values.core.versions import check_version, digest_version
from values.network.models import User
from values.programme.models import Programme
from values.reports.enums import CHOICE_KINDS, QuestionKind, ReportStatus
from values.reports.models import Question, Report, ReportRequest, ReportTemplate

SCALE = range(1, 6)
# Beyond these a value is a slip of the keyboard (or an attack): refused with its field, never stored.
MAX_NUMBER = Decimal("1000000000000")  # a number answer, either way from 0
NUMBER_DECIMALS = 6
ANSWER_LIMITS = {QuestionKind.SHORT_TEXT: 500, QuestionKind.LONG_TEXT: 20_000}
DESCRIPTION_LIMIT = COMMENT_LIMIT = 5_000
MAX_CHOICES, CHOICE_LIMIT = 50, 200
LATEST_DUE = date(2099, 12, 31)


def _too_long(label, text: str, limit: int) -> str | None:
    if len(text) <= limit:
        return None
    return _("%(field)s: at most %(limit)s characters, not %(length)s.") % {
        "field": label, "limit": number_format(limit, force_grouping=True),
        "length": number_format(len(text), force_grouping=True),
    }  # fmt: skip


# Statuses of reports whose answers were sent at least once: their questions must stay.
SUBMITTED_ONCE = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED)


QUESTION_FIELDS = ("kind", "text", "help_text", "required", "choices", "quotable")


def _template_state(template: ReportTemplate) -> dict:
    """What two coordinators could save over each other: the title, the description and the questions."""
    questions = template.questions.order_by("position", "pk").values_list("pk", *QUESTION_FIELDS)
    return {
        "title": template.title,
        "description": template.description,
        "questions": [dict(zip(("id", *QUESTION_FIELDS), row, strict=True)) for row in questions],
    }


def template_version(template: ReportTemplate) -> str:
    """The template's version as its page and the API read it (`save_template(version=...)`)."""
    return digest_version(_template_state(template))


def _guard_template(template: ReportTemplate, version: str | None) -> None:
    """Under a lock on the template's row, refuse (StaleVersion, with the template as it is now) a change made from
    another version than the current one, so that nobody replaces questions another saved since they read them."""
    ReportTemplate.objects.select_for_update().filter(pk=template.pk).first()
    if version is not None:
        template.refresh_from_db(fields=["title", "description"])
        state = _template_state(template)
        check_version(version, digest_version(state), state)


@transaction.atomic
def save_template(
    programme: Programme,
    *,
    template: ReportTemplate | None = None,
    title: str,
    description: str,
    questions: list[dict],
    version: str | None = None,
) -> ReportTemplate:
    """Create or change a template; its questions become those given (kind, text, help, required, choices,
    quotable). A question given with its `id` is changed in place, so that the answers drafted to it stay.
    With `version` (`template_version`, as the page and the API read it), a template is changed only if it is still
    that version: else `StaleVersion` and nothing is saved. None (a script) checks no version."""
    if template is not None:
        _guard_template(template, version)
    errors = _template_errors(template, questions)
    if problem := _too_long(gettext_lazy("Description"), description, DESCRIPTION_LIMIT):
        errors["description"] = [problem]
    if errors:
        raise ValidationError(errors)
    template = template or ReportTemplate(programme=programme)
    template.title, template.description = title, description
    template.save()
    _replace_questions(template, questions)
    return template


def _template_errors(template: ReportTemplate | None, questions: list[dict]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    known = set(template.questions.values_list("pk", flat=True)) if template is not None else set()
    seen = set()
    for number, question in enumerate(questions, 1):
        if question["kind"] in CHOICE_KINDS and len(question.get("choices") or []) < 2:
            errors.setdefault("questions", []).append(
                _("Question %(number)d offers a choice but lists fewer than two answers.") % {"number": number}
            )
        if question.get("quotable") and question["kind"] != QuestionKind.LONG_TEXT:
            errors.setdefault("questions", []).append(
                _("Question %(number)d: only long-text answers can be quoted in the toolkits.") % {"number": number}
            )
        question_id = question.get("id")
        if question_id is not None and (question_id not in known or question_id in seen):
            errors.setdefault("questions", []).append(
                _("Question %(number)d is not a question of this template.") % {"number": number}
            )
        seen.add(question_id)
        choices = question.get("choices") or []
        if len(choices) > MAX_CHOICES or any(len(choice) > CHOICE_LIMIT for choice in choices):
            errors.setdefault("questions", []).append(
                _("Question %(number)d: at most %(count)d answers to choose from, each of at most %(limit)d "
                  "characters.") % {"number": number, "count": MAX_CHOICES, "limit": CHOICE_LIMIT}
            )  # fmt: skip
    if not questions:
        errors["questions"] = [_("A template asks at least one question.")]
    if template is not None and template_in_use(template):
        errors["questions"] = [_("Reports were submitted on this template: copy it to change the questions.")]
    return errors


def template_in_use(template: ReportTemplate) -> bool:
    """Whether reports were submitted on the template: its questions then stay as those reports answered."""
    return template.requests.filter(reports__status__in=SUBMITTED_ONCE).exists()


@transaction.atomic
def copy_template(template: ReportTemplate) -> ReportTemplate:
    """A new template of the same programme, "<title> (copy)", asking the same questions in the same order;
    nobody reported on it yet, so its questions can change."""
    title = _copy_title(template.title)
    copy = ReportTemplate.objects.create(
        programme_id=template.programme_id, title=title, description=template.description
    )
    Question.objects.bulk_create(
        Question(
            template=copy, position=position, kind=q.kind, text=q.text, help_text=q.help_text,
            required=q.required, choices=list(q.choices), quotable=q.quotable,
        )
        for position, q in enumerate(template.questions.order_by("position", "pk"))
    )  # fmt: skip
    return copy


def _replace_questions(template: ReportTemplate, questions: list[dict]) -> None:
    before = {question.pk: question for question in template.questions.all()}
    after = {}
    for position, given in enumerate(questions):
        question = before.get(given.get("id")) or Question(template=template)
        for name, value in given.items():
            if name != "id":
                setattr(question, name, value)
        question.position = position
        question.save()
        after[question.pk] = question
    _set_aside_misfits(template, before, after)
    template.questions.exclude(pk__in=after).delete()


def _set_aside_misfits(template: ReportTemplate, before: dict[int, Question], after: dict[int, Question]) -> None:
    """In the drafts, set aside (never drop) each answer whose question was removed or no longer takes it."""
    # Reports submitted once lock the template (see _template_errors): only drafts are left to adjust.
    for report in Report.objects.filter(request__template=template).exclude(status__in=SUBMITTED_ONCE):
        answers, set_aside = {}, list(report.set_aside or [])
        for key, value in (report.answers or {}).items():
            question_id = int(key) if str(key).isdigit() else None
            fitted = _refit(after.get(question_id), value)
            if fitted is not None:
                answers[key] = fitted
                continue
            asked = before.get(question_id)
            set_aside.append({"question": asked.text if asked else _("A question no longer known"), "answer": value})
        if (answers, set_aside) != (report.answers, report.set_aside):
            report.answers, report.set_aside = answers, set_aside
            report.save(update_fields=["answers", "set_aside"])


def _refit(question: Question | None, value):
    """The answer as the question (perhaps changed) stores it; None when it no longer fits."""
    if question is None:
        return None
    try:
        return _clean_answer(question, value)
    except ValueError:
        return None


def request_reports(activity: Activity, *, template: ReportTemplate, due: date) -> ReportRequest:
    if due < activity.end:
        raise ValidationError(
            {"due": [_("Reports are due after the activity ends (%(end)s).") % {"end": activity.end}]}
        )
    if due > LATEST_DUE:
        raise ValidationError({"due": [_("Reports are due by %(date)s.") % {"date": LATEST_DUE.isoformat()}]})
    current = ReportRequest.objects.filter(activity=activity).first()
    if current is not None and current.template_id != template.pk and current.reports.exists():
        # The reports already begun answer the current template's questions.
        raise ValidationError({"template": [_("Reports were begun on the current template: it can no longer change.")]})
    request, _created = ReportRequest.objects.update_or_create(
        activity=activity, defaults={"template": template, "due": due}
    )
    return request


def _copy_title(title: str) -> str:
    """ "<title> (copy)" within the column's length: the original title gives way, never the word "copy"."""
    copied = _("%(title)s (copy)") % {"title": title}
    overflow = len(copied) - ReportTemplate._meta.get_field("title").max_length
    if overflow <= 0:
        return copied
    return _("%(title)s (copy)") % {"title": title[: len(title) - overflow - 1] + "…"}


def submission_closed(request: ReportRequest, *, today: date) -> bool:
    """Reports are submitted up to their due date, that day included; the coordinator extends it."""
    return today > request.due


def past_due_warning(request: ReportRequest, *, today: date) -> str | None:
    """What to tell whoever sets a due date already past: the participants can no longer submit."""
    if not submission_closed(request, today=today):
        return None
    return _(
        "The due date %(date)s has passed: the participants can no longer submit their reports. "
        "Choose a later date to let them."
    ) % {"date": long_date(request.due)}


def begin_report(participant: Participant) -> Report:
    """The participant's report, begun (an empty draft) if it was not yet."""
    request = ReportRequest.objects.get(activity=participant.activity_id)
    report, _created = Report.objects.get_or_create(participant=participant, defaults={"request": request})
    return report


def report_for(participant: Participant) -> Report:
    """The participant's report; an empty unsaved one until their first save, since reading never writes."""
    report = Report.objects.filter(participant=participant).select_related("request__template").first()
    if report is not None:
        return report
    return Report(participant=participant, request=ReportRequest.objects.get(activity=participant.activity_id))


def check_answers(questions: list[Question], answers: dict, *, complete: bool) -> tuple[dict, dict]:
    """The answers in their stored form, and the errors keyed by question; `complete` asks for every required one.
    An answer to a question the template does not ask is refused, never dropped unsaid."""
    cleaned: dict = {}
    asked = {str(question.pk) for question in questions}
    errors = {key: [_("This is not a question of this report.")] for key in answers.keys() - asked}
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
        if not isinstance(value, str):
            raise ValueError(_("Give a text."))
        if problem := _too_long(gettext_lazy("Your answer"), value.strip(), ANSWER_LIMITS[kind]):
            raise ValueError(problem)
        return value.strip()
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
            number = _whole_number(value)
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
    if abs(number) > MAX_NUMBER or number.as_tuple().exponent < -NUMBER_DECIMALS:
        raise ValueError(
            _("Give a number from -%(max)s to %(max)s, with at most %(decimals)d decimals.")
            % {"max": number_format(MAX_NUMBER, force_grouping=True), "decimals": NUMBER_DECIMALS}
        )
    return format(number, "f")  # 1e3 is kept as 1000


def _whole_number(value) -> int:
    """A whole number, given as one or as its digits: never True, nor 2.5 cut down to 2."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(str(value).strip())


@transaction.atomic
def save_report(report: Report, *, answers: dict, submit: bool, today: date) -> Report:
    """Keep a draft (any answers so far), or submit: every required answer, before the due date."""
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(
            {"__all__": [_("This report was submitted; it can only be changed once it is returned.")]}
        )
    questions = list(report.request.template.questions.all())
    cleaned, errors = check_answers(questions, answers, complete=submit)
    if submit and submission_closed(report.request, today=today):
        errors["__all__"] = [_("Reports were due on %(date)s.") % {"date": report.request.due.isoformat()}]
    if errors:
        raise ValidationError(errors)
    report.answers = cleaned
    fields = ["answers", "updated_at"]
    if submit:
        report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
        fields += ["status", "submitted_at"]
    if report.pk:
        report.save(update_fields=fields)
        return report
    try:
        with transaction.atomic():
            report.save()  # the first save begins the report
    except IntegrityError:
        raise ValidationError(
            {"__all__": [_("Your report was begun in another window meanwhile: open it again to see it.")]}
        ) from None
    return report


def review_report(report: Report, *, accept: bool, by: User, comment: str = "") -> Report:
    """The coordinator accepts a submitted report, or returns it with a comment saying what to change."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"__all__": [_("Only a submitted report can be reviewed.")]})
    if not accept and not comment.strip():
        raise ValidationError({"comment": [_("Say what should change before returning the report.")]})
    if problem := _too_long(gettext_lazy("Comment for the author"), comment.strip(), COMMENT_LIMIT):
        raise ValidationError({"comment": [problem]})
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.reviewed_by, report.reviewed_at, report.review_comment = by, timezone.now(), comment.strip()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    return report


def expected_authors(activity: Activity):
    """Who owes a report: the confirmed participants."""
    return activity.participants.filter(status=ParticipantStatus.CONFIRMED)
