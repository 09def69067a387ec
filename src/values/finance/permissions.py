"""Who reads the programme's budgets: the coordinator, experts and the partners' staff."""

from values.network.enums import Role
from values.network.permissions import AnyUser, is_coordinator

BUDGET_READERS = (Role.CITY_STAFF, Role.EXPERT)


def can_see_budget_report(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or user.memberships.filter(role__in=BUDGET_READERS).exists()
