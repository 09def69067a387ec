"""Who maintains the benchmark standards: experts and the coordinator."""

from django.core.exceptions import PermissionDenied

from values.network.enums import Role
from values.network.permissions import AnyUser, is_coordinator


def can_maintain_benchmarks(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or user.memberships.filter(role=Role.EXPERT).exists()


def require_benchmark_maintainer(user: AnyUser) -> None:
    if not can_maintain_benchmarks(user):
        raise PermissionDenied
