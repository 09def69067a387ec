"""Report templates and report requests through the API, as the coordinator's template pages keep them (the same
services: `save_template`, `copy_template`, `request_reports`): questions read and replaced, a template in use kept
as answered, two coordinators kept from saving over each other (ETag / If-Match, the page's hidden version too),
a request's template and due date.

Cesena's visit of the accepted plan (seed 1) is on 23–24 September 2019.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_member
from values.activities.services import answer_nomination, nominate_participant
from values.network.enums import Role
from values.network.models import Organisation
from values.reports.models import Question, Report, ReportRequest, ReportTemplate
from values.reports.services import report_for, request_reports, save_report, save_template, template_version

from .conftest import token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885/"
TEMPLATES = f"{BASE}report-templates/"
QUESTIONS = [
    {"kind": "short_text", "text": "What will you try at home?", "help_text": "", "required": True, "choices": []},
    {"kind": "scale", "text": "How useful was the visit?", "help_text": "From 1 to 5.", "required": True,
     "choices": []},
    {"kind": "multiple_choice", "text": "Which sessions helped?", "help_text": "", "required": False,
     "choices": ["Workshop", "Site visit", "Interview"]},
]  # fmt: skip


@pytest.fixture
def template(programme) -> ReportTemplate:
    return save_template(programme, title="After the visit", description="Key research questions.",
                         questions=QUESTIONS)  # fmt: skip


@pytest.fixture
def api(coordinator):
    return token_client(coordinator)


def address(template: ReportTemplate) -> str:
    return f"{TEMPLATES}{template.pk}/"


def tag(template: ReportTemplate) -> dict:
    return {"If-Match": f'"{template_version(template)}"'}


def as_given(template: ReportTemplate) -> list[dict]:
    """The template's questions as a client read them, to send back (ids kept)."""
    return [{"id": q.pk, "kind": q.kind, "text": q.text, "help_text": q.help_text, "required": q.required,
             "choices": q.choices} for q in template.questions.all()]  # fmt: skip


def stored(template: ReportTemplate) -> list[tuple]:
    return list(template.questions.values_list("pk", "kind", "text", "required", "choices"))


def draft_on(template: ReportTemplate, visit, volunteer, cesena_staff, *, submit: bool = False) -> Report:
    request_reports(visit, template=template, due=timezone.localdate() + timedelta(days=30))
    nominated = nominate_participant(visit, user=volunteer, organisation=Organisation.objects.get(key="cesena"),
                                     by=cesena_staff, today=visit.start - timedelta(days=1))  # fmt: skip
    report = report_for(answer_nomination(nominated, confirm=True))
    text, scale, choice = template.questions.values_list("pk", flat=True)
    answers = {str(text): "A buddy scheme", str(scale): "4", str(choice): ["Workshop"]}
    return save_report(report, answers=answers, submit=submit, today=timezone.localdate())


# -- reading -------------------------------------------------------------------------------------------------------
def test_a_template_is_read_with_its_questions_kinds_choices_and_etag(api, template):
    read = api.get(address(template))

    assert read.status_code == 200
    text, scale, choice = template.questions.values_list("pk", flat=True)
    assert read.json() == {
        "id": template.pk, "title": "After the visit", "description": "Key research questions.", "in_use": False,
        "version": template_version(template),
        "questions": [
            {"id": text, "kind": "short_text", "text": "What will you try at home?", "help_text": "",
             "required": True, "choices": [], "quotable": False},
            {"id": scale, "kind": "scale", "text": "How useful was the visit?", "help_text": "From 1 to 5.",
             "required": True, "choices": [], "quotable": False},
            {"id": choice, "kind": "multiple_choice", "text": "Which sessions helped?", "help_text": "",
             "required": False, "choices": ["Workshop", "Site visit", "Interview"], "quotable": False},
        ],
    }  # fmt: skip
    assert read["ETag"] == f'"{template_version(template)}"'


def test_the_templates_are_listed_by_title_with_their_question_counts(api, programme, template):
    save_template(programme, title="After the exchange", description="", questions=QUESTIONS[:1])

    listed = api.get(TEMPLATES).json()

    assert [(t["title"], t["questions"]) for t in listed["results"]] == [("After the exchange", 1),
                                                                          ("After the visit", 3)]  # fmt: skip


def test_only_the_coordinator_keeps_templates(cesena_staff, template, anonymous_api):
    staff = token_client(cesena_staff)

    assert staff.get(TEMPLATES).status_code == 403
    assert staff.get(address(template)).status_code == 403
    assert staff.put(address(template), {"title": "Mine", "questions": QUESTIONS}, headers=tag(template)
                     ).status_code == 403  # fmt: skip
    assert anonymous_api.get(TEMPLATES).status_code == 401
    assert ReportTemplate.objects.get().title == "After the visit"


def test_another_programmes_template_is_not_found(api, welcome):
    other = save_template(welcome, title="Elsewhere", description="", questions=QUESTIONS[:1])

    assert api.get(address(other)).status_code == 404
    assert api.post(f"{address(other)}copy/").status_code == 404


# -- making and changing -------------------------------------------------------------------------------------------
def test_the_coordinator_makes_a_template_as_the_page_does(api, client, coordinator):
    body = {
        "title": " After the exchange ",
        "description": "",
        "questions": [
            {"kind": "single_choice", "text": "Which city? ", "choices": [" Riga", "", "Cesena "], "required": True}
        ],
    }

    made = api.post(TEMPLATES, body)

    assert made.status_code == 201, made.content
    template = ReportTemplate.objects.get()
    assert made["Location"] == f"http://testserver{address(template)}"
    assert made["ETag"] == f'"{template_version(template)}"'
    assert template.title == "After the exchange"
    assert list(template.questions.values_list("kind", "text", "required", "choices")) == [
        ("single_choice", "Which city?", True, ["Riga", "Cesena"])
    ]  # the page's lines: trimmed, blanks left out
    client.force_login(coordinator)
    page = client.get(f"/en/p/820885/reports/templates/{template.pk}/")
    assert [q["text"] for q in page.context["questions"].initial] == ["Which city?"]


def test_a_change_replaces_the_questions_and_keeps_the_drafts_answers(api, template, cesena_visit, volunteer,
                                                                     cesena_staff):  # fmt: skip
    draft = draft_on(template, cesena_visit, volunteer, cesena_staff)
    text = template.questions.values_list("pk", flat=True)[0]
    first = as_given(template)[0]
    body = {
        "title": "After the visit",
        "description": "",
        "questions": [{**first, "help_text": "One idea."}, {"kind": "long_text", "text": "What surprised you?"}],
    }

    changed = api.put(address(template), body, headers=tag(template))

    assert changed.status_code == 200, changed.content
    template.refresh_from_db()
    assert [(q["id"] == text, q["text"]) for q in changed.json()["questions"]] == [
        (True, "What will you try at home?"),
        (False, "What surprised you?"),
    ]
    assert changed["ETag"] == f'"{template_version(template)}"'
    draft.refresh_from_db()
    assert draft.answers == {str(text): "A buddy scheme"}
    assert draft.set_aside == [{"question": "How useful was the visit?", "answer": 4},
                               {"question": "Which sessions helped?", "answer": ["Workshop"]}]  # fmt: skip


def test_a_change_made_from_a_stale_etag_is_refused_with_the_current_template(api, programme, template):
    """Two coordinators read the template; the first adds a question; the second, who would remove it without
    knowing, is refused (412) with the template as it is now, and nothing of theirs is saved."""
    read = tag(template)
    other = token_client(make_member("second-coordinator", "eurocities", Role.COORDINATOR))
    added = other.put(
        address(template),
        {
            "title": "After the visit",
            "questions": [*as_given(template), {"kind": "long_text", "text": "What surprised you?"}],
        },
        headers=read,
    )
    saved = stored(template)

    stale = api.put(address(template), {"title": "Mine", "questions": as_given(template)[:1]}, headers=read)

    assert added.status_code == 200
    assert stale.status_code == 412
    template.refresh_from_db()
    assert stale["ETag"] == f'"{template_version(template)}"'
    assert [q["text"] for q in stale.json()["current"]["questions"]] == [
        "What will you try at home?",
        "How useful was the visit?",
        "Which sessions helped?",
        "What surprised you?",
    ]
    template.refresh_from_db()
    assert (template.title, stored(template)) == ("After the visit", saved)
    again = api.put(address(template), {"title": "Mine", "questions": as_given(template)[:1]}, headers={
        "If-Match": stale["ETag"]})  # fmt: skip
    assert again.status_code == 200


def test_a_change_without_if_match_is_refused_and_changes_nothing(api, template):
    before = stored(template)

    refused = api.put(address(template), {"title": "Mine", "questions": QUESTIONS[:1]})

    assert refused.status_code == 428
    assert stored(template) == before


def test_the_page_and_the_api_guard_the_same_version(api, client, coordinator, template):
    """A save through the API makes the page opened before it stale, and the other way round."""
    client.force_login(coordinator)
    page = client.get(f"/en/p/820885/reports/templates/{template.pk}/")
    opened = page.context["form"]["version"].value()
    api_read = api.get(address(template))

    assert opened == api_read.json()["version"]
    api.put(address(template), {"title": "Changed by the API", "questions": as_given(template)},
            headers={"If-Match": api_read["ETag"]})  # fmt: skip
    data = {
        "title": "Changed on the page",
        "version": opened,
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-kind": "short_text",
        "questions-0-text": "Anything?",
    }
    posted = client.post(f"/en/p/820885/reports/templates/{template.pk}/", data)
    assert posted.status_code == 400
    template.refresh_from_db()
    assert template.title == "Changed by the API"


def test_a_template_in_use_keeps_its_questions(api, template, cesena_visit, volunteer, cesena_staff):
    report = draft_on(template, cesena_visit, volunteer, cesena_staff, submit=True)
    before = stored(template)

    read = api.get(address(template))
    refused = api.put(address(template), {"title": "Changed", "questions": QUESTIONS[:1]}, headers=tag(template))

    assert read.json()["in_use"] is True
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": "#/questions", "detail": (
        "Reports were submitted on this template: copy it to change the questions.")}]  # fmt: skip
    template.refresh_from_db()
    assert (template.title, stored(template)) == ("After the visit", before)
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"title": "  ", "questions": QUESTIONS}, "#/title"),
        ({"title": "x" * 201, "questions": QUESTIONS}, "#/title"),
        ({"title": "T", "questions": []}, "#/questions"),
        ({"title": "T", "questions": [{"kind": "single_choice", "text": "Which?", "choices": ["Only one"]}]},
         "#/questions"),
        ({"title": "T", "questions": [{"kind": "scale", "text": "How?", "quotable": True}]}, "#/questions"),
        ({"title": "T", "questions": [{"kind": "short_text", "text": " "}]}, "#/questions/0/text"),
        ({"title": "T", "questions": [{"kind": "essay", "text": "What?"}]}, "#/questions/0/kind"),
        ({"title": "T", "questions": [{"kind": "short_text", "text": "x" * 501}]}, "#/questions/0/text"),
        ({"title": "T", "description": "x" * 5001, "questions": QUESTIONS}, "#/description"),
        ({"title": "T", "questions": [{"id": 99999, "kind": "short_text", "text": "Whose?"}]}, "#/questions"),
    ],
)  # fmt: skip
def test_a_refused_template_names_the_field_and_saves_nothing(api, template, body, pointer):
    before = (ReportTemplate.objects.count(), Question.objects.count(), stored(template))

    made = api.post(TEMPLATES, body)
    changed = api.put(address(template), body, headers=tag(template))

    assert (made.status_code, changed.status_code) == (422, 422)
    assert {error["pointer"] for error in made.json()["errors"]} == {pointer}
    assert {error["pointer"] for error in changed.json()["errors"]} == {pointer}
    assert (ReportTemplate.objects.count(), Question.objects.count(), stored(template)) == before


def test_a_copy_asks_the_same_questions_and_can_be_changed(api, template, cesena_visit, volunteer, cesena_staff):
    draft_on(template, cesena_visit, volunteer, cesena_staff, submit=True)

    copied = api.post(f"{address(template)}copy/")

    assert copied.status_code == 201
    copy = ReportTemplate.objects.get(title="After the visit (copy)")
    assert copied["Location"] == f"http://testserver{address(copy)}"
    assert (copied.json()["id"], copied.json()["in_use"]) == (copy.pk, False)
    assert [(q["kind"], q["text"]) for q in copied.json()["questions"]] == [(q["kind"], q["text"]) for q in QUESTIONS]
    changed = api.put(address(copy), {"title": "After the visit, 2027", "questions": QUESTIONS[:1]},
                      headers={"If-Match": copied["ETag"]})  # fmt: skip
    assert changed.status_code == 200
    assert template.questions.count() == 3


# -- report requests -----------------------------------------------------------------------------------------------
def requests_of(visit) -> str:
    return f"{BASE}activities/{visit.pk}/report-requests/"


def test_the_coordinator_asks_an_activitys_participants_for_reports(api, template, cesena_visit):
    due = date(2019, 10, 10)

    none_yet = api.get(requests_of(cesena_visit))
    asked = api.post(requests_of(cesena_visit), {"template": template.pk, "due": "2019-10-10"})
    moved = api.post(requests_of(cesena_visit), {"template": template.pk, "due": "2099-10-10"})
    read = api.get(requests_of(cesena_visit))

    assert (none_yet.status_code, none_yet.json()) == (200, [])
    assert asked.status_code == 201, asked.content
    assert asked.json() == {
        "activity": cesena_visit.pk, "activity_title": "Mentoring visit to Cesena",
        "template": {"id": template.pk, "title": "After the visit"}, "due": "2019-10-10", "submission_closed": True,
        "reports": 0,
        "warning": "The due date October 10, 2019 has passed: the participants can no longer submit their reports. "
                   "Choose a later date to let them.",
    }  # fmt: skip
    assert ReportRequest.objects.get().due == date(2099, 10, 10) != due
    assert (moved.status_code, moved.json()["warning"]) == (200, None)
    assert [(r["due"], r["submission_closed"]) for r in read.json()] == [("2099-10-10", False)]


def test_the_api_and_the_page_ask_for_reports_alike(api, client, coordinator, template, cesena_visit):
    client.force_login(coordinator)
    page = client.post(f"/en/p/820885/activities/{cesena_visit.pk}/reports/request/",
                       {"template": template.pk, "due": "2019-09-23"})  # fmt: skip
    refused = api.post(requests_of(cesena_visit), {"template": template.pk, "due": "2019-09-23"})

    assert page.status_code == 400
    assert page.context["form"].errors == {"due": ["Reports are due after the activity ends (2019-09-24)."]}
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"pointer": "#/due", "detail": "Reports are due after the activity ends (2019-09-24)."}
    ]
    assert not ReportRequest.objects.exists()


@pytest.mark.parametrize(
    ("body", "pointer"),
    [({"template": 99999, "due": "2099-01-01"}, "#/template"), ({"due": "2099-01-01"}, "#/template"),
     ({"template": 1, "due": "soon"}, "#/due"), ({"template": 1, "due": "2100-01-01"}, "#/due")],
)  # fmt: skip
def test_a_refused_request_names_the_field(api, template, cesena_visit, body, pointer):
    body = body | ({"template": template.pk} if body.get("template") == 1 else {})

    refused = api.post(requests_of(cesena_visit), body)

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == [pointer]
    assert not ReportRequest.objects.exists()


def test_the_template_stays_once_reports_were_begun_on_it(api, programme, template, cesena_visit, volunteer,
                                                         cesena_staff):  # fmt: skip
    draft_on(template, cesena_visit, volunteer, cesena_staff)
    other = save_template(programme, title="Other", description="", questions=QUESTIONS[:1])

    refused = api.post(requests_of(cesena_visit), {"template": other.pk, "due": "2099-01-01"})

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == ["#/template"]
    assert ReportRequest.objects.get().template == template


def test_only_the_coordinator_asks_for_reports(cesena_staff, template, cesena_visit, anonymous_api):
    staff = token_client(cesena_staff)

    assert staff.get(requests_of(cesena_visit)).status_code == 403
    assert staff.post(requests_of(cesena_visit), {"template": template.pk, "due": "2099-01-01"}).status_code == 403
    assert anonymous_api.get(requests_of(cesena_visit)).status_code == 401
    assert not ReportRequest.objects.exists()
