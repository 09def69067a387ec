"""Real Chromium: the list of training sessions and a session's page, with axe-core on each."""

from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.core.test_browser import assert_accessible
from tests.volunteering.test_training import ROME, plan, practice, run_until_2099

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "heading"), [("en", "Training of VALUES"), ("it", "VALUES")])
def test_the_list_and_a_session_page_are_accessible(page: Page, live_server, programme, language, heading):
    running = run_until_2099(programme)
    plan(running, title="Welcoming newcomers", syllabus="1. **Listening**\n2. Languages", practices=[practice(running)])
    plan(running, title="Long ago", starts_at=datetime(2020, 3, 2, 18, tzinfo=ROME),
         ends_at=datetime(2020, 3, 2, 20, tzinfo=ROME))  # fmt: skip

    page.goto(f"{live_server.url}/{language}/p/820885/training/")

    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)
    page.get_by_role("link", name="Welcoming newcomers").click()
    expect(page.locator("h1")).to_have_text("Welcoming newcomers")
    expect(page.get_by_role("link", name="Buddies for newcomers")).to_be_visible()
    assert_accessible(page)
