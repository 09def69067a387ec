"""Who may see and change visits and exchanges, and answer a nomination."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404

from tests.conftest import make_member
from values.activities.models import Activity, Exchange, Participant, Visit
from values.activities.permissions import (
    can_edit_activity,
    can_view_activity,
    get_activity_for_edit,
    get_activity_for_view,
    get_participant_for_answer,
    nominating_cities,
)
from values.activities.services import nominate_participant
from values.network.enums import Role
from values.network.models import Organisation
from values.planning.models import PlanRun
from values.programme.models import Membership

pytestmark = pytest.mark.django_db

CESENA_COMMUNITY = ["cesena", "dusseldorf", "riga", "toulouse"]


@pytest.fixture
def plan(accepted_plan) -> PlanRun:
    return accepted_plan


@pytest.fixture
def visit(plan) -> Visit:
    """Cesena's mentoring visit."""
    return Visit.objects.get(host__key="cesena")


@pytest.fixture
def riga_visit(plan) -> Visit:
    """Riga's mentoring visit, in the same community as Cesena."""
    return Visit.objects.get(host__key="riga")


@pytest.fixture
def exchange(plan) -> Exchange:
    """Cesena receives its exchange partner's people."""
    return Exchange.objects.get(host__key="cesena")


@pytest.fixture
def turin_staff(programme):
    return make_member("turin", "turin", Role.CITY_STAFF)


@pytest.fixture
def participant(visit, cesena_staff, volunteer) -> Participant:
    """Cesena's volunteer, nominated to Cesena's visit."""
    return nominate_participant(
        visit,
        user=volunteer,
        organisation=Organisation.objects.get(key="cesena"),
        by=cesena_staff,
        today=visit.start - timedelta(days=30),
    )


def keys(cities) -> list[str]:
    return sorted(cities.values_list("key", flat=True))


def unknown_activity_id() -> int:
    return Activity.objects.aggregate(last=Max("pk"))["last"] + 1000


def test_cesena_is_in_a_community_with_dusseldorf_riga_and_toulouse(visit):
    members = sorted(visit.community.members.values_list("organisation__key", flat=True))

    assert members == CESENA_COMMUNITY


# -- can_edit_activity --------------------------------------------------------------------------
def test_the_coordinator_edits_any_activity(coordinator, visit, riga_visit, exchange):
    allowed = [can_edit_activity(coordinator, a) for a in (visit, riga_visit, exchange)]

    assert allowed == [True, True, True]


def test_the_host_citys_staff_edit_their_visit(cesena_staff, visit):
    allowed = can_edit_activity(cesena_staff, visit)

    assert allowed is True


def test_the_host_citys_staff_edit_their_exchange(cesena_staff, exchange):
    allowed = can_edit_activity(cesena_staff, exchange)

    assert allowed is True


def test_a_citys_staff_do_not_edit_another_citys_visit_of_the_same_community(cesena_staff, riga_visit):
    allowed = can_edit_activity(cesena_staff, riga_visit)

    assert allowed is False


def test_another_citys_staff_do_not_edit_the_hosts_visit(riga_staff, visit):
    allowed = can_edit_activity(riga_staff, visit)

    assert allowed is False


def test_the_guest_citys_staff_do_not_edit_the_exchange(exchange):
    guest_staff = make_member("guest-staff", exchange.guest.key, Role.CITY_STAFF)

    allowed = can_edit_activity(guest_staff, exchange)

    assert allowed is False


def test_a_volunteer_of_the_host_city_does_not_edit(volunteer, visit):
    allowed = can_edit_activity(volunteer, visit)

    assert allowed is False


def test_an_anonymous_visitor_does_not_edit(visit):
    allowed = can_edit_activity(AnonymousUser(), visit)

    assert allowed is False


def test_a_deactivated_host_staff_member_does_not_edit(cesena_staff, visit):
    cesena_staff.is_active = False
    cesena_staff.save(update_fields=["is_active"])

    allowed = can_edit_activity(cesena_staff, visit)

    assert allowed is False


# -- can_view_activity --------------------------------------------------------------------------
@pytest.mark.parametrize("city", CESENA_COMMUNITY)
def test_a_member_of_every_city_of_the_community_views_the_visit(visit, city):
    member = make_member(f"{city}-volunteer", city, Role.VOLUNTEER)

    allowed = can_view_activity(member, visit)

    assert allowed is True


def test_the_coordinator_views_any_activity(coordinator, visit, exchange):
    allowed = [can_view_activity(coordinator, a) for a in (visit, exchange)]

    assert allowed == [True, True]


def test_a_city_outside_the_community_does_not_view_the_visit(turin_staff, visit):
    allowed = can_view_activity(turin_staff, visit)

    assert allowed is False


def test_an_anonymous_visitor_does_not_view(visit):
    allowed = can_view_activity(AnonymousUser(), visit)

    assert allowed is False


def test_a_participant_views_the_activity_even_without_a_membership(participant, visit, volunteer):
    Membership.objects.filter(user=volunteer).delete()

    allowed = can_view_activity(volunteer, visit)

    assert allowed is True


def test_the_host_and_the_guest_view_the_exchange(exchange, cesena_staff):
    guest_member = make_member("guest-volunteer", exchange.guest.key, Role.VOLUNTEER)

    allowed = [can_view_activity(cesena_staff, exchange), can_view_activity(guest_member, exchange)]

    assert allowed == [True, True]


def test_a_community_city_outside_the_pair_does_not_view_the_exchange(exchange):
    outsider = next(c for c in CESENA_COMMUNITY if c not in {exchange.host.key, exchange.guest.key})
    member = make_member("outsider", outsider, Role.CITY_STAFF)

    allowed = can_view_activity(member, exchange)

    assert allowed is False


# -- nominating_cities --------------------------------------------------------------------------
def test_a_citys_staff_nominate_for_their_own_city_only(cesena_staff, visit):
    cities = nominating_cities(cesena_staff, visit)

    assert keys(cities) == ["cesena"]


def test_a_community_citys_staff_nominate_for_their_city_to_anothers_visit(riga_staff, visit):
    cities = nominating_cities(riga_staff, visit)

    assert keys(cities) == ["riga"]


def test_the_coordinator_nominates_for_every_city_of_the_community(coordinator, visit):
    cities = nominating_cities(coordinator, visit)

    assert keys(cities) == CESENA_COMMUNITY


def test_the_coordinator_nominates_for_the_host_and_guest_of_an_exchange(coordinator, exchange):
    cities = nominating_cities(coordinator, exchange)

    assert keys(cities) == sorted([exchange.host.key, exchange.guest.key])


def test_a_city_outside_the_community_nominates_for_no_city(turin_staff, visit):
    cities = nominating_cities(turin_staff, visit)

    assert keys(cities) == []


def test_a_volunteer_nominates_for_no_city(volunteer, visit):
    cities = nominating_cities(volunteer, visit)

    assert keys(cities) == []


def test_an_anonymous_visitor_nominates_for_no_city(visit):
    cities = nominating_cities(AnonymousUser(), visit)

    assert keys(cities) == []


# -- loading for a view -------------------------------------------------------------------------
def test_the_host_staff_load_their_activity_for_editing(cesena_staff, visit, programme):
    activity = get_activity_for_edit(cesena_staff, programme, visit.pk)

    assert activity.pk == visit.pk


def test_loading_an_unknown_activity_for_editing_is_not_found(coordinator, plan, programme):
    with pytest.raises(Http404):
        get_activity_for_edit(coordinator, programme, unknown_activity_id())


def test_loading_anothers_activity_for_editing_is_denied(riga_staff, visit, programme):
    with pytest.raises(PermissionDenied):
        get_activity_for_edit(riga_staff, programme, visit.pk)


def test_loading_for_editing_anonymously_is_denied(visit, programme):
    with pytest.raises(PermissionDenied):
        get_activity_for_edit(AnonymousUser(), programme, visit.pk)


def test_a_community_member_loads_the_visit_for_viewing(riga_staff, visit, programme):
    activity = get_activity_for_view(riga_staff, programme, visit.pk)

    assert activity.pk == visit.pk


def test_loading_an_unknown_activity_for_viewing_is_not_found(coordinator, plan, programme):
    with pytest.raises(Http404):
        get_activity_for_view(coordinator, programme, unknown_activity_id())


def test_loading_for_viewing_from_outside_the_community_is_denied(turin_staff, visit, programme):
    with pytest.raises(PermissionDenied):
        get_activity_for_view(turin_staff, programme, visit.pk)


def test_loading_for_viewing_anonymously_is_denied(visit, programme):
    with pytest.raises(PermissionDenied):
        get_activity_for_view(AnonymousUser(), programme, visit.pk)


# -- get_participant_for_answer -----------------------------------------------------------------
def test_the_nominated_person_loads_their_nomination(participant, volunteer, programme):
    loaded = get_participant_for_answer(volunteer, programme, participant.pk)

    assert loaded.pk == participant.pk


@pytest.mark.parametrize("who", ["cesena_staff", "coordinator"])
def test_nobody_else_answers_for_the_nominated_person(request, participant, who, programme):
    other = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        get_participant_for_answer(other, programme, participant.pk)


def test_an_anonymous_visitor_answers_no_nomination(participant, programme):
    with pytest.raises(PermissionDenied):
        get_participant_for_answer(AnonymousUser(), programme, participant.pk)


def test_answering_an_unknown_nomination_is_not_found(participant, volunteer, programme):
    with pytest.raises(Http404):
        get_participant_for_answer(volunteer, programme, participant.pk + 1000)
