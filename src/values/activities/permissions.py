"""Who may see and change visits and exchanges: the only place that decides it.

The host city's staff edit their activity (dates, mode, agenda, minutes, attendance); each
taking-part city's staff nominate their own people; a participant answers for themselves;
the coordinator may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from values.activities.models import Activity, Participant
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser, is_coordinator

NOMINATING_ROLES = (Role.CITY_STAFF, Role.COORDINATOR)


def taking_part(activity: Activity) -> QuerySet[Organisation]:
    """The host and the cities it receives: the community for a visit, the guest for an exchange."""
    return Organisation.objects.filter(
        Q(pk=activity.host_id)
        | Q(community_memberships__community__visits__pk=activity.pk)
        | Q(guest_exchanges__pk=activity.pk)
    ).distinct()


def _staff_of(user: AnyUser) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=NOMINATING_ROLES)


def can_edit_activity(user: AnyUser, activity: Activity) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or _staff_of(user).filter(pk=activity.host_id).exists()


def can_view_activity(user: AnyUser, activity: Activity) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user) or activity.participants.filter(user=user).exists():
        return True
    return taking_part(activity).filter(memberships__user=user).exists()


def nominating_cities(user: AnyUser, activity: Activity) -> QuerySet[Organisation]:
    """The cities for which this user may nominate people to this activity."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    cities = taking_part(activity)
    return cities if is_coordinator(user) else cities.filter(pk__in=_staff_of(user))


def get_activity_for_view(user: AnyUser, activity_id: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("host__city", "programme"), pk=activity_id)
    if not can_view_activity(user, activity):
        raise PermissionDenied
    return activity


def get_activity_for_edit(user: AnyUser, activity_id: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("host__city", "programme"), pk=activity_id)
    if not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


def get_participant_for_answer(user: AnyUser, participant_id: int) -> Participant:
    """Only the nominated person confirms or declines their own place."""
    participant = get_object_or_404(Participant.objects.select_related("activity"), pk=participant_id)
    if not user.is_authenticated or participant.user_id != user.pk:
        raise PermissionDenied
    return participant


def with_cities(cities) -> Q:
    """Activities a city takes part in: as host, as a member of the visiting community, as guest."""
    return Q(host__in=cities) | Q(visit__community__members__organisation__in=cities) | Q(exchange__guest__in=cities)


def activities_visible_to(user: AnyUser, programme) -> QuerySet[Activity]:
    """Every activity for the coordinator; for others, those of their cities or their own."""
    activities = Activity.objects.filter(programme=programme)
    if not user.is_authenticated or not user.is_active:
        return activities.none()
    if is_coordinator(user):
        return activities
    cities = Organisation.objects.filter(memberships__user=user)
    return activities.filter(with_cities(cities) | Q(participants__user=user)).distinct()


def feed_activities(feed) -> QuerySet[Activity]:
    """What a calendar feed shows: its owner's activities, a city's, or the whole programme's."""
    activities = Activity.objects.filter(programme=feed.programme)
    if feed.kind == "programme":
        return activities
    if feed.kind == "city":
        return activities.filter(with_cities([feed.organisation])).distinct()
    return activities.filter(participants__user=feed.owner).exclude(participants__status="declined").distinct()
