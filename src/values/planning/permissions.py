"""Who plans and who reads the plan."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import can_plan, staff_cities


def sees_plan(user: AnyUser, programme: Programme | None) -> bool:
    """The coordinator plans; city staff and volunteer leaders read their cities' part of the plan."""
    return programme is not None and (can_plan(user, programme) or bool(staff_cities(user, programme)))


def require_planner(access) -> None:
    """403 unless the person plans the programme (`access.plan`, the request's `Access`): its rules, runs and the
    accepting of a plan are the coordinator's."""
    if not access.plan:
        raise PermissionDenied(_("Planning the programme is the coordinator's."))
