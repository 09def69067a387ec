"""Real Chromium: the public pages in English and Italian, signing in, and axe-core on each page."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, ROOT, authenticator_code, follow_menu, make_member
from tests.core.test_uploads import CAPTIONS_TEXT, photo_bytes
from values.activities.services import answer_nomination, nominate_participant
from values.network.enums import Role
from values.reports.services import request_reports, save_template

# The button names the person signed in ("Sign out (Anna Lisi)"), or says they have no name.
SIGN_OUT = re.compile(r"^Sign out \(")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("language", "home_heading", "partner_heading"),
    [
        ("en", "VALUES: Volunteering Activities", "City of Cesena"),
        ("it", "VALUES: Sviluppo di attività di volontariato", "Comune di Cesena"),
    ],
)
def test_home_and_partner_pages_in_each_language_are_accessible(
    page: Page, live_server, programme, language, home_heading, partner_heading
):
    page.goto(f"{live_server.url}/{language}/")

    expect(page.locator("h1")).to_contain_text(home_heading)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    page.get_by_role("link", name=partner_heading).first.click()
    expect(page.locator("h1")).to_have_text(partner_heading)
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page: Page, live_server, programme):
    page.goto(f"{live_server.url}/en/p/820885/partners/cesena/")

    page.get_by_label("Language").select_option("it")
    page.get_by_role("button", name="Change").click()

    expect(page).to_have_url(f"{live_server.url}/it/p/820885/partners/cesena/")
    expect(page.locator("h1")).to_have_text("Comune di Cesena")


def test_signing_in_shows_contacts_and_the_edit_link_by_keyboard(page: Page, live_server, cesena_staff):
    page.goto(f"{live_server.url}/en/p/820885/partners/cesena/")
    expect(page.get_by_text("zoffoli_r@comune.cesena.fc.it")).to_have_count(0)

    page.get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Username").fill("cesena")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")

    expect(page).to_have_url(f"{live_server.url}/en/p/820885/partners/cesena/")
    expect(page.get_by_role("link", name="zoffoli_r@comune.cesena.fc.it")).to_be_visible()
    page.get_by_role("link", name="Edit details").click()
    expect(page.locator("h1")).to_have_text("Edit City of Cesena")
    assert_accessible(page)


def test_a_form_error_is_announced_and_accessible(page: Page, live_server, cesena_staff):
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/p/820885/partners/cesena/edit/")
    page.get_by_label("Username").fill("cesena")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_label("Latitude").fill("91")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_text("Ensure this value is less than or equal to 90.")).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_plans_and_accepts_and_a_city_sees_its_plan(page: Page, live_server, coordinator, cesena_staff):
    _sign_in(page, live_server, "coordinator")
    follow_menu(page, "Programme", "Plan")
    assert_accessible(page)

    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Plan now").click()

    expect(page.get_by_text("This plan is proven optimal")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept this plan").click()
    expect(page.get_by_text("Plan accepted: 4 communities, 16 visits and 16 exchanges.")).to_be_visible()
    follow_menu(page, "Programme", "Calendar")
    expect(
        page.get_by_role("table", name="Communities down, months across: V is a mentoring visit, E an exchange")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Make an address").click()
    expect(page.get_by_label("Calendar address")).to_have_value(re.compile(r"^http://.*/feeds/.+\.ics$"))
    assert_accessible(page)
    page.get_by_role("button", name=SIGN_OUT).click()
    _sign_in(page, live_server, "cesena")
    follow_menu(page, "Programme", "Plan")
    expect(page.locator("h1")).to_have_text("Your plan in VALUES")
    expect(page.locator(".entry")).to_have_count(6)
    assert_accessible(page)


def _sign_in(page: Page, live_server, username: str) -> None:
    """Sign in through the form; a coordinator then types the code of their authenticator app."""
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        expect(page.locator("h1")).to_have_text("Second step of signing in")
        page.get_by_label("Code").fill(authenticator_code(device))
        page.get_by_role("button", name="Sign in").click()


def test_the_host_city_adds_a_session_to_its_visits_agenda(page: Page, live_server, cesena_visit, cesena_staff):
    visit = cesena_visit
    _sign_in(page, live_server, "cesena")

    page.goto(f"{live_server.url}/en/p/820885/activities/{visit.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a session").click()
    assert_accessible(page)
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Title").fill("Volunteering with newcomers")
    page.get_by_label("Day").fill(visit.start.isoformat())
    page.get_by_label("Starts").fill("10:00")
    page.get_by_label("Ends").fill("11:30")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("row", name="Volunteering with newcomers")).to_be_visible()
    expect(page.get_by_text("The agenda was saved.")).to_be_visible()
    assert_accessible(page)


def test_a_participant_submits_a_report_and_the_coordinator_returns_it(
    page: Page, live_server, programme, cesena_visit, cesena_staff
):
    visit = cesena_visit
    template = save_template(
        programme,
        title="Key research questions",
        description="",
        questions=[
            {"kind": "long_text", "text": "What did you learn?", "help_text": "", "required": True, "choices": []},
            {"kind": "scale", "text": "How useful was it?", "help_text": "", "required": True, "choices": []},
        ],
    )
    request_reports(visit, template=template, due=date.today() + timedelta(days=30))
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    leader.first_name, leader.last_name = "Luca", "Neri"  # pages show people by name, never by login
    leader.save(update_fields=["first_name", "last_name"])
    participant = nominate_participant(
        visit, user=leader, organisation=leader.memberships.get().organisation, by=cesena_staff, today=visit.start
    )
    answer_nomination(participant, confirm=True)

    _sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/en/p/820885/activities/{visit.pk}/")
    page.get_by_role("link", name="Write my report").click()
    assert_accessible(page)
    page.get_by_label("What did you learn?").fill("How a buddy scheme welcomes newcomers.")
    page.get_by_label("How useful was it?").select_option("5")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_text("Your report was submitted.")).to_be_visible()
    page.get_by_role("button", name=SIGN_OUT).click()

    _sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/p/820885/activities/{visit.pk}/")
    page.get_by_role("link", name="Luca Neri").click()
    assert_accessible(page)
    page.get_by_label("Comment for the author").fill("Please add one example.")
    page.get_by_role("button", name="Return with the comment").click()

    expect(page.get_by_text("The report was returned.")).to_be_visible()
    received = page.get_by_role("table", name="Reports received")
    expect(received.get_by_role("row", name="Luca Neri")).to_contain_text("Returned for changes")
    assert_accessible(page)


def test_city_staff_score_their_city_and_see_the_chart(page: Page, live_server, cesena_staff):
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"))
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/partners/cesena/self-assessment/")
    assert_accessible(page)

    page.get_by_label("A1. ", exact=False).first.select_option("2")
    page.get_by_role("button", name="Record the scores").click()

    expect(page.get_by_text("The self-assessment was recorded.")).to_be_visible()
    expect(page.get_by_role("table", name="Scores for theme A")).to_be_visible()
    assert_accessible(page)


def test_a_city_edits_its_action_plan_a_neighbour_comments_and_the_city_resolves(
    page: Page, live_server, accepted_plan, cesena_staff
):
    community = next(c for c in accepted_plan.result["communities"] if "cesena" in c["members"])
    make_member("neighbour", next(m for m in community["members"] if m != "cesena"), Role.CITY_STAFF)
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/action-plans/cesena/")
    assert_accessible(page)

    page.get_by_role("link", name="Edit Context").click()
    assert_accessible(page)
    page.get_by_label("Context").fill("Cesena welcomes 300 newcomers a year.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Cesena welcomes 300 newcomers a year.")).to_be_visible()
    page.get_by_role("button", name=SIGN_OUT).click()
    _sign_in(page, live_server, "neighbour")
    page.goto(f"{live_server.url}/en/p/820885/action-plans/cesena/")
    page.get_by_label("Comment on Context").fill("Which neighbourhoods?")
    page.get_by_role("button", name="Add the comment").first.click()
    page.get_by_role("button", name=SIGN_OUT).click()
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/action-plans/cesena/")
    page.get_by_role("button", name="Mark resolved").click()

    expect(page.get_by_text("The comment was marked resolved.")).to_be_visible()
    expect(page.locator(".comment-resolved")).to_contain_text("Which neighbourhoods?")
    assert_accessible(page)


def test_a_city_proposes_a_practice_and_the_pages_are_accessible(page: Page, live_server, cesena_staff):
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/practices/")
    assert_accessible(page)

    page.get_by_role("link", name="Propose a good practice").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Language café in the library")
    page.get_by_label("Summary").fill("Volunteers and newcomers meet weekly.")
    page.get_by_label("C. City and volunteer cooperation", exact=False).check()
    page.get_by_role("button", name="Save").click()

    expect(page.locator("h1")).to_have_text("Language café in the library")
    assert_accessible(page)
    page.get_by_role("link", name="Good practices").first.click()
    page.get_by_label("Search").fill("librar")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".snippet, .practice-title")).not_to_have_count(0)
    expect(page.get_by_role("link", name="Language café in the library")).to_be_visible()
    assert_accessible(page)


def test_photos_and_videos_are_added_with_alt_text_and_captions(
    page: Page, live_server, cesena_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _sign_in(page, live_server, "cesena")
    page.goto(f"{live_server.url}/en/p/820885/practices/new/")
    page.get_by_label("Title").fill("Language café in the library")
    page.get_by_label("Summary").fill("Volunteers and newcomers meet weekly.")
    page.get_by_label("C. City and volunteer cooperation", exact=False).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Photos and videos").click()
    assert_accessible(page)

    page.get_by_label("Photo:").set_input_files(
        {"name": "cafe.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes(size=(320, 200))}
    )
    page.get_by_label("Alt text").fill("Two volunteers pour coffee for newcomers")
    page.get_by_role("button", name="Add the photo").click()
    page.get_by_label("Title").fill("The café in two minutes")
    page.get_by_label("Or a link").fill("https://video.example/cafe")
    page.get_by_role("button", name="Add the video").click()
    expect(page.get_by_text("No captions yet")).to_be_visible()
    page.get_by_label("Captions (WebVTT)").first.set_input_files(
        {"name": "en.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS_TEXT}
    )
    page.get_by_role("button", name="Add the captions").click()
    expect(page.get_by_text("Captions in English")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Language café in the library").click()

    photo = page.get_by_role("img", name="Two volunteers pour coffee for newcomers")
    expect(photo).to_be_visible()
    assert _loaded_width(photo) == 320  # served through the app, allowed by the CSP
    expect(page.get_by_role("link", name="Watch the video")).to_have_attribute("href", "https://video.example/cafe")
    assert_accessible(page)


def test_the_budget_check_is_reached_from_a_partner_page_and_accessible(page: Page, live_server, coordinator):
    _sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/p/820885/partners/cesena/")
    page.get_by_role("link", name="Budget check of the whole programme").click()

    expect(page.get_by_role("heading", name="Budget check", level=1)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("City of Cesena"))).to_contain_text("90.0%")
    assert_accessible(page)


def test_a_city_submits_an_expense_and_the_coordinator_approves_it(page: Page, live_server, cesena_staff, coordinator,
                                                                   settings, tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    _sign_in(page, live_server, "cesena")
    follow_menu(page, "Manage", "Finance")
    assert_accessible(page)
    page.get_by_role("link", name="Expenses").first.click()
    page.get_by_role("link", name="Submit an expense").click()
    assert_accessible(page)
    page.get_by_label("Date").fill("2020-03-12")
    page.get_by_label("Amount").fill("250.40")
    page.get_by_label("Description").fill("Bus tickets for the exchange")
    page.get_by_label("Receipt").set_input_files(
        {"name": "ticket.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The expense was submitted")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    _sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/p/820885/finance/expenses/")
    assert_accessible(page)
    page.get_by_role("link", name="Bus tickets for the exchange").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The expense is approved.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/en/p/820885/finance/rates/")
    assert_accessible(page)


def test_the_factsheet_is_reached_from_the_partner_page_and_accessible(page: Page, live_server, programme):
    page.goto(f"{live_server.url}/it/p/820885/partners/cesena/")
    page.get_by_role("link", name="Scheda del progetto (pagina web)").click()

    expect(page.get_by_text("€\u00a0899.973,58")).to_be_visible()
    expect(page.get_by_text("Contributo UE per Comune di Cesena (90%)")).to_be_visible()
    assert_accessible(page)


def test_the_infographics_page_shows_images_with_alt_text_and_tables(page: Page, live_server, programme):
    page.goto(f"{live_server.url}/en/")
    follow_menu(page, "Knowledge", "Infographics")

    chart = page.get_by_role("img", name=re.compile("^Good practices and volunteers per theme"))
    expect(chart).to_be_visible()
    assert _loaded_width(chart) > 0  # the SVG loads under the content security policy
    expect(page.get_by_role("table").first).to_contain_text("Published practices")
    assert_accessible(page)


def _loaded_width(image) -> int:
    """The image's natural width once it has loaded (or failed: then 0), not while it is still on its way."""
    return image.evaluate(
        """image => image.complete ? image.naturalWidth : new Promise(done => {
            image.addEventListener("load", () => done(image.naturalWidth));
            image.addEventListener("error", () => done(0));
        })"""
    )
