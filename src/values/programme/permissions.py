"""Who holds which role in which programme: the rules every app's permissions build on.

A membership gives a person a role for an organisation in one programme, or in every programme when it names
none. What a person may do in a programme follows from their roles in it and nothing else: the coordinator of
one programme reads no other's finances, and city staff in two programmes nominate in those two only.
Every rule takes the programme (or its id) first after the person.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import Membership, Programme
from values.programme.queries import memberships_in

ProgrammeRef = Programme | int

# Roles that let a member change their own organisation (a volunteer only takes part).
EDITING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER, Role.EXPERT, Role.COORDINATOR)
# The cities whose plan a member reads as their own.
PLAN_READING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER)


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _programme_id(programme: ProgrammeRef) -> int:
    return programme.pk if isinstance(programme, Programme) else programme


def roles_in(user: AnyUser, programme: ProgrammeRef) -> QuerySet[Membership]:
    """This person's memberships that hold in the programme: its own and those of every programme."""
    if not _active(user):
        return Membership.objects.none()
    return memberships_in(programme).filter(user=user)


def holds_role(user: AnyUser, programme: ProgrammeRef, roles=None, *, organisation=None) -> bool:
    """Whether the person has one of `roles` (any role: None) in the programme, for `organisation` if given."""
    memberships = roles_in(user, programme)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.exists()


def organisations_of(user: AnyUser, programme: ProgrammeRef, roles=None) -> QuerySet[Organisation]:
    """The organisations the person acts for in the programme (in one of `roles`, or any)."""
    memberships = roles_in(user, programme)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))


def is_coordinator(user: AnyUser, programme: ProgrammeRef) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or holds_role(user, programme, [Role.COORDINATOR])


def coordinated_programmes(user: AnyUser) -> QuerySet[Programme]:
    """The programmes this person coordinates (all, with a coordinator role that names none)."""
    if not _active(user):
        return Programme.objects.none()
    if user.is_superuser or user.memberships.filter(role=Role.COORDINATOR, programme__isnull=True).exists():
        return Programme.objects.all()
    return Programme.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR).distinct()


def coordinates_a_programme(user: AnyUser) -> bool:
    """A coordinator somewhere approves money and administers: two factors and the audit log (network asks)."""
    return _active(user) and user.memberships.filter(role=Role.COORDINATOR).exists()


def can_open_start_page(user: AnyUser, programme: ProgrammeRef) -> bool:
    """A start page is for whoever holds a role in the programme (its coordinator too)."""
    return is_coordinator(user, programme) or holds_role(user, programme)


def roles_held(user: AnyUser, programme: ProgrammeRef) -> list[str]:
    """The roles the person holds in the programme, in the order of `Role` (a superuser coordinates)."""
    held = set(roles_in(user, programme).values_list("role", flat=True))
    if is_coordinator(user, programme):
        held.add(Role.COORDINATOR)
    return [role for role in Role.values if role in held]


def programmes_with_role(user: AnyUser) -> QuerySet[Programme]:
    """The programmes in which the person holds a role (every one, with a role that names none)."""
    if not _active(user):
        return Programme.objects.none()
    if user.is_superuser or user.memberships.filter(programme__isnull=True).exists():
        return Programme.objects.all()
    return Programme.objects.filter(memberships__user=user).distinct()


def can_plan(user: AnyUser, programme: ProgrammeRef) -> bool:
    """Running the planner, setting its rules and accepting a plan is the programme's coordinator's."""
    return is_coordinator(user, programme)


def staff_cities(user: AnyUser, programme: ProgrammeRef) -> list[Organisation]:
    """The programme's cities whose plan this person sees as their own (city staff and volunteer leaders)."""
    cities = organisations_of(user, programme, PLAN_READING_ROLES).filter(
        kind="city", partnerships__programme=_programme_id(programme)
    )
    return list(cities.select_related("city"))


def can_change_organisation(user: AnyUser, organisation: Organisation, programme: ProgrammeRef) -> bool:
    """The programme's coordinator changes its partners; a member changes their own organisation."""
    if is_coordinator(user, programme):
        return True
    return holds_role(user, programme, EDITING_ROLES, organisation=organisation)


def get_partner_organisation_for_edit(user: AnyUser, programme: Programme, key: str) -> Organisation:
    """A partner's organisation to change: 404 when it is not this programme's partner, 403 when not the user's."""
    organisation = get_object_or_404(Organisation, key=key, partnerships__programme=programme)
    if not can_change_organisation(user, organisation, programme):
        raise PermissionDenied
    return organisation
