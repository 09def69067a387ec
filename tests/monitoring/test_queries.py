"""The figures of a small programme built by hand (tests/monitoring/world.py), each computed by hand below."""

from decimal import Decimal

import pytest

from tests.conftest import make_member
from tests.monitoring.world import TODAY, build
from values.monitoring.queries import LATE, ON_TRACK, REACHED, UNDER_SPENDING, programme_monitoring
from values.network.enums import Role
from values.volunteering.indicators import programme_indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return build()


@pytest.fixture
def coordinator_view(programme):
    from values.network.models import User

    return programme_monitoring(programme, user=User.objects.get(username="mon-coordinator"), today=TODAY)


def _by_key(monitoring):
    return {indicator.key: indicator for indicator in monitoring.indicators}


def _actuals(indicator):
    return [point.actual for point in indicator.points]


def _expected(indicator):
    return [point.expected for point in indicator.points]


def test_the_quarters_are_the_programmes_and_the_second_is_judged(coordinator_view):
    quarters = [(q.label, q.first.isoformat(), q.last.isoformat()) for q in coordinator_view.quarters]

    assert quarters == [
        ("Q1", "2020-01-01", "2020-03-31"), ("Q2", "2020-04-01", "2020-06-30"),
        ("Q3", "2020-07-01", "2020-09-30"), ("Q4", "2020-10-01", "2020-12-31"),
    ]  # fmt: skip
    assert coordinator_view.judged.label == "Q2"


def test_visits_held_against_the_accepted_plan(coordinator_view):
    visits = _by_key(coordinator_view)["visits_held"]

    # Held: Alpha's (14 Feb, Q1) and Beta's, postponed to 10 July (Q3); Gamma's (12 June) had nobody marked present.
    assert _actuals(visits) == [1, 1, 2, None]
    # The plan ends visits on 14 Feb, 15 May, 12 June, 16 Oct.
    assert _expected(visits) == [1, 3, 3, 4]
    assert [point.state for point in visits.points] == [ON_TRACK, LATE, "", ""]
    assert (visits.state, visits.flag) == (LATE, "Late: 1 by the end of Q2, 2 short of the 3 expected.")
    assert (visits.now, visits.target, visits.share) == (2, 4, Decimal("0.5000"))


def test_exchanges_done_against_the_accepted_plan(coordinator_view):
    exchanges = _by_key(coordinator_view)["exchanges_done"]

    # Beta receives Alpha on 20 March, Alpha receives Beta on 24 April; the plan's next ends 18 Sept and 20 Nov.
    assert (_actuals(exchanges), _expected(exchanges)) == ([1, 2, 2, None], [1, 2, 3, 4])
    assert (exchanges.state, exchanges.flag) == (ON_TRACK, "On track: 2 by the end of Q2, 2 expected.")


def test_participants_each_once_and_by_role(coordinator_view):
    indicators = _by_key(coordinator_view)

    # Present by Q1: p1, p2, p3 (Alpha's visit), p1 again and p5 (March exchange) = 4 people; Q2 adds p6 (April);
    # Q3 adds p7 (Beta's visit). p4 was absent; p1 at Gamma's visit was never recorded.
    assert _actuals(indicators["participants"]) == [4, 5, 6, None]
    # City staff: p1, p2; then p7 in Q3. Volunteer leaders: p3, p5. p6 has no role.
    assert _actuals(indicators["participants_city_staff"]) == [2, 2, 3, None]
    assert _actuals(indicators["participants_volunteer_leaders"]) == [2, 2, 2, None]
    # Straight lines: 12 × 3/12 = 3 a quarter; 8 → 2 a quarter; 4 → 1 a quarter.
    assert _expected(indicators["participants"]) == [3, 6, 9, 12]
    assert indicators["participants"].flag == "Late: 5 by the end of Q2, 1 short of the 6 expected."
    assert indicators["participants_city_staff"].flag == "Late: 2 by the end of Q2, 2 short of the 4 expected."
    assert indicators["participants_volunteer_leaders"].state == ON_TRACK


def test_reports_practices_toolkits_and_volunteers_by_their_dates(coordinator_view):
    indicators = _by_key(coordinator_view)

    # Reports accepted 25 March, 5 May, 20 July (one only submitted); 8 → 2 a quarter.
    assert (_actuals(indicators["reports_accepted"]), indicators["reports_accepted"].state) == ([1, 2, 3, None], LATE)
    # Practices published 20 Jan, 10 Feb, 1 Apr, 30 June at 23:30 (still Q2 in Brussels), 1 July at 00:30.
    assert _actuals(indicators["practices_published"]) == [2, 4, 5, None]
    assert indicators["practices_published"].state == ON_TRACK
    # The programme's toolkit from its Italian edition (2 March), theme A's (1 August); B's failed. Target 2: reached.
    assert _actuals(indicators["toolkits_published"]) == [1, 1, 2, None]
    assert (indicators["toolkits_published"].state, indicators["toolkits_published"].flag) == (
        REACHED, "Target reached: 2 of 2.")  # fmt: skip
    # Volunteers engaged: v1 (1 Feb, once), v2 (2 May), v4 (3 July, when made); v3 only applied. 20 → 5 a quarter.
    assert _actuals(indicators["volunteers_engaged"]) == [1, 2, 3, None]
    assert indicators["volunteers_engaged"].flag == "Late: 2 by the end of Q2, 8 short of the 10 expected."


def test_volunteers_engaged_agree_with_volunteerings_own_count(programme, coordinator_view):
    engaged = programme_indicators(programme, today=TODAY).total.engaged

    assert _by_key(coordinator_view)["volunteers_engaged"].now == engaged == 3


def test_action_plans_have_no_date_so_only_todays_count_is_judged(coordinator_view):
    plans = _by_key(coordinator_view)["action_plans_adopted"]

    # Alpha's adopted, Beta's in review: 1 today, shown in the running quarter; 4 → 1 a quarter, 2 by Q2's end.
    assert (_actuals(plans), _expected(plans)) == ([None, None, 1, None], [1, 2, 3, 4])
    assert plans.flag == (
        "Late: 1 by the end of Q2, 1 short of the 2 expected. Adoptions are not dated: today's count is compared."
    )


def test_spending_rates_per_partner_with_the_flat_rate(coordinator_view):
    spending = {indicator.name: indicator for indicator in coordinator_view.spending}

    alpha = spending["Spending rate: City of Alpha"]
    # Alpha: 100.00 by Q1 + 7 % = 107.00 of 1000.00; 300.00 by Q2 → 321.00; 350.00 by Q3 → 374.50.
    assert _actuals(alpha) == [Decimal("0.1070"), Decimal("0.3210"), Decimal("0.3745"), None]
    # 100 % by the end in a straight line: 25 %, 50 %, 75 %, 100 %.
    assert _expected(alpha) == [Decimal("0.2500"), Decimal("0.5000"), Decimal("0.7500"), Decimal("1.0000")]
    # Q1: 10.7 % is not more than 15 points below 25 %; Q2: 32.1 % is below 35 %.
    assert [point.state for point in alpha.points] == [ON_TRACK, UNDER_SPENDING, "", ""]
    assert alpha.flag == ("Under-spending: 32.1% spent by the end of Q2, more than 15.0% below the 50.0% expected.")
    # Beta: 900.00 + 63.00 = 963.00 of 2000.00 from March on.
    assert (_actuals(spending["Spending rate: City of Beta"])[:3], spending["Spending rate: City of Beta"].state) == (
        [Decimal("0.4815")] * 3, ON_TRACK)  # fmt: skip
    assert spending["Spending rate: City of Gamma"].flag == "No budget is given for this partner."
    assert list(spending) == [f"Spending rate: {name}" for name in
                              ("Hub", "City of Alpha", "City of Beta", "City of Gamma", "City of Delta")]  # fmt: skip


def test_city_staff_see_their_own_partners_spending_only(programme):
    alpha_staff = make_member("mon-alpha-reader", "alpha", Role.CITY_STAFF, programme)

    monitoring = programme_monitoring(programme, user=alpha_staff, today=TODAY)

    assert [indicator.name for indicator in monitoring.spending] == ["Spending rate: City of Alpha"]


def test_nothing_is_judged_before_a_quarter_ends(programme):
    from datetime import date

    from values.network.models import User

    monitoring = programme_monitoring(programme, user=User.objects.get(username="mon-coordinator"),
                                      today=date(2020, 3, 31))  # fmt: skip

    visits = _by_key(monitoring)["visits_held"]
    assert monitoring.judged is None
    assert (visits.state, visits.flag) == ("", "Too early to judge: no quarter has ended yet.")
    # On 31 March only Q1 has begun: Alpha's visit (14 Feb) counts.
    assert _actuals(visits) == [1, None, None, None]
