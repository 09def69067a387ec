"""Report pages: templates and requests by the coordinator, one's own report, review and exports,
as the coordinator, the participant, city staff and anonymously."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_member
from values.activities.models import Participant, Visit
from values.activities.services import answer_nomination, nominate_participant
from values.network.enums import Role
from values.network.models import Organisation
from values.reports.exports import FIXED_COLUMNS
from values.reports.models import Question, Report, ReportRequest, ReportTemplate
from values.reports.services import (
    begin_report,
    copy_template,
    report_for,
    request_reports,
    save_report,
    save_template,
    template_version,
)

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"kind": "short_text", "text": "What will you try at home?", "help_text": "", "required": True, "choices": []},
    {"kind": "scale", "text": "How useful was the visit?", "help_text": "", "required": True, "choices": []},
    {
        "kind": "multiple_choice",
        "text": "Which sessions helped?",
        "help_text": "",
        "required": False,
        "choices": ["Workshop", "Site visit", "Interview"],
    },
]


@pytest.fixture
def visit(cesena_visit) -> Visit:
    return cesena_visit


@pytest.fixture
def outsider(visit):
    """City staff of a city outside Cesena's community."""
    members = set(visit.community.members.values_list("organisation__key", flat=True))
    key = next(k for k in ("riga", "oslo", "brno", "madrid", "bristol") if k not in members)
    return make_member("outsider", key, Role.CITY_STAFF)


@pytest.fixture
def template(programme) -> ReportTemplate:
    return save_template(programme, title="After the visit", description="", questions=QUESTIONS)


@pytest.fixture
def report_request(visit, template) -> ReportRequest:
    return request_reports(visit, template=template, due=timezone.localdate() + timedelta(days=30))


def nominated(visit: Visit, user, by) -> Participant:
    return nominate_participant(
        visit,
        user=user,
        organisation=Organisation.objects.get(key="cesena"),
        by=by,
        today=visit.start - timedelta(days=1),
    )


@pytest.fixture
def participant(visit, volunteer, cesena_staff) -> Participant:
    """Cesena's volunteer, nominated before the visit and confirmed."""
    return answer_nomination(nominated(visit, volunteer, cesena_staff), confirm=True)


@pytest.fixture
def submitted_report(report_request, participant, template) -> Report:
    report = report_for(participant)
    answers = {
        str(q.pk): a for q, a in zip(template.questions.all(), ["A buddy scheme", "4", ["Workshop"]], strict=True)
    }
    return save_report(report, answers=answers, submit=True, today=timezone.localdate())


def ids(template: ReportTemplate) -> tuple[int, int, int]:
    """The ids of the text, scale and multiple-choice questions."""
    text, scale, choice = template.questions.values_list("pk", flat=True)
    return text, scale, choice


def formset(*questions: dict[str, str], initial: int = 0) -> dict[str, str]:
    data = {
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for number, fields in enumerate(questions):
        data.update({f"questions-{number}-{key}": value for key, value in fields.items()})
    return data


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def login_url(path: str) -> str:
    return f"/en/accounts/login/?next={path}"


# -- templates -----------------------------------------------------------------------------------


def test_the_coordinator_creates_a_template_with_its_questions(client, coordinator):
    client.force_login(coordinator)
    data = {
        "title": "After the visit",
        "description": "Key research questions.",
        **formset(
            {"kind": "short_text", "text": "What will you try at home?", "help_text": "One idea.", "required": "on"},
            {"kind": "multiple_choice", "text": "Which sessions helped?", "choices": "Workshop\n\n Site visit \n"},
            {"kind": "short_text", "text": ""},  # a blank slot, as the browser posts it (its select has a value)
        ),
    }

    response = client.post("/en/p/820885/reports/templates/", data)

    template = ReportTemplate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/p/820885/reports/templates/{template.pk}/"
    assert (template.title, template.description) == ("After the visit", "Key research questions.")
    assert list(template.questions.values_list("position", "kind", "text", "help_text", "required", "choices")) == [
        (0, "short_text", "What will you try at home?", "One idea.", True, []),
        (1, "multiple_choice", "Which sessions helped?", "", False, ["Workshop", "Site visit"]),
    ]


def test_a_choice_question_without_two_answers_shows_the_form_again(client, coordinator):
    client.force_login(coordinator)
    data = {"title": "After the visit", **formset({"kind": "single_choice", "text": "Host?", "choices": "Yes"})}

    response = client.post("/en/p/820885/reports/templates/", data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Question 1 offers a choice but lists fewer than two answers."
    ]
    assert ReportTemplate.objects.count() == 0


def test_the_coordinator_opens_an_existing_template_with_its_questions(client, coordinator, template):
    client.force_login(coordinator)

    response = client.get(f"/en/p/820885/reports/templates/{template.pk}/")

    assert response.status_code == 200
    assert [form.initial["text"] for form in response.context["questions"].initial_forms] == [
        "What will you try at home?",
        "How useful was the visit?",
        "Which sessions helped?",
    ]


def test_editing_one_question_of_a_template_keeps_the_others(client, coordinator, template):
    client.force_login(coordinator)
    data = {
        "title": "After the visit",
        "version": template_version(template),
        **formset(
            {"kind": "short_text", "text": "What will you try at home?", "required": "on"},
            {"kind": "scale", "text": "How useful were the two days?", "required": "on"},
            {"kind": "multiple_choice", "text": "Which sessions helped?", "choices": "Workshop\nSite visit\nInterview"},
            initial=3,
        ),
    }

    response = client.post(f"/en/p/820885/reports/templates/{template.pk}/", data)

    assert response.status_code == 302
    assert list(template.questions.values_list("text", flat=True)) == [
        "What will you try at home?",
        "How useful were the two days?",
        "Which sessions helped?",
    ]


def test_a_template_with_a_submitted_report_is_not_changed_through_the_page(
    client, coordinator, template, submitted_report
):
    client.force_login(coordinator)
    data = {"title": "Changed", "version": template_version(template),
            **formset({"kind": "short_text", "text": "Anything else?"})}  # fmt: skip
    before = list(Question.objects.values_list("pk", "text"))

    response = client.post(f"/en/p/820885/reports/templates/{template.pk}/", data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Reports were submitted on this template: copy it to change the questions."
    ]
    template.refresh_from_db()
    assert template.title == "After the visit"
    assert list(Question.objects.values_list("pk", "text")) == before


def test_city_staff_cannot_open_or_post_the_template_pages(client, cesena_staff, template):
    client.force_login(cesena_staff)
    data = {"title": "Mine", **formset({"kind": "short_text", "text": "Anything?"})}

    pages = [
        client.get("/en/p/820885/reports/templates/").status_code,
        client.get(f"/en/p/820885/reports/templates/{template.pk}/").status_code,
        client.post("/en/p/820885/reports/templates/", data).status_code,
        client.post(f"/en/p/820885/reports/templates/{template.pk}/", data).status_code,
    ]

    assert pages == [403, 403, 403, 403]
    assert list(ReportTemplate.objects.values_list("title", flat=True)) == ["After the visit"]
    assert template.questions.count() == 3


def test_anonymous_visitors_are_asked_to_sign_in_for_templates(client, programme):
    response = client.get("/en/p/820885/reports/templates/")

    assert response.status_code == 302
    assert response["Location"] == login_url("/en/p/820885/reports/templates/")


def test_a_wrong_template_id_is_not_found(client, coordinator, template):
    client.force_login(coordinator)

    assert client.get("/en/p/820885/reports/templates/99999/").status_code == 404


# -- asking for reports --------------------------------------------------------------------------


def test_the_coordinator_asks_the_visits_participants_for_reports(client, coordinator, visit, template):
    client.force_login(coordinator)
    due = visit.end + timedelta(days=14)

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/request/", {"template": str(template.pk), "due": due.isoformat()}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/p/820885/activities/{visit.pk}/"
    request = ReportRequest.objects.get()
    assert (request.activity_id, request.template_id, request.due) == (visit.pk, template.pk, due)


def test_reports_due_before_the_visit_ends_show_the_form_again(client, coordinator, visit, template):
    client.force_login(coordinator)
    due = visit.end - timedelta(days=1)

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/request/", {"template": str(template.pk), "due": due.isoformat()}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["due"] == [
        f"Reports are due after the activity ends ({visit.end.isoformat()})."
    ]
    assert ReportRequest.objects.count() == 0


def test_the_host_citys_staff_cannot_ask_for_reports(client, cesena_staff, visit, template):
    client.force_login(cesena_staff)
    data = {"template": str(template.pk), "due": (visit.end + timedelta(days=14)).isoformat()}

    page = client.get(f"/en/p/820885/activities/{visit.pk}/reports/request/")
    response = client.post(f"/en/p/820885/activities/{visit.pk}/reports/request/", data)

    assert (page.status_code, response.status_code) == (403, 403)
    assert ReportRequest.objects.count() == 0


# -- writing one's own report --------------------------------------------------------------------


@pytest.mark.usefixtures("report_request")
def test_a_confirmed_participant_saves_a_draft(client, visit, participant, template):
    text, _scale, _choice = ids(template)
    client.force_login(participant.user)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/")
    reports_after_reading = Report.objects.count()
    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/mine/", {f"q{text}": "A buddy scheme", "draft": "1"}
    )

    assert page.status_code == 200
    assert reports_after_reading == 0  # reading one's report never writes; the first save begins it
    assert response.status_code == 302
    assert response["Location"] == f"/en/p/820885/activities/{visit.pk}/"
    report = Report.objects.get()
    assert (report.participant, report.status, report.answers, report.submitted_at) == (
        participant,
        "draft",
        {str(text): "A buddy scheme"},
        None,
    )


@pytest.mark.usefixtures("report_request")
def test_submitting_without_a_required_answer_shows_the_error_on_that_question(client, visit, participant, template):
    text, scale, _choice = ids(template)
    client.force_login(participant.user)
    url = f"/en/p/820885/activities/{visit.pk}/reports/mine/"
    client.post(url, {f"q{text}": "A buddy scheme", "draft": "1"})

    response = client.post(url, {f"q{text}": "A longer answer", f"q{scale}": "", "submit": "1"})

    assert response.status_code == 400
    assert response.context["form"].errors == {f"q{scale}": ["This question needs an answer."]}
    report = Report.objects.get()
    assert (report.status, report.answers) == ("draft", {str(text): "A buddy scheme"})


@pytest.mark.usefixtures("report_request")
def test_a_confirmed_participant_submits_the_report(client, visit, participant, template):
    text, scale, choice = ids(template)
    client.force_login(participant.user)
    data = {f"q{text}": "A buddy scheme", f"q{scale}": "4", f"q{choice}": ["Workshop", "Interview"], "submit": "1"}

    response = client.post(f"/en/p/820885/activities/{visit.pk}/reports/mine/", data)

    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "submitted"
    assert report.answers == {str(text): "A buddy scheme", str(scale): 4, str(choice): ["Workshop", "Interview"]}
    assert report.submitted_at is not None


def test_a_submitted_report_cannot_be_changed_through_the_page(client, visit, submitted_report, template):
    text, scale, _choice = ids(template)
    client.force_login(submitted_report.participant.user)
    answers = dict(submitted_report.answers)

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/mine/", {f"q{text}": "Changed", f"q{scale}": "1", "submit": "1"}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This report was submitted; it can only be changed once it is returned."
    ]
    submitted_report.refresh_from_db()
    assert (submitted_report.status, submitted_report.answers) == ("submitted", answers)


def test_a_report_goes_from_draft_to_accepted_through_the_pages(client, visit, participant, coordinator, template):
    text, scale, choice = ids(template)
    mine = f"/en/p/820885/activities/{visit.pk}/reports/mine/"
    client.force_login(coordinator)
    asked = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/request/",
        {"template": str(template.pk), "due": (timezone.localdate() + timedelta(days=30)).isoformat()},
    )
    client.force_login(participant.user)
    drafted = client.post(mine, {f"q{text}": "A buddy scheme", "draft": "1"})
    sent = client.post(mine, {f"q{text}": "A buddy scheme", f"q{scale}": "3", "submit": "1"})
    report = Report.objects.get()
    client.force_login(coordinator)
    returned = client.post(
        f"/en/p/820885/reports/{report.pk}/", {"decision": "return", "comment": "Say what you will try."}
    )
    client.force_login(participant.user)
    seen = client.get(mine)
    resent = client.post(
        mine, {f"q{text}": "A buddy scheme in Cesena", f"q{scale}": "5", f"q{choice}": ["Workshop"], "submit": "1"}
    )
    client.force_login(coordinator)

    accepted = client.post(f"/en/p/820885/reports/{report.pk}/", {"decision": "accept", "comment": ""})

    statuses = [r.status_code for r in (asked, drafted, sent, returned, seen, resent, accepted)]
    assert statuses == [302, 302, 302, 302, 200, 302, 302]
    assert (
        "<strong>Returned by the coordinator:</strong> Say what you will try." in seen.text,
        seen.context["form"][f"q{text}"].value(),
    ) == (True, "A buddy scheme")
    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.review_comment) == ("accepted", coordinator, "")
    assert report.answers == {str(text): "A buddy scheme in Cesena", str(scale): 5, str(choice): ["Workshop"]}


@pytest.mark.usefixtures("report_request")
def test_a_nominated_participant_who_has_not_confirmed_cannot_write_a_report(client, visit, cesena_staff):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    nominated(visit, leader, cesena_staff)
    client.force_login(leader)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/")
    response = client.post(f"/en/p/820885/activities/{visit.pk}/reports/mine/", {"draft": "1"})

    assert (page.status_code, response.status_code) == (403, 403)
    assert Report.objects.count() == 0


@pytest.mark.usefixtures("report_request", "participant")
def test_staff_who_do_not_take_part_cannot_write_a_report(client, visit, outsider, riga_staff, cesena_staff):
    responses = []
    for user in (outsider, riga_staff, cesena_staff):
        client.force_login(user)
        responses.append(client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/").status_code)
        responses.append(client.post(f"/en/p/820885/activities/{visit.pk}/reports/mine/", {"draft": "1"}).status_code)

    assert responses == [403, 403, 403, 403, 403, 403]
    assert Report.objects.count() == 0


@pytest.mark.usefixtures("participant")
def test_no_report_is_written_before_reports_are_asked_for(client, visit, participant):
    client.force_login(participant.user)

    response = client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/")

    assert response.status_code == 403
    assert Report.objects.count() == 0


@pytest.mark.usefixtures("report_request")
def test_anonymous_visitors_are_asked_to_sign_in_for_a_report(client, visit):
    url = f"/en/p/820885/activities/{visit.pk}/reports/mine/"

    page = client.get(url)
    response = client.post(url, {"draft": "1"})

    assert (page.status_code, page["Location"]) == (302, login_url(url))
    assert (response.status_code, response["Location"]) == (302, login_url(url))
    assert Report.objects.count() == 0


# -- reviewing -----------------------------------------------------------------------------------


def test_the_coordinator_reads_a_submitted_report(client, coordinator, submitted_report):
    client.force_login(coordinator)

    response = client.get(f"/en/p/820885/reports/{submitted_report.pk}/")

    assert response.status_code == 200
    assert [(q.text, answer) for q, answer in response.context["answers"]] == [
        ("What will you try at home?", "A buddy scheme"),
        ("How useful was the visit?", "4"),
        ("Which sessions helped?", "Workshop"),
    ]


def test_returning_without_a_comment_shows_the_form_again(client, coordinator, submitted_report):
    client.force_login(coordinator)

    response = client.post(f"/en/p/820885/reports/{submitted_report.pk}/", {"decision": "return", "comment": " "})

    assert response.status_code == 400
    assert response.context["form"].errors == {"comment": ["Say what should change before returning the report."]}
    submitted_report.refresh_from_db()
    assert (submitted_report.status, submitted_report.reviewed_by) == ("submitted", None)


def test_the_coordinator_returns_a_report_with_a_comment(client, coordinator, visit, submitted_report):
    client.force_login(coordinator)

    response = client.post(
        f"/en/p/820885/reports/{submitted_report.pk}/", {"decision": "return", "comment": "Say more."}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/p/820885/activities/{visit.pk}/"
    submitted_report.refresh_from_db()
    assert (submitted_report.status, submitted_report.review_comment, submitted_report.reviewed_by) == (
        "returned",
        "Say more.",
        coordinator,
    )


def test_a_draft_cannot_be_reviewed_through_the_page(client, coordinator, report_request, participant):
    report = begin_report(participant)
    client.force_login(coordinator)

    response = client.post(f"/en/p/820885/reports/{report.pk}/", {"decision": "accept"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Only a submitted report can be reviewed."]
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == ("draft", None)


def test_others_cannot_open_or_post_the_review_page(client, submitted_report, cesena_staff, riga_staff):
    url = f"/en/p/820885/reports/{submitted_report.pk}/"
    responses = []
    for user in (cesena_staff, riga_staff, submitted_report.participant.user):
        client.force_login(user)
        responses.append(client.get(url).status_code)
        responses.append(client.post(url, {"decision": "accept"}).status_code)

    assert responses == [403, 403, 403, 403, 403, 403]
    submitted_report.refresh_from_db()
    assert (submitted_report.status, submitted_report.reviewed_by) == ("submitted", None)


def test_anonymous_visitors_are_asked_to_sign_in_for_a_review(client, submitted_report):
    url = f"/en/p/820885/reports/{submitted_report.pk}/"

    response = client.post(url, {"decision": "accept"})

    assert (response.status_code, response["Location"]) == (302, login_url(url))
    submitted_report.refresh_from_db()
    assert submitted_report.status == "submitted"


def test_a_wrong_report_id_is_not_found(client, coordinator, submitted_report):
    client.force_login(coordinator)

    assert client.get("/en/p/820885/reports/99999/").status_code == 404


# -- the activity page ---------------------------------------------------------------------------


def test_the_activity_page_links_the_coordinator_to_each_report(client, coordinator, visit, submitted_report):
    client.force_login(coordinator)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/")

    assert page.status_code == 200
    assert f'<a href="/en/p/820885/reports/{submitted_report.pk}/">Unnamed person</a>' in page.text


@pytest.mark.usefixtures("report_request")
def test_the_activity_page_invites_a_confirmed_participant_to_write(client, visit, participant):
    client.force_login(participant.user)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/")

    assert page.status_code == 200
    assert f'<a class="button" href="/en/p/820885/activities/{visit.pk}/reports/mine/">Write my report</a>' in page.text


# -- exports -------------------------------------------------------------------------------------


@pytest.fixture
def dated_report(submitted_report) -> Report:
    """The submitted report, sent at midday so that its date is the same everywhere."""
    Report.objects.filter(pk=submitted_report.pk).update(submitted_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    return Report.objects.get(pk=submitted_report.pk)


def test_the_coordinator_downloads_an_activitys_reports_as_csv(client, coordinator, visit, dated_report):
    client.force_login(coordinator)

    response = client.get(f"/en/p/820885/reports/export.csv?activity={visit.pk}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="reports-activity-{visit.pk}.csv"'
    assert rows_of(response.content.decode()) == [
        [
            *FIXED_COLUMNS,
            "After the visit: What will you try at home?",
            "After the visit: How useful was the visit?",
            "After the visit: Which sessions helped?",
        ],
        [
            "mentoring visit",
            visit.start.isoformat(),
            "Cesena",
            "",
            "B1",
            "B",
            "Unnamed person",
            "City of Cesena",
            "submitted",
            "2026-01-15",
            "A buddy scheme",
            "4",
            "Workshop",
        ],
    ]


def test_the_coordinator_downloads_an_activitys_reports_as_pdf(client, coordinator, visit, dated_report):
    client.force_login(coordinator)

    response = client.get(f"/en/p/820885/reports/export.pdf?activity={visit.pk}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="reports-activity-{visit.pk}.pdf"'
    assert response.content[:4] == b"%PDF"


@pytest.mark.usefixtures("dated_report")
def test_exports_by_theme_and_for_the_programme_are_named_after_their_scope(client, coordinator):
    client.force_login(coordinator)

    by_theme = client.get("/en/p/820885/reports/export.csv?theme=B")
    other_theme = client.get("/en/p/820885/reports/export.csv?theme=A")
    everything = client.get("/en/p/820885/reports/export.csv")

    assert by_theme["Content-Disposition"] == 'attachment; filename="reports-theme-B.csv"'
    assert everything["Content-Disposition"] == 'attachment; filename="reports-VALUES.csv"'
    rows = [len(rows_of(r.content.decode())) for r in (by_theme, other_theme, everything)]
    assert rows == [2, 1, 2]


@pytest.mark.parametrize("query", ["theme=ZZ", "activity=abc"])
@pytest.mark.parametrize("file_format", ["csv", "pdf"])
def test_an_unknown_scope_is_not_found(client, coordinator, submitted_report, query, file_format):
    client.force_login(coordinator)

    response = client.get(f"/en/p/820885/reports/export.{file_format}?{query}")

    assert response.status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "pdf"])
def test_city_staff_cannot_export_reports(client, cesena_staff, visit, submitted_report, file_format):
    client.force_login(cesena_staff)

    response = client.get(f"/en/p/820885/reports/export.{file_format}?activity={visit.pk}")

    assert response.status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in_to_export(client, visit, submitted_report):
    response = client.get(f"/en/p/820885/reports/export.csv?activity={visit.pk}")

    assert (response.status_code, response["Location"]) == (
        302,
        login_url(f"/en/p/820885/reports/export.csv%3Factivity%3D{visit.pk}"),
    )


# -- issue #17: blank slots ignored, templates copied, past due dates warned and who extends them -----
BLANK_SLOT = {"kind": "short_text", "text": "", "help_text": "", "choices": ""}  # as the browser posts it


def _questions(template: ReportTemplate) -> list[tuple]:
    return list(template.questions.values_list("position", "kind", "text", "required", "choices"))


def test_untouched_blank_slots_are_ignored_and_only_the_filled_questions_are_stored(client, coordinator):
    client.force_login(coordinator)
    filled = {"kind": "scale", "text": "How useful was the visit?", "required": "on"}

    response = client.post(
        "/en/p/820885/reports/templates/", {"title": "Short", **formset(filled, BLANK_SLOT, BLANK_SLOT)}
    )

    assert response.status_code == 302
    assert _questions(ReportTemplate.objects.get()) == [(0, "scale", "How useful was the visit?", True, [])]


def test_a_half_filled_slot_names_its_missing_question(client, coordinator):
    client.force_login(coordinator)
    half = {**BLANK_SLOT, "help_text": "One idea."}

    response = client.post(
        "/en/p/820885/reports/templates/", {"title": "Short", **formset({"kind": "scale", "text": "Useful?"}, half)}
    )

    assert response.status_code == 400
    assert response.context["questions"].errors == [{}, {"text": ["This field is required."]}]
    assert not ReportTemplate.objects.exists()


def test_a_copy_of_a_template_in_use_asks_the_same_questions_and_can_be_changed(
    client, coordinator, submitted_report, template
):
    before = _questions(template)
    client.force_login(coordinator)

    page = client.get(f"/en/p/820885/reports/templates/{template.pk}/")
    copied = client.post(f"/en/p/820885/reports/templates/{template.pk}/copy/")
    copy = ReportTemplate.objects.get(title="After the visit (copy)")
    changed = client.post(
        f"/en/p/820885/reports/templates/{copy.pk}/",
        {
            "title": "After the visit, 2027",
            "version": template_version(copy),
            **formset({"kind": "long_text", "text": "What changed at home?"}),
        },
    )

    assert f'action="/en/p/820885/reports/templates/{template.pk}/copy/"' in page.text
    assert copied.status_code == 302
    assert copied["Location"] == f"/en/p/820885/reports/templates/{copy.pk}/"
    assert changed.status_code == 302
    assert _questions(copy) == [(0, "long_text", "What changed at home?", False, [])]
    template.refresh_from_db()
    assert template.title == "After the visit"
    assert (
        _questions(template)
        == before
        == [
            (0, "short_text", "What will you try at home?", True, []),
            (1, "scale", "How useful was the visit?", True, []),
            (2, "multiple_choice", "Which sessions helped?", False, ["Workshop", "Site visit", "Interview"]),
        ]
    )


def test_the_copy_keeps_the_questions_in_order(programme):
    template = save_template(programme, title="After the visit", description="Asked once.", questions=QUESTIONS)

    copy = copy_template(template)

    assert (copy.title, copy.description, copy.programme_id) == ("After the visit (copy)", "Asked once.", programme.pk)
    assert [q.text for q in copy.questions.all()] == [
        "What will you try at home?", "How useful was the visit?", "Which sessions helped?",
    ]  # fmt: skip
    assert template.questions.count() == 3


def test_a_long_title_gives_way_to_the_word_copy(programme):
    template = save_template(programme, title="x" * 200, description="", questions=QUESTIONS)

    title = copy_template(template).title

    assert len(title) == 200
    assert title.endswith("x… (copy)")


def test_city_staff_cannot_copy_a_template(client, cesena_staff, template):
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/reports/templates/{template.pk}/copy/")

    assert response.status_code == 403
    assert ReportTemplate.objects.count() == 1


# -- due dates in the past ---------------------------------------------------------------------
def test_a_due_date_in_the_past_is_saved_with_a_warning(client, coordinator, visit, template):
    client.force_login(coordinator)
    due = timezone.localdate() - timedelta(days=1)
    assert due >= visit.end  # the visit is over: the date is accepted, and it has passed

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/request/",
        {"template": str(template.pk), "due": due.isoformat()},
        follow=True,
    )

    assert ReportRequest.objects.get().due == due
    assert [(m.level_tag, m.message) for m in response.context["messages"]][1][0] == "warning"
    assert "has passed: the participants can no longer submit their reports." in response.text


def test_a_future_due_date_gives_no_warning(client, coordinator, visit, template):
    client.force_login(coordinator)
    due = timezone.localdate() + timedelta(days=10)

    response = client.post(
        f"/en/p/820885/activities/{visit.pk}/reports/request/",
        {"template": str(template.pk), "due": due.isoformat()},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.fixture
def closed_request(visit, template) -> ReportRequest:
    return request_reports(visit, template=template, due=timezone.localdate() - timedelta(days=1))


@pytest.mark.usefixtures("closed_request")
def test_past_the_due_date_the_participant_reads_who_can_extend_it(client, visit, participant, coordinator):
    coordinator.first_name, coordinator.last_name = "Anna", "Lisa Rossi"
    coordinator.save()
    client.force_login(participant.user)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/")

    assert page.status_code == 200
    assert "reports can no longer be submitted" in page.text
    assert "Who can extend the due date: Anna Lisa Rossi." in page.text
    assert f"/activities/{visit.pk}/reports/request/" not in page.text  # no link for who cannot follow it


@pytest.mark.usefixtures("report_request")
def test_before_the_due_date_nothing_is_said_about_extending(client, visit, participant):
    client.force_login(participant.user)

    page = client.get(f"/en/p/820885/activities/{visit.pk}/reports/mine/")

    assert "Who can extend the due date" not in page.text
