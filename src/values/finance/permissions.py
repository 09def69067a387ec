"""Who reads the programme's budgets: the coordinator, experts and the partners' staff."""

from values.finance.enums import ExpenseStatus
from values.network.enums import Role
from values.network.permissions import AnyUser, is_coordinator

BUDGET_READERS = (Role.CITY_STAFF, Role.EXPERT)


def can_see_budget_report(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or user.memberships.filter(role__in=BUDGET_READERS).exists()


# A partner's own staff: city staff of a city, the coordinator's people for the coordinating network.
EXPENSE_SUBMITTERS = (Role.CITY_STAFF, Role.COORDINATOR)


def can_submit_expenses(user: AnyUser, partner) -> bool:
    """Only the partner's own staff submit (and correct, before a decision) its expenses."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.filter(organisation_id=partner.organisation_id, role__in=EXPENSE_SUBMITTERS).exists()


def can_decide_expenses(user: AnyUser) -> bool:
    """Approving, rejecting and reversing expenses, and keeping the rate tables, is the coordinator's."""
    return is_coordinator(user)


def can_decide_expense(user: AnyUser, expense) -> bool:
    """The coordinator approves or rejects a submitted expense, unless they submitted it themselves."""
    return (
        can_decide_expenses(user) and expense.status == ExpenseStatus.SUBMITTED and expense.submitted_by_id != user.pk
    )


def can_reverse_expense(user: AnyUser, expense) -> bool:
    """The coordinator reverses an approved expense once, with a correcting entry."""
    return can_decide_expenses(user) and expense.reversible


def expense_organisations(user: AnyUser) -> set[int] | None:
    """The organisations whose expenses this user reads: None for all (the coordinator), else their own."""
    if is_coordinator(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(user.memberships.filter(role__in=BUDGET_READERS).values_list("organisation_id", flat=True))


def can_read_all_spending(user: AnyUser) -> bool:
    """Whether this user reads every partner's spending (the coordinator), not only their own partner's."""
    return expense_organisations(user) is None


def submitting_partners(user: AnyUser, programme):
    """The programme's partners whose expenses this user submits (their own, as staff)."""
    if not user.is_authenticated or not user.is_active:
        return programme.partners.none()
    memberships = user.memberships.filter(role__in=EXPENSE_SUBMITTERS).values("organisation_id")
    return programme.partners.filter(organisation_id__in=memberships).select_related("organisation")


def can_change_expense(user: AnyUser, expense) -> bool:
    """A submitted expense is corrected by its partner's staff until the coordinator decides."""
    return expense.status == ExpenseStatus.SUBMITTED and can_submit_expenses(user, expense.partner)
