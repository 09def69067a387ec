"""The planning pages: the coordinator plans in the background, pins, bans, accepts; cities see theirs."""

import pytest
from django.utils import translation

from tests.conftest import make_member
from values.activities.models import Exchange, Visit
from values.network.enums import Role
from values.network.models import Organisation
from values.planning.enums import PlanRunStatus
from values.planning.explanations import explain
from values.planning.models import PlanRule, PlanRun
from values.planning.services import execute_plan_run
from values.planning.tasks import run_planner
from values.programme.models import Community, CommunityMember, ExchangePair, Theme
from values.programme.programme_file import read_programme_file
from values.programme.services import load_programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client, django_capture_on_commit_callbacks):
    """Start a run as the signed-in user; the task runs when the request's transaction commits."""

    def start(programme_code: str = "820885") -> PlanRun:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/en/p/{programme_code}/plan/runs/", {"seed": "1", "time_limit": "5"})
        assert response.status_code == 302
        return PlanRun.objects.get()

    return start


def test_the_coordinator_plans_in_the_background_and_sees_the_result(client, plan, coordinator):
    client.force_login(coordinator)

    run = plan()
    page = client.get(f"/en/p/820885/plan/runs/{run.pk}/")

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

    response = client.post(f"/en/p/820885/plan/runs/{run.pk}/accept/")

    assert response.status_code == 302
    assert Community.objects.count() == 4
    assert Visit.objects.count() == 16
    assert Exchange.objects.count() == 16
    assert sorted(Visit.objects.values_list("host__key", flat=True)) == sorted(
        m for c in run.result["communities"] for m in c["members"]
    )
    again = client.post(f"/en/p/820885/plan/runs/{run.pk}/accept/")
    assert again.status_code == 302
    assert (Community.objects.count(), Visit.objects.count(), Exchange.objects.count()) == (4, 16, 16)


def test_a_pin_added_on_the_page_applies_to_the_next_plan(client, plan, coordinator):
    client.force_login(coordinator)
    city = Organisation.objects.get(key="cesena")
    theme_d = Theme.objects.get(key="D")

    added = client.post("/en/p/820885/plan/rules/", {"kind": "pin", "city": city.pk, "theme": theme_d.pk})
    run = plan()

    assert added.status_code == 302
    theme_of = {m: c["theme"] for c in run.result["communities"] for m in c["members"]}
    assert theme_of["cesena"] == "D"


def test_a_ban_without_its_second_city_shows_the_form_again_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    city = Organisation.objects.get(key="cesena")

    response = client.post("/en/p/820885/plan/rules/", {"kind": "no_pair", "city": city.pk})

    assert response.status_code == 400
    assert response.context["rule_form"].errors["other_city"] == ["Choose the second city."]
    assert PlanRule.objects.count() == 0


def test_a_time_limit_out_of_range_is_refused(client, coordinator):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/plan/runs/", {"seed": "1", "time_limit": "0"})

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
    page = client.get(f"/en/p/820885/plan/runs/{run.pk}/")

    run.refresh_from_db()
    assert run.status == PlanRunStatus.INFEASIBLE
    assert explain(run.reasons[0]) == (
        "These choices conflict: the cities (16) make communities (4) of size 4, each with one theme."
    )
    assert "Why no plan exists" in page.text
    assert "Cesena is pinned to theme A" in page.text


def test_city_staff_see_only_their_own_citys_plan(client, plan, coordinator, cesena_staff):
    client.force_login(coordinator)
    run = plan()
    client.post(f"/en/p/820885/plan/runs/{run.pk}/accept/")
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/plan/")

    assert page.status_code == 200
    communities = list(page.context["communities"])
    assert len(communities) == 1
    assert "cesena" in [m.organisation.key for m in communities[0].members.all()]
    entries = [e for m in page.context["months"] for e in m.entries]
    assert len(entries) == 6  # the four visits of its community and its two exchanges


@pytest.mark.parametrize("url", ["/en/p/820885/plan/runs/", "/en/p/820885/plan/rules/"])
def test_city_staff_may_not_plan(client, cesena_staff, url):
    client.force_login(cesena_staff)

    response = client.post(url, {"seed": "1", "time_limit": "5"})

    assert response.status_code == 403
    assert PlanRun.objects.count() == 0


def test_a_volunteer_has_no_plan_page(client, volunteer):
    client.force_login(volunteer)

    assert client.get("/en/p/820885/plan/").status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client, programme):
    response = client.get("/en/p/820885/plan/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/p/820885/plan/"


def test_an_unknown_run_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/en/p/820885/plan/runs/999/").status_code == 404
    assert client.post("/en/p/820885/plan/runs/999/accept/").status_code == 404


def test_the_coordinators_page_makes_the_same_number_of_queries_for_one_and_three_rules(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    programme, theme = Theme.objects.get(key="A").programme, Theme.objects.get(key="A")
    PlanRule.objects.create(programme=programme, kind="pin", city=Organisation.objects.get(key="cesena"), theme=theme)
    with django_assert_max_num_queries(60) as one_rule:
        client.get("/en/p/820885/plan/")
    for key in ("riga", "oslo"):
        PlanRule.objects.create(programme=programme, kind="pin", city=Organisation.objects.get(key=key), theme=theme)

    with django_assert_max_num_queries(60) as three_rules:
        response = client.get("/en/p/820885/plan/")

    assert response.status_code == 200
    assert len(three_rules.captured_queries) == len(one_rule.captured_queries)


def test_accepted_activities_know_their_kind(client, plan, coordinator):
    client.force_login(coordinator)
    run = plan()

    client.post(f"/en/p/820885/plan/runs/{run.pk}/accept/")

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

    response = client.post("/en/p/820885/plan/runs/", data)

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

    response = client.post("/en/p/820885/plan/rules/", {**data, **changes})

    assert response.status_code == 400
    assert response.context["rule_form"].errors == errors
    assert PlanRule.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        f"/en/p/820885/plan/runs/{HUGE}/",
        f"/en/p/820885/plan/runs/{HUGE}/accept/",
        f"/en/p/820885/plan/rules/{HUGE}/remove/",
    ],
)
def test_a_planning_id_beyond_the_database_is_not_found(client, coordinator, path):
    client.force_login(coordinator)

    assert client.post(path).status_code == 404


# -- honest endings: out of time, failed, not proven ----------------------------------------------
def test_a_run_out_of_time_says_so_on_its_page_and_stops_refreshing(client, coordinator, programme):
    client.force_login(coordinator)
    run = execute_plan_run(PlanRun.objects.create(programme=programme, seed=1, time_limit=0, rules=[]))

    page = client.get(f"/en/p/820885/plan/runs/{run.pk}/")

    assert page.status_code == 200
    assert "Timed out (grouping)" in page.text
    assert "The planner ran out of time" in page.text
    assert "The planner found no grouping within the time limit: allow it more time." in page.text
    assert "Nothing is proven: a plan may exist. Plan again with a longer time limit." in page.text
    assert "Why no plan exists" not in page.text
    assert "data-refresh-seconds" not in page.text


def test_a_failed_run_shows_its_reason_on_its_page(client, coordinator, programme):
    client.force_login(coordinator)
    run = PlanRun.objects.create(
        programme=programme, seed=1, time_limit=5, rules=[{"kind": "bogus", "city": "cesena", "other": "riga"}]
    )
    run_planner.enqueue(run.pk)

    page = client.get(f"/en/p/820885/plan/runs/{run.pk}/")

    assert page.status_code == 200
    assert "The planner failed" in page.text
    assert "The planner stopped with an error: ValueError: &#x27;bogus&#x27; is not a valid RuleKind" in page.text
    assert "Why no plan exists" not in page.text
    assert "data-refresh-seconds" not in page.text


# Four cities that love theme A, two of them Italian: two communities of A, one Italian in each, 5 + 5 +
# 5 + 5 = 20. Kept together, the Italians cost 3, which the grouping's bound does not count: 17 against 20.
SHORT_OF_THE_BOUND = """
programme: {code: "T2", acronym: TWO, title: Two Italians, start: 2025-01, duration_months: 24, total_cost: "0.00"}
themes: [{id: A, title: Welcome}, {id: B, title: Work}]
organisations:
  - {id: hub, name: Hub, kind: network, role: coordinator, country: BE}
  - {id: rome, name: Rome, kind: city, role: partner, country: IT, interests: {A: 5, B: 0},
     city: {name: Rome, lat: 41.9, lon: 12.5}}
  - {id: milan, name: Milan, kind: city, role: partner, country: IT, interests: {A: 5, B: 0},
     city: {name: Milan, lat: 45.5, lon: 9.2}}
  - {id: seville, name: Seville, kind: city, role: partner, country: ES, interests: {A: 5, B: 0},
     city: {name: Seville, lat: 37.4, lon: -6.0}}
  - {id: quito, name: Quito, kind: city, role: partner, country: EC, interests: {A: 5, B: 0},
     city: {name: Quito, lat: -0.2, lon: -78.5}}
planning: {community_size: 2}
"""


def test_a_plan_short_of_its_bound_is_not_called_optimal_and_says_why(client, plan, db):
    programme = load_programme_file(read_programme_file(SHORT_OF_THE_BOUND).document).programme
    rome, milan = Organisation.objects.get(key="rome"), Organisation.objects.get(key="milan")
    PlanRule.objects.create(programme=programme, kind="together", city=rome, other_city=milan)
    coordinator = make_member("hub-coordinator", "hub", Role.COORDINATOR, programme=programme)
    client.force_login(coordinator)

    run = plan("T2")
    page = client.get(f"/en/p/T2/plan/runs/{run.pk}/")

    run.refresh_from_db()
    assert (run.status, run.best_objective, run.best_bound, run.result["optimal"]) == ("done", 17, 20, False)
    assert "This plan is proven optimal" not in page.text
    assert "This plan is not proven optimal: no plan can score more than 20, and this one is within 15.0% of it." in (
        page.text
    )
    assert (
        "The communities of theme A keep more cities of one country together than the bound counts (a shared "
        "working language or a pin or ban required it): the plan may be the best possible, but it is not proven."
    ) in page.text


def test_the_plan_explains_itself_in_the_readers_language(client, accepted_plan, coordinator, cesena_staff):
    client.force_login(coordinator)
    cesena = CommunityMember.objects.get(organisation__key="cesena")
    pair = ExchangePair.objects.get(cities__key="cesena")

    run_page = client.get(f"/it/p/820885/plan/runs/{accepted_plan.pk}/")
    client.force_login(cesena_staff)
    city_page = client.get("/it/p/820885/plan/")

    assert cesena.why == {
        "text": "theme %(theme)s is among its highest interests (%(interest)d of 5); contributes %(interest)d to the "
        "objective",
        "params": {"theme": "B", "interest": 5, "best": 5},
    }
    assert pair.why[0] == {
        "text": "%(strong)s is strong where %(weak)s is weak in theme %(theme)s",
        "params": {"strong": "Cesena", "weak": "Toulouse", "theme": "A"},
    }
    with translation.override("en"):
        assert explain(pair.why) == (
            "Cesena is strong where Toulouse is weak in theme A; Cesena is strong where Toulouse is weak in theme D"
        )
    assert "il tema B è tra i suoi interessi più alti (5 su 5); apporta 5 all&#x27;obiettivo" in run_page.text
    assert "Cesena è forte dove Toulouse è debole nel tema A" in run_page.text
    assert "il tema B è tra i suoi interessi più alti (5 su 5); apporta 5 all&#x27;obiettivo" in city_page.text
    assert "among its highest interests" not in run_page.text + city_page.text


def test_the_coordinators_page_shows_the_preparation_months_and_the_first_day_open(client, coordinator, programme):
    programme.preparation_months = 2
    programme.save(update_fields=["preparation_months"])
    client.force_login(coordinator)

    response = client.get("/en/p/820885/plan/")

    # VALUES starts in February 2019: with two preparation months, month 3 begins on 1 April 2019.
    assert response.status_code == 200
    assert (
        '<p class="preparation">Preparation months: 2. No visit or exchange starts before April 1, 2019.</p>'
        in response.text
    )


def test_without_preparation_months_the_page_says_nothing_of_them(client, coordinator, programme):
    programme.preparation_months = 0
    programme.save(update_fields=["preparation_months"])
    client.force_login(coordinator)

    response = client.get("/en/p/820885/plan/")

    assert "Preparation months" not in response.text
