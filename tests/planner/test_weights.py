"""The country weight of the programme file is the planner's: what an extra city of one country costs."""

from dataclasses import replace
from datetime import date

import pytest

from values.planner import City, Facilitator, Instance, Plan, plan_programme
from values.planner.calendar import programme_weeks
from values.planner.checker import violations

pytestmark = pytest.mark.unit


def _city(city_id: str, country: str, a: int, b: int) -> City:
    return City(city_id, city_id.capitalize(), country, frozenset({"en"}), {"A": a, "B": b})


# Two Italian cities love theme A; a Spanish and a French one like A (4) a little less than B (5).
# Italians together in A and the others in B: 5 + 5 + 5 + 5 = 20, less the weight of one extra Italian.
# Everybody in A, two communities with one Italian each: 5 + 4 + 5 + 4 = 18, nothing to take off.
CITIES = (
    _city("rome", "IT", 5, 0),
    _city("milan", "IT", 5, 0),
    _city("seville", "ES", 4, 5),
    _city("lyon", "FR", 4, 5),
)
INSTANCE = Instance(
    cities=CITIES,
    themes=("A", "B"),
    weeks=programme_weeks(date(2025, 1, 1), 24),
    facilitators=(Facilitator("coordinator", "Coordinator", attends_every_visit=True),),
    community_size=2,
)


def _groups(plan: Plan) -> list[tuple[str, list[str]]]:
    return sorted((c.theme, sorted(c.members)) for c in plan.communities)


@pytest.mark.parametrize(
    ("weight", "objective", "groups"),
    [
        (0, 20, [("A", ["milan", "rome"]), ("B", ["lyon", "seville"])]),
        (1, 19, [("A", ["milan", "rome"]), ("B", ["lyon", "seville"])]),
        (3, 18, [("A", ["lyon", "rome"]), ("A", ["milan", "seville"])]),
    ],
)
def test_the_country_weight_decides_whether_two_italians_share_a_community(weight, objective, groups):
    instance = replace(INSTANCE, country_weight=weight)

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    assert isinstance(plan, Plan), plan
    assert (plan.objective, plan.bound, plan.optimal) == (objective, objective, True)
    assert _groups(plan) == groups
    assert violations(instance, plan) == []
