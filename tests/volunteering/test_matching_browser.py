"""Real Chromium: Cesena's staff match the volunteers at once, then rank and decide an opportunity's applicants,
with axe-core on each page (the numbers are those of tests/volunteering/test_matching_views.py)."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, follow_menu
from tests.core.test_browser import assert_accessible
from tests.volunteering.test_matchmaking import world  # noqa: F401 - the fixture
from values.volunteering.models import Commitment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_match_everyone_and_decide_applicants(page: Page, live_server, world, cesena_staff):  # noqa: F811
    Commitment.objects.create(volunteer=world["bruno"], opportunity=world["A"])
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/p/820885/volunteer/")
    page.get_by_label("Username").fill("cesena")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    follow_menu(page, "Volunteering", "Matching")
    expect(page.locator("h1")).to_have_text("Match volunteers")
    assert_accessible(page)
    page.get_by_role("button", name="Propose a matching").click()
    expect(page.get_by_text("Proven optimal.")).to_be_visible()
    expect(page.get_by_label("Opportunity for Amina")).to_have_value(str(world["B"].pk))
    assert_accessible(page)
    page.get_by_label("Opportunity for Amina").select_option(str(world["A"].pk))
    page.get_by_label("Opportunity for Chen").select_option("")
    page.get_by_role("button", name="Accept the chosen lines").click()
    expect(page.get_by_text("Accepted: 1 volunteer placed.")).to_be_visible()

    page.get_by_role("link", name="Language café").click()
    expect(page.locator("h1")).to_have_text("Applicants")
    expect(page.get_by_role("link", name="amina@example.org")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Decline Bruno").click()
    expect(page.get_by_text("The decision was saved.")).to_be_visible()
    assert list(Commitment.objects.order_by("volunteer__name").values_list("status", flat=True)) == [
        "accepted", "declined"
    ]  # fmt: skip
