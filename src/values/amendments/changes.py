"""What an amendment changes, checked against the programme as it stands and then applied.

An amendment keeps its changes as a list of items (JSON, amounts as decimal text):

- `{"kind": "duration", "months": 27}`: the end date moves, to the last day of the programme's month 27.
- `{"kind": "budget_move", "from": {"partner": "cesena", "category": "travel"},
  "to": {"partner": "riga", "category": "staff"}, "amount": "1000.00"}`: planned direct costs move between two
  categories of one partner's budget or between two partners. Between partners the totals move with them (the
  amount and the flat-rate indirect costs on it) and the EU contribution with the giving partner's share of it, so
  that the programme's total and EU contribution stay what the grant states.

Refused, naming the item (`changes[1].amount`): a move of more than the line holds or of money already spent (spent
money stays with who spent it), between partners whose indirect rates differ (the programme's total would change:
the budget would be unbalanced), an end before an activity's last day or before today.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from values.activities.models import Activity
from values.core.money import MoneyError, flat_rate, parse_money, round_cent
from values.core.templatetags.values_tags import money
from values.core.text import pick
from values.finance.queries import approved_direct_costs
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import BudgetLine, PartnerBudget, Programme

DURATION, BUDGET_MOVE = "duration", "budget_move"
MAX_MONTHS = 240  # twenty years: longer than any EU programming period
CATEGORIES = {category.value for category in DIRECT_CATEGORIES}


@dataclass(frozen=True)
class Budget:
    """A partner's budget as an amendment would leave it."""

    partner_id: int
    name: str
    total: Decimal
    eu_contribution: Decimal
    indirect_rate: Decimal
    lines: dict[str, Decimal]
    spent: dict[str, Decimal] = field(default_factory=dict)  # approved direct costs per category

    @property
    def spent_total(self) -> Decimal:
        direct = sum(self.spent.values(), Decimal(0))
        return direct + flat_rate(direct, self.indirect_rate)


@dataclass
class Outcome:
    """The programme after the changes: its duration and the budgets that changed (by partner key)."""

    months: int
    budgets: dict[str, Budget]
    changed: set[str] = field(default_factory=set)


def budgets_of(programme: Programme) -> dict[str, Budget]:
    """Every partner's budget with its lines and approved spending, in three queries."""
    budgets = PartnerBudget.objects.filter(partner__programme=programme).select_related("partner__organisation")
    lines: dict[int, dict[str, Decimal]] = {}
    for budget_id, category, amount in BudgetLine.objects.filter(budget__in=budgets).values_list(
        "budget_id", "category", "amount"
    ):
        lines.setdefault(budget_id, {})[category] = amount
    spent = approved_direct_costs(programme)
    return {
        b.partner.organisation.key: Budget(
            partner_id=b.partner_id,
            name=pick(b.partner.organisation.name),
            total=b.total,
            eu_contribution=b.eu_contribution,
            indirect_rate=b.indirect_rate,
            lines=lines.get(b.pk, {}),
            spent=spent.get(b.partner_id, {}),
        )
        for b in budgets
    }


def check_changes(programme: Programme, changes: object, *, today: date) -> Outcome:
    """The programme as the changes would leave it, or ValidationError naming each refused item's field."""
    if not isinstance(changes, list) or not changes:
        raise ValidationError({"changes": [_("An amendment changes something: give at least one change.")]})
    outcome = Outcome(months=programme.duration_months, budgets=budgets_of(programme))
    errors: dict[str, list[str]] = {}
    for index, change in enumerate(changes):
        where = f"changes[{index}]"
        kind = change.get("kind") if isinstance(change, dict) else None
        if kind == DURATION:
            problems = _duration(programme, change, outcome, today)
        elif kind == BUDGET_MOVE:
            problems = _budget_move(change, outcome)
        else:
            problems = {"kind": [_("A change is a new duration or a budget move.")]}
        errors |= {f"{where}.{name}": messages for name, messages in problems.items()}
    if not errors:
        errors = _overspent(outcome)
    if errors:
        raise ValidationError(errors)
    return outcome


def _duration(programme: Programme, change: dict, outcome: Outcome, today: date) -> dict[str, list[str]]:
    months = change.get("months")
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        return {"months": [_("A whole number of months from 1 to %(most)d.") % {"most": MAX_MONTHS}]}
    end = end_after(programme, months)
    if months <= programme.preparation_months:
        return {"months": [_("The programme would end within its months of preparation.")]}
    last = Activity.objects.filter(programme=programme).aggregate(last=Max("end"))["last"]
    if last is not None and end < last:
        return {"months": [_("An activity ends on %(day)s, after the new end (%(end)s): move it first.")
                           % {"day": last.isoformat(), "end": end.isoformat()}]}  # fmt: skip
    if end < today:
        return {"months": [_("The new end (%(end)s) would be in the past.") % {"end": end.isoformat()}]}
    outcome.months = months
    return {}


def end_after(programme: Programme, months: int) -> date:
    """The last day of the programme's month `months` (Programme.end's rule for another duration)."""
    moved = Programme(start=programme.start, duration_months=months)
    return moved.end


def _side(change: dict, name: str, outcome: Outcome) -> tuple[str, Budget | None, str | None, dict[str, list[str]]]:
    side = change.get(name)
    side = side if isinstance(side, dict) else {}
    key, category = side.get("partner"), side.get("category")
    budget = outcome.budgets.get(key) if isinstance(key, str) else None
    problems: dict[str, list[str]] = {}
    if budget is None:
        problems[f"{name}.partner"] = [_("Choose a partner of the programme that has a budget.")]
    if category not in CATEGORIES:
        problems[f"{name}.category"] = [_("Choose one of the direct cost categories.")]
        category = None
    return key, budget, category, problems


def _budget_move(change: dict, outcome: Outcome) -> dict[str, list[str]]:
    giver_key, giver, giving, problems = _side(change, "from", outcome)
    taker_key, taker, taking, more = _side(change, "to", outcome)
    problems |= more
    try:
        amount = parse_money(change.get("amount"))
    except MoneyError:
        amount = None
    if amount is None or amount <= 0:
        problems["amount"] = [_("An amount in euro above zero with at most two decimals, e.g. 1500.00.")]
    if problems:
        return problems
    if (giver_key, giving) == (taker_key, taking):
        return {"to.category": [_("A move goes to another category or another partner.")]}
    if giver_key != taker_key and giver.indirect_rate != taker.indirect_rate:
        return {"to.partner": [_("%(a)s and %(b)s have different indirect rates: moving direct costs between them "
                                 "would change the programme's total, and the budget would no longer balance.")
                               % {"a": giver.name, "b": taker.name}]}  # fmt: skip
    return _moved(outcome, giver_key, giving, taker_key, taking, amount)


def _moved(outcome: Outcome, giver_key: str, giving: str, taker_key: str, taking: str, amount: Decimal) -> dict:
    giver = outcome.budgets[giver_key]
    planned, spent = giver.lines.get(giving, Decimal(0)), giver.spent.get(giving, Decimal(0))
    if amount > planned - spent:
        figures = {"name": giver.name, "free": money(planned - spent), "planned": money(planned), "spent": money(spent)}
        return {"amount": [_("%(name)s has %(free)s left in this category to move (%(planned)s planned, %(spent)s "
                             "spent: spent money stays with who spent it).") % figures]}  # fmt: skip
    giver = replace(giver, lines=giver.lines | {giving: planned - amount})
    if giver_key == taker_key:
        giver = replace(giver, lines=giver.lines | {taking: giver.lines.get(taking, Decimal(0)) + amount})
        outcome.budgets[giver_key] = giver
    else:
        total = amount + flat_rate(amount, giver.indirect_rate)
        eu = round_cent(total * giver.eu_contribution / giver.total) if giver.total else Decimal(0)
        taker = outcome.budgets[taker_key]
        outcome.budgets[giver_key] = replace(
            giver, total=giver.total - total, eu_contribution=giver.eu_contribution - eu
        )
        outcome.budgets[taker_key] = replace(
            taker, total=taker.total + total, eu_contribution=taker.eu_contribution + eu,
            lines=taker.lines | {taking: taker.lines.get(taking, Decimal(0)) + amount},
        )  # fmt: skip
    outcome.changed |= {giver_key, taker_key}
    return {}


def _overspent(outcome: Outcome) -> dict[str, list[str]]:
    """No partner's total falls below what it has spent, indirect costs included."""
    for key in sorted(outcome.changed):
        budget = outcome.budgets[key]
        if budget.total < budget.spent_total:
            return {"changes": [_("%(name)s would be left with less than it has spent.") % {"name": budget.name}]}
    return {}


def apply(programme: Programme, outcome: Outcome) -> None:
    """Write what `check_changes` worked out: the duration and the changed budgets."""
    if outcome.months != programme.duration_months:
        programme.duration_months = outcome.months
        programme.save(update_fields=["duration_months"])
    for key in sorted(outcome.changed):
        budget = outcome.budgets[key]
        PartnerBudget.objects.filter(partner_id=budget.partner_id).update(
            total=budget.total, eu_contribution=budget.eu_contribution,
            cofinancing=budget.total - budget.eu_contribution,
        )  # fmt: skip
        stored = PartnerBudget.objects.get(partner_id=budget.partner_id)
        for category, amount in budget.lines.items():
            BudgetLine.objects.update_or_create(budget=stored, category=category, defaults={"amount": amount})
