"""The planner through the API, for the coordinator: pins and bans added and removed as on the planning page, runs
started in the background (queued when the request commits, as the page's: no solver runs here but the accepted
plan's fixture), followed to their result (the VALUES programme planned with seed 1: 4 communities, 16 visits and
16 exchanges, proven optimal at 76) and accepted, or refused with the reason."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from values.activities.models import Visit
from values.activities.services import save_session
from values.network.models import Organisation
from values.planning.models import PlanRule, PlanRun
from values.programme.models import Community, Theme

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885"


@pytest.fixture
def api(coordinator) -> ApiClient:
    return token_client(coordinator)


def errors(response) -> list[tuple[str, str]]:
    return [(error.get("pointer") or error.get("parameter"), error["detail"]) for error in response.json()["errors"]]


# -- rules ------------------------------------------------------------------------------------
def test_a_pin_is_added_listed_shown_on_the_page_and_removed(api, client, coordinator):
    added = api.post(f"{BASE}/plan-rules/", {"kind": "pin", "city": "cesena", "theme": "D"})
    listed = api.get(f"{BASE}/plan-rules/")
    client.force_login(coordinator)
    page = client.get("/en/p/820885/plan/")

    rule = PlanRule.objects.get()
    assert added.status_code == 201, added.content
    assert added["Location"] == f"http://testserver{BASE}/plan-rules/{rule.pk}/"
    assert added.json()["city"] == {"key": "cesena", "name": "City of Cesena"}
    assert (added.json()["kind"], added.json()["theme"]["key"], added.json()["other_city"]) == ("pin", "D", None)
    assert (rule.city.key, rule.theme, rule.other_city) == ("cesena", Theme.objects.get(key="D"), None)
    assert [r["id"] for r in listed.json()["results"]] == [rule.pk]
    assert list(page.context["rules"]) == [rule]

    removed = api.client.delete(f"{BASE}/plan-rules/{rule.pk}/", headers=api.headers)
    again = api.client.delete(f"{BASE}/plan-rules/{rule.pk}/", headers=api.headers)

    assert (removed.status_code, again.status_code) == (204, 404)
    assert PlanRule.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"kind": "pin", "city": "cesena"}, [("#/theme", "Choose the theme to pin the city to.")]),
        ({"kind": "apart", "city": "cesena"}, [("#/other_city", "Choose the second city.")]),
        ({"kind": "together", "city": "cesena", "other_city": "cesena"},
         [("#/other_city", "Choose two different cities.")]),
        # evc is a partner, but a volunteer organisation: the page's form offers cities only.
        ({"kind": "no_pair", "city": "evc", "other_city": "riga"},
         [("#/city", "“evc” is not a partner city of the programme.")]),
        ({"kind": "pin", "city": "cesena", "theme": "Z"}, [("#/theme", "“Z” is not a theme of the programme.")]),
    ],
)  # fmt: skip
def test_a_rule_that_names_the_wrong_things_is_refused_naming_the_field(api, body, expected):
    refused = api.post(f"{BASE}/plan-rules/", body)

    assert refused.status_code == 422
    assert errors(refused) == expected
    assert PlanRule.objects.count() == 0


def test_a_rule_of_no_kind_is_refused_by_the_schema(api):
    refused = api.post(f"{BASE}/plan-rules/", {"kind": "near", "city": "cesena", "other_city": "riga"})

    assert refused.status_code == 422
    assert [where for where, _detail in errors(refused)] == ["#/kind"]
    assert PlanRule.objects.count() == 0


# -- runs -------------------------------------------------------------------------------------
def test_a_run_is_queued_as_the_page_queues_it_and_answered_at_once(api, client, coordinator, programme,
                                                                   django_capture_on_commit_callbacks):  # fmt: skip
    cesena, oslo = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="oslo")
    PlanRule.objects.create(programme=programme, kind="apart", city=cesena, other_city=oslo)
    with django_capture_on_commit_callbacks() as queued_by_the_api:
        started = api.post(f"{BASE}/plan-runs/", {"seed": 1, "time_limit": 5})
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks() as queued_by_the_page:
        client.post("/en/p/820885/plan/runs/", {"seed": "1", "time_limit": "5"})

    run = PlanRun.objects.order_by("pk").first()
    assert started.status_code == 202, started.content
    assert started["Location"] == f"http://testserver{BASE}/plan-runs/{run.pk}/"
    body = started.json()
    assert (body["id"], body["status"], body["seed"], body["time_limit"]) == (run.pk, "queued", 1, 5)
    assert (body["result"], body["reasons"], body["can_accept"]) == (None, [], False)
    assert body["rules"] == [{"kind": "apart", "city": "cesena", "other": "oslo"}]
    # One task each, queued when the request commits (the worker runs it; here nothing does).
    assert len(queued_by_the_api) == len(queued_by_the_page) == 1
    assert list(PlanRun.objects.values_list("status", flat=True)) == ["queued", "queued"]


@pytest.mark.parametrize("body", [[], {"seed": 1}])
def test_a_run_names_its_seed_and_time_limit(api, programme, body):
    refused = api.post(f"{BASE}/plan-runs/", body)

    assert refused.status_code == 422
    assert PlanRun.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "pointer"),
    [({"time_limit": 0}, "#/time_limit"), ({"time_limit": 601}, "#/time_limit"), ({"seed": -1}, "#/seed"),
     ({"seed": 2**31}, "#/seed"), ({"seed": "one"}, "#/seed")],
)  # fmt: skip
def test_a_run_outside_the_pages_bounds_is_refused(api, programme, body, pointer):
    refused = api.post(f"{BASE}/plan-runs/", {"seed": 1, "time_limit": 5} | body)

    assert refused.status_code == 422
    assert [where for where, _detail in errors(refused)] == [pointer]
    assert PlanRun.objects.count() == 0


def test_the_accepted_plan_is_read_with_its_result_and_accepted_again(api, accepted_plan):
    read = api.get(f"{BASE}/plan-runs/{accepted_plan.pk}/")
    listed = api.get(f"{BASE}/plan-runs/")
    accepted = api.post(f"{BASE}/plan-runs/{accepted_plan.pk}/accept/")

    assert read.status_code == 200
    body = read.json()
    assert (body["status"], body["stage"], body["best_objective"], body["best_bound"]) == ("done", "", 76, 76)
    result = body["result"]
    assert (result["optimal"], result["objective"], result["gap"]) == (True, 76, 0.0)
    assert (len(result["communities"]), result["visits"], result["exchanges"]) == (4, 16, 16)
    assert ["cesena" in c["members"] for c in result["communities"]].count(True) == 1
    assert body["can_accept"] is True
    assert body["accepted_at"] is not None
    assert [run["id"] for run in listed.json()["results"]] == [accepted_plan.pk]
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["communities"], accepted.json()["visits"], accepted.json()["exchanges"]) == (4, 16, 16)
    assert Community.objects.count() == 4


def test_a_run_not_done_or_a_plan_in_use_is_not_accepted(api, accepted_plan, programme):
    queued = PlanRun.objects.create(programme=programme, seed=2, time_limit=5, rules=[])
    visit = Visit.objects.get(host__key="cesena")
    starts = datetime.combine(visit.start, time(10), tzinfo=visit.time_zone)
    save_session(visit, kind="workshop", title="In use", starts_at=starts, ends_at=starts + timedelta(hours=1))
    communities = set(Community.objects.values_list("pk", flat=True))

    not_done = api.post(f"{BASE}/plan-runs/{queued.pk}/accept/")
    in_use = api.post(f"{BASE}/plan-runs/{accepted_plan.pk}/accept/")

    assert not_done.status_code == 409
    assert not_done.json()["detail"] == "Only a finished plan can be accepted."
    assert in_use.status_code == 409
    assert in_use.json()["detail"].startswith("The current plan's visits and exchanges already have agendas")
    assert set(Community.objects.values_list("pk", flat=True)) == communities


def test_a_runs_reasons_and_stage_are_put_in_words(api, programme):
    timed_out = PlanRun.objects.create(
        programme=programme, status="timed_out", stage="schedule", finished_at=timezone.now(),
        reasons=[{"text": "The planner stopped with an error: %(error)s", "params": {"error": "KeyError: 'x'"}}],
    )  # fmt: skip
    failed = PlanRun.objects.create(programme=programme, status="failed", reasons=["community A1 has 7 members"])

    read = api.get(f"{BASE}/plan-runs/{timed_out.pk}/").json()

    assert (read["status"], read["stage"]) == ("timed_out", "scheduling")
    assert read["reasons"] == ["The planner stopped with an error: KeyError: 'x'"]
    assert api.get(f"{BASE}/plan-runs/{failed.pk}/").json()["reasons"] == ["community A1 has 7 members"]


def test_the_planner_is_the_coordinators_alone(programme, cesena_staff, anonymous_api):
    staff = token_client(cesena_staff)

    assert staff.get(f"{BASE}/plan-runs/").status_code == 403
    assert staff.post(f"{BASE}/plan-runs/", {"seed": 1, "time_limit": 5}).status_code == 403
    assert staff.post(f"{BASE}/plan-rules/", {"kind": "apart", "city": "cesena", "other_city": "riga"}).status_code \
        == 403  # fmt: skip
    assert anonymous_api.get(f"{BASE}/plan-rules/").status_code == 401
    assert (PlanRun.objects.count(), PlanRule.objects.count()) == (0, 0)


def test_a_run_is_refused_on_both_doors_while_a_rule_is_of_no_kind_the_planner_knows(api, client, coordinator,
                                                                                     programme):  # fmt: skip
    cesena, oslo = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="oslo")
    PlanRule.objects.create(programme=programme, kind="ban", city=cesena, other_city=oslo)  # not through a door
    client.force_login(coordinator)

    refused = api.post(f"{BASE}/plan-runs/", {"seed": 1, "time_limit": 5})
    page = client.post("/en/p/820885/plan/runs/", {"seed": "1", "time_limit": "5"})

    words = "These rules are of no kind the planner knows: ban: cesena · oslo. Remove them, and plan again."
    assert refused.status_code == 422
    assert refused.json()["detail"] == words
    assert page.status_code == 400
    assert page.context["run_form"].non_field_errors() == [words]
    assert api.get(f"{BASE}/plan-rules/").json()["results"][0]["kind"] == "ban"
    assert PlanRun.objects.count() == 0
