"""Roles per programme (programme.permissions), each rule both ways: a coordinator of one programme, city staff in
two, an expert in a bridge, and the roles of every programme."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.conftest import make_member
from values.finance.permissions import can_decide_expenses, can_see_budget_report
from values.knowledge.permissions import can_maintain_benchmarks
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import can_see_contact_details, requires_second_factor
from values.programme.permissions import (
    can_change_organisation,
    can_plan,
    get_partner_organisation_for_edit,
    is_coordinator,
    staff_cities,
)
from values.programme.services import grant_role, revoke_role

pytestmark = pytest.mark.django_db


def _org(key: str) -> Organisation:
    return Organisation.objects.get(key=key)


def test_city_staff_change_their_own_city_only(programme, cesena_staff):
    assert can_change_organisation(cesena_staff, _org("cesena"), programme) is True
    assert can_change_organisation(cesena_staff, _org("riga"), programme) is False


def test_the_coordinator_changes_every_organisation(programme, coordinator):
    assert is_coordinator(coordinator, programme) is True
    assert all(can_change_organisation(coordinator, org, programme) for org in Organisation.objects.all())


def test_a_volunteer_takes_part_but_does_not_change_the_organisation(programme, volunteer):
    assert can_change_organisation(volunteer, _org("cesena"), programme) is False
    assert is_coordinator(volunteer, programme) is False


def test_a_volunteer_leader_changes_their_own_volunteer_organisation(programme):
    leader = make_member("leader", "evc", Role.VOLUNTEER_LEADER)

    assert can_change_organisation(leader, _org("evc"), programme) is True
    assert can_change_organisation(leader, _org("cesena"), programme) is False


def test_a_deactivated_account_changes_nothing(programme, cesena_staff):
    cesena_staff.is_active = False

    assert can_change_organisation(cesena_staff, _org("cesena"), programme) is False
    assert can_see_contact_details(cesena_staff) is False


def test_anonymous_visitors_change_nothing_and_see_no_contacts(programme):
    anonymous = AnonymousUser()

    assert can_change_organisation(anonymous, _org("cesena"), programme) is False
    assert can_see_contact_details(anonymous) is False
    assert is_coordinator(anonymous, programme) is False


def test_get_for_edit_tells_a_missing_organisation_from_a_forbidden_one(programme, riga_staff):
    with pytest.raises(Http404):
        get_partner_organisation_for_edit(riga_staff, programme, "atlantis")
    with pytest.raises(PermissionDenied):
        get_partner_organisation_for_edit(riga_staff, programme, "cesena")
    assert get_partner_organisation_for_edit(riga_staff, programme, "riga").key == "riga"


# -- one person, three programmes -----------------------------------------------------------------------------
def test_a_coordinator_of_one_programme_coordinates_no_other(programme, welcome):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)

    assert is_coordinator(head, welcome) is True
    assert is_coordinator(head, programme) is False
    assert can_plan(head, programme) is False
    assert can_decide_expenses(head, programme) is False
    assert can_see_budget_report(head, programme) is False
    assert can_change_organisation(head, _org("riga"), programme) is False


def test_city_staff_in_two_programmes_and_an_expert_in_a_bridge(programme, welcome, bridge):
    person = make_member("anna", "cesena", Role.CITY_STAFF, programme=programme)
    grant_role(person, programme=welcome, organisation=_org("cesena"), role=Role.CITY_STAFF)
    grant_role(person, programme=bridge, organisation=_org("evc"), role=Role.EXPERT)

    assert [c.key for c in staff_cities(person, programme)] == ["cesena"]
    assert [c.key for c in staff_cities(person, welcome)] == ["cesena"]
    assert staff_cities(person, bridge) == []
    assert can_maintain_benchmarks(person, bridge) is True
    assert can_maintain_benchmarks(person, programme) is False  # city staff in VALUES, not its expert
    assert can_change_organisation(person, _org("evc"), programme) is False
    assert can_change_organisation(person, _org("evc"), bridge) is True


def test_a_role_in_every_programme_holds_in_each(programme, welcome):
    person = make_member("network-lead", "eurocities", Role.EXPERT, programme=programme)
    everywhere = grant_role(person, programme=None, organisation=_org("eurocities"), role=Role.COORDINATOR)

    assert is_coordinator(person, programme) is True
    assert is_coordinator(person, welcome) is True
    revoke_role(everywhere)
    assert is_coordinator(person, welcome) is False


def test_a_coordinator_of_any_programme_signs_in_with_two_factors(programme, welcome, settings):
    settings.REQUIRE_SECOND_FACTOR = True
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    staff = make_member("staff", "cesena", Role.CITY_STAFF, programme=welcome)

    assert requires_second_factor(head) is True
    assert requires_second_factor(staff) is False


# -- through the pages ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "page"),
    [
        ("get", "finance/"),
        ("get", "plan/"),
        ("get", "action-plans/"),
        ("get", "reports/templates/"),
        ("post", "plan/runs/"),
        ("post", "campaigns/"),
    ],
)
def test_a_coordinator_acting_in_a_programme_they_have_no_role_in_is_refused(client, programme, welcome, method, page):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    client.force_login(head)

    elsewhere = getattr(client, method)(f"/en/p/820885/{page}")
    own = client.get(f"/en/p/101010/{page}") if method == "get" else None

    assert elsewhere.status_code == 403
    assert own is None or own.status_code == 200


def test_the_menu_follows_the_roles_in_the_programme_shown(client, programme, welcome):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    client.force_login(head)

    own = client.get("/en/p/101010/").text
    other = client.get("/en/p/820885/").text

    assert 'href="/en/p/101010/finance/"' in own
    assert 'href="/en/p/101010/plan/"' in own
    assert "/finance/" not in other
    assert "/plan/" not in other
