"""Finance's part of a person's start page (core.todo): expenses to decide, and one's own rejected ones."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from values.core.languages import long_date
from values.core.todo import Asker, ToDo, add_offer, register
from values.finance.permissions import submitting_partners
from values.finance.queries import expenses_to_decide, rejected_expenses_of
from values.network.enums import Role


def finance_todos(asker: Asker) -> list[ToDo]:
    programme, user, today = asker.programme, asker.user, asker.today
    items = []
    if asker.access.decide_expenses:
        items += _to_decide(programme, user)
    items += [_rejected(expense) for expense in rejected_expenses_of(user, programme, today)]
    return items


def _to_decide(programme, user) -> list[ToDo]:
    """One line for all that wait: the oldest's date, the list to decide them from."""
    waiting = list(expenses_to_decide(programme, decider=user))
    if not waiting:
        return []
    oldest = timezone.localdate(waiting[0].submitted_at)
    text = ngettext(
        "%(count)d expense waits for your decision; the oldest was submitted on %(date)s.",
        "%(count)d expenses wait for your decision; the oldest was submitted on %(date)s.",
        len(waiting),
    ) % {"count": len(waiting), "date": long_date(oldest)}
    return [ToDo(oldest, text, reverse("expenses"), "expense_decision")]


def _rejected(expense) -> ToDo:
    text = _("Your expense “%(description)s” was rejected: %(reason)s") % {
        "description": expense.description[:80], "reason": expense.reason or _("no reason given.")}  # fmt: skip
    return ToDo(timezone.localdate(expense.decided_at), text, reverse("expense", args=[expense.pk]), "expense")


def _record_expense(asker: Asker) -> str | None:
    return reverse("expense_add") if submitting_partners(asker.user, asker.programme).exists() else None


def _finance(asker: Asker) -> str | None:
    return reverse("finance") if asker.access.see_finance else None


def setup() -> None:
    register(finance_todos)
    add_offer(Role.CITY_STAFF, gettext_lazy("Record your city's expenses"), _record_expense, order=40)
    add_offer(Role.CITY_STAFF, gettext_lazy("Follow your budget against what is spent"), _finance, order=41)
    add_offer(Role.COORDINATOR, gettext_lazy("Approve expenses and follow every budget"), _finance, order=40)
