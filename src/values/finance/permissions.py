"""Who reads the programme's budgets: the coordinator, experts and the partners' staff."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from values.finance.enums import ExpenseStatus
from values.network.enums import Role
from values.network.permissions import AnyUser, oversees_site
from values.programme.permissions import holds_role, is_coordinator, organisations_of

BUDGET_READERS = (Role.CITY_STAFF, Role.EXPERT)


def can_see_budget_report(user: AnyUser, programme) -> bool:
    return is_coordinator(user, programme) or holds_role(user, programme, BUDGET_READERS)


def require_budget_reader(access) -> None:
    """403 unless the person reads the programme's budgets (`access.see_finance`: the request's `Access`, which
    asks `can_see_budget_report` once a request, for the menu and the page alike)."""
    if not access.see_finance:
        raise PermissionDenied(_("The budgets are for the coordinator, experts and the partners' staff."))


def get_expense_for_view(access, expense_id: int):
    """The expense if the person reads it: 403 for who reads no budgets, and 404 for another partner's expense,
    as for a missing one: whether it exists is that partner's to know."""
    from values.finance.queries import expenses_visible_to  # lazy: queries imports this module

    require_budget_reader(access)
    expense = expenses_visible_to(access.user, access.programme).filter(pk=expense_id).first()
    if expense is None:
        raise Http404("no such expense")
    return expense


# A partner's own staff: city staff of a city, the coordinator's people for the coordinating network.
EXPENSE_SUBMITTERS = (Role.CITY_STAFF, Role.COORDINATOR)


def can_submit_expenses(user: AnyUser, partner) -> bool:
    """Only the partner's own staff submit (and correct, before a decision) its expenses."""
    return holds_role(user, partner.programme_id, EXPENSE_SUBMITTERS, organisation=partner.organisation_id)


def can_decide_expenses(user: AnyUser, programme) -> bool:
    """Approving, rejecting and reversing the programme's expenses is its coordinator's."""
    return is_coordinator(user, programme)


def can_keep_rate_tables(user: AnyUser) -> bool:
    """The exchange and subsistence rates serve every programme of the site: a coordinator of any keeps them."""
    return oversees_site(user)


def require_rate_keeper(user: AnyUser) -> None:
    """403 unless the person keeps the rate tables (`can_keep_rate_tables`), before anything is read or changed."""
    if not can_keep_rate_tables(user):
        raise PermissionDenied(_("The rate tables are kept by the coordinator."))


def require_budget_keeper(access) -> None:
    """403 unless the person keeps the partners' budget lines: the programme's coordinator, who decides expenses
    (`access.decide_expenses`, the request's `Access`)."""
    if not access.decide_expenses:
        raise PermissionDenied(_("The budget lines are kept by the coordinator."))


def can_decide_expense(user: AnyUser, expense) -> bool:
    """The coordinator approves or rejects a submitted expense, unless they submitted it themselves."""
    return (
        can_decide_expenses(user, expense.partner.programme_id)
        and expense.status == ExpenseStatus.SUBMITTED
        and expense.submitted_by_id != user.pk
    )


def can_reverse_expense(user: AnyUser, expense) -> bool:
    """The coordinator reverses an approved expense once, with a correcting entry."""
    return can_decide_expenses(user, expense.partner.programme_id) and expense.reversible


def expense_organisations(user: AnyUser, programme) -> set[int] | None:
    """The organisations whose expenses this user reads in the programme: None for all (its coordinator), else
    their own."""
    if is_coordinator(user, programme):
        return None
    return set(organisations_of(user, programme, BUDGET_READERS).values_list("pk", flat=True))


def can_read_all_spending(user: AnyUser, programme) -> bool:
    """Whether this user reads every partner's spending (the coordinator), not only their own partner's."""
    return expense_organisations(user, programme) is None


def submitting_partners(user: AnyUser, programme):
    """The programme's partners whose expenses this user submits (their own, as staff)."""
    own = organisations_of(user, programme, EXPENSE_SUBMITTERS)
    return programme.partners.filter(organisation__in=own).select_related("organisation")


def partners_to_submit_for(user: AnyUser, programme):
    """`submitting_partners`, or 403 for who submits no partner's expenses: asked before any input is read."""
    partners = submitting_partners(user, programme)
    if not partners.exists():
        raise PermissionDenied(_("Only the partner's own staff submit its expenses."))
    return partners


def can_change_expense(user: AnyUser, expense) -> bool:
    """A submitted expense is corrected by its partner's staff until the coordinator decides."""
    return expense.status == ExpenseStatus.SUBMITTED and can_submit_expenses(user, expense.partner)
