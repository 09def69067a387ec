"""Each demo account signs in, lands on its start page, which passes axe, and every link of its main region opens."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser

from tests.conftest import authenticator_code, give_authenticator
from tests.test_every_page_browser import violations
from values.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from values.network.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
START = "/en/p/820885/start/"


def _sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    if "/accounts/login/verify/" in page.url:  # the coordinator's second factor
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("input[name=code]", authenticator_code(device))
        page.press("input[name=code]", "Enter")


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.username)
def test_each_demo_account_lands_on_its_accessible_start_page_whose_links_open(
    account, accepted_plan, live_server, browser: Browser
):
    ensure_demo_accounts(accepted_plan.programme)
    user = User.objects.get(username=account.username)
    if account.username == "coordinator" and not TOTPDevice.objects.filter(user=user).exists():
        give_authenticator(user)
    context = browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()

    _sign_in(page, live_server, account.username, account.password)

    assert page.url == live_server.url + START
    assert violations(page) == []
    links = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    assert links != []
    answers = {link: page.request.get(live_server.url + link, max_redirects=0).status for link in links}
    assert {link: status for link, status in answers.items() if status >= 400} == {}
    context.close()
