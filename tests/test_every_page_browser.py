"""Every page of the site in Chromium, as each identity of the permission matrix, at 320 and 1280 px.

The pages are the matrix's routes (tests/test_permission_matrix.py) that answer an identity with an HTML
page; downloads (PDF, ICS, CSV, XLSX, PNG, SVG, JSON, ZIP) are left out by their content type. Each page
must pass axe-core at the WCAG 2.x A and AA tags at both widths, must not scroll sideways (at 320 px, as
WCAG 1.4.10 asks, and at 1280 px), and must say its language and direction on `<html>`. The public pages
are also read in Arabic, right to left.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tests.permission_world import COORDINATOR, IDENTITIES, World
from tests.test_permission_matrix import ROWS, request, signed_in_client, url_of
from values.core.languages import in_language, is_right_to_left
from values.urls import programme_urlconf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
NARROW, WIDE = {"width": 320, "height": 720}, {"width": 1280, "height": 800}
AXE = Axe()
# The outermost elements that stick out of the viewport, to say what makes a page scroll sideways.
STICKING_OUT = """() => {
  const out = [...document.body.querySelectorAll("*")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1);
  });
  return out.filter((element) => !out.includes(element.parentElement)).slice(0, 3).map((element) =>
    element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + [...element.classList].map((name) => "." + name).join("")
    + " " + Math.round(element.getBoundingClientRect().width) + " px");
}"""


def html_pages(identity: str, client: Client, world: World) -> list[str]:
    """The addresses the matrix expects to answer this identity with 200 that answer with an HTML page."""
    urls: list[str] = []
    for row in ROWS:
        url = url_of(row, world) if row.get.get(identity) == 200 else None
        if url is None or url in urls:
            continue
        response, _body, _writes = request(client, "GET", url, {})
        if isinstance(response, Exception) or response.status_code != 200:
            continue  # the matrix reports it
        if response.get("Content-Type", "").startswith("text/html"):
            urls.append(url)
    return urls


def violations(page: Page) -> list[str]:
    results = AXE.run(page, options=WCAG)
    return [
        f"{violation['id']} at {', '.join(str(node['target']) for node in violation['nodes'][:3])}"
        for violation in results.response["violations"]
    ]


def problems(page: Page, address: str, *, lang: str = "en", direction: str = "ltr", sizes=(NARROW, WIDE)) -> list[str]:
    """What is wrong with this page at 320 and at 1280 px (or the sizes given), one line each (none when it is
    right)."""
    found: list[str] = []
    page.set_viewport_size(NARROW)
    response = page.goto(address)
    if response is None or response.status != 200:
        return [f"{address}: answered {response.status if response else 'nothing'} in the browser"]
    html = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    if html != [lang, direction]:
        found.append(f"{address}: <html lang={html[0]!r} dir={html[1]!r}>, not lang={lang!r} dir={direction!r}")
    for size in sizes:
        page.set_viewport_size(size)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > size["width"]:
            culprits = ", ".join(page.evaluate(STICKING_OUT))
            found.append(f"{address} at {size['width']} px: {scroll_width} px wide ({culprits})")
        found += [f"{address} at {size['width']} px: axe {violation}" for violation in violations(page)]
    return found


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_page_fits_and_is_accessible(identity, world, live_server, browser: Browser):
    client = signed_in_client(identity, world)
    urls = html_pages(identity, client, world)
    context = browser.new_context(viewport=NARROW)
    if django_settings.SESSION_COOKIE_NAME in client.cookies:
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()

    found = [problem for url in urls for problem in problems(page, live_server.url + url)]

    context.close()
    assert urls != []
    assert found == [], "\n" + "\n".join(found)


def signed_in_page(client: Client, live_server, browser: Browser) -> Page:
    """A page of a browser that carries the test client's session."""
    context = browser.new_context(viewport=NARROW)
    if django_settings.SESSION_COOKIE_NAME in client.cookies:
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context.new_page()


@pytest.mark.parametrize("language", [code for code, _name in django_settings.LANGUAGES if code != "en"])
def test_every_page_in_every_language_fits_and_is_accessible(language, world, live_server, browser: Browser):
    """As the coordinator, who sees most: each page at 320 px, where a language's long words would push it
    sideways. A page that does not serve a newcomer's language is shown in English (tests/test_every_language.py)."""
    client = signed_in_client(COORDINATOR, world)
    urls = [in_language(url, language) for url in html_pages(COORDINATOR, client, world)]
    urls = [url for url in urls if request(client, "GET", url, {})[0].status_code == 200]
    page = signed_in_page(client, live_server, browser)
    direction = "rtl" if is_right_to_left(language) else "ltr"

    found = [
        problem
        for url in urls
        for problem in problems(page, live_server.url + url, lang=language, direction=direction, sizes=(NARROW,))
    ]

    page.context.close()
    assert len(urls) > (10 if language in django_settings.NEWCOMER_LANGUAGES else 100)
    assert found == [], "\n" + "\n".join(found)


def test_the_public_pages_in_arabic_read_right_to_left(world, live_server, browser: Browser):
    arguments = {
        "portal": {},
        "campaign": {"key": world.campaign.key},
        "opportunities": {},
        "opportunity": {"opportunity_id": world.opportunity.pk},
        "volunteer_signup": {},
    }
    with translation.override("ar"):
        urls = [
            reverse(route, kwargs=kwargs, urlconf=programme_urlconf(world.programme.code))
            for route, kwargs in arguments.items()
        ]
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()

    found = [problem for url in urls for problem in problems(page, live_server.url + url, lang="ar", direction="rtl")]

    context.close()
    assert [url[:4] for url in urls] == ["/ar/"] * 5
    assert found == [], "\n" + "\n".join(found)


def test_the_menu_folds_behind_its_button_on_a_narrow_screen(programme, live_server, browser: Browser):
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/p/820885/partners/")
    button, menu = page.get_by_role("button", name="Menu"), page.locator("#main-menu")

    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("button", name="Knowledge").click()
    expect(menu.get_by_role("link", name="Practices")).to_be_visible()
    menu.get_by_role("link", name="Practices").focus()
    page.keyboard.press("Escape")  # closes the group first, then the menu
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    page.set_viewport_size(WIDE)
    expect(button).to_be_hidden()
    expect(menu.get_by_role("button", name="Knowledge")).to_be_visible()
    context.close()


def test_without_javascript_the_menu_is_simply_shown(programme, live_server, browser: Browser):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/p/820885/partners/")

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator("#main-menu").get_by_role("link", name="Practices")).to_be_visible()
    context.close()
