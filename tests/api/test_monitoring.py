"""The monitoring dashboard's figures through the API, for the small programme of tests/monitoring/world.py (its
counts are worked out by hand there and in tests/monitoring/test_queries.py). Seen today, all four quarters of
2020 have ended, so Q4 is judged, as on the dashboard (tests/monitoring/test_views.py)."""

import pytest

from tests.conftest import make_member
from tests.monitoring.world import build
from values.network.enums import Role
from values.network.models import User

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db
ADDRESS = "/api/v1/programmes/MON1/monitoring/"


@pytest.fixture
def programme():
    return build()


@pytest.fixture
def coordinator_api(programme) -> ApiClient:
    return token_client(User.objects.get(username="mon-coordinator"), scope="read")


def _by_key(answer: dict) -> dict:
    return {indicator["key"]: indicator for indicator in answer["indicators"]}


def _column(indicator: dict, name: str) -> list:
    return [point[name] for point in indicator["points"]]


def test_the_quarters_and_the_judged_one(coordinator_api):
    answer = coordinator_api.get(ADDRESS).json()

    # Jan–Dec 2020 in quarters of three months; every one has ended, so the last is judged.
    assert [(q["label"], q["first"], q["last"]) for q in answer["quarters"]] == [
        ("Q1", "2020-01-01", "2020-03-31"), ("Q2", "2020-04-01", "2020-06-30"),
        ("Q3", "2020-07-01", "2020-09-30"), ("Q4", "2020-10-01", "2020-12-31"),
    ]  # fmt: skip
    assert (answer["judged"], answer["planned"]) == ("Q4", True)


def test_visits_held_against_the_plan_with_their_flag(coordinator_api):
    visits = _by_key(coordinator_api.get(ADDRESS).json())["visits_held"]

    # Held: Alpha's (14 Feb, Q1) and Beta's (postponed to 10 July, Q3). The plan ends visits on 14 Feb, 15 May,
    # 12 June and 16 Oct: 1, 3, 3, 4 expected. 2 of the target 4 is a share of 0.5.
    assert _column(visits, "expected") == [1, 3, 3, 4]
    assert _column(visits, "actual") == [1, 1, 2, 2]
    assert _column(visits, "state") == ["on track", "late", "late", "late"]
    assert (visits["target"], visits["now"], visits["share"], visits["state"]) == (4, 2, "0.5000", "late")
    assert visits["flag"] == "Late: 2 by the end of Q4, 2 short of the 4 expected."
    assert visits["name"] == "Mentoring visits held"


def test_every_indicator_of_the_targets_is_given(coordinator_api):
    answer = coordinator_api.get(ADDRESS).json()

    assert list(_by_key(answer)) == [
        "visits_held", "exchanges_done", "participants", "participants_city_staff",
        "participants_volunteer_leaders", "reports_accepted", "action_plans_adopted", "practices_published",
        "toolkits_published", "volunteers_engaged",
    ]  # fmt: skip
    # Action plans keep no date: today's count (Alpha's plan) stands in the last quarter only; 4 × 9/12 = 3 by Q3.
    plans = _by_key(answer)["action_plans_adopted"]
    assert (_column(plans, "expected"), _column(plans, "actual")) == ([1, 2, 3, 4], [None, None, None, 1])


def test_each_partners_spending_rate_as_decimal_text(coordinator_api):
    spending = coordinator_api.get(ADDRESS).json()["spending"]

    assert [s["partner"]["key"] for s in spending] == ["hub", "alpha", "beta", "gamma", "delta"]
    alpha = spending[1]
    # Alpha (budget 1000.00): 100.00 approved by Q1 + 7 % = 107.00; 300.00 by Q2 → 321.00; 350.00 from Q3 on →
    # 374.50. 100 % by the end in a straight line: 25 %, 50 %, 75 %, 100 %.
    assert _column(alpha, "actual") == ["0.1070", "0.3210", "0.3745", "0.3745"]
    assert _column(alpha, "expected") == ["0.2500", "0.5000", "0.7500", "1.0000"]
    # Q1: 10.7 % is within 15 points of 25 %; after, more than 15 points below.
    assert _column(alpha, "state") == ["on track", "under-spending", "under-spending", "under-spending"]
    assert (alpha["target"], alpha["now"], alpha["state"]) == ("1.0000", "0.3745", "under-spending")
    assert alpha["name"] == "Spending rate: City of Alpha"
    # Gamma has no budget: nothing to judge.
    assert (spending[3]["target"], spending[3]["now"], spending[3]["flag"]) == (
        None, None, "No budget is given for this partner.")  # fmt: skip


def test_city_staff_read_the_figures_and_only_their_own_spending(programme):
    staff = token_client(make_member("mon-alpha-staff", "alpha", Role.CITY_STAFF, programme))

    answer = staff.get(ADDRESS)

    assert answer.status_code == 200
    assert [s["partner"]["key"] for s in answer.json()["spending"]] == ["alpha"]
    assert _by_key(answer.json())["visits_held"]["now"] == 2


@pytest.mark.parametrize("username", ["mon-p3", "mon-p6"])  # a volunteer leader; a person with no role
def test_others_are_refused_and_nobody_is_asked_to_sign_in(programme, username, anonymous_api):
    refused = token_client(User.objects.get(username=username)).get(ADDRESS)
    nobody = anonymous_api.get(ADDRESS)

    assert (refused.status_code, refused["Content-Type"]) == (403, "application/problem+json")
    assert nobody.status_code == 401


def test_an_unknown_programme_is_not_found(coordinator_api):
    assert coordinator_api.get("/api/v1/programmes/NOPE/monitoring/").status_code == 404
