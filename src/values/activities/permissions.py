"""Who may see and change visits and exchanges: the only place that decides it.

The host city's staff edit their activity (dates, mode, agenda, minutes, attendance); each
taking-part city's staff nominate their own people; a participant answers for themselves;
the coordinator may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from values.activities.enums import FeedKind, ParticipantStatus
from values.activities.models import Activity, CalendarFeed, Participant, with_cities
from values.network.enums import Role
from values.network.models import Organisation, User
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import holds_role, is_coordinator, organisations_of
from values.programme.queries import memberships_in, people_holding

NOMINATING_ROLES = (Role.CITY_STAFF, Role.COORDINATOR)


def taking_part(activity: Activity) -> QuerySet[Organisation]:
    """The host and the cities it receives: the community for a visit, the guest for an exchange."""
    return Organisation.objects.filter(
        Q(pk=activity.host_id)
        | Q(community_memberships__community__visits__pk=activity.pk)
        | Q(guest_exchanges__pk=activity.pk)
    ).distinct()


def _staff_of(user: AnyUser, programme) -> QuerySet[Organisation]:
    return organisations_of(user, programme, NOMINATING_ROLES)


def can_edit_activity(user: AnyUser, activity: Activity) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    programme = activity.programme_id
    return is_coordinator(user, programme) or _staff_of(user, programme).filter(pk=activity.host_id).exists()


def people_who_can_edit(activity: Activity) -> QuerySet[User]:
    """Who may change the activity (its nomination deadline too), by the rule of `can_edit_activity`: the host
    city's staff and the programme's coordinator. Named on the page that refuses a late nomination."""
    memberships = memberships_in(activity.programme_id).filter(
        Q(role=Role.COORDINATOR) | Q(role__in=NOMINATING_ROLES, organisation=activity.host_id)
    )
    return people_holding(memberships)


def can_view_activity(user: AnyUser, activity: Activity) -> bool:
    """One rule for a page, a list and a calendar feed: the activity is among those the user may see."""
    return activities_visible_to(user, activity.programme_id).filter(pk=activity.pk).exists()


def nominating_cities(user: AnyUser, activity: Activity) -> QuerySet[Organisation]:
    """The cities for which this user may nominate people to this activity."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    cities = taking_part(activity)
    if is_coordinator(user, activity.programme_id):
        return cities
    return cities.filter(pk__in=_staff_of(user, activity.programme_id))


def get_activity_for_view(user: AnyUser, programme: Programme, activity_id: int) -> Activity:
    activity = _activity_of(programme, activity_id)
    if not can_view_activity(user, activity):
        raise PermissionDenied
    return activity


def get_activity_for_edit(user: AnyUser, programme: Programme, activity_id: int) -> Activity:
    activity = _activity_of(programme, activity_id)
    if not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


def _activity_of(programme: Programme, activity_id: int) -> Activity:
    """An activity of this programme, or 404 (another programme's is as unknown here as a missing one)."""
    activities = Activity.objects.select_related("host__city", "programme").filter(programme=programme)
    return get_object_or_404(activities, pk=activity_id)


def get_participant_for_answer(user: AnyUser, programme: Programme, participant_id: int) -> Participant:
    """Only the nominated person confirms or declines their own place."""
    participants = Participant.objects.select_related("activity").filter(activity__programme=programme)
    participant = get_object_or_404(participants, pk=participant_id)
    if not user.is_authenticated or participant.user_id != user.pk:
        raise PermissionDenied
    return participant


def activities_visible_to(user: AnyUser, programme) -> QuerySet[Activity]:
    """Every activity for the coordinator; for others, those of their cities or their own.

    The one rule of who sees an activity: pages, lists and calendar feeds all ask it.
    """
    activities = Activity.objects.filter(programme=programme)
    if not user.is_authenticated or not user.is_active:
        return activities.none()
    if is_coordinator(user, programme):
        return activities
    cities = organisations_of(user, programme)
    return activities.filter(with_cities(cities) | Q(participants__user=user)).distinct()


def can_follow_city(user: AnyUser, programme, organisation: Organisation | None) -> bool:
    """A city's calendar is followed by its own people in the programme only, checked when a feed is made and at
    each read."""
    if organisation is None:
        return False
    return holds_role(user, programme, organisation=organisation)


def get_feed_for_read(token: str) -> CalendarFeed:
    """The feed behind a secret address, or 404: unknown, revoked, or its owner's account is deactivated.

    A deactivated owner's feed answers like a revoked one (not an empty calendar): the address
    tells nobody that it ever existed, and the calendar application reports a dead subscription
    instead of showing a programme with nothing planned.
    """
    feed = CalendarFeed.objects.select_related("programme", "organisation", "owner").filter(token=token).first()
    if feed is None or feed.revoked_at is not None or not feed.owner.is_active:
        raise Http404("no such calendar")
    return feed


def feed_activities(feed: CalendarFeed) -> QuerySet[Activity]:
    """What a calendar feed shows, judged at each read by what its owner may see now: all of it
    (programme), a city's part of it (city), or what they are nominated to and did not decline."""
    activities = activities_visible_to(feed.owner, feed.programme_id)
    if feed.kind == FeedKind.PROGRAMME:
        return activities
    if feed.kind == FeedKind.CITY:
        if not can_follow_city(feed.owner, feed.programme_id, feed.organisation):
            return activities.none()
        return activities.filter(with_cities([feed.organisation]))
    # One subquery, so that another participant's refusal does not hide the activity from this person.
    own = Participant.objects.filter(user=feed.owner).exclude(status=ParticipantStatus.DECLINED)
    return activities.filter(pk__in=own.values("activity"))
