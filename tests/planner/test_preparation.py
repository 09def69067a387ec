"""The preparation months: the programme's opening months are left to kick-off and needs analysis, closed to
every activity, never relaxed; the checker and the explanations know them (dates checked by hand)."""

from dataclasses import replace
from datetime import date

import pytest

from tests.planner.english import in_english
from values.planner import City, Facilitator, Infeasible, Instance, Plan, plan_programme
from values.planner.calendar import opening_day, opening_week, programme_weeks
from values.planner.checker import violations
from values.planner.model import ActivityKind

pytestmark = pytest.mark.unit

COORDINATOR = Facilitator(id="coordinator", name="Coordinator", attends_every_visit=True)


def _city(city_id: str, country: str, a: int, b: int, **options) -> City:
    return City(
        id=city_id,
        name=city_id.capitalize(),
        country=country,
        languages=frozenset({"en"}),
        interests={"A": a, "B": b},
        **options,
    )


CITIES = (_city("cesena", "IT", 5, 1), _city("riga", "LV", 1, 5), _city("oslo", "NO", 4, 2), _city("brno", "CZ", 2, 4))


def _instance(months: int, preparation_months: int, cities: tuple[City, ...] = CITIES) -> Instance:
    return Instance(
        cities=cities,
        themes=("A", "B"),
        weeks=programme_weeks(date(2019, 2, 1), months),
        facilitators=(COORDINATOR,),
        community_size=4,
        preparation_months=preparation_months,
    )


def test_two_preparation_months_from_february_2019_open_the_programme_on_monday_1_april():
    # Month 1 is February 2019 (its first Monday the 4th), month 3 April: 1 April 2019 is a Monday, the 9th
    # week (4, 11, 18, 25 February; 4, 11, 18, 25 March before it).
    weeks = programme_weeks(date(2019, 2, 1), 24)

    assert (opening_day(weeks, 2), opening_week(weeks, 2), weeks[8]) == (date(2019, 4, 1), 8, date(2019, 4, 1))


def test_a_month_that_starts_midweek_opens_on_its_first_monday():
    # One month from February 2025: 1 March 2025 is a Saturday, so the first open week starts on Monday 3 March;
    # February's weeks (3, 10, 17, 24) are the four before it.
    weeks = programme_weeks(date(2025, 2, 1), 12)

    assert (opening_week(weeks, 1), weeks[opening_week(weeks, 1)]) == (4, date(2025, 3, 3))


def test_no_preparation_months_open_the_first_week():
    weeks = programme_weeks(date(2019, 2, 1), 24)

    assert opening_week(weeks, 0) == 0


def test_the_planner_starts_no_activity_before_month_3():
    instance = _instance(12, 2)

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert violations(instance, plan) == []
    assert min(activity.start for activity in plan.activities) >= date(2019, 4, 1)
    assert min(activity.week for activity in plan.activities) >= 8
    assert len(plan.activities) == 8  # 4 visits and 4 exchanges, all after the preparation


def test_the_checker_flags_an_activity_placed_in_month_1():
    instance = _instance(12, 2)
    plan = plan_programme(instance, seed=0, time_limit=5.0)
    assert isinstance(plan, Plan), plan
    visit = next(a for a in plan.activities if a.kind == ActivityKind.VISIT)
    moved = replace(visit, week=0, start=date(2019, 2, 4), end=date(2019, 2, 5))
    early = replace(plan, activities=tuple(moved if a is visit else a for a in plan.activities))

    problems = [p for p in violations(instance, early) if "preparation" in p]

    assert problems == [f"an activity at {visit.host} starts on 2019-02-04, in the preparation months (month 1 of 2)"]


def test_the_checker_accepts_the_same_plan_without_preparation_months():
    instance = _instance(12, 2)
    plan = plan_programme(instance, seed=0, time_limit=5.0)
    assert isinstance(plan, Plan), plan

    assert violations(replace(instance, preparation_months=0), plan) == []


def test_preparation_months_that_leave_too_few_weeks_are_named_for_every_city():
    # Three months from February 2019, two of them preparation: April's weeks of 1, 8, 15 and 22 remain (the
    # week of the 29th ends in May), 4 of the 12. Each city takes part in 4 visits and 2 exchanges.
    instance = _instance(3, 2)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        tuple(
            f"{name} takes part in activities (6), one a week, but the preparation months (2, no activity before "
            "2019-04-01), the blackout periods and unavailable weeks leave only 4 of the programme's weeks (12)."
            for name in ("Brno", "Cesena", "Oslo", "Riga")
        )
    )


def test_the_same_programme_without_preparation_months_has_a_plan():
    instance = _instance(3, 0)

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert violations(instance, plan) == []


def test_a_schedule_that_only_the_preparation_months_prevent_is_explained_not_relaxed():
    # Four months from February 2019 (17 weeks: 0-3 February, 4-7 March, 8-12 April, 13-16 May); weeks 0-7 are
    # the preparation. Each city keeps the 6 weeks its activities need, but only weeks 9 and 13 are free for all
    # four, too few for their 4 visits. Without the preparation months weeks 0-7 are free for all as well.
    cities = (
        replace(CITIES[0], unavailable_weeks=frozenset({8, 10, 11})),
        replace(CITIES[1], unavailable_weeks=frozenset({12, 14, 15})),
        replace(CITIES[2], unavailable_weeks=frozenset({16})),
        CITIES[3],
    )
    instance = _instance(4, 2, cities)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        (
            "No schedule exists: the weeks that cities or facilitators marked unavailable leave no schedule.",
            "No schedule exists: the preparation months (2, no activity before 2019-04-01) leave too few weeks for "
            "every city's visits and exchanges; with fewer of them there would be a schedule.",
        )
    )


def test_preparation_months_that_leave_no_week_are_said_before_solving():
    instance = _instance(3, 3)

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        ("The preparation months (3) leave no week of the programme (12) to schedule in.",)
    )
