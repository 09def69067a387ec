"""The planner's input from a programme file: the planning section's weights reach the planner."""

import io
from dataclasses import replace
from datetime import date

import pytest
from ruamel.yaml import YAML

from tests.planner.english import in_english
from values.planner import Infeasible, Plan, plan_programme
from values.planner.checker import violations
from values.planning.instances import planning_instance
from values.programme.programme_file import read_programme_file
from values.programme.queries import programme_as_file
from values.programme.services import load_programme_file

pytestmark = pytest.mark.unit


def test_the_country_weight_and_score_scale_of_the_file_are_the_planners(values_file):
    text = values_file.read_text(encoding="utf-8").replace(
        "  exchange_days: 5\n", "  exchange_days: 5\n  country_weight: 5\n  score_scale: [1, 4]\n"
    )

    instance = planning_instance(read_programme_file(text).document)

    assert (instance.country_weight, instance.score_scale) == (5, (1, 4))


def test_without_them_the_planner_keeps_its_defaults(values_file):
    instance = planning_instance(read_programme_file(values_file.read_bytes()).document)

    assert (instance.country_weight, instance.score_scale) == (3, (0, 5))


def test_two_preparation_months_open_the_planner_on_monday_1_april_2019(values_file):
    document = read_programme_file(values_file.read_bytes()).document
    document = replace(document, planning=replace(document.planning, preparation_months=2))

    instance = planning_instance(document)

    # VALUES starts on 1 February 2019: February and March are the preparation, the first open week is that of
    # Monday 1 April 2019: week 8, counting from 0 at Monday 4 February 2019, the first Monday of the programme.
    assert (instance.preparation_months, instance.opening_week, instance.weeks[instance.opening_week]) == (
        2,
        8,
        date(2019, 4, 1),
    )


def _small_programme_file(preparation_months: int, *, duration_months: int = 12, blackout: list | None = None) -> str:
    """Four cities in two themes from February 2019 (a year unless told), with the preparation months given."""
    cities = [("cesena", "IT", 5, 1), ("riga", "LV", 1, 5), ("oslo", "NO", 4, 2), ("brno", "CZ", 2, 4)]
    organisations = [{"id": "hub", "name": "Hub", "kind": "network", "role": "coordinator", "country": "BE"}]
    organisations += [
        {
            "id": key,
            "name": key.capitalize(),
            "kind": "city",
            "role": "partner",
            "country": country,
            "city": {"name": key.capitalize(), "lat": 45.0, "lon": 10.0, "languages": ["en"]},
            "interests": {"A": a, "B": b},
        }
        for key, country, a, b in cities
    ]
    data = {
        "programme": {
            "code": "PREP",
            "acronym": "PREP",
            "title": "Preparation test",
            "start": "2019-02",
            "duration_months": duration_months,
            "total_cost": "1000.00",
            "languages": ["en"],
        },
        "themes": [{"id": "A", "title": "Welcome"}, {"id": "B", "title": "Volunteering"}],
        "organisations": organisations,
        "planning": {"community_size": 4, "blackout": blackout or [], "preparation_months": preparation_months},
    }
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


@pytest.mark.django_db
def test_a_loaded_programme_with_two_preparation_months_is_planned_from_monday_1_april_2019():
    document = read_programme_file(_small_programme_file(2)).document
    programme = load_programme_file(document).programme
    instance = planning_instance(programme_as_file(programme))

    plan = plan_programme(instance, seed=0, time_limit=5.0)

    # 1 April 2019, the first day of month 3, is a Monday: no activity may start before it.
    assert programme.preparation_months == 2
    assert isinstance(plan, Plan), plan
    assert violations(instance, plan) == []
    assert min(activity.start for activity in plan.activities) >= date(2019, 4, 1)
    assert len(plan.activities) == 8


@pytest.mark.django_db
def test_a_loaded_programme_whose_preparation_leaves_too_few_weeks_is_explained_in_words():
    # February to May 2019, February and March the preparation, May a blackout: April's weeks of 1, 8, 15 and
    # 22 remain (the week of the 29th reaches into May), 4 of the 17, for each city's 4 visits and 2 exchanges.
    document = read_programme_file(_small_programme_file(2, duration_months=4, blackout=["05"])).document
    programme = load_programme_file(document).programme
    instance = planning_instance(programme_as_file(programme))

    result = plan_programme(instance, seed=0, time_limit=5.0)

    assert in_english(result) == Infeasible(
        tuple(
            f"{name} takes part in activities (6), one a week, but the preparation months (2, no activity before "
            "2019-04-01), the blackout periods and unavailable weeks leave only 4 of the programme's weeks (17)."
            for name in ("Brno", "Cesena", "Oslo", "Riga")
        )
    )
