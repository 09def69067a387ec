"""The permission module, each rule both ways."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.conftest import make_member
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import (
    can_change_organisation,
    can_see_contact_details,
    get_organisation_for_edit,
    is_coordinator,
)

pytestmark = pytest.mark.django_db


def test_city_staff_change_their_own_city_only(cesena_staff):
    cesena, riga = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="riga")

    assert can_change_organisation(cesena_staff, cesena) is True
    assert can_change_organisation(cesena_staff, riga) is False


def test_the_coordinator_changes_every_organisation(coordinator):
    assert is_coordinator(coordinator) is True
    assert all(can_change_organisation(coordinator, org) for org in Organisation.objects.all())


def test_a_volunteer_takes_part_but_does_not_change_the_organisation(volunteer):
    assert can_change_organisation(volunteer, Organisation.objects.get(key="cesena")) is False
    assert is_coordinator(volunteer) is False


def test_a_volunteer_leader_changes_their_own_volunteer_organisation(programme):
    leader = make_member("leader", "evc", Role.VOLUNTEER_LEADER)

    assert can_change_organisation(leader, Organisation.objects.get(key="evc")) is True
    assert can_change_organisation(leader, Organisation.objects.get(key="cesena")) is False


def test_a_deactivated_account_changes_nothing(cesena_staff):
    cesena_staff.is_active = False

    assert can_change_organisation(cesena_staff, Organisation.objects.get(key="cesena")) is False
    assert can_see_contact_details(cesena_staff) is False


def test_anonymous_visitors_change_nothing_and_see_no_contacts(programme):
    anonymous = AnonymousUser()

    assert can_change_organisation(anonymous, Organisation.objects.get(key="cesena")) is False
    assert can_see_contact_details(anonymous) is False
    assert is_coordinator(anonymous) is False


def test_get_for_edit_tells_a_missing_organisation_from_a_forbidden_one(riga_staff):
    with pytest.raises(Http404):
        get_organisation_for_edit(riga_staff, "atlantis")
    with pytest.raises(PermissionDenied):
        get_organisation_for_edit(riga_staff, "cesena")
    assert get_organisation_for_edit(riga_staff, "riga").key == "riga"
