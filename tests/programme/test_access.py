"""`request.access`: what a person may do in the programme, each rule decided once per request, and the menu
showing what it allows."""

import pytest
from django.contrib.auth.models import AnonymousUser

from values.programme.access import RULES, Access, add_rule

pytestmark = pytest.mark.django_db

HOME = "/en/p/820885/"


def _menu(client) -> str:
    page = client.get(HOME).text
    return page[page.index('<nav aria-label="Main"') : page.index("</nav>")]


def test_the_coordinators_menu_has_the_plan_finance_and_the_coordinators_tools(client, coordinator):
    client.force_login(coordinator)

    menu = _menu(client)

    for link in (
        "/en/p/820885/plan/",
        "/en/p/820885/finance/",
        "/en/p/820885/action-plans/",
        "/en/p/820885/reports/templates/",
    ):
        assert f'href="{link}"' in menu


def test_city_staff_see_their_plan_and_the_budgets_but_not_the_coordinators_tools(client, cesena_staff):
    client.force_login(cesena_staff)

    menu = _menu(client)

    assert 'href="/en/p/820885/plan/"' in menu
    assert 'href="/en/p/820885/finance/"' in menu
    assert "/action-plans/" not in menu
    assert "/reports/templates/" not in menu


def test_a_volunteer_sees_neither_the_plan_nor_the_finances(client, volunteer):
    client.force_login(volunteer)

    menu = _menu(client)

    assert "/plan/" not in menu
    assert "/finance/" not in menu
    assert 'href="/en/p/820885/calendar/"' in menu


def test_an_anonymous_visitor_is_allowed_nothing_and_no_rule_is_asked(programme):
    access = Access(AnonymousUser(), programme)

    assert access.see_plan is False
    assert access["see_finance"] is False


def test_each_rule_is_decided_once_per_request(programme, coordinator):
    asked = []
    add_rule("test_counted", lambda user, programme: asked.append(user) or True)
    try:
        access = Access(coordinator, programme)
        answers = [access.test_counted, access["test_counted"], access.test_counted]
    finally:
        del RULES["test_counted"]

    assert answers == [True, True, True]
    assert asked == [coordinator]


def test_a_rule_is_decided_by_one_app_only():
    with pytest.raises(ValueError, match="'see_finance' is already decided elsewhere"):
        add_rule("see_finance", lambda user, programme: True)


def test_asking_for_a_rule_nobody_states_is_an_error_not_a_silent_no(programme, coordinator):
    with pytest.raises(AttributeError, match="no access rule is called 'see_everything'"):
        _ = Access(coordinator, programme).see_everything
