"""Hostile values posted to every reports form (templates, requests with due dates, answers, reviews) and to
the exports: each is refused with its field and reason, HTTP 4xx, and nothing changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.reports.test_views import QUESTIONS, formset, nominated
from values.activities.services import answer_nomination
from values.reports.models import Report, ReportRequest, ReportTemplate
from values.reports.services import begin_report, request_reports, save_report, save_template

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "x" * 100_000
NOT_OFFERED = "Select a valid choice. %s is not one of the available choices."
NUMBER = "Give a number from -1,000,000,000,000 to 1,000,000,000,000, with at most 6 decimals."


def _template_data(question: dict | None = None, **changes) -> dict:
    question = {"kind": "short_text", "text": "What will you try at home?", **(question or {})}
    data = {"title": "After the visit", "description": "", **formset(question), **changes}
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (_template_data(description=LONG), "description", "Description: at most 5,000 characters, not 100,000."),
        (_template_data(title=LONG), "title", "Ensure this value has at most 200 characters (it has 100000)."),
        (_template_data(title=None), "title", "This field is required."),
        (_template_data({"kind": "single_choice", "choices": f"Yes\n{LONG}"}), None,
         "Question 1: at most 50 answers to choose from, each of at most 200 characters."),
        (_template_data({"kind": "single_choice", "choices": "\n".join(str(n) for n in range(51))}), None,
         "Question 1: at most 50 answers to choose from, each of at most 200 characters."),
        (_template_data({"id": HUGE}), None, "Question 1 is not a question of this template."),
    ],
)  # fmt: skip
def test_a_hostile_template_is_refused_with_its_field(client, coordinator, programme, data, where, message):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/reports/templates/", data)

    assert response.status_code == 400
    form = response.context["form"]
    assert (form.errors[where] if where else form.non_field_errors()) == [message]
    assert ReportTemplate.objects.count() == 0


@pytest.mark.parametrize(
    ("question", "field", "message"),
    [
        ({"text": LONG}, "text", "Ensure this value has at most 500 characters (it has 100000)."),
        ({"help_text": LONG}, "help_text", "Ensure this value has at most 500 characters (it has 100000)."),
        ({"kind": "essay"}, "kind", NOT_OFFERED % "essay"),
        ({"id": "-1"}, "id", "Ensure this value is greater than or equal to 1."),
        ({"id": "NaN"}, "id", "Enter a whole number."),
    ],
)
def test_a_hostile_question_is_refused_on_its_field(client, coordinator, programme, question, field, message):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/reports/templates/", _template_data(question))

    assert response.status_code == 400
    assert response.context["questions"].forms[0].errors[field] == [message]
    assert ReportTemplate.objects.count() == 0


@pytest.mark.parametrize("total", [HUGE, "-1", "NaN", "5000"])
def test_a_hostile_count_of_questions_is_refused(client, coordinator, programme, total):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/reports/templates/", _template_data(**{"questions-TOTAL_FORMS": total}))

    assert response.status_code == 400
    assert ReportTemplate.objects.count() == 0


@pytest.fixture
def template(programme) -> ReportTemplate:
    number = {"kind": "number", "text": "How many volunteers did you meet?", "help_text": "", "required": False}
    story = {"kind": "long_text", "text": "What did you learn?", "help_text": "", "required": False}
    return save_template(programme, title="After the visit", description="", questions=[*QUESTIONS, number, story])


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"due": "9999-12-31"}, "due", "Reports are due by 2099-12-31."),
        ({"due": "0001-01-01"}, "due", "Reports are due after the activity ends ({end})."),
        ({"due": None}, "due", "This field is required."),
        ({"template": HUGE}, "template", NOT_OFFERED % "That choice"),
        ({"template": "-1"}, "template", NOT_OFFERED % "That choice"),
    ],
)
def test_a_hostile_request_for_reports_is_refused_on_its_field(
    client, coordinator, cesena_visit, template, changes, field, message
):
    client.force_login(coordinator)
    data = {"template": str(template.pk), "due": (cesena_visit.end + timedelta(days=14)).isoformat(), **changes}

    response = client.post(
        f"/en/p/820885/activities/{cesena_visit.pk}/reports/request/", {k: v for k, v in data.items() if v is not None}
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message.format(end=cesena_visit.end.isoformat())]
    assert ReportRequest.objects.count() == 0


@pytest.fixture
def draft(cesena_visit, template, volunteer, cesena_staff) -> Report:
    request_reports(cesena_visit, template=template, due=timezone.localdate() + timedelta(days=30))
    participant = answer_nomination(nominated(cesena_visit, volunteer, cesena_staff), confirm=True)
    return begin_report(participant)


def _question(template: ReportTemplate, kind: str) -> int:
    return template.questions.get(kind=kind).pk


@pytest.mark.parametrize(
    ("kind", "answer", "message"),
    [
        ("number", HUGE, NUMBER),
        ("number", "-1000000000001", NUMBER),
        ("number", "1e400", NUMBER),
        ("number", "0.0000001", NUMBER),
        ("number", "NaN", "Give a number."),
        ("number", "inf", "Give a number."),
        ("number", LONG, "Give a number."),
        ("long_text", LONG, "Your answer: at most 20,000 characters, not 100,000."),
        ("short_text", LONG, "Ensure this value has at most 500 characters (it has 100000)."),
        ("scale", HUGE, NOT_OFFERED % HUGE),
        ("scale", "-1", NOT_OFFERED % "-1"),
        ("multiple_choice", ["Party"], NOT_OFFERED % "Party"),
    ],
)
def test_a_hostile_answer_is_refused_on_its_question(client, cesena_visit, template, draft, kind, answer, message):
    client.force_login(draft.participant.user)
    question = _question(template, kind)

    response = client.post(
        f"/en/p/820885/activities/{cesena_visit.pk}/reports/mine/", {f"q{question}": answer, "draft": "1"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors[f"q{question}"] == [message]
    draft.refresh_from_db()
    assert draft.answers == {}


@pytest.mark.parametrize(
    ("answer", "stored"), [("-1", "-1"), ("1e3", "1000"), ("12,5", "12.5"), ("0.000001", "0.000001")]
)
def test_a_number_answer_within_its_bounds_is_kept(client, cesena_visit, template, draft, answer, stored):
    client.force_login(draft.participant.user)
    question = _question(template, "number")

    response = client.post(
        f"/en/p/820885/activities/{cesena_visit.pk}/reports/mine/", {f"q{question}": answer, "draft": "1"}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers == {str(question): stored}


@pytest.fixture
def submitted(draft, template) -> Report:
    answers = {str(_question(template, "short_text")): "A buddy scheme", str(_question(template, "scale")): "4"}
    return save_report(draft, answers=answers, submit=True, today=timezone.localdate())


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        ({"decision": "return", "comment": LONG}, "comment",
         "Comment for the author: at most 5,000 characters, not 100,000."),
        ({"decision": "x" * 1000}, None, "Choose to accept the report or to return it."),
        ({}, None, "Choose to accept the report or to return it."),
    ],
)  # fmt: skip
def test_a_hostile_review_is_refused(client, coordinator, submitted, data, where, message):
    client.force_login(coordinator)

    response = client.post(f"/en/p/820885/reports/{submitted.pk}/", data)

    assert response.status_code == 400
    form = response.context["form"]
    assert (form.errors[where] if where else form.non_field_errors()) == [message]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == ("submitted", "")


@pytest.mark.parametrize("query", [f"activity={HUGE}", "activity=-1", "activity=1e400", f"theme={LONG[:2000]}"])
def test_a_hostile_export_scope_is_not_found(client, coordinator, programme, query):
    client.force_login(coordinator)

    assert client.get(f"/en/p/820885/reports/export.csv?{query}").status_code == 404


def test_a_request_posted_empty_names_what_is_missing(client, coordinator, cesena_visit, template):
    client.force_login(coordinator)

    response = client.post(f"/en/p/820885/activities/{cesena_visit.pk}/reports/request/")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "template": ["This field is required."],
        "due": ["This field is required."],
    }
    assert ReportRequest.objects.count() == 0
