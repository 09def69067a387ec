"""Action plans through the API: read as their pages show them, sections written without lost edits (If-Match on
each section's revision), actions and progress with exact figures, and the status moved by the same rules."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_member
from tests.permission_world import CESENA, COMMENT_TEXT, COORDINATOR, EXPERT, OUTSIDER, RIGA, VOLUNTEER
from values.actionplans.models import Action, ActionPlan, Comment, ProgressUpdate
from values.actionplans.services import add_comment, save_action, section_state
from values.network.enums import Role
from values.network.models import Organisation

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_actionplans")]

BASE = "/api/v1/programmes/820885/action-plans/"
CESENA_PLAN = f"{BASE}cesena/"
CONTEXT = f"{CESENA_PLAN}sections/context/"
CONTEXT_TEXT = "Cesena welcomes newcomers with volunteers."  # revision 1 in the world
WELCOME_DESK = {"title": "A welcome desk at the station", "owner": "cesena", "partners": ["riga"],
                "start": "2020-02-01", "end": "2021-06-30", "unit": "volunteers trained", "baseline": "0",
                "target": "40.50"}  # fmt: skip


def api_of(world, identity: str) -> ApiClient:
    return token_client(world.people[identity])


def test_the_public_lists_the_published_plans_and_reviewers_their_communitys(module_world):
    public = ApiClient().get(BASE).json()
    volunteer = api_of(module_world, VOLUNTEER).get(BASE).json()
    riga = api_of(module_world, RIGA).get(BASE).json()

    assert public["results"] == [{
        "city": {"key": "cesena", "name": "City of Cesena"}, "begun": True, "status": "adopted", "published": True,
        "actions": 1, "overdue_actions": 1,  # "Train forty volunteers" ended in 2020, neither done nor dropped
    }]  # fmt: skip
    assert volunteer["results"] == public["results"]
    assert [(r["city"]["key"], r["begun"], r["status"]) for r in riga["results"]] == [
        ("cesena", True, "adopted"), ("dusseldorf", False, "draft"), ("riga", True, "draft"),
        ("toulouse", False, "draft"),
    ]  # fmt: skip
    assert api_of(module_world, COORDINATOR).get(BASE).json()["count"] == 16


def test_the_public_reads_an_adopted_plan_without_its_review(module_world):
    read = ApiClient().get(CESENA_PLAN)

    assert read.status_code == 200
    body = read.json()
    assert (body["status"], body["published"], body["may_edit"], body["may_comment"]) == ("adopted", True, False, False)
    context = body["sections"][0]
    assert (context["key"], context["text"], context["number"], context["version"]) == (
        "context",
        CONTEXT_TEXT,
        1,
        '"1"',
    )
    assert (context["comments"], context["saved_by"]) == (None, None)
    assert [(a["title"], a["overdue"], a["progress"]) for a in body["actions"]] == [
        ("Train forty volunteers", True, None)
    ]
    assert read["ETag"].startswith('"')
    assert COMMENT_TEXT not in read.content.decode()


def test_the_people_of_the_review_read_its_comments(module_world):
    body = api_of(module_world, RIGA).get(CESENA_PLAN).json()

    assert [comment["text"] for comment in body["sections"][0]["comments"]] == [COMMENT_TEXT]
    assert (body["may_edit"], body["may_comment"]) == (False, True)
    own = api_of(module_world, CESENA).get(CESENA_PLAN).json()
    assert (own["may_edit"], own["actions"][0]["progress"]) == (True, [])


def test_a_draft_plan_is_read_by_the_people_of_its_review_only(module_world):
    assert api_of(module_world, CESENA).get(f"{BASE}riga/").status_code == 200
    assert api_of(module_world, OUTSIDER).get(f"{BASE}riga/").status_code == 403
    assert ApiClient().get(f"{BASE}riga/actions/").status_code == 403
    assert ApiClient().get(f"{BASE}atlantis/").status_code == 404


def test_a_section_saved_over_anothers_is_refused_with_their_text(module_world):
    colleague = token_client(make_member("cesena-colleague", "cesena", Role.CITY_STAFF))
    cesena = api_of(module_world, CESENA)
    version = cesena.get(CESENA_PLAN).json()["sections"][0]["version"]

    first = colleague.put(CONTEXT, {"text": "Volunteers welcome newcomers at the station."}, {"If-Match": version})
    late = cesena.put(CONTEXT, {"text": "Cesena welcomes everyone."}, {"If-Match": version})

    assert first.status_code == 200
    assert (first["ETag"], first.json()["number"], first.json()["version"]) == ('"2"', 2, '"2"')
    assert late.status_code == 412
    assert late["ETag"] == '"2"'
    assert late.json()["current"] == {"text": "Volunteers welcome newcomers at the station.", "number": 2}
    state = section_state(module_world.plan, "context")
    assert (state.number, state.text) == (2, "Volunteers welcome newcomers at the station.")


def test_a_section_write_without_if_match_is_refused_and_changes_nothing(module_world):
    cesena = api_of(module_world, CESENA)

    unguarded = cesena.put(CONTEXT, {"text": "Cesena welcomes everyone."})
    the_plans_tag = cesena.put(
        CONTEXT, {"text": "Cesena welcomes everyone."}, {"If-Match": cesena.get(CESENA_PLAN)["ETag"]}
    )

    assert unguarded.status_code == 428
    assert the_plans_tag.status_code == 412  # a section's version is its revision, not the whole plan's tag
    assert section_state(module_world.plan, "context").number == 1


def test_only_the_citys_staff_write_its_plan(module_world):
    for identity in (RIGA, COORDINATOR):
        refused = api_of(module_world, identity).put(CONTEXT, {"text": "Not ours."}, {"If-Match": '"1"'})
        assert refused.status_code == 403
    unknown = api_of(module_world, CESENA).put(f"{CESENA_PLAN}sections/summary/", {"text": "?"}, {"If-Match": '"0"'})
    assert unknown.status_code == 404
    assert section_state(module_world.plan, "context").text == CONTEXT_TEXT


def test_the_first_save_of_a_section_begins_the_plan(module_world):
    toulouse = token_client(make_member("toulouse-staff", "toulouse", Role.CITY_STAFF))

    saved = toulouse.put(f"{BASE}toulouse/sections/objectives/", {"text": "Twenty buddies."}, {"If-Match": '"0"'})

    assert saved.status_code == 200
    assert (saved.json()["number"], saved.json()["text"]) == (1, "Twenty buddies.")
    assert ActionPlan.objects.get(organisation__key="toulouse").revisions.get().text == "Twenty buddies."


def test_an_action_is_added_with_its_figures_kept_exactly(module_world):
    made = api_of(module_world, CESENA).post(f"{CESENA_PLAN}actions/", WELCOME_DESK)

    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["baseline"], body["target"], body["current"]) == ("0.00", "40.50", None)
    assert '"target": "40.50"' in made.content.decode()  # a text with its cents, never the float 40.5
    assert body["partners"] == [{"key": "riga", "name": "City of Riga"}]
    assert Action.objects.get(pk=body["id"]).title == "A welcome desk at the station"
    listed = ApiClient().get(f"{CESENA_PLAN}actions/").json()
    assert [(a["title"], a["target"], a["progress"]) for a in listed["results"]] == [
        ("Train forty volunteers", None, None), ("A welcome desk at the station", "40.50", None)
    ]  # fmt: skip


def test_an_action_refused_names_each_field_and_saves_nothing(module_world):
    cesena = api_of(module_world, CESENA)

    not_a_partner = cesena.post(f"{CESENA_PLAN}actions/", WELCOME_DESK | {"owner": "atlantis", "partners": ["oz"]})
    not_a_number = cesena.post(f"{CESENA_PLAN}actions/", WELCOME_DESK | {"baseline": "forty"})
    backwards = cesena.post(f"{CESENA_PLAN}actions/", WELCOME_DESK | {"title": " ", "end": "2020-01-01"})

    assert {e["pointer"] for e in not_a_partner.json()["errors"]} == {"#/owner", "#/partners"}
    assert [e["pointer"] for e in not_a_number.json()["errors"]] == ["#/baseline"]
    assert {e["pointer"] for e in backwards.json()["errors"]} == {"#/title", "#/end"}
    assert (not_a_partner.status_code, not_a_number.status_code, backwards.status_code) == (422, 422, 422)
    assert Action.objects.filter(plan=module_world.plan).count() == 1


def test_actions_are_changed_by_the_citys_staff_and_only_in_their_own_plan(module_world):
    action = f"{CESENA_PLAN}actions/{module_world.action.pk}/"

    changed = api_of(module_world, CESENA).put(action, WELCOME_DESK | {"status": "in_progress"})
    other_plans = api_of(module_world, CESENA).put(f"{CESENA_PLAN}actions/{module_world.riga_action.pk}/", WELCOME_DESK)

    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["status"]) == ("A welcome desk at the station", "in_progress")
    assert other_plans.status_code == 404
    assert api_of(module_world, RIGA).put(action, WELCOME_DESK).status_code == 403
    assert api_of(module_world, RIGA).post(f"{CESENA_PLAN}actions/", WELCOME_DESK).status_code == 403


def test_progress_with_a_value_becomes_the_current_value(module_world):
    cesena = api_of(module_world, CESENA)
    action_id = cesena.post(f"{CESENA_PLAN}actions/", WELCOME_DESK).json()["id"]
    progress = f"{CESENA_PLAN}actions/{action_id}/progress/"

    not_a_number = cesena.post(progress, {"on": "2020-03-01", "note": "First training.", "value": "twelve"})
    recorded = cesena.post(progress, {"on": "2020-03-01", "note": "First training.", "value": "12.5"})

    assert not_a_number.status_code == 422
    assert [error["pointer"] for error in not_a_number.json()["errors"]] == ["#/value"]
    assert recorded.status_code == 201
    assert recorded.json()["current"] == "12.50"
    assert recorded.json()["progress"] == [{"on": "2020-03-01", "note": "First training.", "value": "12.50"}]


def test_progress_is_refused_naming_the_field(module_world):
    progress = f"{CESENA_PLAN}actions/{module_world.action.pk}/progress/"  # an action with no indicator unit

    no_unit = api_of(module_world, CESENA).post(progress, {"on": "2020-03-01", "note": "Trained.", "value": "3"})
    future = api_of(module_world, CESENA).post(progress, {"on": "2099-01-01", "note": "Trained."})
    stranger = api_of(module_world, COORDINATOR).post(progress, {"on": "2020-03-01", "note": "Trained."})

    assert no_unit.json()["errors"] == [
        {"pointer": "#/value", "detail": "This action has no indicator unit to measure."}
    ]
    assert [error["pointer"] for error in future.json()["errors"]] == ["#/on"]
    assert stranger.status_code == 403
    assert not ProgressUpdate.objects.filter(action=module_world.action).exists()


def test_a_status_change_not_allowed_names_the_status(module_world):
    refused = api_of(module_world, CESENA).put(f"{CESENA_PLAN}status/", {"status": "draft"})

    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"pointer": "#/status", "detail": "A plan in “adopted” cannot move to “draft”."}
    ]
    assert ActionPlan.objects.get(pk=module_world.plan.pk).status == "adopted"


def test_a_draft_plan_goes_to_review_then_adopted_and_published(module_world):
    riga, address = api_of(module_world, RIGA), f"{BASE}riga/status/"

    skipped = riga.put(address, {"status": "adopted"})
    half = riga.put(address, {"status": "in_review", "published": True})  # one refusal: nothing changes
    in_review = riga.put(address, {"status": "in_review"})
    adopted = riga.put(address, {"status": "adopted", "published": True})

    assert [e["pointer"] for e in skipped.json()["errors"]] == ["#/status"]
    assert [e["pointer"] for e in half.json()["errors"]] == ["#/published"]
    assert (in_review.status_code, in_review.json()["status"]) == (200, "in_review")
    assert (adopted.json()["status"], adopted.json()["published"]) == ("adopted", True)
    assert ApiClient().get(f"{BASE}riga/").status_code == 200
    assert api_of(module_world, CESENA).put(address, {"status": "draft"}).status_code == 403


@pytest.mark.parametrize("figure", ["1e999999", "-1", "0.001", "NaN"])
def test_a_figure_out_of_bounds_is_refused_naming_it(module_world, figure):
    refused = api_of(module_world, CESENA).post(f"{CESENA_PLAN}actions/", WELCOME_DESK | {"target": figure})

    assert refused.status_code == 422
    assert [error["pointer"] for error in refused.json()["errors"]] == ["#/target"]


@pytest.mark.parametrize("tag", ['"01"', '"-1"', '"99999999999999999999999"'])
def test_a_version_this_api_never_wrote_is_stale(module_world, tag):
    refused = api_of(module_world, CESENA).put(CONTEXT, {"text": "Cesena welcomes everyone."}, {"If-Match": tag})

    assert refused.status_code == 412
    assert refused.json()["current"] == {"text": CONTEXT_TEXT, "number": 1}


def test_listing_actions_costs_the_same_queries_for_one_or_three(module_world):
    api, address = api_of(module_world, CESENA), f"{CESENA_PLAN}actions/"
    api.get(address)  # the token's first use is noted, once
    with CaptureQueriesContext(connection) as one:
        api.get(address)
    riga = Organisation.objects.get(key="riga")
    for title in ("Open a volunteer point", "Train the trainers"):
        save_action(module_world.plan, title=title, owner=riga, owner_person="", partners=[riga], status="done",
                    start=date(2020, 1, 1), end=date(2020, 2, 1), unit="", baseline=None, target=None,
                    current=None)  # fmt: skip

    with CaptureQueriesContext(connection) as three:
        listed = api.get(address)

    assert listed.json()["count"] == 3
    assert len(three) == len(one)


COMMENTS = f"{CESENA_PLAN}comments/"


def named(world, identity: str, first: str, last: str) -> None:
    user = world.people[identity]
    user.first_name, user.last_name = first, last
    user.save()


def test_the_review_reads_each_sections_threads_with_authors_by_name(module_world):
    named(module_world, RIGA, "Ilze", "Ozola")

    body = api_of(module_world, CESENA).get(COMMENTS).json()

    assert [entry["section"] for entry in body] == ["context", "objectives", "actions", "resources", "monitoring"]
    [thread] = body[0]["comments"]
    assert (thread["id"], thread["author"], thread["text"], thread["resolved"], thread["replies"]) == (
        module_world.comment.pk, "Ilze Ozola", COMMENT_TEXT, False, [])  # fmt: skip
    assert "riga" not in {thread["author"]}  # a name, never the login
    assert api_of(module_world, OUTSIDER).get(COMMENTS).status_code == 403
    assert api_of(module_world, VOLUNTEER).get(COMMENTS).status_code == 403
    assert ApiClient().get(COMMENTS).status_code == 403  # the plan's page is public, its review is not
    assert api_of(module_world, RIGA).get(f"{BASE}nowhere/comments/").status_code == 404


def test_a_reply_nests_under_its_comment(module_world):
    named(module_world, COORDINATOR, "Anna", "Bianchi")
    reply = {"section": "context", "text": "  Agreed: we will add a volunteer budget.  ",
             "parent": module_world.comment.pk}  # fmt: skip

    answered = api_of(module_world, COORDINATOR).post(COMMENTS, reply)

    assert answered.status_code == 201
    thread = answered.json()
    assert (thread["id"], thread["text"]) == (module_world.comment.pk, COMMENT_TEXT)  # the thread answered
    assert [(r["author"], r["text"]) for r in thread["replies"]] == [("Anna Bianchi", "Agreed: we will add a "
                                                                      "volunteer budget.")]  # fmt: skip
    read = api_of(module_world, RIGA).get(COMMENTS).json()[0]["comments"]
    assert [len(t["replies"]) for t in read] == [1]


def test_a_new_comment_begins_a_thread_of_its_section(module_world):
    made = api_of(module_world, EXPERT).post(COMMENTS, {"section": "monitoring", "text": "Which indicator?"})

    assert made.status_code == 201
    assert (made.json()["text"], made.json()["replies"]) == ("Which indicator?", [])
    assert Comment.objects.filter(plan=module_world.plan, section="monitoring").count() == 1


def test_a_comment_refused_names_its_field_and_stores_nothing(module_world):
    riga = api_of(module_world, RIGA)
    before = Comment.objects.count()

    unknown = riga.post(COMMENTS, {"section": "summary", "text": "?"})
    empty = riga.post(COMMENTS, {"section": "context", "text": "   "})
    elsewhere = riga.post(COMMENTS, {"section": "context", "text": "Yes.", "parent": module_world.riga_comment.pk})
    other_section = riga.post(COMMENTS, {"section": "actions", "text": "Yes.", "parent": module_world.comment.pk})

    assert [e["pointer"] for e in unknown.json()["errors"]] == ["#/section"]
    assert [e["pointer"] for e in empty.json()["errors"]] == ["#/text"]
    assert [e["pointer"] for e in elsewhere.json()["errors"]] == ["#/parent"]  # Riga's plan's comment
    assert [e["pointer"] for e in other_section.json()["errors"]] == ["#/parent"]
    assert {unknown.status_code, empty.status_code, elsewhere.status_code, other_section.status_code} == {422}
    assert api_of(module_world, OUTSIDER).post(COMMENTS, {"section": "context", "text": "Hi."}).status_code == 403
    assert api_of(module_world, VOLUNTEER).post(COMMENTS, {"section": "context", "text": "Hi."}).status_code == 403
    assert ApiClient().post(COMMENTS, {"section": "context", "text": "Hi."}).status_code == 401
    assert Comment.objects.count() == before


def test_the_review_resolves_a_thread_and_nobody_else(module_world):
    resolve = f"{COMMENTS}{module_world.comment.pk}/resolve/"
    reply = add_comment(module_world.plan, "context", text="Noted.", by=module_world.people[CESENA],
                        parent=module_world.comment)  # fmt: skip

    assert api_of(module_world, OUTSIDER).post(resolve).status_code == 403
    assert api_of(module_world, VOLUNTEER).post(resolve).status_code == 403
    assert ApiClient().post(resolve).status_code == 401
    assert Comment.objects.get(pk=module_world.comment.pk).resolved_at is None
    assert api_of(module_world, CESENA).post(f"{COMMENTS}{reply.pk}/resolve/").status_code == 404  # a reply
    assert api_of(module_world, CESENA).post(f"{COMMENTS}{module_world.riga_comment.pk}/resolve/").status_code == 404

    resolved = api_of(module_world, CESENA).post(resolve)

    assert resolved.status_code == 200
    assert resolved.json()["resolved"] is True
    assert Comment.objects.get(pk=reply.pk).resolved_at is not None  # the thread is settled


def test_a_sections_history_lists_its_revisions_for_the_review(module_world):
    named(module_world, CESENA, "Marta", "Rossi")
    cesena = api_of(module_world, CESENA)
    assert cesena.put(CONTEXT, {"text": "Newcomers first."}, {"If-Match": '"1"'}).status_code == 200

    history = api_of(module_world, EXPERT).get(f"{CONTEXT}history/").json()

    assert history["count"] == 2
    assert [(r["number"], r["author"], r["text"]) for r in history["results"]] == [
        (1, "Marta Rossi", CONTEXT_TEXT), (2, "Marta Rossi", "Newcomers first.")]  # fmt: skip
    assert api_of(module_world, OUTSIDER).get(f"{CONTEXT}history/").status_code == 403
    assert ApiClient().get(f"{CONTEXT}history/").status_code == 403
    assert cesena.get(f"{CESENA_PLAN}sections/summary/history/").status_code == 404
    assert api_of(module_world, RIGA).get(f"{BASE}toulouse/sections/context/history/").json()["count"] == 0
