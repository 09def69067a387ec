"""Who offers, sees and changes volunteer opportunities: the only place that decides it.

A partner organisation's city staff and volunteer leaders offer its opportunities in the programme where they
hold that role; the programme's coordinator offers and changes any partner's. A draft is its organisation's
and the coordinator's alone: to anyone else it answers 404, like an id that names nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import ProgrammeRef, holds_role, is_coordinator, organisations_of
from values.volunteering.enums import OpportunityStatus
from values.volunteering.identity import current_volunteer
from values.volunteering.models import Opportunity, Volunteer

OFFERING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER)


def offering_organisations(user: AnyUser, programme: Programme) -> QuerySet[Organisation]:
    """The programme's partner organisations whose opportunities this person offers and changes."""
    partners = Organisation.objects.filter(partnerships__programme=programme)
    if is_coordinator(user, programme):
        return partners.order_by("key")
    return partners.filter(pk__in=organisations_of(user, programme, OFFERING_ROLES)).order_by("key")


def can_offer_opportunities(user: AnyUser, programme: ProgrammeRef | None) -> bool:
    if programme is None:
        return False
    if is_coordinator(user, programme):
        return True
    return organisations_of(user, programme, OFFERING_ROLES).filter(partnerships__programme=programme).exists()


def can_edit_opportunity(user: AnyUser, opportunity: Opportunity) -> bool:
    programme = opportunity.programme_id
    if is_coordinator(user, programme):
        return True
    return holds_role(user, programme, OFFERING_ROLES, organisation=opportunity.organisation_id)


def can_see_opportunity(user: AnyUser, opportunity: Opportunity) -> bool:
    return opportunity.status != OpportunityStatus.DRAFT or can_edit_opportunity(user, opportunity)


def get_opportunity_for_view(user: AnyUser, programme: Programme, opportunity_id: int) -> Opportunity:
    """The opportunity if this person may see it; a draft they may not see is 404, like a missing id."""
    from values.volunteering.queries import opportunities_of  # lazy: queries imports this module

    opportunity = opportunities_of(programme).filter(pk=opportunity_id).first()
    if opportunity is None or not can_see_opportunity(user, opportunity):
        raise Http404("no such opportunity")
    return opportunity


def get_opportunity_for_edit(user: AnyUser, programme: Programme, opportunity_id: int) -> Opportunity:
    """The opportunity if this person may change it: 403 for a public one of another organisation, 404 for a
    draft they may not see."""
    opportunity = get_opportunity_for_view(user, programme, opportunity_id)
    if not can_edit_opportunity(user, opportunity):
        raise PermissionDenied
    return opportunity


# -- volunteers' personal data (sign-ups) ---------------------------------------------------------
def can_manage_volunteers(user: AnyUser, programme: ProgrammeRef | None) -> bool:
    """The coordinator answers volunteers' requests to download or erase their data (GDPR articles 15–17)."""
    return programme is not None and is_coordinator(user, programme)


# -- matching (issue #15, part 4): ranking applicants and matching everyone ---------------------
MATCHING_ROLES = (Role.CITY_STAFF,)


def match_cities(user: AnyUser, programme: Programme | None) -> QuerySet[Organisation]:
    """The partner cities whose volunteers this person matches: their own (city staff), or all (coordinator)."""
    if programme is None or not user.is_authenticated:
        return Organisation.objects.none()
    cities = Organisation.objects.filter(kind="city", partnerships__programme=programme).select_related("city")
    if not is_coordinator(user, programme):
        cities = cities.filter(pk__in=organisations_of(user, programme, MATCHING_ROLES))
    return cities.order_by("key")


def can_match_volunteers(user: AnyUser, programme: ProgrammeRef | None) -> bool:
    if programme is None:
        return False
    if is_coordinator(user, programme):
        return True
    return (
        organisations_of(user, programme, MATCHING_ROLES)
        .filter(kind="city", partnerships__programme=programme)
        .exists()
    )


# -- training (issue #15, part 6) ---------------------------------------------------------------
# The coordinator and partner city staff organise the programme's training (city staff their own
# organisation's sessions, the coordinator any); a signed-in person with a role in the programme but that of a
# volunteer (staff, experts, leaders) takes a place in a session open to staff. Sessions are public.
ORGANISING_ROLES = (Role.CITY_STAFF,)
STAFF_SEAT_ROLES = (Role.COORDINATOR, Role.EXPERT, Role.CITY_STAFF, Role.VOLUNTEER_LEADER)


def organising_organisations(user: AnyUser, programme: Programme) -> QuerySet[Organisation]:
    """The programme's partners whose training sessions this person plans and changes."""
    partners = Organisation.objects.filter(partnerships__programme=programme)
    if is_coordinator(user, programme):
        return partners.order_by("key")
    return partners.filter(pk__in=organisations_of(user, programme, ORGANISING_ROLES)).order_by("key")


def can_organise_training(user: AnyUser, programme: ProgrammeRef | None) -> bool:
    if programme is None:
        return False
    if is_coordinator(user, programme):
        return True
    return organisations_of(user, programme, ORGANISING_ROLES).filter(partnerships__programme=programme).exists()


def can_edit_training(user: AnyUser, session) -> bool:
    if is_coordinator(user, session.programme_id):
        return True
    return holds_role(user, session.programme_id, ORGANISING_ROLES, organisation=session.organisation_id)


def takes_staff_seats(user: AnyUser, programme: ProgrammeRef) -> bool:
    """Whether this person takes a place in sessions open to staff (a role in the programme, not a volunteer's)."""
    return holds_role(user, programme, STAFF_SEAT_ROLES)


def get_training_for_view(programme: Programme, session_id: int):
    """The programme's session; 404 for an id of nothing or of another programme."""
    from values.volunteering.training import training_sessions_of  # lazy: keeps this part's block in one hunk

    session = training_sessions_of(programme).filter(pk=session_id).first()
    if session is None:
        raise Http404("no such training session")
    return session


def get_training_for_edit(user: AnyUser, programme: Programme, session_id: int):
    """The session if this person may change it (and record its attendance); 403 for another organisation's."""
    session = get_training_for_view(programme, session_id)
    if not can_edit_training(user, session):
        raise PermissionDenied
    return session


# -- shifts and hours (issue #15, part 5) -------------------------------------------------------
def get_current_volunteer(request: HttpRequest) -> Volunteer:
    """The volunteer this browser speaks for (their personal link, or their account); 403 when there is none."""
    volunteer = current_volunteer(request)
    if volunteer is None:
        raise PermissionDenied
    return volunteer


def can_decide_hours(user: AnyUser, opportunity: Opportunity) -> bool:
    """Whoever changes an opportunity approves, corrects and rejects the hours given to it."""
    return can_edit_opportunity(user, opportunity)


def get_opportunity_for_hours(user: AnyUser, programme: Programme, opportunity_id: int) -> Opportunity:
    """The opportunity whose hours this person decides: 403 for a public one of another organisation, 404 for a
    draft they may not see."""
    opportunity = get_opportunity_for_view(user, programme, opportunity_id)
    if not can_decide_hours(user, opportunity):
        raise PermissionDenied
    return opportunity
