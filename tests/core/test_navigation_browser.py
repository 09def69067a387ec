"""The header's navigation in Chromium: one row at 1280 px for every identity in long and right-to-left
languages, groups that open and close with the keyboard alone, and no axe violation."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.permission_world import ANONYMOUS, CESENA, CITY_LEADER, COORDINATOR, EXPERT
from tests.test_every_page_browser import WIDE, violations
from tests.test_permission_matrix import signed_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "de", "el", "fr", "ar")
# The nav list's height over its tallest item's: one row is 1; a second row would make it about 2.
ONE_ROW = """() => {
  const list = document.getElementById("main-menu");
  const items = [...list.children];
  return list.getBoundingClientRect().height / Math.max(...items.map((item) => item.getBoundingClientRect().height));
}"""


def browser_page(client, live_server, browser: Browser) -> Page:
    context = browser.new_context(viewport=WIDE)
    if django_settings.SESSION_COOKIE_NAME in client.cookies:
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context.new_page()


@pytest.mark.parametrize("identity", [ANONYMOUS, CITY_LEADER, CESENA, EXPERT, COORDINATOR])
def test_the_navigation_takes_one_row_at_1280_px_in_every_language(identity, world, live_server, browser: Browser):
    page = browser_page(signed_in_client(identity, world), live_server, browser)
    found = []

    for language in LANGUAGES:
        page.goto(f"{live_server.url}/{language}/p/{world.programme.code}/portal/")
        rows = page.evaluate(ONE_ROW)
        if rows > 1.2:
            found.append(f"{language}: the navigation is {rows:.1f} rows high")
        found += [f"{language}: axe {violation}" for violation in violations(page)]

    page.context.close()
    assert found == []


def test_the_coordinators_tools_are_under_one_manage_menu_opened_by_keyboard(coordinator, live_server, browser):
    client = Client()
    client.force_login(coordinator)
    page = browser_page(client, live_server, browser)
    page.goto(f"{live_server.url}/en/p/820885/finance/")
    manage = page.get_by_role("button", name="Manage")
    tools = page.locator("#nav-group-manage")

    expect(manage).to_have_attribute("aria-expanded", "false")
    expect(tools).to_be_hidden()
    page.keyboard.press("Tab")  # the skip link first
    while not manage.evaluate("(element) => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(manage).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(tools.get_by_role("link", name="Finance")).to_be_focused()
    expect(tools.get_by_role("link", name="Finance")).to_have_attribute("aria-current", "page")
    for name in ("Action plans", "Report templates", "Campaigns", "Translations"):
        expect(tools.get_by_role("link", name=name)).to_be_visible()
    page.keyboard.press("Escape")
    expect(tools).to_be_hidden()
    expect(manage).to_be_focused()
    assert violations(page) == []
    page.context.close()


def test_an_anonymous_reader_sees_no_manage_menu(programme, live_server, browser: Browser):
    page = browser_page(Client(), live_server, browser)
    page.goto(f"{live_server.url}/en/p/820885/")

    expect(page.get_by_role("button", name="Manage")).to_have_count(0)
    expect(page.get_by_role("button", name="Knowledge")).to_be_visible()
    page.context.close()


def test_without_javascript_every_groups_links_are_shown(programme, live_server, browser: Browser):
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/p/820885/partners/")

    expect(page.get_by_role("button", name="Knowledge")).to_be_hidden()
    expect(page.locator("#main-menu").get_by_role("link", name="Practices")).to_be_visible()
    expect(page.locator("#main-menu").get_by_role("link", name="Partners")).to_have_attribute("aria-current", "page")
    context.close()
