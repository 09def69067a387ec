"""The budgets list, on the API and on the finance page, at more partners than a page holds: a page's figures and the
totals over every partner the reader reads, worked out by hand (the indirect costs a flat rate of the direct ones,
half-up to the cent), the same on page 1 and page 2."""

from datetime import date
from decimal import Decimal

import pytest

from tests.api.conftest import token_client
from values.finance.enums import ExpenseStatus
from values.finance.models import Expense
from values.finance.services import save_budget_lines
from values.network.enums import OrganisationKind
from values.network.models import Organisation
from values.programme.enums import PartnerRole
from values.programme.models import Partner, PartnerBudget

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes/820885/budgets/"
PAGE = "/en/p/820885/finance/"
# 21,245.00 of direct costs and 7 % indirect (1,487.15) give Cesena's total of 22,732.15.
CESENA_LINES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}


def _expense(key: str, category: str, euros: str, status: str) -> None:
    Expense.objects.create(
        partner=Partner.objects.get(organisation__key=key), spent_on=date(2019, 11, 5), category=category,
        amount=Decimal(euros), currency="EUR", rate=Decimal(1), amount_eur=Decimal(euros), description="x",
        status=status,
    )  # fmt: skip


@pytest.fixture
def spending(programme, coordinator):
    """The 18 partners of the programme file and 9 more after them: 27, a page of 25 and a page of 2.

    Cesena (page 1): its budget of 22,732.15 planned by category at 7 %; 6,000.00 travel (1,000.00 over its plan)
    and 1,000.00 staff approved, 300.00 equipment waiting. Riga (page 1): no budget, 50.00 approved. Extra 8 (page
    2): no budget, 20.00 waiting. Extra 9 (page 2): a budget of 1,000.00 (800.00 EU, 200.00 co-financing) at 15 %
    indirect, 300.00 planned for other costs only; 333.10 of them approved, 10.01 waiting, 99.99 rejected."""
    for number in range(1, 10):
        organisation = Organisation.objects.create(
            key=f"extra-{number}", name=f"Extra {number}", kind=OrganisationKind.NGO, country="BE"
        )
        Partner.objects.create(programme=programme, organisation=organisation, role=PartnerRole.PARTNER,
                               position=1000 + number)  # fmt: skip
    save_budget_lines(PartnerBudget.objects.get(partner__organisation__key="cesena"), amounts=CESENA_LINES,
                      indirect_rate="0.07", by=coordinator)  # fmt: skip
    extra_9 = PartnerBudget.objects.create(
        partner=Partner.objects.get(organisation__key="extra-9"), total=Decimal("1000.00"),
        eu_contribution=Decimal("800.00"), cofinancing=Decimal("200.00"),
    )  # fmt: skip
    save_budget_lines(extra_9, amounts={"other": "300.00"}, indirect_rate="0.15", by=coordinator)
    _expense("cesena", "travel", "6000.00", ExpenseStatus.APPROVED)
    _expense("cesena", "staff", "1000.00", ExpenseStatus.APPROVED)
    _expense("cesena", "equipment", "300.00", ExpenseStatus.SUBMITTED)
    _expense("riga", "other", "50.00", ExpenseStatus.APPROVED)
    _expense("extra-8", "staff", "20.00", ExpenseStatus.SUBMITTED)
    _expense("extra-9", "other", "333.10", ExpenseStatus.APPROVED)
    _expense("extra-9", "other", "10.01", ExpenseStatus.SUBMITTED)
    _expense("extra-9", "travel", "99.99", ExpenseStatus.REJECTED)


def _row(key, name, total, eu, co, spent, pending, remaining, rate) -> dict:
    return {"key": key, "name": name, "currency": "EUR", "total": total, "eu_contribution": eu, "cofinancing": co,
            "spent": spent, "pending": pending, "remaining": remaining, "spent_rate": rate}  # fmt: skip


# 7,000.00 direct + 7 % (490.00) = 7,490.00 spent; 7,490.00 / 22,732.15 = 0.3295.
CESENA = _row("cesena", "City of Cesena", "22732.15", "20458.94", "2273.21", "7490.00", "300.00", "15242.15", "0.3295")
RIGA = _row("riga", "City of Riga", None, None, None, "53.50", "0.00", None, None)  # 50.00 + 7 % (3.50)
EXTRA_8 = _row("extra-8", "Extra 8", None, None, None, "0.00", "20.00", None, None)
# 333.10 + 15 % (49.965, half-up 49.97) = 383.07; the rejected 99.99 is not spent. 383.07 / 1,000.00 = 0.3831.
EXTRA_9 = _row("extra-9", "Extra 9", "1000.00", "800.00", "200.00", "383.07", "10.01", "616.93", "0.3831")
# 22,732.15 + 1,000.00 budget; 7,490.00 + 53.50 + 383.07 spent; 300.00 + 20.00 + 10.01 waiting.
SUMMARY = {"currency": "EUR", "budget": "23732.15", "eu_contribution": "21258.94", "cofinancing": "2473.21",
           "spent": "7926.57", "pending": "330.01", "eu_rate": "0.8958", "spent_rate": "0.3340"}  # fmt: skip
STATED_RATE = ("warning", "cesena", "City of Cesena: the stated EU rate 80.0% disagrees with the amounts: "
                                   "20,458.94 of 22,732.15 is 90.0%. The amounts stand.")  # fmt: skip
CESENA_TRAVEL = ("warning", "cesena", "City of Cesena: travel and subsistence: 6,000.00 spent of 5,000.00 planned.")
# Extra 9 plans 300.00 + 15 % (45.00) = 345.00 of its 1,000.00, and spends 333.10 and 49.97 of them.
EXTRA_9_FINDINGS = [
    ("warning", "extra-9", "Extra 9: the categories plan 345.00 (indirect costs included), not the total 1,000.00."),
    ("warning", "extra-9", "Extra 9: other direct costs: 333.10 spent of 300.00 planned."),
    ("warning", "extra-9", "Extra 9: indirect costs: 49.97 spent of 45.00 planned."),
]
PROGRAMME = ("warning", "programme", "Partner budgets add up to 23,732.15, not the programme's total cost "
                                     "899,973.58 (2 of 27 organisations give a budget).")  # fmt: skip
FINDINGS = [STATED_RATE, CESENA_TRAVEL, *EXTRA_9_FINDINGS, PROGRAMME]


def test_the_coordinators_two_pages_and_totals_are_the_hand_figures(spending, coordinator):
    api = token_client(coordinator)

    first, second = api.get(API).json(), api.get(f"{API}?offset=25").json()

    assert (first["count"], len(first["results"]), second["count"]) == (27, 25, 27)
    by_key = {row["key"]: row for row in first["results"]}
    assert (by_key["cesena"], by_key["riga"]) == (CESENA, RIGA)
    assert [row["key"] for row in first["results"]][-7:] == [f"extra-{number}" for number in range(1, 8)]
    assert second["results"] == [EXTRA_8, EXTRA_9]
    assert first["summary"] == second["summary"] == SUMMARY
    findings = [(f["level"], f["subject"], f["message"]) for f in first["findings"]]
    assert findings == FINDINGS
    assert second["findings"] == first["findings"]


def test_one_partners_budget_is_read_alone(spending, coordinator):
    detail = token_client(coordinator).get(f"{API}extra-9/").json()

    categories = {line["category"]: (line["planned"], line["spent"]) for line in detail["categories"]}
    assert {name: detail[name] for name in CESENA} == EXTRA_9
    assert (categories["other"], categories["indirect"]) == (("300.00", "333.10"), ("45.00", "49.97"))


def test_city_staff_read_the_totals_and_findings_of_their_own_partner_only(spending, cesena_staff):
    page = token_client(cesena_staff).get(API).json()

    assert (page["count"], page["results"]) == (1, [CESENA])
    assert page["summary"] == {**SUMMARY, "budget": "22732.15", "eu_contribution": "20458.94",
                               "cofinancing": "2273.21", "spent": "7490.00", "pending": "300.00", "eu_rate": "0.9000",
                               "spent_rate": "0.3295"}  # fmt: skip
    # The spending findings are the reader's partner's; the budgets' own are everyone's, as on the budget check.
    assert [(f["level"], f["subject"], f["message"]) for f in page["findings"]] == [
        STATED_RATE, CESENA_TRAVEL, PROGRAMME]  # fmt: skip


def _page_figures(response) -> list[tuple]:
    return [(p.key, p.total, p.actual, p.pending, p.remaining) for p in response.context["actuals"]]


def test_the_finance_page_shows_the_same_figures_page_by_page(spending, client, coordinator):
    client.force_login(coordinator)

    first, second = client.get(PAGE), client.get(f"{PAGE}?page=2")

    figures = {row[0]: row for row in _page_figures(first)}
    assert len(figures) == 25
    assert figures["cesena"] == ("cesena", Decimal("22732.15"), Decimal("7490.00"), Decimal("300.00"),
                                 Decimal("15242.15"))  # fmt: skip
    assert figures["riga"] == ("riga", None, Decimal("53.50"), Decimal(0), None)
    assert _page_figures(second) == [
        ("extra-8", None, Decimal("0.00"), Decimal("20.00"), None),
        ("extra-9", Decimal("1000.00"), Decimal("383.07"), Decimal("10.01"), Decimal("616.93")),
    ]  # fmt: skip
    for page in (first, second):
        summary = page.context["summary"]
        assert (summary.budget, summary.eu_contribution, summary.cofinancing, summary.spent, summary.pending) == (
            Decimal("23732.15"), Decimal("21258.94"), Decimal("2473.21"), Decimal("7926.57"), Decimal("330.01"),
        )  # fmt: skip
    assert 'href="?page=2"' in first.text
    assert "Page 2 of 2" in second.text
