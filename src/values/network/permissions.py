"""Who may do what: the only module that decides it.

A user changes only what belongs to their own organisations, unless their role says more:
a coordinator changes everything. Views call `get_organisation_for_edit` first; lists are
scoped before they are filtered.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from values.network.enums import Role
from values.network.models import Organisation, User

# Roles that let a member change their own organisation (a volunteer only takes part).
EDITING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER, Role.EXPERT, Role.COORDINATOR)

AnyUser = User | AnonymousUser


def is_coordinator(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.memberships.filter(role=Role.COORDINATOR).exists()


def requires_second_factor(user: AnyUser) -> bool:
    """Coordinators approve money (finance.permissions) and administer the site: they sign in with two factors."""
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return user.is_staff or is_coordinator(user)


def can_disable_second_factor(user: AnyUser) -> bool:
    """Whoever must sign in with two factors cannot turn them off; others may."""
    return user.is_authenticated and not requires_second_factor(user)


def can_read_audit_log(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_change_organisation(user: AnyUser, organisation: Organisation) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user):
        return True
    return user.memberships.filter(organisation=organisation, role__in=EDITING_ROLES).exists()


def can_see_contact_details(user: AnyUser) -> bool:
    """E-mail addresses of people are shown to signed-in users only."""
    return bool(user.is_authenticated and user.is_active)


def get_organisation_for_edit(user: AnyUser, key: str) -> Organisation:
    """The organisation with this id, or 404 when there is none and 403 when not the user's."""
    organisation = get_object_or_404(Organisation, key=key)
    if not can_change_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def can_plan(user: AnyUser) -> bool:
    """Running the planner, setting its rules and accepting a plan is the coordinator's."""
    return is_coordinator(user)


def staff_cities(user: AnyUser) -> list[Organisation]:
    """The cities whose plan this user sees as their own (city staff and volunteer leaders)."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=(Role.CITY_STAFF, Role.VOLUNTEER_LEADER), kind="city"
        )
        .select_related("city")  # the plan page names each city
        .distinct()
    )
