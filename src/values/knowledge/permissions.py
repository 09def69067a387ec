"""Who maintains the benchmark standards (experts and the coordinator), who proposes, sees and changes
good practices: the only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
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
    return practice.status == PracticeStatus.PUBLISHED or can_edit_practice(user, practice)


def get_practice_for_view(user: AnyUser, programme, practice_id: int) -> Practice:
    """The practice if this person may see it. A proposal they may not see is 404, exactly like an id that
    does not exist: whether it exists is itself private."""
    practices = Practice.objects.select_related("organisation")
    practice = practices.filter(pk=practice_id, programme=programme).first()
    if practice is None or not can_see_practice(user, practice):
        raise Http404("no such practice")
    return practice


def get_practice_for_edit(user: AnyUser, programme, practice_id: int) -> Practice:
    """The practice if this person may change it; 403 only for one they may see (a published practice of
    another city), 404 for one they may not see."""
    practice = get_practice_for_view(user, programme, practice_id)
    if not can_edit_practice(user, practice):
        raise PermissionDenied
    return practice
