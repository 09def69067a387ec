"""Every change to budgets."""

from typing import TYPE_CHECKING

from values.finance.models import PartnerBudget

if TYPE_CHECKING:  # programme imports finance; finance names programme's types only for checking
    from values.programme.models import Partner
    from values.programme.spec import BudgetSpec


def save_partner_budget(partner: "Partner", spec: "BudgetSpec | None") -> None:
    if spec is None:
        PartnerBudget.objects.filter(partner=partner).delete()
        return
    PartnerBudget.objects.update_or_create(
        partner=partner,
        defaults={
            "total": spec.total,
            "eu_contribution": spec.eu_contribution,
            "cofinancing": spec.cofinancing,
            "stated_eu_rate": spec.eu_rate,
        },
    )
