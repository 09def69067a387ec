"""Accepting a finished run makes its communities, pairs, visits and exchanges; the current ones are replaced
only while none of their visits and exchanges holds anything a new plan would lose."""

from decimal import Decimal

import pytest

from tests.activities.test_services import add_session, at, change_details, nominate, planned_run
from values.activities.models import Activity, Exchange, Visit
from values.activities.services import record_minutes
from values.finance.models import Expense
from values.planning.models import PlanRun
from values.planning.services import PlanNotAcceptable, accept_plan_run
from values.programme.models import Community

pytestmark = pytest.mark.django_db

IN_USE = (
    "The current plan's visits and exchanges already have agendas, participants, minutes or expenses; "
    "a new plan would delete them. Change the dates of single activities instead."
)


@pytest.fixture
def plan(accepted_plan) -> PlanRun:
    return accepted_plan


@pytest.fixture
def visit(accepted_plan) -> Visit:
    """Cesena's mentoring visit."""
    return Visit.objects.get(host__key="cesena")


def plan_contents() -> tuple[list, list, list]:
    return (
        list(Community.objects.order_by("pk").values_list("pk", "key")),
        list(Visit.objects.order_by("pk").values_list("pk", "host__key", "start")),
        list(Exchange.objects.order_by("pk").values_list("pk", "host__key", "start")),
    )


def give_a_session(activity: Activity, _user) -> None:
    add_session(activity, "Welcome", at(activity.start, 10), at(activity.start, 11))


def give_a_participant(activity: Activity, user) -> None:
    nominate(activity, user, "cesena", by=user)


def give_minutes(activity: Activity, _user) -> None:
    record_minutes(activity, minutes="We met.", outcomes="")


def give_outcomes(activity: Activity, _user) -> None:
    record_minutes(activity, minutes="", outcomes="A volunteer card.")


def give_an_expense(activity: Activity, user) -> None:
    # A booked expense would lose its visit: the plan's activities are deleted, the expense's link set to null.
    Expense.objects.create(
        partner=activity.programme.partners.get(organisation__key="cesena"), spent_on=activity.start,
        category="travel", activity=activity, amount=Decimal("120.00"), currency="EUR", rate=Decimal(1),
        amount_eur=Decimal("120.00"), description="Train to the visit", submitted_by=user,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("give", "held"),
    [
        (give_a_session, "1 session"),
        (give_a_participant, "1 participant"),
        (give_minutes, "minutes"),
        (give_outcomes, "outcomes"),
        (give_an_expense, "1 expense"),
    ],
)
def test_a_plan_whose_activities_are_in_use_is_not_replaced(programme, coordinator, visit, volunteer, give, held):
    give(visit, volunteer)
    before = plan_contents()
    run = planned_run(programme, seed=2)

    with pytest.raises(PlanNotAcceptable) as refused:
        accept_plan_run(run, by=coordinator)

    run.refresh_from_db()
    assert str(refused.value) == f"{IN_USE} In use: {visit} ({held})."
    assert plan_contents() == before
    assert run.accepted_at is None


def test_a_plan_whose_activities_are_untouched_is_replaced(programme, coordinator, plan, visit):
    change_details(visit, venue="Town hall")  # details are not content a new plan would lose
    old_visits = set(Visit.objects.values_list("pk", flat=True))
    run = planned_run(programme, seed=2)

    summary = accept_plan_run(run, by=coordinator)

    run.refresh_from_db()
    assert (summary.communities, summary.visits, summary.exchanges) == (4, 16, 16)
    assert set(Community.objects.values_list("key", flat=True)) == {c["id"] for c in run.result["communities"]}
    assert (Activity.objects.count(), Visit.objects.count(), Exchange.objects.count()) == (32, 16, 16)
    assert set(Visit.objects.values_list("pk", flat=True)) & old_visits == set()
    assert run.accepted_at is not None


def test_a_plan_that_has_not_run_cannot_be_accepted(programme, coordinator):
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=5, rules=[])

    with pytest.raises(PlanNotAcceptable) as refused:
        accept_plan_run(run, by=coordinator)

    assert str(refused.value) == "Only a finished plan can be accepted."
    assert Community.objects.count() == 0


def test_the_refusal_lists_everything_each_activity_holds(programme, coordinator, visit, volunteer):
    add_session(visit, "Welcome", at(visit.start, 10), at(visit.start, 11))
    add_session(visit, "Walk", at(visit.start, 14), at(visit.start, 15))
    record_minutes(visit, minutes="We met.", outcomes="A volunteer card.")
    run = planned_run(programme, seed=2)

    with pytest.raises(PlanNotAcceptable) as refused:
        accept_plan_run(run, by=coordinator)

    assert str(refused.value).endswith(f"In use: {visit} (2 sessions, minutes, outcomes).")
