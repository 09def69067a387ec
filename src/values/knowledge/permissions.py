"""Who maintains the benchmark standards: experts and the coordinator."""

from django.core.exceptions import PermissionDenied

from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser, is_coordinator


def can_maintain_benchmarks(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or user.memberships.filter(role=Role.EXPERT).exists()


def require_benchmark_maintainer(user: AnyUser) -> None:
    if not can_maintain_benchmarks(user):
        raise PermissionDenied


PROPOSING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER, Role.COORDINATOR)


def proposing_organisations(user: AnyUser):
    """Where this user may propose practices from: their city or volunteer organisation."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=PROPOSING_ROLES).distinct()


def can_edit_practice(user: AnyUser, practice) -> bool:
    return is_coordinator(user) or proposing_organisations(user).filter(pk=practice.organisation_id).exists()


def can_see_practice(user: AnyUser, practice) -> bool:
    return practice.status == "published" or can_edit_practice(user, practice)
