"""A published practice of one programme shown in another: found in its list and search, read there, changed only
in its own programme, and shown or withdrawn by a coordinator."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.conftest import make_member
from values.knowledge.models import Practice
from values.knowledge.services import publish_practice, save_practice, show_practice_in, stop_showing_practice_in
from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry, Organisation

pytestmark = pytest.mark.django_db

VALUES, WELCOME = "/en/p/820885/", "/en/p/101010/"


@pytest.fixture
def buddy(programme, coordinator) -> Practice:
    practice = save_practice(
        programme,
        organisation=Organisation.objects.get(key="cesena"),
        by=coordinator,
        original_language="en",
        texts={"title": "Buddy scheme for newcomers", "summary": "Volunteers pair up with newcomers."},
        themes=list(programme.themes.filter(key="A")),
    )
    return publish_practice(practice, by=coordinator)


@pytest.fixture
def welcome_head(welcome):
    return make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)


def test_a_practice_is_found_only_in_its_own_programme_until_shown_in_another(client, welcome, buddy):
    before = client.get(f"{WELCOME}practices/?q=buddy").text

    assert "Buddy scheme for newcomers" in client.get(f"{VALUES}practices/?q=buddy").text
    assert "Buddy scheme for newcomers" not in before
    assert client.get(f"{WELCOME}practices/{buddy.pk}/").status_code == 404


def test_the_other_programmes_coordinator_shows_it_there_and_its_readers_find_it(client, welcome, buddy, welcome_head):
    client.force_login(welcome_head)

    shown = client.post(f"{VALUES}practices/{buddy.pk}/shown-in/", {"programme": "101010"})
    client.logout()
    listed = client.get(f"{WELCOME}practices/?q=buddy").text
    page = client.get(f"{WELCOME}practices/{buddy.pk}/")

    assert shown.status_code == 302
    assert list(buddy.shown_in_programmes.values_list("code", flat=True)) == ["101010"]
    assert "Buddy scheme for newcomers" in listed
    assert page.status_code == 200
    assert "A practice of VALUES, shown in this programme too." in page.text
    assert AuditEntry.objects.filter(action=AuditAction.PUBLISHED, target__contains="in 101010").count() == 1


def test_a_shown_practice_is_changed_only_in_its_own_programme(client, welcome, buddy, coordinator, welcome_head):
    show_practice_in(buddy, welcome, by=welcome_head)
    client.force_login(coordinator)

    page = client.get(f"{WELCOME}practices/{buddy.pk}/").text
    edit = client.get(f"{WELCOME}practices/{buddy.pk}/edit/")

    assert f'href="{WELCOME}practices/{buddy.pk}/edit/"' not in page
    assert edit.status_code == 403
    assert client.get(f"{VALUES}practices/{buddy.pk}/edit/").status_code == 200


def test_only_a_coordinator_of_the_other_programme_shows_it_there(welcome, buddy, coordinator, cesena_staff):
    for person in (coordinator, cesena_staff):  # VALUES's coordinator coordinates no other programme
        with pytest.raises(PermissionDenied):
            show_practice_in(buddy, welcome, by=person)
    assert buddy.shown_in_programmes.count() == 0


def test_a_proposal_is_not_shown_elsewhere(programme, welcome, coordinator, welcome_head):
    proposal = save_practice(
        programme,
        organisation=Organisation.objects.get(key="cesena"),
        by=coordinator,
        original_language="en",
        texts={"title": "Not yet", "summary": "A proposal."},
        themes=list(programme.themes.filter(key="A")),
    )

    with pytest.raises(PermissionDenied):
        show_practice_in(proposal, welcome, by=welcome_head)


def test_either_programmes_coordinator_takes_it_out_again(client, welcome, buddy, coordinator, welcome_head):
    show_practice_in(buddy, welcome, by=welcome_head)
    client.force_login(coordinator)

    response = client.post(f"{VALUES}practices/{buddy.pk}/shown-in/101010/remove/")

    assert response.status_code == 302
    assert buddy.shown_in_programmes.count() == 0
    assert client.get(f"{WELCOME}practices/{buddy.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        stop_showing_practice_in(buddy, welcome, by=make_member("anna", "cesena", Role.CITY_STAFF))
