"""The Django admin works for the coordinator and for nobody else; the demo accounts."""

import pytest

from values.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from values.network.models import User
from values.programme.models import Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/en/admin/",
        "/en/admin/programme/programme/",
        "/en/admin/network/organisation/",
        "/en/admin/network/organisation/?q=cesena",
        "/en/admin/programme/partnerbudget/",
        "/en/admin/finance/expense/",
        "/en/admin/finance/exchangerate/",
        "/en/admin/finance/subsistencerate/",
        "/en/admin/programme/partner/",
        "/en/admin/network/user/",
        "/en/admin/planning/planrun/",
        "/en/admin/planning/planrule/",
        "/en/admin/programme/community/",
        "/en/admin/activities/visit/",
        "/en/admin/activities/exchange/",
    ],
)
def test_the_coordinator_uses_the_admin(client, coordinator, url):
    client.force_login(coordinator)

    response = client.get(url)

    assert response.status_code == 200


def test_the_coordinator_sees_the_budgets_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    budget_url = "/en/admin/programme/partnerbudget/"

    listing = client.get(budget_url)

    assert listing.context["cl"].result_count == 1


def test_city_staff_are_sent_to_the_admin_login(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.get("/en/admin/programme/programme/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


def test_demo_accounts_one_per_role_and_running_again_creates_no_duplicates(programme):
    first = ensure_demo_accounts(programme)
    second = ensure_demo_accounts(programme)

    assert [a.username for a in first] == ["coordinator", "expert", "cesena", "riga", "volunteer-leader"]
    assert first == second
    assert User.objects.count() == 5
    assert Membership.objects.count() == 5
    roles = {
        (m.user.username, m.organisation.key, m.role) for m in Membership.objects.select_related("user", "organisation")
    }
    assert roles == {
        ("coordinator", "eurocities", "coordinator"),
        ("expert", "evc", "expert"),
        ("cesena", "cesena", "city_staff"),
        ("riga", "riga", "city_staff"),
        ("volunteer-leader", "evc", "volunteer_leader"),
    }


def test_demo_passwords_sign_in(client, programme):
    ensure_demo_accounts(programme)

    for account in DEMO_ACCOUNTS:
        assert client.login(username=account.username, password=account.password)
