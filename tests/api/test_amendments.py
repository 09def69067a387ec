"""Amendments through the API, as the coordinator's amendment pages keep them (the same services): recorded with
their changes as data, refused naming the change (`#/changes/1/amount`), decided once (409 after), and the
programme file before and after read once approved. Budgets as tests/amendments/world.py gives them: Cesena
22,732.15 in all (20,458.94 EU), travel 10,000.00 and staff 8,000.00 planned; Riga 30,000.00 (27,000.00 EU),
staff 20,000.00; both at 7 % indirect costs."""

from datetime import date
from decimal import Decimal

import pytest

from tests.amendments.world import figures, give_budgets, move
from values.amendments.enums import AmendmentStatus
from values.amendments.models import Amendment
from values.amendments.services import record_amendment

from .conftest import token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885/amendments/"
REASON = "COVID-19: the visits of 2020 need more time."
CESENA_BEFORE = (Decimal("22732.15"), Decimal("20458.94"), Decimal("2273.21"),
                 {"travel": Decimal("10000.00"), "staff": Decimal("8000.00")})  # fmt: skip


@pytest.fixture
def api(coordinator):
    return token_client(coordinator)


@pytest.fixture
def budgets(programme):
    give_budgets(programme)


def body(*changes, **more) -> dict:
    return {"requested_on": "2020-05-04", "reason": REASON, "funder_reference": "AMIF/2020/017",
            "changes": list(changes)} | more  # fmt: skip


def recorded(programme, coordinator, *changes) -> Amendment:
    return record_amendment(programme, requested_on=date(2020, 5, 4), reason=REASON, funder_reference="",
                            changes=list(changes), by=coordinator, today=date(2020, 6, 1))  # fmt: skip


# -- recording -----------------------------------------------------------------------------------------------------
def test_an_amendment_is_recorded_with_its_changes_as_data_and_in_words(api, budgets, programme):
    answer = api.post(BASE, body(move("1000.00")))

    assert answer.status_code == 201
    assert answer["Location"] == f"http://testserver{BASE}1/"
    read = answer.json()
    assert (read["number"], read["status"], read["requested_on"]) == (1, "requested", "2020-05-04")
    assert read["changes"] == [move("1000.00")]
    assert read["described"] == [
        "€1,000.00 of direct costs move from City of Cesena (travel and subsistence) to City of Riga (staff)."
    ]
    assert (read["before_url"], read["after_url"]) == (None, None)
    # Nothing changes until the funder approves.
    assert figures(programme, "cesena") == CESENA_BEFORE


def test_refused_changes_are_named_by_their_place_in_the_body_and_nothing_is_recorded(api, budgets, programme):
    # The second moves 10,000.01 of Cesena's 10,000.00 of travel; the third names a partner that is none.
    changes = [move("1000.00", giver=("cesena", "staff")), move("10000.01"), move("5.00", taker=("atlantis", "staff"))]

    answer = api.post(BASE, body(*changes))

    assert answer.status_code == 422
    assert [(e["pointer"], e["detail"]) for e in answer.json()["errors"]] == [
        ("#/changes/1/amount", "City of Cesena has €10,000.00 left in this category to move (€10,000.00 planned, "
                               "€0.00 spent: spent money stays with who spent it)."),
        ("#/changes/2/to/partner", "Choose a partner of the programme that has a budget."),
    ]  # fmt: skip
    assert Amendment.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"kind": "teleport"}, "#/changes/0/kind"),
        ({"kind": "duration", "months": 0}, "#/changes/0/months"),
        ({"kind": "budget_move", "from": {"partner": "c" * 101}}, "#/changes/0/from/partner"),
        ({"kind": "budget_move", "amount": ["1000"]}, "#/changes/0/amount"),
    ],
)
def test_a_malformed_change_is_refused_naming_it(api, budgets, change, pointer):
    answer = api.post(BASE, body(change))

    assert answer.status_code == 422
    assert [error["pointer"] for error in answer.json()["errors"]] == [pointer]
    assert Amendment.objects.count() == 0


def test_an_amendment_without_changes_or_reason_is_refused(api, budgets):
    answer = api.post(BASE, body(reason="   "))

    assert answer.status_code == 422
    assert sorted(error["pointer"] for error in answer.json()["errors"]) == ["#/changes", "#/reason"]


# -- deciding ------------------------------------------------------------------------------------------------------
def test_approved_it_is_applied_and_the_files_before_and_after_are_read(api, budgets, programme, coordinator):
    recorded(programme, coordinator, move("1000.00"))

    decided = api.post(f"{BASE}1/decision/", {"decision": "approve", "decided_on": "2020-05-20", "note": "ok"})
    before, after = api.get(f"{BASE}1/before.yaml"), api.get(f"{BASE}1/after.yaml")

    assert decided.status_code == 200
    assert (decided.json()["status"], decided.json()["decided_on"]) == ("approved", "2020-05-20")
    assert decided.json()["after_url"] == f"http://testserver{BASE}1/after.yaml"
    # 1,000.00 of direct costs and 7 % on them: 1,070.00 moves; Cesena's EU share 20,458.94 / 22,732.15 of it is
    # 963.00 (tests/amendments/test_services.py works it out).
    assert figures(programme, "cesena")[:2] == (Decimal("21662.15"), Decimal("19495.94"))
    assert figures(programme, "riga")[:2] == (Decimal("31070.00"), Decimal("27963.00"))
    assert before["Content-Type"] == after["Content-Type"] == "application/yaml; charset=utf-8"
    assert "total: '22732.15'" in before.text or 'total: "22732.15"' in before.text
    assert "22732.15" not in after.text
    assert "21662.15" in after.text


def test_a_second_decision_is_a_conflict_and_changes_nothing(api, budgets, programme, coordinator):
    recorded(programme, coordinator, move("1000.00"))
    api.post(f"{BASE}1/decision/", {"decision": "reject", "decided_on": "2020-05-20"})

    again = api.post(f"{BASE}1/decision/", {"decision": "approve", "decided_on": "2020-05-21"})

    assert again.status_code == 409
    assert again.json()["detail"] == "This amendment was already rejected."
    assert Amendment.objects.get().status == AmendmentStatus.REJECTED
    assert figures(programme, "cesena") == CESENA_BEFORE


def test_a_decision_before_the_request_is_refused_naming_the_day(api, budgets, programme, coordinator):
    recorded(programme, coordinator, move("1000.00"))

    answer = api.post(f"{BASE}1/decision/", {"decision": "approve", "decided_on": "2020-05-03"})

    assert answer.status_code == 422
    assert [error["pointer"] for error in answer.json()["errors"]] == ["#/decided_on"]
    assert Amendment.objects.get().status == AmendmentStatus.REQUESTED
    assert figures(programme, "cesena") == CESENA_BEFORE


def test_the_files_are_not_found_while_it_is_not_approved(api, budgets, programme, coordinator):
    recorded(programme, coordinator, move("1000.00"))

    assert (api.get(f"{BASE}1/before.yaml").status_code, api.get(f"{BASE}1/after.yaml").status_code) == (404, 404)
    assert api.get(f"{BASE}2/").status_code == 404


# -- the list and who ----------------------------------------------------------------------------------------------
def test_the_list_is_newest_first_in_pages(api, budgets, programme, coordinator):
    for amount in ("100.00", "200.00", "300.00"):
        recorded(programme, coordinator, move(amount))

    page = api.get(f"{BASE}?limit=2").json()

    assert (page["count"], [a["number"] for a in page["results"]]) == (3, [3, 2])
    assert page["next"] == f"http://testserver{BASE}?limit=2&offset=2"


def test_only_the_coordinator_keeps_them(budgets, programme, coordinator, cesena_staff, anonymous_api):
    recorded(programme, coordinator, move("1000.00"))
    staff = token_client(cesena_staff)

    assert staff.get(BASE).status_code == 403
    assert staff.get(f"{BASE}1/").status_code == 403
    assert staff.post(BASE, body(move("1.00"))).status_code == 403
    assert anonymous_api.get(BASE).status_code == 401
    assert Amendment.objects.count() == 1
