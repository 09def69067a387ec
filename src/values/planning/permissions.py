"""Who plans and who reads the plan."""

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import can_plan, staff_cities


def sees_plan(user: AnyUser, programme: Programme | None) -> bool:
    """The coordinator plans; city staff and volunteer leaders read their cities' part of the plan."""
    return programme is not None and (can_plan(user, programme) or bool(staff_cities(user, programme)))
