"""Budgets for amendments to move, on the VALUES programme (tests/conftest.py).

Cesena's budget is the factsheet's (data/values.yaml): 22,732.15 in all, 20,458.94 from the EU, indirect costs at
the default 7 %. The tests give it planned direct costs (travel 10,000.00, staff 8,000.00) and give Riga a budget
of 30,000.00 (27,000.00 EU, 3,000.00 co-financing, 7 %) with staff 20,000.00.
"""

from datetime import date
from decimal import Decimal

from values.finance.enums import ExpenseStatus
from values.finance.models import Expense
from values.programme.models import BudgetLine, Partner, PartnerBudget


def give_budgets(programme) -> None:
    cesena = PartnerBudget.objects.get(partner__programme=programme, partner__organisation__key="cesena")
    BudgetLine.objects.create(budget=cesena, category="travel", amount=Decimal("10000.00"))
    BudgetLine.objects.create(budget=cesena, category="staff", amount=Decimal("8000.00"))
    riga = PartnerBudget.objects.create(
        partner=Partner.objects.get(programme=programme, organisation__key="riga"), total=Decimal("30000.00"),
        eu_contribution=Decimal("27000.00"), cofinancing=Decimal("3000.00"),
    )  # fmt: skip
    BudgetLine.objects.create(budget=riga, category="staff", amount=Decimal("20000.00"))


def spend(programme, key: str, category: str, euros: str, by) -> Expense:
    """An approved expense of the partner (as the coordinator's decision leaves it)."""
    return Expense.objects.create(
        partner=Partner.objects.get(programme=programme, organisation__key=key), spent_on=date(2019, 6, 3),
        category=category, amount=Decimal(euros), currency="EUR", rate=Decimal(1), amount_eur=Decimal(euros),
        description="Train tickets", status=ExpenseStatus.APPROVED, submitted_by=by,
    )  # fmt: skip


def figures(programme, key: str) -> tuple[Decimal, Decimal, Decimal, dict[str, Decimal]]:
    budget = PartnerBudget.objects.get(partner__programme=programme, partner__organisation__key=key)
    return (
        budget.total,
        budget.eu_contribution,
        budget.cofinancing,
        dict(budget.lines.values_list("category", "amount")),
    )


def move(amount: str, giver=("cesena", "travel"), taker=("riga", "staff")) -> dict:
    return {"kind": "budget_move", "from": {"partner": giver[0], "category": giver[1]},
            "to": {"partner": taker[0], "category": taker[1]}, "amount": amount}  # fmt: skip
