"""Real Chromium: a coordinator's first sign-in sets up the authenticator; every step passes axe-core."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, authenticator_code, make_member
from tests.core.test_browser import assert_accessible
from values.network.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_coordinator_sets_up_two_factor_sign_in_and_reads_the_audit_log(page: Page, live_server, programme):
    make_member("newcoordinator", "eurocities", Role.COORDINATOR)
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/accounts/audit/")
    page.get_by_label("Username").fill("newcoordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code that adds VALUES to your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_label("Code").press("Enter")
    expect(page.get_by_role("alert")).to_have_text("Two-factor sign-in is not on yet.")
    assert_accessible(page)
    page.wait_for_timeout(1100)  # django-otp's pause after a wrong code
    device = TOTPDevice.objects.get(user__username="newcoordinator")
    page.get_by_label("Code").fill(authenticator_code(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.locator("h1")).to_have_text("Your recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.locator("h1")).to_have_text("Audit log")
    expect(page.get_by_role("row", name="newcoordinator Two-factor sign-in turned on")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/en/accounts/me/two-factor/")
    expect(page.get_by_text("You have 10 recovery codes left.")).to_be_visible()
    assert_accessible(page)
