"""Reads of budgets: shares and what the amounts say against what documents state."""

from dataclasses import dataclass
from decimal import Decimal

from values.finance.models import PartnerBudget
from values.finance.money import rate_of, stated_rate_disagrees


@dataclass(frozen=True)
class BudgetShares:
    total: Decimal
    eu_contribution: Decimal
    cofinancing: Decimal
    eu_rate: Decimal | None  # what the amounts give
    cofinancing_rate: Decimal | None
    stated_eu_rate: Decimal | None
    stated_rate_disagrees: bool


def budget_shares(budget: PartnerBudget) -> BudgetShares:
    stated = budget.stated_eu_rate
    disagrees = stated is not None and stated_rate_disagrees(budget.total, budget.eu_contribution, stated)
    return BudgetShares(
        total=budget.total,
        eu_contribution=budget.eu_contribution,
        cofinancing=budget.cofinancing,
        eu_rate=rate_of(budget.eu_contribution, budget.total),
        cofinancing_rate=rate_of(budget.cofinancing, budget.total),
        stated_eu_rate=stated,
        stated_rate_disagrees=disagrees,
    )
