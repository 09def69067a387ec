"""Changing report templates and reports: questions, checked answers, drafts, submission and review."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from values.activities.models import Participant, Visit
from values.activities.services import answer_nomination, nominate_participant
from values.core.versions import StaleVersion
from values.network.models import Organisation
from values.reports.enums import QuestionKind
from values.reports.models import Question, Report, ReportRequest, ReportTemplate
from values.reports.services import (
    begin_report,
    check_answers,
    expected_authors,
    report_for,
    request_reports,
    review_report,
    save_report,
    save_template,
    template_version,
)

DUE = date(2030, 6, 30)
SUBMITTED_ON_TEMPLATE = "Reports were submitted on this template: copy it to change the questions."
NEEDS_AN_ANSWER = "This question needs an answer."
SCALE_ERROR = "Give a whole number from 1 to 5."


def question(kind: str, text: str, *, required: bool = False, choices: list[str] | None = None) -> dict:
    return {"kind": kind, "text": text, "help_text": "", "required": required, "choices": choices or []}


QUESTIONS = [
    question("short_text", "What will you try at home?", required=True),
    question("scale", "How useful was the visit?", required=True),
    question("multiple_choice", "Which sessions helped?", choices=["Workshop", "Site visit", "Interview"]),
]


@pytest.fixture
def visit(cesena_visit) -> Visit:
    return cesena_visit


@pytest.fixture
def template(programme) -> ReportTemplate:
    return save_template(programme, title="After the visit", description="Key research questions.", questions=QUESTIONS)


@pytest.fixture
def participant(visit, volunteer, cesena_staff) -> Participant:
    """Cesena's volunteer, nominated before the visit and confirmed."""
    nominated = nominate_participant(
        visit,
        user=volunteer,
        organisation=Organisation.objects.get(key="cesena"),
        by=cesena_staff,
        today=visit.start - timedelta(days=1),
    )
    return answer_nomination(nominated, confirm=True)


@pytest.fixture
def report(visit, template, participant) -> Report:
    """The volunteer's report, just begun: a draft without answers."""
    request_reports(visit, template=template, due=DUE)
    return begin_report(participant)


def answers_to(template: ReportTemplate, *values) -> dict[str, object]:
    """Answers keyed by question id, in the order of the template's questions."""
    return {str(q.pk): value for q, value in zip(template.questions.all(), values, strict=False)}


def submitted(report: Report, template: ReportTemplate) -> Report:
    return save_report(
        report, answers=answers_to(template, "A buddy scheme", "4", ["Workshop"]), submit=True, today=DUE
    )


def refusal(problem: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return problem.value.message_dict


# -- templates -----------------------------------------------------------------------------------


def test_a_template_keeps_its_questions_in_the_order_given(programme):
    template = save_template(programme, title="After the visit", description="", questions=QUESTIONS)

    saved = list(template.questions.values_list("position", "kind", "text", "required", "choices"))
    assert saved == [
        (0, "short_text", "What will you try at home?", True, []),
        (1, "scale", "How useful was the visit?", True, []),
        (2, "multiple_choice", "Which sessions helped?", False, ["Workshop", "Site visit", "Interview"]),
    ]


def test_a_choice_question_with_fewer_than_two_answers_is_refused_naming_its_number(programme):
    questions = [QUESTIONS[0], question("single_choice", "Would you host a visit?", choices=["Yes"])]

    with pytest.raises(ValidationError) as problem:
        save_template(programme, title="After the visit", description="", questions=questions)

    assert refusal(problem) == {"questions": ["Question 2 offers a choice but lists fewer than two answers."]}
    assert ReportTemplate.objects.count() == 0
    assert Question.objects.count() == 0


def test_only_a_long_text_question_can_be_quoted_in_the_toolkits(programme):
    quoted_scale = {**question("scale", "How useful was the visit?"), "quotable": True}
    quoted_story = {**question("long_text", "What will you take home?"), "quotable": True}

    with pytest.raises(ValidationError) as problem:
        save_template(programme, title="After the visit", description="", questions=[quoted_story, quoted_scale])
    saved = save_template(programme, title="After the visit", description="", questions=[quoted_story])

    assert refusal(problem) == {"questions": ["Question 2: only long-text answers can be quoted in the toolkits."]}
    assert [(q.text, q.quotable) for q in saved.questions.all()] == [("What will you take home?", True)]


def test_a_template_without_questions_is_refused(programme):
    with pytest.raises(ValidationError) as problem:
        save_template(programme, title="After the visit", description="", questions=[])

    assert refusal(problem) == {"questions": ["A template asks at least one question."]}
    assert ReportTemplate.objects.count() == 0


def test_editing_a_template_replaces_its_title_and_questions(programme, template):
    save_template(
        programme,
        template=template,
        title="After the exchange",
        description="",
        questions=[question("number", "How many volunteers did you meet?")],
    )

    template.refresh_from_db()
    assert (template.title, template.description) == ("After the exchange", "")
    assert list(template.questions.values_list("kind", "text")) == [("number", "How many volunteers did you meet?")]
    assert ReportTemplate.objects.count() == 1


def test_editing_a_template_on_which_a_report_was_submitted_is_refused(programme, template, report):
    submitted(report, template)
    question_ids = list(template.questions.values_list("pk", flat=True))

    with pytest.raises(ValidationError) as problem:
        save_template(programme, template=template, title="Changed", description="", questions=QUESTIONS[:1])

    assert refusal(problem) == {"questions": [SUBMITTED_ON_TEMPLATE]}
    template.refresh_from_db()
    assert template.title == "After the visit"
    assert list(template.questions.values_list("pk", flat=True)) == question_ids


def test_editing_a_template_on_which_a_returned_report_waits_is_refused(programme, template, report, coordinator):
    review_report(submitted(report, template), accept=False, by=coordinator, comment="Say more.")
    question_ids = list(template.questions.values_list("pk", flat=True))

    with pytest.raises(ValidationError) as problem:
        save_template(programme, template=template, title="Changed", description="", questions=QUESTIONS[:1])

    assert refusal(problem) == {"questions": [SUBMITTED_ON_TEMPLATE]}
    assert list(template.questions.values_list("pk", flat=True)) == question_ids


def test_a_change_made_from_an_old_version_of_a_template_is_refused_with_the_current_one(programme, template):
    read = template_version(template)
    save_template(programme, template=template, title="After the visit", description="", version=read,
                  questions=[*QUESTIONS, question("long_text", "What surprised you?")])  # fmt: skip
    saved = list(template.questions.values_list("pk", "text"))

    with pytest.raises(StaleVersion) as stale:
        save_template(programme, template=template, title="Mine", description="", questions=QUESTIONS[:1],
                      version=read)  # fmt: skip

    template.refresh_from_db()
    assert (template.title, list(template.questions.values_list("pk", "text"))) == ("After the visit", saved)
    assert stale.value.current_version == template_version(template) != read
    assert [q["text"] for q in stale.value.current["questions"]] == [text for _pk, text in saved]
    changed = save_template(programme, template=template, title="Mine", description="", questions=QUESTIONS[:1],
                            version=stale.value.current_version)  # fmt: skip
    assert (changed.title, changed.questions.count()) == ("Mine", 1)


def test_a_templates_version_changes_with_any_of_its_questions(programme, template):
    before = template_version(template)
    first = template.questions.first()
    first.help_text = "One idea."
    first.save()

    assert template_version(template) != before


# -- checking answers ----------------------------------------------------------------------------


def unsaved(kind: str, *, required: bool = False, choices: list[str] | None = None) -> Question:
    return Question(pk=7, kind=kind, text="A question", required=required, choices=choices or [])


YES_NO = ["Yes", "No"]
SESSIONS = ["Workshop", "Site visit", "Interview"]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("kind", "choices", "given", "stored"),
    [
        pytest.param(QuestionKind.SHORT_TEXT, None, "  A buddy scheme ", "A buddy scheme", id="text-stripped"),
        pytest.param(QuestionKind.LONG_TEXT, None, "Two lines\nof text", "Two lines\nof text", id="long-text"),
        pytest.param(QuestionKind.SCALE, None, "3", 3, id="scale-from-text"),
        pytest.param(QuestionKind.SCALE, None, 5, 5, id="scale-upper-bound"),
        pytest.param(QuestionKind.NUMBER, None, "12,5", "12.5", id="number-decimal-comma"),
        pytest.param(QuestionKind.NUMBER, None, " 40 ", "40", id="number-whole"),
        pytest.param(QuestionKind.SINGLE_CHOICE, YES_NO, "No", "No", id="single-choice"),
        pytest.param(
            QuestionKind.MULTIPLE_CHOICE, SESSIONS, ["Workshop", "Interview"], ["Workshop", "Interview"], id="multiple"
        ),
        pytest.param(QuestionKind.MULTIPLE_CHOICE, SESSIONS, "Site visit", ["Site visit"], id="multiple-one-value"),
    ],
)
def test_an_answer_is_kept_in_its_stored_form(kind, choices, given, stored):
    cleaned, errors = check_answers([unsaved(kind, choices=choices)], {"7": given}, complete=True)

    assert (cleaned, errors) == ({"7": stored}, {})


@pytest.mark.unit
@pytest.mark.parametrize(
    ("kind", "choices", "given", "message"),
    [
        pytest.param(QuestionKind.SCALE, None, 6, SCALE_ERROR, id="scale-above-5"),
        pytest.param(QuestionKind.SCALE, None, "0", SCALE_ERROR, id="scale-below-1"),
        pytest.param(QuestionKind.SCALE, None, "x", SCALE_ERROR, id="scale-not-a-number"),
        pytest.param(QuestionKind.SCALE, None, 2.5, SCALE_ERROR, id="scale-not-whole"),
        pytest.param(QuestionKind.SCALE, None, "2.5", SCALE_ERROR, id="scale-not-whole-text"),
        pytest.param(QuestionKind.SCALE, None, True, SCALE_ERROR, id="scale-not-a-boolean"),
        pytest.param(QuestionKind.NUMBER, None, "abc", "Give a number.", id="number-letters"),
        pytest.param(QuestionKind.NUMBER, None, "NaN", "Give a number.", id="number-nan"),
        pytest.param(QuestionKind.SINGLE_CHOICE, YES_NO, "Maybe", "Choose one of the answers offered.", id="single"),
        pytest.param(
            QuestionKind.MULTIPLE_CHOICE,
            SESSIONS,
            ["Workshop", "Party"],
            "Choose among the answers offered.",
            id="multi",
        ),
    ],
)
def test_a_wrong_answer_is_refused_with_a_message(kind, choices, given, message):
    cleaned, errors = check_answers([unsaved(kind, choices=choices)], {"7": given}, complete=False)

    assert (cleaned, errors) == ({}, {"7": [message]})


@pytest.mark.unit
@pytest.mark.parametrize("missing", [None, "", []], ids=["absent", "empty-text", "empty-list"])
def test_a_missing_required_answer_is_an_error_only_when_complete(missing):
    questions = [unsaved(QuestionKind.MULTIPLE_CHOICE, required=True, choices=SESSIONS)]
    answers = {} if missing is None else {"7": missing}

    draft = check_answers(questions, answers, complete=False)
    complete = check_answers(questions, answers, complete=True)

    assert draft == ({}, {})
    assert complete == ({}, {"7": [NEEDS_AN_ANSWER]})


@pytest.mark.unit
def test_an_answer_to_a_question_not_asked_is_refused_not_dropped():
    questions = [unsaved(QuestionKind.SHORT_TEXT)]

    assert check_answers(questions, {"7": "Kept", "8": "Lost"}, complete=False) == (
        {"7": "Kept"},
        {"8": ["This is not a question of this report."]},
    )


@pytest.mark.unit
def test_a_missing_optional_answer_is_no_error():
    assert check_answers([unsaved(QuestionKind.SCALE)], {}, complete=True) == ({}, {})


@pytest.mark.unit
def test_a_required_text_of_only_spaces_is_missing():
    questions = [unsaved(QuestionKind.SHORT_TEXT, required=True)]

    assert check_answers(questions, {"7": "   "}, complete=True) == ({}, {"7": [NEEDS_AN_ANSWER]})


# -- asking for reports --------------------------------------------------------------------------


def test_reports_are_due_on_or_after_the_last_day_of_the_activity(visit, template):
    request = request_reports(visit, template=template, due=visit.end)

    assert (request.activity_id, request.template_id, request.due) == (visit.pk, template.pk, visit.end)


def test_reports_due_before_the_activity_ends_are_refused(visit, template):
    with pytest.raises(ValidationError) as problem:
        request_reports(visit, template=template, due=visit.end - timedelta(days=1))

    assert refusal(problem) == {"due": [f"Reports are due after the activity ends ({visit.end.isoformat()})."]}
    assert ReportRequest.objects.count() == 0


def test_asking_again_changes_the_due_date_of_the_same_request(visit, template):
    first = request_reports(visit, template=template, due=DUE)

    second = request_reports(visit, template=template, due=date(2030, 9, 30))

    assert (second.pk, second.due) == (first.pk, date(2030, 9, 30))
    assert ReportRequest.objects.count() == 1


def test_changing_the_template_of_a_request_with_submitted_reports_is_refused(programme, visit, template, report):
    submitted(report, template)
    other = save_template(programme, title="Other", description="", questions=QUESTIONS[:1])

    with pytest.raises(ValidationError):
        request_reports(visit, template=other, due=DUE)

    assert ReportRequest.objects.get().template_id == template.pk


def test_the_confirmed_participants_owe_a_report(visit, participant, cesena_staff, riga_staff):
    nominate_participant(
        visit,
        user=riga_staff,
        organisation=Organisation.objects.get(key="riga"),
        by=riga_staff,
        today=visit.start - timedelta(days=1),
    )

    assert list(expected_authors(visit)) == [participant]


def test_a_participant_opens_one_report_only(report, participant):
    again, begun_again = report_for(participant), begin_report(participant)

    assert again.pk == begun_again.pk == report.pk
    assert (report.status, report.answers, report.submitted_at) == ("draft", {}, None)


# -- drafting and submitting ---------------------------------------------------------------------


def test_a_draft_keeps_partial_answers(report, template):
    answers = answers_to(template, "A buddy scheme")

    save_report(report, answers=answers, submit=False, today=DUE + timedelta(days=10))

    report.refresh_from_db()
    assert (report.status, report.answers, report.submitted_at) == ("draft", answers, None)


def test_submitting_without_a_required_answer_is_refused_and_keeps_the_draft(report, template):
    draft = answers_to(template, "A buddy scheme")
    save_report(report, answers=draft, submit=False, today=DUE)
    scale = template.questions.get(kind="scale")

    with pytest.raises(ValidationError) as problem:
        save_report(report, answers=answers_to(template, "Mentors", "", ["Workshop"]), submit=True, today=DUE)

    assert refusal(problem) == {str(scale.pk): [NEEDS_AN_ANSWER]}
    report.refresh_from_db()
    assert (report.status, report.answers, report.submitted_at) == ("draft", draft, None)


def test_submitting_after_the_due_date_is_refused(report, template):
    with pytest.raises(ValidationError) as problem:
        save_report(
            report,
            answers=answers_to(template, "A buddy scheme", "4", ["Workshop"]),
            submit=True,
            today=DUE + timedelta(days=1),
        )

    assert refusal(problem) == {"__all__": ["Reports were due on 2030-06-30."]}
    report.refresh_from_db()
    assert (report.status, report.answers, report.submitted_at) == ("draft", {}, None)


def test_submitting_on_the_due_date_stores_the_checked_answers(report, template):
    before = timezone.now()

    save_report(report, answers=answers_to(template, " A buddy scheme ", "4", ["Workshop"]), submit=True, today=DUE)

    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.answers == answers_to(template, "A buddy scheme", 4, ["Workshop"])
    assert before <= report.submitted_at <= timezone.now()


@pytest.mark.parametrize("decision", ["submitted", "accepted"])
def test_a_submitted_or_accepted_report_cannot_be_changed(report, template, coordinator, decision):
    submitted(report, template)
    if decision == "accepted":
        review_report(report, accept=True, by=coordinator)
    kept = answers_to(template, "A buddy scheme", 4, ["Workshop"])

    with pytest.raises(ValidationError) as problem:
        save_report(report, answers=answers_to(template, "Changed"), submit=False, today=DUE)

    assert refusal(problem) == {"__all__": ["This report was submitted; it can only be changed once it is returned."]}
    report.refresh_from_db()
    assert (report.status, report.answers) == (decision, kept)


# -- reviewing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["", "   "], ids=["empty", "spaces"])
def test_returning_a_report_without_a_comment_is_refused(report, template, coordinator, comment):
    submitted(report, template)

    with pytest.raises(ValidationError) as problem:
        review_report(report, accept=False, by=coordinator, comment=comment)

    assert refusal(problem) == {"comment": ["Say what should change before returning the report."]}
    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.reviewed_at, report.review_comment) == (
        "submitted",
        None,
        None,
        "",
    )


def test_a_returned_report_is_changed_and_submitted_again(report, template, coordinator):
    submitted(report, template)

    review_report(report, accept=False, by=coordinator, comment="  Say what you will try in Cesena. ")
    returned = Report.objects.get(pk=report.pk)
    save_report(
        returned, answers=answers_to(template, "A buddy scheme in Cesena", "5", ["Workshop"]), submit=True, today=DUE
    )

    assert (returned.status, returned.review_comment, returned.reviewed_by) == (
        "submitted",
        "Say what you will try in Cesena.",
        coordinator,
    )
    report.refresh_from_db()
    assert report.answers == answers_to(template, "A buddy scheme in Cesena", 5, ["Workshop"])
    assert report.status == "submitted"


def test_the_coordinator_accepts_a_submitted_report(report, template, coordinator):
    submitted(report, template)
    before = timezone.now()

    review_report(report, accept=True, by=coordinator)

    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.review_comment) == ("accepted", coordinator, "")
    assert before <= report.reviewed_at <= timezone.now()


def test_a_returned_report_keeps_its_status_while_redrafted(report, template, coordinator):
    submitted(report, template)
    review_report(report, accept=False, by=coordinator, comment="Say more.")

    save_report(report, answers=answers_to(template, "More"), submit=False, today=DUE)

    report.refresh_from_db()
    assert (report.status, report.answers) == ("returned", answers_to(template, "More"))


@pytest.mark.parametrize("accept", [True, False], ids=["accept", "return"])
def test_a_draft_cannot_be_reviewed(report, coordinator, accept):
    with pytest.raises(ValidationError) as problem:
        review_report(report, accept=accept, by=coordinator, comment="Too early.")

    assert refusal(problem) == {"__all__": ["Only a submitted report can be reviewed."]}
    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.reviewed_at, report.review_comment) == ("draft", None, None, "")


def test_an_accepted_report_cannot_be_reviewed_again(report, template, coordinator):
    submitted(report, template)
    review_report(report, accept=True, by=coordinator)

    with pytest.raises(ValidationError) as problem:
        review_report(report, accept=False, by=coordinator, comment="Changed my mind.")

    assert refusal(problem) == {"__all__": ["Only a submitted report can be reviewed."]}
    report.refresh_from_db()
    assert (report.status, report.review_comment) == ("accepted", "")
