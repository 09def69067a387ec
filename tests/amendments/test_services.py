"""Amendments recorded, approved (applied all at once, the programme file kept before and after) or rejected, and
the changes the funder may be asked for refused with the reason, naming the change."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.amendments.world import figures, give_budgets, move, spend
from values.amendments.enums import AmendmentStatus
from values.amendments.models import Amendment
from values.amendments.services import approve_amendment, record_amendment, reject_amendment
from values.network.enums import AuditAction
from values.network.models import AuditEntry
from values.programme.models import PartnerBudget, Programme
from values.programme.programme_file import read_programme_file

pytestmark = pytest.mark.django_db

TODAY = date(2020, 6, 1)  # month 17 of VALUES (February 2019 – January 2021)


def record(programme, by, changes, **more) -> Amendment:
    return record_amendment(programme, requested_on=more.pop("requested_on", date(2020, 5, 4)),
                            reason=more.pop("reason", "COVID-19: the visits of 2020 need more time."),
                            funder_reference=more.pop("funder_reference", "AMIF/2020/017"), changes=changes,
                            by=by, today=more.pop("today", TODAY))  # fmt: skip


def refusal(programme, by, changes, **more) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        record(programme, by, changes, **more)
    return refused.value.message_dict


# -- a budget move --------------------------------------------------------------------------------------------------
def test_a_move_between_partners_takes_the_indirect_costs_and_the_eu_share_with_it(programme, coordinator):
    give_budgets(programme)
    amendment = record(programme, coordinator, [move("1000.00")])

    approve_amendment(amendment, decided_on=date(2020, 5, 20), by=coordinator, today=TODAY)

    # 1,000.00 of direct costs and 7 % indirect on them: 1,070.00 of total moves. Cesena's EU share is
    # 20,458.94 / 22,732.15 = 0.90000022: 1,070.00 × that = 963.00024, so 963.00 of EU contribution moves.
    assert figures(programme, "cesena") == (Decimal("21662.15"), Decimal("19495.94"), Decimal("2166.21"),
                                            {"travel": Decimal("9000.00"), "staff": Decimal("8000.00")})  # fmt: skip
    assert figures(programme, "riga") == (Decimal("31070.00"), Decimal("27963.00"), Decimal("3107.00"),
                                          {"staff": Decimal("21000.00")})  # fmt: skip
    amendment.refresh_from_db()
    assert (amendment.status, amendment.decided_on) == (AmendmentStatus.APPROVED, date(2020, 5, 20))


def test_a_move_between_categories_of_one_partner_keeps_its_totals(programme, coordinator):
    give_budgets(programme)

    approve_amendment(record(programme, coordinator, [move("2500.50", taker=("cesena", "equipment"))]),
                      decided_on=date(2020, 5, 20), by=coordinator, today=TODAY)  # fmt: skip

    assert figures(programme, "cesena") == (
        Decimal("22732.15"),
        Decimal("20458.94"),
        Decimal("2273.21"),
        {"travel": Decimal("7499.50"), "staff": Decimal("8000.00"), "equipment": Decimal("2500.50")},
    )


def test_money_spent_stays_with_who_spent_it(programme, coordinator):
    give_budgets(programme)
    spend(programme, "cesena", "travel", "9500.00", coordinator)

    problems = refusal(programme, coordinator, [move("1000.00")])

    # 10,000.00 planned for travel, 9,500.00 spent: 500.00 may move.
    assert problems == {"changes[0].amount": [
        "City of Cesena has €500.00 left in this category to move (€10,000.00 planned, €9,500.00 spent: spent "
        "money stays with who spent it)."
    ]}  # fmt: skip
    assert Amendment.objects.count() == 0


def test_a_move_between_partners_with_different_indirect_rates_would_unbalance_the_budget(programme, coordinator):
    give_budgets(programme)
    PartnerBudget.objects.filter(partner__organisation__key="riga").update(indirect_rate=Decimal("0.15"))

    problems = refusal(programme, coordinator, [move("1000.00")])

    assert list(problems) == ["changes[0].to.partner"]
    assert "would no longer balance" in problems["changes[0].to.partner"][0]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "budget_move", "from": {"partner": "atlantis", "category": "travel"},
          "to": {"partner": "riga", "category": "staff"}, "amount": "10.00"}, "changes[0].from.partner"),
        ({"kind": "budget_move", "from": {"partner": "toulouse", "category": "travel"},  # no budget
          "to": {"partner": "riga", "category": "staff"}, "amount": "10.00"}, "changes[0].from.partner"),
        (move("10.00", taker=("riga", "indirect")), "changes[0].to.category"),
        (move("10.00", taker=("cesena", "travel")), "changes[0].to.category"),
        (move("0.00"), "changes[0].amount"),
        (move("10.001"), "changes[0].amount"),
        (move("-5.00"), "changes[0].amount"),
        ({**move("10.00"), "amount": 10.0}, "changes[0].amount"),  # a float would lose cents
        ({"kind": "party"}, "changes[0].kind"),
        ("budget", "changes[0].kind"),
        ({"kind": "duration", "months": "27"}, "changes[0].months"),
        ({"kind": "duration", "months": 0}, "changes[0].months"),
        ({"kind": "duration", "months": True}, "changes[0].months"),
        ({"kind": "duration", "months": 2}, "changes[0].months"),  # within the two months of preparation
    ],
)  # fmt: skip
def test_a_bad_change_is_refused_naming_it(programme, coordinator, change, field):
    give_budgets(programme)

    assert list(refusal(programme, coordinator, [change])) == [field]
    assert Amendment.objects.count() == 0


def test_an_amendment_without_changes_or_reason_is_refused(programme, coordinator):
    assert list(refusal(programme, coordinator, [])) == ["changes"]
    assert list(refusal(programme, coordinator, [{"kind": "duration", "months": 27}], reason="  ")) == ["reason"]


# -- the end date ---------------------------------------------------------------------------------------------------
def test_the_end_moves_but_never_before_an_activity_or_into_the_past(programme, coordinator, accepted_plan):
    # The accepted plan's last activity, the visit to Thessaloniki, ends on 29 September 2020 (month 20).
    assert refusal(programme, coordinator, [{"kind": "duration", "months": 19}]) == {
        "changes[0].months": ["An activity ends on 2020-09-29, after the new end (2020-08-31): move it first."]
    }
    assert refusal(programme, coordinator, [{"kind": "duration", "months": 20}], today=date(2020, 12, 1)) == {
        "changes[0].months": ["The new end (2020-09-30) would be in the past."]
    }

    approve_amendment(record(programme, coordinator, [{"kind": "duration", "months": 27}]),
                      decided_on=date(2020, 5, 20), by=coordinator, today=TODAY)  # fmt: skip

    assert Programme.objects.get(pk=programme.pk).end == date(2021, 4, 30)


# -- before and after -----------------------------------------------------------------------------------------------
def test_the_programme_file_before_and_after_is_kept(programme, coordinator):
    give_budgets(programme)
    amendment = record(programme, coordinator, [{"kind": "duration", "months": 27}, move("1000.00")])

    approve_amendment(amendment, decided_on=date(2020, 5, 20), by=coordinator, today=TODAY)

    amendment.refresh_from_db()
    before, after = (read_programme_file(text.encode()) for text in (amendment.file_before, amendment.file_after))
    assert before.errors == after.errors == []
    assert (before.document.programme.duration_months, after.document.programme.duration_months) == (24, 27)
    cesena = [next(o for o in side.document.organisations if o.id == "cesena") for side in (before, after)]
    assert [side.budget.total for side in cesena] == [Decimal("22732.15"), Decimal("21662.15")]


# -- deciding -------------------------------------------------------------------------------------------------------
def test_a_change_no_longer_possible_at_approval_applies_nothing(programme, coordinator):
    give_budgets(programme)
    amendment = record(programme, coordinator, [{"kind": "duration", "months": 27}, move("1000.00")])
    spend(programme, "cesena", "travel", "9500.00", coordinator)  # spent while the funder was asked

    with pytest.raises(ValidationError) as refused:
        approve_amendment(amendment, decided_on=date(2020, 5, 20), by=coordinator, today=TODAY)

    assert list(refused.value.message_dict) == ["changes[1].amount"]
    assert Programme.objects.get(pk=programme.pk).duration_months == 24  # the first change was not applied
    assert figures(programme, "cesena")[0] == Decimal("22732.15")
    amendment.refresh_from_db()
    assert (amendment.status, amendment.file_before) == (AmendmentStatus.REQUESTED, "")


def test_an_amendment_is_decided_once(programme, coordinator):
    amendment = record(programme, coordinator, [{"kind": "duration", "months": 27}])
    reject_amendment(amendment, decided_on=date(2020, 5, 20), note="Not now.", by=coordinator)

    with pytest.raises(ValidationError) as refused:
        approve_amendment(amendment, decided_on=date(2020, 5, 21), by=coordinator, today=TODAY)

    assert refused.value.message_dict == {"status": ["This amendment was already rejected."]}
    assert Programme.objects.get(pk=programme.pk).duration_months == 24
    assert AuditEntry.objects.filter(action=AuditAction.AMENDMENT_DECIDED).count() == 1


def test_a_decision_comes_after_the_request(programme, coordinator):
    amendment = record(programme, coordinator, [{"kind": "duration", "months": 27}])

    with pytest.raises(ValidationError) as refused:
        approve_amendment(amendment, decided_on=date(2020, 5, 3), by=coordinator, today=TODAY)

    assert list(refused.value.message_dict) == ["decided_on"]
    assert Programme.objects.get(pk=programme.pk).duration_months == 24


def test_amendments_are_numbered_in_their_programme(programme, coordinator):
    numbers = [record(programme, coordinator, [{"kind": "duration", "months": months}]).number for months in (25, 26)]

    assert numbers == [1, 2]


def test_only_the_coordinator_records_amendments(programme, cesena_staff):
    with pytest.raises(PermissionDenied):
        record(programme, cesena_staff, [{"kind": "duration", "months": 27}])
