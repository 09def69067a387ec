"""Real Chromium on the publishing pages: the portal in both languages, a toolkit built and read, a campaign
planned, shown to the public and its reach reported; axe-core on every page."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from tests.conftest import follow_menu
from tests.core.test_browser import _loaded_width, _sign_in, assert_accessible
from tests.core.test_uploads import photo_bytes
from values.knowledge.services import add_photo, publish_practice, save_practice
from values.network.models import Organisation
from values.programme.models import Theme
from values.publishing.services import add_channel, save_campaign

# The button names the person signed in ("Sign out (Anna Lisi)"), or says they have no name.
SIGN_OUT = re.compile(r"^Sign out \(")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("language", "heading", "map_heading"),
    [("en", "VALUES:", "Partners on the map"), ("it", "VALUES:", "Partner sulla mappa")],
)
def test_the_portal_in_each_language_shows_the_map_and_is_accessible(
    page: Page, live_server, programme, language, heading, map_heading
):
    page.goto(f"{live_server.url}/{language}/portal/")

    expect(page.locator("h1")).to_contain_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=map_heading)).to_be_visible()
    partner_map = page.get_by_role("img", name=re.compile("Cesena"))
    assert _loaded_width(partner_map) > 0  # the map loads under the content security policy
    assert_accessible(page)


def test_the_coordinator_builds_a_toolkit_and_the_public_reads_it(
    page: Page, live_server, coordinator, cesena_staff, media_root
):
    practice = save_practice(
        coordinator.memberships.first().organisation.partnerships.get().programme,
        organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="en",
        texts={"title": "Welcome café", "summary": "Volunteers and newcomers meet over coffee."},
        themes=[Theme.objects.get(key="B")],
    )  # fmt: skip
    image = SimpleUploadedFile("cafe.jpg", photo_bytes(size=(320, 240)), content_type="image/jpeg")
    add_photo(practice, image=image, alt_text="Volunteers serve coffee", by=cesena_staff)
    publish_practice(practice)
    _sign_in(page, live_server, "coordinator")

    page.goto(f"{live_server.url}/en/p/820885/toolkits/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Build B\. .* now$")).click()
    page.get_by_role("link", name=re.compile(r"^B\. ")).click()

    expect(page.get_by_role("heading", name="Welcome café")).to_be_visible()
    photo = page.get_by_role("img", name="Volunteers serve coffee")
    assert _loaded_width(photo) == 320
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def campaign(programme):
    campaign = save_campaign(
        programme, key="volunteer-2020", title={"en": "Time to welcome", "it": "Tempo di accogliere"},
        call_to_action={"en": "Give two hours a week to a newcomer.", "it": "Dona due ore a settimana."},
        pitch={"en": "Volunteers **make** the welcome."}, starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30),
        volunteer_url="https://example.org/volunteer", published=True,
    )  # fmt: skip
    campaign.messages.create(audience="students", text={"en": "Meet the world at home."})
    campaign.assets.create(kind="infographic", title={"en": "Who volunteers"}, infographic="practices-per-theme")
    add_channel(
        campaign, kind="social", name="Cesena on Instagram", organisation=Organisation.objects.get(key="cesena"),
        target_reach=5000,
    )  # fmt: skip
    return campaign


def test_the_public_campaign_page_calls_to_volunteer_and_is_accessible(page: Page, live_server, campaign):
    page.goto(f"{live_server.url}/en/")
    follow_menu(page, "Volunteering", "Volunteer")

    expect(page.locator("h1")).to_have_text("Time to welcome")
    expect(page.get_by_role("link", name="Offer your time as a volunteer")).to_have_attribute(
        "href", "https://example.org/volunteer"
    )
    assert _loaded_width(page.get_by_role("img", name=re.compile("^Who volunteers"))) > 0
    assert_accessible(page)


def test_city_staff_report_reach_by_keyboard_and_the_pages_are_accessible(
    page: Page, live_server, campaign, cesena_staff, coordinator
):
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/campaigns/volunteer-2020/reach/")
    assert_accessible(page)

    page.get_by_role("textbox", name="Month").fill("2020-03")
    page.get_by_role("spinbutton", name="People reached").fill("-4")
    page.get_by_role("spinbutton", name="People reached").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    assert_accessible(page)
    page.get_by_role("spinbutton", name="People reached").fill("1200")
    page.get_by_role("spinbutton", name="People reached").press("Enter")

    expect(page.get_by_role("table")).to_contain_text("1200")
    page.get_by_role("button", name=SIGN_OUT).click()
    _sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/p/820885/campaigns/volunteer-2020/plan/")
    expect(page.get_by_role("table")).to_contain_text("Cesena on Instagram")
    assert_accessible(page)


@pytest.mark.parametrize(
    "address", ["/it/p/820885/toolkits/", "/it/p/820885/toolkits/programme/", "/en/p/820885/campaign/"]
)
def test_the_public_pages_before_anything_is_built_or_planned_are_accessible(
    page: Page, live_server, programme, address
):
    page.goto(f"{live_server.url}{address}")

    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_a_partner_translates_an_italian_practice_side_by_side_and_the_pages_are_accessible(
    page: Page, live_server, cesena_staff
):
    save_practice(
        Theme.objects.get(key="B").programme, organisation=Organisation.objects.get(key="cesena"), by=None,
        original_language="it", texts={"title": "Un amico per ogni nuovo arrivato", "summary": "Ogni martedì."},
        themes=[Theme.objects.get(key="B")],
    )  # fmt: skip
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/")
    page.get_by_role("link", name="Your texts that lack a translation into the programme's languages").click()
    expect(page.get_by_role("row", name=re.compile("Un amico per ogni nuovo arrivato"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Translate into English")
    expect(page.locator('.prose[lang="it"]', has_text="Un amico per ogni nuovo arrivato")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.get_by_label("Title").fill("A buddy for every newcomer")
    page.get_by_label("Summary").fill("Every Tuesday.")
    page.get_by_role("button", name="Save the translation").click()

    expect(page.get_by_text("The translation was saved.")).to_be_visible()
    expect(page.get_by_text("Every text is translated into the programme's languages.")).to_be_visible()
    assert_accessible(page)
