"""The planning pages: the coordinator plans in the background, pins, bans, accepts; cities see theirs."""

import pytest

from values.activities.models import Exchange, Visit
from values.network.models import Organisation
from values.programme.enums import PlanRunStatus
from values.programme.models import Community, PlanRule, PlanRun, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client, django_capture_on_commit_callbacks):
    """Start a run as the signed-in user; the task runs when the request's transaction commits."""

    def start() -> PlanRun:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/en/plan/runs/", {"seed": "1", "time_limit": "5"})
        assert response.status_code == 302
        return PlanRun.objects.get()

    return start


def test_the_coordinator_plans_in_the_background_and_sees_the_result(client, plan, coordinator):
    client.force_login(coordinator)

    run = plan()
    page = client.get(f"/en/plan/runs/{run.pk}/")

    run.refresh_from_db()
    assert run.status == PlanRunStatus.DONE
    assert (run.best_objective, run.best_bound) == (76, 76)
    assert page.status_code == 200
    assert "This plan is proven optimal" in page.text
    assert len(run.result["communities"]) == 4
    months = page.context["months"]
    assert len(months) == 24
    assert sum(len(m.entries) for m in months) == 32
    assert [m.first_day.month for m in months if m.first_day.month == 8 and m.entries] == []


def test_accepting_creates_the_communities_visits_and_exchanges(client, plan, coordinator):
    client.force_login(coordinator)
    run = plan()

    response = client.post(f"/en/plan/runs/{run.pk}/accept/")

    assert response.status_code == 302
    assert Community.objects.count() == 4
    assert Visit.objects.count() == 16
    assert Exchange.objects.count() == 16
    assert sorted(Visit.objects.values_list("host__key", flat=True)) == sorted(
        m for c in run.result["communities"] for m in c["members"]
    )
    again = client.post(f"/en/plan/runs/{run.pk}/accept/")
    assert again.status_code == 302
    assert (Community.objects.count(), Visit.objects.count(), Exchange.objects.count()) == (4, 16, 16)


def test_a_pin_added_on_the_page_applies_to_the_next_plan(client, plan, coordinator):
    client.force_login(coordinator)
    city = Organisation.objects.get(key="cesena")
    theme_d = Theme.objects.get(key="D")

    added = client.post("/en/plan/rules/", {"kind": "pin", "city": city.pk, "theme": theme_d.pk})
    run = plan()

    assert added.status_code == 302
    theme_of = {m: c["theme"] for c in run.result["communities"] for m in c["members"]}
    assert theme_of["cesena"] == "D"


def test_a_ban_without_its_second_city_shows_the_form_again_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    city = Organisation.objects.get(key="cesena")

    response = client.post("/en/plan/rules/", {"kind": "no_pair", "city": city.pk})

    assert response.status_code == 400
    assert response.context["rule_form"].errors["other_city"] == ["Choose the second city."]
    assert PlanRule.objects.count() == 0


def test_a_time_limit_out_of_range_is_refused(client, coordinator):
    client.force_login(coordinator)

    response = client.post("/en/plan/runs/", {"seed": "1", "time_limit": "0"})

    assert response.status_code == 400
    assert response.context["run_form"].errors["time_limit"] == ["Ensure this value is greater than or equal to 1."]
    assert PlanRun.objects.count() == 0


def test_infeasible_pins_are_explained_on_the_run_page(client, plan, coordinator):
    client.force_login(coordinator)
    theme_a = Theme.objects.get(key="A")
    for key in ("cesena", "riga", "oslo", "brno", "turin"):
        PlanRule.objects.create(
            programme=theme_a.programme, kind="pin", city=Organisation.objects.get(key=key), theme=theme_a
        )
    for key, theme in (("ostend", "B"), ("zurich", "C"), ("toulouse", "D")):
        PlanRule.objects.create(
            programme=theme_a.programme,
            kind="pin",
            city=Organisation.objects.get(key=key),
            theme=Theme.objects.get(key=theme),
        )

    run = plan()
    page = client.get(f"/en/plan/runs/{run.pk}/")

    run.refresh_from_db()
    assert run.status == PlanRunStatus.INFEASIBLE
    assert run.reasons[0] == "These choices conflict: 16 cities make 4 communities of 4 cities, each with one theme."
    assert "Why no plan exists" in page.text
    assert "Cesena is pinned to theme A" in page.text


def test_city_staff_see_only_their_own_citys_plan(client, plan, coordinator, cesena_staff):
    client.force_login(coordinator)
    run = plan()
    client.post(f"/en/plan/runs/{run.pk}/accept/")
    client.force_login(cesena_staff)

    page = client.get("/en/plan/")

    assert page.status_code == 200
    communities = list(page.context["communities"])
    assert len(communities) == 1
    assert "cesena" in [m.organisation.key for m in communities[0].members.all()]
    entries = [e for m in page.context["months"] for e in m.entries]
    assert len(entries) == 6  # the four visits of its community and its two exchanges


@pytest.mark.parametrize("url", ["/en/plan/runs/", "/en/plan/rules/"])
def test_city_staff_may_not_plan(client, cesena_staff, url):
    client.force_login(cesena_staff)

    response = client.post(url, {"seed": "1", "time_limit": "5"})

    assert response.status_code == 403
    assert PlanRun.objects.count() == 0


def test_a_volunteer_has_no_plan_page(client, volunteer):
    client.force_login(volunteer)

    assert client.get("/en/plan/").status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client, programme):
    response = client.get("/en/plan/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/plan/"


def test_an_unknown_run_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/en/plan/runs/999/").status_code == 404
    assert client.post("/en/plan/runs/999/accept/").status_code == 404


def test_the_coordinators_page_makes_the_same_number_of_queries_for_one_and_three_rules(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    programme, theme = Theme.objects.get(key="A").programme, Theme.objects.get(key="A")
    PlanRule.objects.create(programme=programme, kind="pin", city=Organisation.objects.get(key="cesena"), theme=theme)
    with django_assert_max_num_queries(60) as one_rule:
        client.get("/en/plan/")
    for key in ("riga", "oslo"):
        PlanRule.objects.create(programme=programme, kind="pin", city=Organisation.objects.get(key=key), theme=theme)

    with django_assert_max_num_queries(60) as three_rules:
        response = client.get("/en/plan/")

    assert response.status_code == 200
    assert len(three_rules.captured_queries) == len(one_rule.captured_queries)


def test_accepted_activities_know_their_kind(client, plan, coordinator):
    client.force_login(coordinator)
    run = plan()

    client.post(f"/en/plan/runs/{run.pk}/accept/")

    assert set(Visit.objects.values_list("kind", flat=True)) == {"visit"}
    assert set(Exchange.objects.values_list("kind", flat=True)) == {"exchange"}


# -- hostile input: a 400 that names the field and the reason, and nothing saved ------------------
HUGE = "99999999999999999999"
LONG = "x" * 100_000
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"seed": HUGE, "time_limit": "5"}, {"seed": ["Ensure this value is less than or equal to 2147483647."]}),
        ({"seed": "-1", "time_limit": "5"}, {"seed": ["Ensure this value is greater than or equal to 0."]}),
        ({"seed": "NaN", "time_limit": "5"}, {"seed": ["Enter a whole number."]}),
        ({"seed": "1", "time_limit": "1e400"}, {"time_limit": ["Enter a whole number."]}),
        ({"seed": "1", "time_limit": HUGE}, {"time_limit": ["Ensure this value is less than or equal to 600."]}),
        ({"seed": "1", "time_limit": LONG}, {"time_limit": ["Enter a whole number."]}),
        ({"seed": "1"}, {"time_limit": ["This field is required."]}),
    ],
)
def test_a_hostile_planner_run_is_refused_naming_the_field(client, coordinator, data, errors):
    client.force_login(coordinator)

    response = client.post("/en/plan/runs/", data)

    assert response.status_code == 400
    assert response.context["run_form"].errors == errors
    assert PlanRun.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"city": HUGE}, {"city": [NOT_A_CHOICE]}),
        ({"city": "NaN"}, {"city": [NOT_A_CHOICE]}),
        ({"city": "-1"}, {"city": [NOT_A_CHOICE]}),
        ({"city": ""}, {"city": ["This field is required."]}),
        ({"theme": HUGE}, {"theme": [NOT_A_CHOICE]}),
        ({"theme": "1e400"}, {"theme": [NOT_A_CHOICE]}),
        ({"theme": ""}, {"theme": ["Choose the theme to pin the city to."]}),
        ({"kind": LONG}, {"kind": [f"Select a valid choice. {LONG} is not one of the available choices."]}),
        ({"kind": "apart", "other_city": HUGE}, {"other_city": [NOT_A_CHOICE]}),
    ],
)
def test_a_hostile_planning_rule_is_refused_naming_the_field(client, coordinator, changes, errors):
    client.force_login(coordinator)
    data = {"kind": "pin", "city": Organisation.objects.get(key="cesena").pk, "theme": Theme.objects.get(key="D").pk}

    response = client.post("/en/plan/rules/", {**data, **changes})

    assert response.status_code == 400
    assert response.context["rule_form"].errors == errors
    assert PlanRule.objects.count() == 0


@pytest.mark.parametrize(
    "path", [f"/en/plan/runs/{HUGE}/", f"/en/plan/runs/{HUGE}/accept/", f"/en/plan/rules/{HUGE}/remove/"]
)
def test_a_planning_id_beyond_the_database_is_not_found(client, coordinator, path):
    client.force_login(coordinator)

    assert client.post(path).status_code == 404
