"""Reports through the API: each participant reads and writes their own, the coordinator reads and reviews them
all, by the same services and rules as the pages; refusals name the answer's question."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, RIGA, VOLUNTEER
from values.activities.services import answer_nomination, nominate_participant
from values.network.models import Organisation
from values.reports.models import Report
from values.reports.services import report_for, request_reports, save_report

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_reports")]

BASE = "/api/v1/programmes/820885/reports/"
ANSWER = "A buddy scheme"  # the volunteer's submitted answer in the world


def question_key(world) -> str:
    return str(world.template.questions.get().pk)


def city_leaders_draft(world) -> Report:
    """The city leader's report on Cesena's visit, a draft with no answer yet."""
    visit, people = world.visit, world.people
    nominated = nominate_participant(
        visit, user=people[CITY_LEADER], organisation=Organisation.objects.get(key="cesena"), by=people[CESENA],
        today=visit.start - timedelta(days=1),
    )  # fmt: skip
    place = answer_nomination(nominated, confirm=True)
    return save_report(report_for(place), answers={}, submit=False, today=timezone.localdate())


@pytest.fixture
def draft(module_world) -> Report:
    return city_leaders_draft(module_world)


def api_of(world, identity: str) -> ApiClient:
    return token_client(world.people[identity])


def test_a_participant_lists_their_own_reports_and_the_coordinator_every_one(module_world, draft):
    world = module_world

    mine = api_of(world, VOLUNTEER).get(BASE).json()
    everyone = api_of(world, COORDINATOR).get(BASE).json()
    drafts = api_of(world, COORDINATOR).get(f"{BASE}?status=draft").json()

    assert [(r["id"], r["status"]) for r in mine["results"]] == [(world.report.pk, "submitted")]
    assert mine["results"][0]["activity"] == {"id": world.visit.pk, "title": "Mentoring visit to Cesena"}
    assert mine["results"][0]["organisation"] == {"key": "cesena", "name": "City of Cesena"}
    assert everyone["count"] == 2
    assert [r["id"] for r in drafts["results"]] == [draft.pk]
    assert api_of(world, COORDINATOR).get(f"{BASE}?activity={world.exchange.pk}").json()["count"] == 0
    assert api_of(world, CESENA).get(BASE).json()["count"] == 0
    assert ApiClient().get(BASE).json()["count"] == 0


def test_a_report_is_read_with_its_questions_and_answers_by_its_author_and_the_coordinator(module_world):
    world = module_world
    address = f"{BASE}{world.report.pk}/"

    read = api_of(world, VOLUNTEER).get(address)

    assert read.status_code == 200
    body = read.json()
    key = question_key(world)
    assert body["questions"] == [{"id": int(key), "kind": "short_text", "text": "What will you try at home?",
                                  "help_text": "", "required": True, "choices": [], "quotable": False}]  # fmt: skip
    assert (body["answers"], body["status"], body["template"]) == ({key: ANSWER}, "submitted", "After the visit")
    assert body["submission_closed"] is False
    assert api_of(world, COORDINATOR).get(address).json()["answers"] == {key: ANSWER}
    for stranger in (api_of(world, RIGA), api_of(world, CESENA), ApiClient()):
        refused = stranger.get(address)
        assert refused.status_code == 404
        assert ANSWER not in refused.content.decode()


def test_the_author_keeps_a_draft_then_submits_it(module_world, draft):
    world, key = module_world, question_key(module_world)
    api, address = api_of(world, CITY_LEADER), f"{BASE}{draft.pk}/"

    kept = api.put(address, {"answers": {key: "  Language cafés "}, "submit": False})
    submitted = api.put(address, {"answers": {key: "Language cafés"}, "submit": True})

    assert kept.status_code == 200
    assert (kept.json()["status"], kept.json()["answers"]) == ("draft", {key: "Language cafés"})
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    draft.refresh_from_db()
    assert (draft.status, draft.answers) == ("submitted", {key: "Language cafés"})
    assert draft.submitted_at is not None


def test_submitting_without_a_required_answer_names_the_question(module_world, draft):
    world, key = module_world, question_key(module_world)

    refused = api_of(world, CITY_LEADER).put(f"{BASE}{draft.pk}/", {"answers": {key: "   "}, "submit": True})

    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["errors"] == [{"pointer": f"#/answers/{key}", "detail": "This question needs an answer."}]
    draft.refresh_from_db()
    assert (draft.status, draft.answers) == ("draft", {})


def test_an_answer_to_a_question_not_asked_is_refused_by_its_key(module_world, draft):
    refused = api_of(module_world, CITY_LEADER).put(f"{BASE}{draft.pk}/", {"answers": {"999999": "Lost"}})

    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"pointer": "#/answers/999999", "detail": "This is not a question of this report."}
    ]


def test_a_report_is_written_by_its_author_only(module_world):
    world, key = module_world, question_key(module_world)
    address, change = f"{BASE}{world.report.pk}/", {"answers": {key: "Someone else's idea"}, "submit": False}

    assert api_of(world, COORDINATOR).put(address, change).status_code == 403  # who reads it, as on the pages
    assert api_of(world, RIGA).put(address, change).status_code == 404  # who learns nothing of it
    assert api_of(world, CESENA).put(address, change).status_code == 404
    assert ApiClient().put(address, change).status_code == 401
    world.report.refresh_from_db()
    assert world.report.answers == {key: ANSWER}


def test_a_submitted_report_is_not_changed_until_it_is_returned(module_world):
    world, key = module_world, question_key(module_world)
    api, address = api_of(world, VOLUNTEER), f"{BASE}{world.report.pk}/"

    refused = api.put(address, {"answers": {key: "A second thought"}})
    returned = api_of(world, COORDINATOR).post(f"{address}review/", {"decision": "return", "comment": "Say more."})
    changed = api.put(address, {"answers": {key: "A buddy scheme, twice a week"}, "submit": True})

    assert refused.status_code == 422
    assert refused.json()["detail"] == "This report was submitted; it can only be changed once it is returned."
    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["review_comment"]) == ("returned", "Say more.")
    assert changed.status_code == 200
    assert changed.json()["answers"] == {key: "A buddy scheme, twice a week"}


def test_past_the_due_date_a_draft_is_kept_but_not_submitted(module_world, draft):
    world, key = module_world, question_key(module_world)
    request_reports(world.visit, template=world.template, due=world.visit.end)  # long past
    api, address = api_of(world, CITY_LEADER), f"{BASE}{draft.pk}/"

    refused = api.put(address, {"answers": {key: "Language cafés"}, "submit": True})
    kept = api.put(address, {"answers": {key: "Language cafés"}, "submit": False})

    assert refused.status_code == 422
    assert refused.json()["detail"] == f"Reports were due on {world.visit.end.isoformat()}."
    assert (kept.status_code, kept.json()["status"], kept.json()["submission_closed"]) == (200, "draft", True)


def test_only_the_coordinator_reviews_and_a_return_says_what_to_change(module_world):
    world = module_world
    address = f"{BASE}{world.report.pk}/review/"

    by_author = api_of(world, VOLUNTEER).post(address, {"decision": "accept"})
    by_city = api_of(world, CESENA).post(address, {"decision": "accept"})
    silent = api_of(world, COORDINATOR).post(address, {"decision": "return"})
    accepted = api_of(world, COORDINATOR).post(address, {"decision": "accept"})
    again = api_of(world, COORDINATOR).post(address, {"decision": "accept"})

    assert (by_author.status_code, by_city.status_code) == (403, 403)
    assert silent.status_code == 422
    assert silent.json()["errors"] == [
        {"pointer": "#/comment", "detail": "Say what should change before returning the report."}
    ]
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert again.status_code == 422
    world.report.refresh_from_db()
    assert (world.report.status, world.report.reviewed_by) == ("accepted", world.people[COORDINATOR])


def test_a_decision_that_is_neither_accept_nor_return_names_the_field(module_world):
    refused = api_of(module_world, COORDINATOR).post(f"{BASE}{module_world.report.pk}/review/", {"decision": "maybe"})

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == ["#/decision"]


def test_an_answer_of_no_kind_is_one_refusal_where_it_is(module_world, draft):
    key = question_key(module_world)

    refused = api_of(module_world, CITY_LEADER).put(f"{BASE}{draft.pk}/", {"answers": {key: {"text": "Nested"}}})

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == [f"#/answers/{key}"]
    draft.refresh_from_db()
    assert draft.answers == {}


def test_listing_reports_costs_the_same_queries_for_one_or_two(module_world):
    api = api_of(module_world, COORDINATOR)
    api.get(BASE)  # the token's first use is noted, once
    with CaptureQueriesContext(connection) as one:
        api.get(BASE)
    city_leaders_draft(module_world)

    with CaptureQueriesContext(connection) as two:
        listed = api.get(BASE)

    assert listed.json()["count"] == 2
    assert len(two) == len(one)


def test_a_participant_begins_their_report_once_and_then_finds_it(module_world):
    world = module_world
    Report.objects.filter(pk=world.report.pk).delete()  # as if the volunteer had never saved it
    api = token_client(world.people["volunteer"])

    begun = api.post("/api/v1/programmes/820885/reports/", {"activity": world.visit.pk})
    again = api.post("/api/v1/programmes/820885/reports/", {"activity": world.visit.pk})

    assert (begun.status_code, again.status_code) == (201, 200)
    assert begun.json()["id"] == again.json()["id"]
    assert (begun.json()["status"], begun.json()["answers"]) == ("draft", {})
    assert begun["Location"].endswith(f"/reports/{begun.json()['id']}/")
