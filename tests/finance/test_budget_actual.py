"""Budget against actual for Cesena: categories that give the grant's total, spending, a forecast at the pace so far."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from values.finance.queries import budget_against_actual, budget_report
from values.finance.services import approve_expense, reverse_expense, save_budget_lines, submit_expense
from values.programme.models import Partner, PartnerBudget, Programme

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
# 21,245.00 of direct costs and 7 % indirect (1,487.15) give Cesena's total of 22,732.15.
CESENA_LINES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}


@pytest.fixture
def cesena_budget(programme, coordinator, settings, tmp_path) -> PartnerBudget:
    settings.MEDIA_ROOT = tmp_path
    budget = PartnerBudget.objects.get(partner__organisation__key="cesena")
    return save_budget_lines(budget, amounts=CESENA_LINES, indirect_rate="0.07", by=coordinator)


def _spend(by, spent_on, category, amount):
    partner = Partner.objects.get(organisation__key="cesena")
    return submit_expense(partner, by=by, spent_on=spent_on, category=category, amount=amount, currency="EUR",
                          description="x", receipt=SimpleUploadedFile("r.pdf", PDF, "application/pdf"))  # fmt: skip


def test_spending_forecast_and_quarters_for_cesena(cesena_budget, cesena_staff, coordinator):
    approve_expense(_spend(cesena_staff, date(2019, 11, 5), "travel", "6000.00"), by=coordinator)
    staff = approve_expense(_spend(cesena_staff, date(2019, 12, 1), "staff", "2000.00"), by=coordinator)
    reverse_expense(staff, by=coordinator, reason="Booked twice")
    _spend(cesena_staff, date(2020, 1, 10), "equipment", "300.00")  # not decided: pending only

    [cesena] = budget_against_actual(Programme.objects.get(), today=date(2020, 1, 31), partner_keys={"cesena"})
    figures = {c.category: (c.planned, c.actual, c.forecast) for c in cesena.categories}

    # 365 of the programme's 731 days have passed: the forecast is 731/365 of the spending.
    assert figures["travel"] == (Decimal("5000.00"), Decimal("6000.00"), Decimal("12016.44"))
    assert figures["staff"] == (Decimal("10000.00"), Decimal("0.00"), Decimal("0.00"))
    assert figures["indirect"] == (Decimal("1487.15"), Decimal("420.00"), Decimal("841.15"))
    assert (cesena.total, cesena.actual, cesena.remaining) == (
        Decimal("22732.15"), Decimal("6420.00"), Decimal("16312.15"),
    )  # fmt: skip
    assert cesena.pending == Decimal("300.00")
    assert cesena.by_quarter == {"2019-Q4": Decimal("6000.00")}
    assert [c.category for c in cesena.categories if c.over_budget] == ["travel"]


def test_the_budget_check_reports_overspent_categories_and_plans_that_miss_the_total(
    cesena_budget, cesena_staff, coordinator
):  # fmt: skip
    approve_expense(_spend(cesena_staff, date(2019, 11, 5), "travel", "6000.00"), by=coordinator)
    save_budget_lines(cesena_budget, amounts={**CESENA_LINES, "other": "1100.00"}, indirect_rate="0.07", by=coordinator)

    messages = [finding.message for finding in _report().findings]

    assert "City of Cesena: travel and subsistence: 6,000.00 spent of 5,000.00 planned." in messages
    # 21,345.00 + 7 % (1,494.15) = 22,839.15
    assert (
        "City of Cesena: the categories plan 22,839.15 (indirect costs included), not the total 22,732.15." in messages
    )


def test_categories_that_give_the_total_raise_no_finding(cesena_budget):
    messages = [finding.message for finding in _report().findings]

    assert not [m for m in messages if "categories plan" in m]
    # The report does speak: the other finding on Cesena's budget is still there.
    assert (
        "City of Cesena: the stated EU rate 80.0% disagrees with the amounts: 20,458.94 of 22,732.15 is 90.0%. "
        "The amounts stand." in messages
    )


def test_bad_budget_lines_name_the_category_and_change_nothing(cesena_budget, coordinator):
    with pytest.raises(ValidationError) as refused:
        save_budget_lines(
            cesena_budget,
            amounts={**CESENA_LINES, "staff": "10.001", "travel": "-1"},
            indirect_rate="2",
            by=coordinator,
        )

    assert refused.value.message_dict == {
        "staff": ['"10.001" has more than two decimals.'],
        "travel": ['"-1" is negative.'],
        "indirect_rate": ["A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."],
    }
    assert cesena_budget.lines.get(category="staff").amount == Decimal("10000.00")


def _report():
    """The budget check as the command line makes it: every partner's spending judged."""
    programme = Programme.objects.get()
    return budget_report(programme, actuals=budget_against_actual(programme, today=date(2020, 12, 31)))


def test_each_reader_of_the_budget_check_sees_spending_findings_of_their_own_partner_only(
    client, cesena_budget, cesena_staff, riga_staff, coordinator
):  # fmt: skip
    approve_expense(_spend(cesena_staff, date(2019, 11, 5), "travel", "6000.00"), by=coordinator)
    overspent = "City of Cesena: travel and subsistence: 6,000.00 spent of 5,000.00 planned."
    pages = {}
    for user in (riga_staff, cesena_staff, coordinator):
        client.force_login(user)
        pages[user.username] = client.get("/en/p/820885/budgets/").text

    assert overspent not in pages[riga_staff.username]
    assert overspent in pages[cesena_staff.username]
    assert overspent in pages[coordinator.username]
    # The budget figures themselves stay for every budget reader: Riga's staff still see Cesena's stated rate.
    assert "the stated EU rate 80.0% disagrees" in pages[riga_staff.username]


def test_only_the_coordinator_keeps_the_budget_lines(cesena_budget, cesena_staff):
    with pytest.raises(PermissionDenied):
        save_budget_lines(
            cesena_budget, amounts={**CESENA_LINES, "staff": "1.00"}, indirect_rate="0.07", by=cesena_staff
        )

    assert cesena_budget.lines.get(category="staff").amount == Decimal("10000.00")


@pytest.mark.parametrize("rate", ["0.00001", "1e-400", "NaN", "Infinity", "-0.07", "1.0001", "1e400", ""])
def test_an_indirect_rate_the_column_cannot_keep_exactly_is_refused(cesena_budget, coordinator, rate):
    with pytest.raises(ValidationError) as refused:
        save_budget_lines(cesena_budget, amounts=CESENA_LINES, indirect_rate=rate, by=coordinator)

    assert refused.value.message_dict == {
        "indirect_rate": ["A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."]
    }
    cesena_budget.refresh_from_db()
    assert cesena_budget.indirect_rate == Decimal("0.0700")
