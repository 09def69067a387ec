"""Who plans and who reads the plan."""

from values.network.permissions import AnyUser, can_plan, staff_cities
from values.programme.models import Programme


def sees_plan(user: AnyUser, programme: Programme | None) -> bool:
    """The coordinator plans; city staff and volunteer leaders read their cities' part of the plan."""
    return can_plan(user) or bool(staff_cities(user))
