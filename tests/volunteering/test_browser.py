"""Real Chromium: the public list of opportunities and an opportunity's page, with axe-core on each."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.core.test_browser import assert_accessible
from tests.volunteering.test_services import offer
from values.programme.models import Programme
from values.volunteering.services import add_shift, add_weekly_shifts, publish_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "heading"), [("en", "Volunteer opportunities of VALUES"), ("it", "VALUES")])
def test_the_list_and_an_opportunity_page_are_accessible(page: Page, live_server, programme, language, heading):
    opportunity = offer(programme, title="Welcome walks in Oltresavio", description="Bring **tea**.", end_date=None,
                        languages=["it", "ar"], skills=["listening"], vulnerable_people=False)  # fmt: skip
    add_weekly_shifts(opportunity, weekday=0, starts=time(18), ends=time(20), first_date=date(2020, 3, 2),
                      last_date=date(2020, 3, 30))  # fmt: skip
    publish_opportunity(opportunity, by=None)

    page.goto(f"{live_server.url}/{language}/p/820885/volunteer/")

    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)
    page.get_by_role("link", name="Welcome walks in Oltresavio").click()
    expect(page.locator("h1")).to_have_text("Welcome walks in Oltresavio")
    assert_accessible(page)
    page.goto(f"{live_server.url}/{language}/p/820885/volunteer/?language=xx")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)


def test_a_resident_answers_the_campaigns_call_and_signs_up_with_consent(page: Page, live_server, programme):
    from django.core import mail

    from tests.permission_world import _campaign
    from values.volunteering.models import Commitment, ShiftBooking, Volunteer

    campaign, _kit = _campaign(programme, "call", "Volunteer in your city", published=True)
    # The programme runs now, so that its shifts lie ahead.
    today = timezone.localdate()
    Programme.objects.filter(pk=programme.pk).update(start=date(today.year - 1, today.month, 1), duration_months=36)
    programme.refresh_from_db()
    cafe = offer(programme, title="Language café at the library", start_date=today, end_date=None)
    tomorrow = datetime.combine(today + timedelta(days=1), time(18), tzinfo=cafe.time_zone)
    add_shift(cafe, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2), places=1)
    publish_opportunity(cafe, by=None)

    page.goto(f"{live_server.url}/en/p/820885/campaign/call/?channel=cesena+on+instagram")
    assert_accessible(page)
    page.get_by_role("link", name="Find a way to volunteer").click()
    page.get_by_role("link", name="Language café at the library").click()
    page.get_by_role("button", name="I want to help").click()
    expect(page.locator("h1")).to_have_text("Volunteer with us")
    page.get_by_role("button", name="Sign up").click()  # nothing filled in: the errors name the fields
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("Luca Bianchi")
    page.get_by_role("textbox", name="E-mail").fill("luca@example.org")
    page.get_by_label("Languages you speak").fill("it, en")
    page.get_by_role("checkbox", name="Wednesday evening").check()
    page.get_by_role("checkbox", name="I agree").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    assert Volunteer.objects.get().confirmed_at is None

    link = next(word for word in mail.outbox[0].body.split() if "/confirm/" in word)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm my sign-up").click()

    expect(page.locator("h1")).to_have_text("Hello, Luca Bianchi")
    expect(page.get_by_role("link", name="Language café at the library")).to_be_visible()
    assert_accessible(page)
    volunteer = Volunteer.objects.get()
    assert (volunteer.campaign, volunteer.channel) == (str(campaign.pk), "Cesena on Instagram")
    assert Commitment.objects.get().status == "accepted"

    page.get_by_role("link", name="Language café at the library").click()
    page.get_by_role("button", name="Take this shift").click()
    expect(page.get_by_role("button", name="Cancel")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/en/p/820885/volunteer/me/")
    expect(page.get_by_role("link", name="Add them to your calendar (ICS)")).to_be_visible()
    assert ShiftBooking.objects.get().status == "confirmed"


def test_the_map_is_accessible_and_its_points_are_links(page: Page, live_server, programme):
    opportunity = offer(programme, title="Tea in the park", end_date=None, latitude=44.139, longitude=12.343)
    publish_opportunity(opportunity, by=None)

    page.goto(f"{live_server.url}/en/p/820885/volunteer/map/?near=Cesena&within=10")

    expect(page.locator("h1")).to_contain_text("on a map")
    assert_accessible(page)
    page.locator("svg a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Tea in the park")


def test_a_volunteers_own_pages_and_the_coordinators_list_are_accessible(page: Page, live_server, programme,
                                                                         coordinator):  # fmt: skip
    from tests.core.test_browser import _sign_in
    from tests.volunteering.conftest import make_volunteer
    from values.volunteering.volunteers import issue_page_link

    base = f"{live_server.url}/en/p/820885/volunteer"
    make_volunteer(programme)
    key = issue_page_link(programme, "amina@example.org").key

    page.goto(f"{base}/me/link/")
    assert_accessible(page)
    page.goto(f"{base}/me/{key}/")
    expect(page.locator("h1")).to_have_text("Hello, Amina Haddad")
    page.get_by_role("link", name="Change my details").click()
    page.get_by_label("Languages you speak").fill("ar, zz")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/me/erase/")
    assert_accessible(page)
    page.goto(f"{base}/indicators/")
    assert_accessible(page)
    _sign_in(page, live_server, coordinator.username)
    page.goto(f"{base}/people/")
    expect(page.get_by_role("cell", name="amina@example.org")).to_be_visible()
    assert_accessible(page)


def test_a_volunteer_logs_hours_and_the_organisation_sees_them_accessible(page: Page, live_server, programme,
                                                                          cesena_staff):  # fmt: skip
    from tests.core.test_browser import _sign_in
    from tests.volunteering.conftest import make_volunteer
    from values.volunteering.models import Commitment, HoursEntry
    from values.volunteering.volunteers import issue_page_link

    role = publish_opportunity(offer(programme, kind="volunteer_role", title="Homework club"), by=None)
    Commitment.objects.create(volunteer=make_volunteer(programme), opportunity=role, status="accepted")
    key = issue_page_link(programme, "amina@example.org").key
    base = f"{live_server.url}/en/p/820885/volunteer"

    page.goto(f"{base}/me/{key}/")
    page.goto(f"{base}/{role.pk}/hours/log/")
    page.get_by_label("Day").fill("2020-03-30")
    page.get_by_label("From").fill("18:00")
    page.get_by_label("Until").fill("17:00")  # before it starts: refused, with the field named
    page.get_by_role("button", name="Log the hours").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Until").fill("20:30")
    page.get_by_role("button", name="Log the hours").click()
    assert HoursEntry.objects.get().minutes == 150

    _sign_in(page, live_server, cesena_staff.username)
    page.goto(f"{base}/{role.pk}/hours/")
    expect(page.get_by_text("Amina Haddad")).to_be_visible()
    assert_accessible(page)
