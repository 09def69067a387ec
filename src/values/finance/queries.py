"""Reads of budgets: shares and what the amounts say against what documents state."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from values.core.templatetags.values_tags import amount, percent
from values.core.text import pick
from values.finance.models import PartnerBudget
from values.finance.money import rate_of, stated_rate_disagrees

if TYPE_CHECKING:  # programme imports finance; finance names programme's types only for checking
    from values.programme.models import Programme


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


@dataclass(frozen=True)
class Finding:
    level: str  # "error": the figures contradict each other; "warning": a claim or a gap to look at
    subject: str  # the partner's id, or "programme"
    message: str


@dataclass(frozen=True)
class PartnerLine:
    key: str
    name: str
    shares: BudgetShares
    identity_holds: bool  # EU contribution + co-financing = total, to the cent


@dataclass(frozen=True)
class BudgetReport:
    currency: str
    total_cost: Decimal
    partners_total: Decimal
    partners: list[PartnerLine]
    organisations: int
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(finding.level == "error" for finding in self.findings)


def budget_report(programme: "Programme") -> BudgetReport:
    """Every partner budget against itself, its stated rate and the programme total (DESIGN.md money rules),
    with the amounts in the messages written for the active language."""
    partners = programme.partners.select_related("organisation", "budget").order_by("position")
    lines, findings = [], []
    for partner in partners:
        budget = getattr(partner, "budget", None)
        if budget is None:
            continue
        shares = budget_shares(budget)
        line = PartnerLine(
            partner.organisation.key, pick(partner.organisation.name), shares,
            shares.eu_contribution + shares.cofinancing == shares.total,
        )  # fmt: skip
        lines.append(line)
        findings += _partner_findings(line)
    partners_total = sum((line.shares.total for line in lines), Decimal(0))
    if partners_total != programme.total_cost:
        message = _(
            "Partner budgets add up to %(sum)s, not the programme's total cost %(total)s "
            "(%(given)d of %(count)d organisations give a budget)."
        )
        figures = {"sum": amount(partners_total), "total": amount(programme.total_cost)}
        findings.append(
            Finding("warning", "programme", message % {**figures, "given": len(lines), "count": len(partners)})
        )
    return BudgetReport(programme.currency, programme.total_cost, partners_total, lines, len(partners), findings)


def _partner_findings(line: PartnerLine) -> list[Finding]:
    shares, found = line.shares, []
    figures = {
        "partner": line.name,
        "eu": amount(shares.eu_contribution),
        "co": amount(shares.cofinancing),
        "sum": amount(shares.eu_contribution + shares.cofinancing),
        "total": amount(shares.total),
        "stated": percent(shares.stated_eu_rate),
        "actual": percent(shares.eu_rate),
    }
    if not line.identity_holds:
        message = _("%(partner)s: EU contribution %(eu)s + co-financing %(co)s = %(sum)s, not the total %(total)s.")
        found.append(Finding("error", line.key, message % figures))
    if shares.stated_rate_disagrees:
        message = _(
            "%(partner)s: the stated EU rate %(stated)s disagrees with the amounts: %(eu)s of %(total)s is "
            "%(actual)s. The amounts stand."
        )
        found.append(Finding("warning", line.key, message % figures))
    return found
