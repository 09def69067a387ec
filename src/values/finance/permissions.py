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


def expense_organisations(user: AnyUser) -> set[int] | None:
    """The organisations whose expenses this user reads: None for all (the coordinator), else their own."""
    if is_coordinator(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(user.memberships.filter(role__in=BUDGET_READERS).values_list("organisation_id", flat=True))


def submitting_partners(user: AnyUser, programme):
    """The programme's partners whose expenses this user submits (their own, as staff)."""
    if not user.is_authenticated or not user.is_active:
        return programme.partners.none()
    memberships = user.memberships.filter(role__in=EXPENSE_SUBMITTERS).values("organisation_id")
    return programme.partners.filter(organisation_id__in=memberships).select_related("organisation")


def can_change_expense(user: AnyUser, expense) -> bool:
    """A submitted expense is corrected by its partner's staff until the coordinator decides."""
    return expense.status == ExpenseStatus.SUBMITTED and can_submit_expenses(user, expense.partner)
