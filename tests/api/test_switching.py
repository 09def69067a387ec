"""Switching activities to another mode through the API, as the coordinator's switch page (the same services):
the preview with its version as the ETag, the switch naming it (If-Match: 428 without, 412 with the new preview
when the activities changed since), and a bad choice named by its parameter or field.

The accepted plan of VALUES (seed 1, tests/conftest.py) is moved so that 28 February 2020 is today, as in
tests/activities/test_switching.py, whose table gives from 9 March to 13 April 2020: the visits of Toulouse (9 Mar),
Terrassa (16 Mar) and Turin (23 Mar), the exchanges hosted by Nuremberg (30 Mar), Sheffield (6 Apr) and Toulouse
(13 Apr); Madrid's visit (2 Mar) is before, Riga's exchange (20 Apr) after.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from values.activities.enums import Mode
from values.activities.models import Activity
from values.programme.models import Programme

from .conftest import token_client

pytestmark = pytest.mark.django_db

ADDRESS = "/api/v1/programmes/820885/activities/switch/"
EVE = date(2020, 2, 28)
SIX = {("visit", "toulouse"), ("visit", "terrassa"), ("visit", "turin"),
       ("exchange", "nuremberg"), ("exchange", "sheffield"), ("exchange", "toulouse")}  # fmt: skip


@pytest.fixture
def shift(programme, accepted_plan) -> timedelta:
    """The plan (and the programme, a month longer at each end) moved so that 28 February 2020 is today."""
    shift = timezone.localdate() - EVE
    for row in Activity.objects.all():
        Activity.objects.filter(pk=row.pk).update(start=row.start + shift, end=row.end + shift)
    moved = (programme.start + shift).replace(day=1)
    Programme.objects.filter(pk=programme.pk).update(start=moved, duration_months=programme.duration_months + 2)
    return shift


@pytest.fixture
def api(coordinator):
    return token_client(coordinator)


def choice(shift: timedelta, **changes) -> dict:
    first, last = date(2020, 3, 9) + shift, date(2020, 4, 13) + shift
    return {"mode": "online", "from": first.isoformat(), "to": last.isoformat()} | changes


def preview(api, shift: timedelta, **changes):
    return api.get(f"{ADDRESS}?{urlencode(choice(shift, **changes))}")


def named(items: list[dict]) -> set[tuple[str, str]]:
    kinds = dict(Activity.objects.values_list("pk", "kind"))
    return {(kinds[item["id"]], item["host"]["key"]) for item in items}


def online_now() -> set[tuple[str, str]]:
    return set(Activity.objects.exclude(mode=Mode.IN_PERSON).values_list("kind", "host__key"))


def go_online(kind: str, host: str) -> None:
    """As the host's staff moving their own activity online meanwhile."""
    Activity.objects.filter(kind=kind, host__key=host).update(mode=Mode.ONLINE, video_link="https://meet.example.org")


def test_the_preview_names_what_would_switch_with_its_etag_and_changes_nothing(api, shift):
    answer = preview(api, shift)

    assert answer.status_code == 200
    assert named(answer.json()["to_switch"]) == SIX
    assert answer.json()["kept"] == []
    assert answer["ETag"] == f'"{answer.json()["version"]}"'
    assert online_now() == set()


def test_the_switch_of_the_preview_switches_it(api, shift):
    tag = preview(api, shift)["ETag"]

    done = api.post(ADDRESS, choice(shift), headers={"If-Match": tag})

    assert done.status_code == 200
    assert named(done.json()["switched"]) == SIX
    assert {item["mode"] for item in done.json()["switched"]} == {"online"}
    assert online_now() == SIX
    # Subscribed calendars replace each event: its SEQUENCE raised once.
    assert set(Activity.objects.filter(sequence=1).values_list("kind", "host__key")) == SIX


def test_an_activity_already_online_is_kept_with_the_reason(api, shift):
    go_online("visit", "toulouse")

    answer = preview(api, shift)

    assert named(answer.json()["to_switch"]) == SIX - {("visit", "toulouse")}
    assert [(item["host"]["key"], item["reason"]) for item in answer.json()["kept"]] == [
        ("toulouse", "It is online already.")
    ]


def test_a_switch_without_the_preview_version_is_428_and_switches_nothing(api, shift):
    answer = api.post(ADDRESS, choice(shift))

    assert answer.status_code == 428
    assert online_now() == set()


def test_a_preview_overtaken_by_a_change_is_412_with_the_new_preview(api, shift):
    tag = preview(api, shift)["ETag"]
    go_online("visit", "toulouse")

    answer = api.post(ADDRESS, choice(shift), headers={"If-Match": tag})

    assert answer.status_code == 412
    current = answer.json()["current"]
    assert named(current["to_switch"]) == SIX - {("visit", "toulouse")}
    assert [item["reason"] for item in current["kept"]] == ["It is online already."]
    assert answer["ETag"] == f'"{current["version"]}"' != tag
    assert online_now() == {("visit", "toulouse")}


def test_a_switch_that_changes_nothing_is_refused(api, shift):
    # 10 to 12 March: nothing starts (Toulouse's visit on the 9th, Terrassa's on the 16th).
    empty = choice(shift, **{"from": (date(2020, 3, 10) + shift).isoformat(), "to": (date(2020, 3, 12) + shift)
                             .isoformat()})  # fmt: skip
    tag = api.get(f"{ADDRESS}?{urlencode(empty)}")["ETag"]

    answer = api.post(ADDRESS, empty, headers={"If-Match": tag})

    assert answer.status_code == 422
    assert answer.json()["detail"] == "No activity would change: nothing was switched."


@pytest.mark.parametrize(
    ("changes", "parameter", "detail"),
    [
        ({"to": "2020-01-01"}, "to", "The last day is before the first day."),
        ({"theme": "Z"}, "theme", "Theme: choose one of the programme's themes."),
        ({"city": "atlantis"}, "city", "City: choose one of the programme's partner cities."),
        ({"mode": "teleport"}, "mode", None),
        ({"from": "the ides of March"}, "from", None),
    ],
)
def test_a_bad_choice_is_named_by_its_parameter(api, shift, changes, parameter, detail):
    answer = preview(api, shift, **changes)

    assert answer.status_code == 422
    assert [error["parameter"] for error in answer.json()["errors"]] == [parameter]
    if detail:
        assert answer.json()["errors"][0]["detail"] == detail


def test_a_bad_choice_in_a_switch_is_named_by_its_field_and_switches_nothing(api, shift):
    answer = api.post(ADDRESS, choice(shift, to="2020-01-01"), headers={"If-Match": '"any"'})

    assert answer.status_code == 422
    assert [(e["pointer"], e["detail"]) for e in answer.json()["errors"]] == [
        ("#/to", "The last day is before the first day.")
    ]
    assert online_now() == set()


def test_only_the_coordinator_switches(shift, cesena_staff, anonymous_api):
    staff = token_client(cesena_staff)

    assert preview(staff, shift).status_code == 403
    assert staff.post(ADDRESS, choice(shift), headers={"If-Match": '"any"'}).status_code == 403
    assert preview(anonymous_api, shift).status_code == 401
    assert online_now() == set()
