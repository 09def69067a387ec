"""Reads of budgets: shares and what the amounts say against what documents state."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from values.activities.queries import city_name
from values.core.languages import date_span
from values.core.money import (
    DEFAULT_INDIRECT_RATE,
    flat_rate,
    format_plain,
    rate_of,
    round_cent,
    stated_rate_disagrees,
)
from values.core.templatetags.values_tags import amount, percent
from values.core.text import pick, quarter_label
from values.core.versions import digest_version
from values.finance.enums import ExpenseStatus
from values.finance.models import ExchangeRate, Expense, SubsistenceRate
from values.finance.permissions import expense_organisations
from values.programme.enums import DIRECT_CATEGORIES, CostCategory
from values.programme.models import BudgetLine, Partner, PartnerBudget

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
    return _shares(budget.total, budget.eu_contribution, budget.cofinancing, budget.stated_eu_rate)


def _shares(total: Decimal, eu_contribution: Decimal, cofinancing: Decimal, stated: Decimal | None) -> BudgetShares:
    disagrees = stated is not None and stated_rate_disagrees(total, eu_contribution, stated)
    return BudgetShares(
        total=total,
        eu_contribution=eu_contribution,
        cofinancing=cofinancing,
        eu_rate=rate_of(eu_contribution, total),
        cofinancing_rate=rate_of(cofinancing, total),
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
    findings: list[Finding]

    @property
    def eu_contribution(self) -> Decimal:
        return sum((line.shares.eu_contribution for line in self.partners), Decimal(0))

    @property
    def cofinancing(self) -> Decimal:
        return sum((line.shares.cofinancing for line in self.partners), Decimal(0))

    @property
    def eu_rate(self) -> Decimal | None:
        return rate_of(self.eu_contribution, self.partners_total)

    @property
    def errors(self) -> int:
        return sum(finding.level == "error" for finding in self.findings)


def budget_report(programme: "Programme", *, actuals: list["PartnerActuals"]) -> BudgetReport:
    """Every partner budget against itself, its stated rate and the programme total (DESIGN.md money rules),
    with the amounts in the messages written for the active language. Spending is judged only for the
    partners in `actuals`: the reader's own, or all of them for the coordinator and the command line."""
    spending = [
        _Spending(p.key, p.name, p.total, [(c.label, c.planned, c.actual) for c in p.categories]) for p in actuals
    ]
    return _budget_report(programme, _budget_rows(programme), _spending_findings(spending))


def _budget_rows(programme: "Programme") -> list[dict]:
    """Each of the programme's partners in its order, with its organisation's key and name and its budget's
    figures (None without a budget), as light rows: what the budget check and the spending summary read."""
    partners = programme.partners.order_by("position", "pk")
    return list(partners.values(
        "pk", "organisation_id", "organisation__key", "organisation__name", "budget__total",
        "budget__eu_contribution", "budget__cofinancing", "budget__stated_eu_rate", "budget__indirect_rate",
    ))  # fmt: skip


def _budget_report(programme: "Programme", rows: list[dict], spending_findings: list[Finding]) -> BudgetReport:
    lines, findings = [], []
    for row in rows:
        if row["budget__total"] is None:  # no budget
            continue
        shares = _shares(
            row["budget__total"], row["budget__eu_contribution"], row["budget__cofinancing"],
            row["budget__stated_eu_rate"],
        )  # fmt: skip
        line = PartnerLine(
            row["organisation__key"], pick(row["organisation__name"]), shares,
            shares.eu_contribution + shares.cofinancing == shares.total,
        )  # fmt: skip
        lines.append(line)
        findings += _partner_findings(line)
    findings += spending_findings
    partners_total = sum((line.shares.total for line in lines), Decimal(0))
    if partners_total != programme.total_cost:
        message = _(
            "Partner budgets add up to %(sum)s, not the programme's total cost %(total)s "
            "(%(given)d of %(count)d organisations give a budget)."
        )
        figures = {"sum": amount(partners_total), "total": amount(programme.total_cost)}
        findings.append(Finding("warning", "programme", message % {**figures, "given": len(lines), "count": len(rows)}))
    return BudgetReport(programme.currency, programme.total_cost, partners_total, lines, findings)


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


# -- budget against actual --------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryFigures:
    category: str
    label: str
    planned: Decimal | None  # None when the partner's budget has no categories
    actual: Decimal
    forecast: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.planned is None else self.planned - self.actual

    @property
    def over_budget(self) -> bool:
        return _overspent(self.planned, self.actual)


def _overspent(planned: Decimal | None, actual: Decimal) -> bool:
    return planned is not None and actual > planned


@dataclass(frozen=True)
class PartnerActuals:
    key: str
    name: str
    currency: str
    total: Decimal | None  # the grant's figure for the partner
    categories: list[CategoryFigures]  # the direct categories, then indirect costs
    pending: Decimal  # submitted, not yet decided
    by_quarter: dict[str, Decimal]
    eu_contribution: Decimal | None = None  # the grant's shares of the total
    cofinancing: Decimal | None = None

    @property
    def actual(self) -> Decimal:
        return sum((c.actual for c in self.categories), Decimal(0))

    @property
    def spent_rate(self) -> Decimal | None:
        """What share of the budget is spent; None without a budget."""
        return None if not self.total else rate_of(self.actual, self.total)

    @property
    def has_figures(self) -> bool:
        """Whether anything was planned per category, spent or waits for approval: else the partner's detail is
        one line ("No expenses yet"), not a table of dashes and zeros."""
        planned = any(category.planned is not None for category in self.categories)
        return bool(planned or self.actual or self.pending or self.by_quarter)

    @property
    def forecast(self) -> Decimal:
        return sum((c.forecast for c in self.categories), Decimal(0))

    @property
    def remaining(self) -> Decimal | None:
        return None if self.total is None else self.total - self.actual


def budget_against_actual(
    programme: "Programme", *, today: date, partner_keys: set[str] | None = None
) -> list[PartnerActuals]:
    """Per partner and category: planned, spent (approved expenses and corrections, in euro), what remains
    and a forecast at the pace so far; spending per calendar quarter."""
    partners = _partners(programme)
    if partner_keys is not None:
        partners = partners.filter(organisation__key__in=partner_keys)
    return partner_actuals(programme, list(partners), today=today)


def _partners(programme: "Programme") -> QuerySet[Partner]:
    return programme.partners.select_related("organisation", "budget").order_by("position", "pk")


def partners_visible_to(user, programme: "Programme") -> QuerySet[Partner]:
    """The partners whose budgets and spending this user reads (all, for the coordinator), in their order, with
    their organisation and budget: a list pages them in the database and makes its page's `partner_actuals`."""
    organisations = expense_organisations(user, programme)
    partners = _partners(programme)
    return partners if organisations is None else partners.filter(organisation_id__in=organisations)


def partner_actuals(programme: "Programme", partners: list[Partner], *, today: date) -> list[PartnerActuals]:
    """`budget_against_actual` of the partners given (read with their organisation and budget), in their order:
    only their expenses and budget lines are read, so a page of partners costs a page."""
    if not partners:
        return []
    start, end = programme.start, programme.end
    elapsed = (min(max(today, start), end) - start).days + 1
    pace = Decimal((end - start).days + 1) / Decimal(elapsed)
    ids = [partner.pk for partner in partners]
    expenses = Expense.objects.filter(partner_id__in=ids)
    spent = _spent(expenses)
    pending = _sums(expenses.filter(status=ExpenseStatus.SUBMITTED), "partner_id")
    quarters = _quarters(expenses.filter(status=ExpenseStatus.APPROVED))
    lines = _planned_lines(BudgetLine.objects.filter(budget__partner_id__in=ids))
    return [
        _partner_actuals(partner, spent.get(partner.pk, {}), lines.get(partner.pk), pace,
                         pending.get((partner.pk,), Decimal(0)), quarters.get(partner.pk, {}), programme.currency)
        for partner in partners
    ]  # fmt: skip


def _sums(expenses, *keys: str) -> dict[tuple, Decimal]:
    rows = expenses.values(*keys).annotate(total=Sum("amount_eur")).order_by()
    return {tuple(row[key] for key in keys): row["total"] for row in rows}


def _spent(expenses) -> dict[int, dict[str, Decimal]]:
    """Per partner, what its approved expenses and corrections add up to in each category."""
    spent: dict[int, dict[str, Decimal]] = {}
    for (partner_id, category), total in _sums(expenses.filter(status=ExpenseStatus.APPROVED), "partner_id",
                                               "category").items():  # fmt: skip
        spent.setdefault(partner_id, {})[category] = total
    return spent


def approved_direct_costs(programme: "Programme") -> dict[int, dict[str, Decimal]]:
    """Per partner of the programme, its approved expenses and corrections in each direct category: what it has
    spent, which an amendment may not take from it."""
    return _spent(Expense.objects.filter(partner__programme=programme))


def _quarters(expenses) -> dict[int, dict[str, Decimal]]:
    found: dict[int, dict[str, Decimal]] = {}
    for partner_id, spent_on, euros in expenses.values_list("partner_id", "spent_on", "amount_eur"):
        label = quarter_label(spent_on)
        quarter = found.setdefault(partner_id, {})
        quarter[label] = quarter.get(label, Decimal(0)) + euros
    return {pid: dict(sorted(q.items())) for pid, q in found.items()}


def _planned_lines(lines: QuerySet[BudgetLine]) -> dict[int, dict[str, Decimal]]:
    planned: dict[int, dict[str, Decimal]] = {}
    for partner_id, category, planned_amount in lines.values_list("budget__partner_id", "category", "amount"):
        planned.setdefault(partner_id, {})[category] = planned_amount
    return planned


def _planned_and_spent(
    spent: dict[str, Decimal], planned: dict[str, Decimal] | None, rate: Decimal
) -> list[tuple[CostCategory, Decimal | None, Decimal]]:
    """(category, planned, spent) for the direct categories, then for the indirect costs: the flat `rate` of the
    direct ones. Planned is None when the budget plans no categories. The one rule of what a partner spent, for its
    figures, the summary and the budget check alike."""
    amounts = [
        (category, planned.get(category.value, Decimal(0)) if planned else None, spent.get(category.value, Decimal(0)))
        for category in DIRECT_CATEGORIES
    ]
    direct_planned = sum((plan for _, plan, _ in amounts), Decimal(0)) if planned else None
    direct_actual = sum((actual for _, _, actual in amounts), Decimal(0))
    indirect_planned = flat_rate(direct_planned, rate) if direct_planned is not None else None
    return [*amounts, (CostCategory.INDIRECT, indirect_planned, flat_rate(direct_actual, rate))]


def _partner_actuals(partner, spent, planned, pace, pending, quarters, currency) -> PartnerActuals:
    budget = getattr(partner, "budget", None)
    rate = budget.indirect_rate if budget else DEFAULT_INDIRECT_RATE
    *direct, (indirect, indirect_planned, indirect_actual) = _planned_and_spent(spent, planned, rate)
    categories = [
        CategoryFigures(category.value, category.label, plan, actual, round_cent(actual * pace))
        for category, plan, actual in direct
    ]
    direct_actual = sum((actual for _, _, actual in direct), Decimal(0))
    categories.append(CategoryFigures(
        indirect.value, indirect.label, indirect_planned, indirect_actual,
        flat_rate(round_cent(direct_actual * pace), rate),
    ))  # fmt: skip
    return PartnerActuals(
        partner.organisation.key, pick(partner.organisation.name), currency,
        budget.total if budget else None, categories, pending, quarters,
        budget.eu_contribution if budget else None, budget.cofinancing if budget else None,
    )  # fmt: skip


@dataclass(frozen=True)
class SpendingSummary:
    """The figures the finance page opens with: the partners' budgets and spending added up."""

    currency: str
    budget: Decimal
    eu_contribution: Decimal
    cofinancing: Decimal
    spent: Decimal
    pending: Decimal

    @property
    def eu_rate(self) -> Decimal | None:
        return rate_of(self.eu_contribution, self.budget)

    @property
    def spent_rate(self) -> Decimal | None:
        return rate_of(self.spent, self.budget)


@dataclass(frozen=True)
class BudgetOverview:
    """What a list of budgets opens with, over the partners the reader reads: their figures added up, and the
    budget check (`budget_report`) with the spending findings of those partners."""

    summary: SpendingSummary
    report: BudgetReport


def budget_overview(user, programme: "Programme") -> BudgetOverview:
    """The summary and the budget check of the partners this user reads (all, for the coordinator), from one light
    read of the partners and sums the database makes: no partner becomes a model or a `PartnerActuals` (only a
    page of them does, `partner_actuals`), and the figures are those of `budget_against_actual` to the cent."""
    rows = _budget_rows(programme)
    organisations = expense_organisations(user, programme)
    expenses = Expense.objects.filter(partner__programme=programme)
    lines = BudgetLine.objects.filter(budget__partner__programme=programme)
    if organisations is not None:
        rows_read = [row for row in rows if row["organisation_id"] in organisations]
        expenses = expenses.filter(partner__organisation_id__in=organisations)
        lines = lines.filter(budget__partner__organisation_id__in=organisations)
    else:
        rows_read = rows
    direct = _sums(expenses.filter(status=ExpenseStatus.APPROVED), "partner_id")
    planned = _planned_lines(lines)
    spent = _spent(expenses.filter(partner_id__in=list(planned)))  # by category: only what is planned is judged
    pending = expenses.filter(status=ExpenseStatus.SUBMITTED).aggregate(total=Sum("amount_eur"))["total"]
    spending, spent_total = [], Decimal(0)
    for row in rows_read:
        rate = row["budget__indirect_rate"] if row["budget__total"] is not None else DEFAULT_INDIRECT_RATE
        if (costs := direct.get((row["pk"],))) is not None:
            spent_total += costs + flat_rate(costs, rate)  # the direct costs and the indirect, as `_planned_and_spent`
        if row["pk"] in planned:  # without planned categories there is nothing to judge the spending against
            amounts = _planned_and_spent(spent.get(row["pk"], {}), planned[row["pk"]], rate)
            categories = [(category.label, plan, actual) for category, plan, actual in amounts]
            spending.append(_Spending(row["organisation__key"], pick(row["organisation__name"]),
                                      row["budget__total"], categories))  # fmt: skip

    def total(field: str) -> Decimal:
        return sum((row[field] for row in rows_read if row[field] is not None), Decimal(0))

    summary = SpendingSummary(
        programme.currency, budget=total("budget__total"), eu_contribution=total("budget__eu_contribution"),
        cofinancing=total("budget__cofinancing"), spent=spent_total, pending=pending or Decimal(0),
    )  # fmt: skip
    return BudgetOverview(summary, _budget_report(programme, rows, _spending_findings(spending)))


@dataclass(frozen=True)
class _Spending:
    """A partner's spending as the budget check judges it."""

    key: str
    name: str
    total: Decimal | None
    categories: list[tuple[str, Decimal | None, Decimal]]  # (label, planned, spent), indirect costs last


def _spending_findings(spending: list[_Spending]) -> list[Finding]:
    """Planned categories against the grant's total, and categories where the spending passed the plan."""
    found = []
    for partner in spending:
        planned = [plan for _, plan, _ in partner.categories]
        if partner.total is not None and None not in planned and sum(planned) != partner.total:
            message = _(
                "%(partner)s: the categories plan %(planned)s (indirect costs included), not the total %(total)s."
            )
            found.append(Finding("warning", partner.key, message % {
                "partner": partner.name, "planned": amount(sum(planned)), "total": amount(partner.total)}))  # fmt: skip
        for label, plan, actual in partner.categories:
            if _overspent(plan, actual):
                message = _("%(partner)s: %(category)s: %(actual)s spent of %(planned)s planned.")
                found.append(Finding("warning", partner.key, message % {
                    "partner": partner.name, "category": label, "actual": amount(actual),
                    "planned": amount(plan)}))  # fmt: skip
    return found


def expenses_visible_to(user, programme: "Programme"):
    """The programme's expenses this user reads (the coordinator all, staff their own partner's), newest first."""
    expenses = Expense.objects.filter(partner__programme=programme).select_related(
        "partner__organisation", "activity__host__city", "submitted_by", "decided_by"
    )
    organisations = expense_organisations(user, programme)
    return expenses if organisations is None else expenses.filter(partner__organisation_id__in=organisations)


@dataclass(frozen=True)
class SubsistenceEstimate:
    country: str
    days: int
    participants: int
    daily_rate: Decimal

    @property
    def total(self) -> Decimal:
        return self.daily_rate * self.days * self.participants


def subsistence_estimate(*, country: str, days: int, participants: int) -> SubsistenceEstimate | None:
    """Days × participants × the host country's daily rate; None when the country has no rate yet."""
    rate = SubsistenceRate.objects.filter(country=country).first()
    return None if rate is None else SubsistenceEstimate(country, days, participants, rate.daily_rate)


def actuals_visible_to(user, programme: "Programme", *, today: date) -> list[PartnerActuals]:
    """Budget against actual for every partner whose figures this user reads (all, for the coordinator): what the
    downloads hold. A list shows a page of `partners_visible_to` and `budget_overview` instead."""
    return partner_actuals(programme, list(partners_visible_to(user, programme)), today=today)


def partner_activities(partners) -> QuerySet:
    """The visits and exchanges the partners take part in (host, visiting community, guest): what their
    expenses may name.

    Activities sit above finance, so their model is reached by name, as the expense's foreign key names
    it, and the rule of who takes part is theirs (`taken_part_in_by`), not a copy kept here.
    """
    activity = apps.get_model("activities", "Activity")
    programmes = {partner.programme_id for partner in partners}
    cities = [partner.organisation_id for partner in partners]
    activities = activity.objects.filter(programme__in=programmes).taken_part_in_by(cities)
    return activities.select_related("host__city", "exchange__guest__city").order_by("start", "pk")


def activity_label(activity) -> str:
    """How an expense form names an activity: its kind, direction and dates in the reader's language, e.g.
    "Exchange Cesena → Riga, May 3 – 7, 2027" or "Mentoring visit in Riga, May 3 – 7, 2027"."""
    dates = date_span(activity.start, activity.end)
    exchange = getattr(activity, "exchange", None) if activity.kind == "exchange" else None
    if exchange is not None:
        return _("Exchange %(guest)s → %(host)s, %(dates)s") % {
            "guest": city_name(exchange.guest), "host": city_name(activity.host), "dates": dates}  # fmt: skip
    return _("Mentoring visit in %(host)s, %(dates)s") % {"host": city_name(activity.host), "dates": dates}


# -- what needs a person (their start page, finance/todo.py) ------------------------------------------------------
REJECTION_NOTICE_WEEKS = 8  # how long a rejected expense stays on its submitter's start page


def expenses_to_decide(programme: "Programme", *, decider) -> QuerySet[Expense]:
    """Submitted expenses the decider may decide: not their own (permissions.can_decide_expense), oldest first."""
    return (
        Expense.objects.filter(partner__programme=programme, status=ExpenseStatus.SUBMITTED)
        .exclude(submitted_by=decider)
        .order_by("submitted_at", "pk")
    )


def rejected_expenses_of(user, programme: "Programme", today: date) -> QuerySet[Expense]:
    """The person's own expenses rejected in the past weeks, with the reason to mend them."""
    since = today - timedelta(weeks=REJECTION_NOTICE_WEEKS)
    return Expense.objects.filter(
        partner__programme=programme, submitted_by=user, status=ExpenseStatus.REJECTED, decided_at__date__gte=since
    ).order_by("decided_at", "pk")


# -- the rate tables and a partner's budget lines (the coordinator's finance settings) ------------------------------
def exchange_rates(*, currency: str = "") -> QuerySet[ExchangeRate]:
    """The monthly exchange rates, by currency and newest month first; only `currency`'s when it is given."""
    rates = ExchangeRate.objects.order_by("currency", "-month")
    return rates.filter(currency=currency.strip().upper()) if currency else rates


def subsistence_rates() -> QuerySet[SubsistenceRate]:
    """The daily subsistence rates, by host country."""
    return SubsistenceRate.objects.order_by("country")


def budget_for_lines(programme: "Programme", key: str) -> PartnerBudget:
    """The budget of the programme's partner `key` (404 when it has none), with its partner and organisation."""
    budgets = PartnerBudget.objects.select_related("partner__organisation", "partner__programme")
    return get_object_or_404(budgets, partner__programme=programme, partner__organisation__key=key)


@dataclass(frozen=True)
class BudgetLines:
    """A budget's planned direct costs and indirect rate as they are saved now, and their version: what two
    coordinators saving the same budget at once compare (`save_budget_lines(version=…)`)."""

    indirect_rate: Decimal
    lines: dict[str, Decimal]  # the direct categories planned so far (none before the first save)
    version: str


def budget_lines_of(budget: PartnerBudget) -> BudgetLines:
    """The lines as the database holds them now (not as `budget` was read), with their version."""
    rate = PartnerBudget.objects.filter(pk=budget.pk).values_list("indirect_rate", flat=True).get()
    lines = dict(BudgetLine.objects.filter(budget=budget.pk).order_by("category").values_list("category", "amount"))
    # Written as the columns keep them, so that SQLite and PostgreSQL make the same version of the same figures.
    state = {"indirect_rate": f"{rate:.4f}", "lines": {category: format_plain(a) for category, a in lines.items()}}
    return BudgetLines(rate, lines, digest_version(state))
