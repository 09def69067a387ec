"""Two-factor sign-in: required of coordinators (who approve money), offered to everyone."""

import re
import time

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, authenticator_code, give_authenticator, make_member
from values.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from values.finance.permissions import can_decide_expenses
from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry, RecoveryCode, User
from values.network.permissions import requires_second_factor
from values.network.two_factor import authenticator_setup, confirm_authenticator
from values.programme.services import grant_role

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
VERIFY = "/en/accounts/login/verify/"
SETUP = "/en/accounts/me/two-factor/setup/"


def _password_step(client, username: str, next_url: str = ""):
    data = {"username": username, "password": PASSWORD, "next": next_url}
    return client.post(LOGIN, data)


def _is_signed_in(client) -> bool:
    return client.get("/en/accounts/me/").status_code == 200


def _codes_on(response) -> list[str]:
    return re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", response.text)


def test_a_coordinator_with_an_authenticator_needs_its_code(client, coordinator):
    device = TOTPDevice.objects.get(user=coordinator)

    password = _password_step(client, "coordinator", next_url="/en/p/820885/finance/")
    after_password = _is_signed_in(client)
    wrong = client.post(VERIFY, {"code": "000000", "next": "/en/p/820885/finance/"})
    time.sleep(1.1)  # django-otp makes the next try wait a second after a wrong code
    right = client.post(VERIFY, {"code": authenticator_code(device), "next": "/en/p/820885/finance/"})

    assert password["Location"] == "/en/accounts/login/verify/?next=%2Fen%2Fp%2F820885%2Ffinance%2F"
    assert after_password is False
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"] == [
        "That code is not right. Type the code your app shows now, or a recovery code."
    ]
    assert right["Location"] == "/en/p/820885/finance/"
    assert client.get("/en/p/820885/finance/").status_code == 200


def test_a_code_is_accepted_once(client, coordinator):
    device = TOTPDevice.objects.get(user=coordinator)
    code = authenticator_code(device)
    _password_step(client, "coordinator")
    client.post(VERIFY, {"code": code})
    client.post("/en/accounts/logout/")

    _password_step(client, "coordinator")
    replay = client.post(VERIFY, {"code": code})

    assert replay.status_code == 200
    assert _is_signed_in(client) is False


def test_a_coordinator_without_an_authenticator_sets_one_up_before_anything_else(client, programme):
    make_member("newcoordinator", "eurocities", Role.COORDINATOR)

    password = _password_step(client, "newcoordinator", next_url="/en/p/820885/finance/")
    setup_page = client.get(SETUP)
    device = TOTPDevice.objects.get(user__username="newcoordinator", confirmed=False)
    confirmed = client.post(SETUP, {"code": authenticator_code(device), "next": "/en/p/820885/finance/"})

    assert password["Location"] == "/en/accounts/me/two-factor/setup/?next=%2Fen%2Fp%2F820885%2Ffinance%2F"
    assert setup_page.context["qr_code"].startswith("data:image/svg+xml;charset=utf-8,%3Csvg")
    assert len(setup_page.context["secret"].replace(" ", "")) == 32  # 20 random bytes in base 32
    assert confirmed.status_code == 200
    assert len(_codes_on(confirmed)) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert client.get("/en/p/820885/finance/").status_code == 200


def test_nothing_is_signed_in_by_the_password_alone_while_the_set_up_is_pending(client, programme):
    make_member("newcoordinator", "eurocities", Role.COORDINATOR)

    _password_step(client, "newcoordinator")

    assert _is_signed_in(client) is False
    assert client.get("/en/p/820885/finance/")["Location"] == "/en/accounts/login/?next=/en/p/820885/finance/"


def test_a_stolen_password_cannot_replace_the_authenticator(client, coordinator):
    original = TOTPDevice.objects.get(user=coordinator)
    _password_step(client, "coordinator")

    response = client.get(SETUP)
    attempt = client.post(SETUP, {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    assert attempt.status_code == 302
    assert list(TOTPDevice.objects.filter(user=coordinator).values_list("pk", "confirmed")) == [(original.pk, True)]


def test_the_password_step_expires_after_five_minutes(client, coordinator):
    device = TOTPDevice.objects.get(user=coordinator)
    _password_step(client, "coordinator")
    session = client.session
    session["pending_sign_in"]["since"] -= 301
    session.save()

    response = client.post(VERIFY, {"code": authenticator_code(device)})

    assert response["Location"] == "/en/accounts/login/"
    assert _is_signed_in(client) is False


def test_a_recovery_code_signs_in_once_and_is_kept_only_as_a_digest(client, coordinator):
    device = authenticator_setup(coordinator)
    codes = confirm_authenticator(coordinator, device, authenticator_code(device))

    _password_step(client, "coordinator")
    first = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")})
    client.post("/en/accounts/logout/")
    _password_step(client, "coordinator")
    second = client.post(VERIFY, {"code": codes[0]})

    assert first.status_code == 302
    assert second.status_code == 200
    assert RecoveryCode.objects.filter(device__user=coordinator).count() == 9
    assert not RecoveryCode.objects.filter(digest__in=codes).exists()
    assert AuditEntry.objects.filter(action=AuditAction.RECOVERY_CODE_USED, actor_name="coordinator").count() == 1


def test_a_role_granted_during_a_session_asks_for_the_second_factor_at_the_next_page(client, programme, cesena_staff):
    client.force_login(cesena_staff)
    before = client.get("/en/accounts/me/")

    grant_role(
        cesena_staff,
        programme=programme,
        organisation=cesena_staff.memberships.get().organisation,
        role=Role.COORDINATOR,
    )
    after = client.get("/en/accounts/me/")

    assert before.status_code == 200
    assert after.status_code == 302
    assert after["Location"] == "/en/accounts/me/two-factor/setup/?next=%2Fen%2Faccounts%2Fme%2F"


def test_the_admin_asks_for_the_second_factor_too(client, coordinator):
    _password_step(client, "coordinator")

    response = client.get("/en/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/en/admin/login/?next=/en/admin/"


def test_city_staff_may_turn_two_factor_sign_in_on_and_off(client, cesena_staff):
    client.force_login(cesena_staff)
    device = TOTPDevice.objects.create(user=cesena_staff, name="authenticator", confirmed=False)

    client.post(SETUP, {"code": authenticator_code(device)})
    client.post("/en/accounts/logout/")
    password = _password_step(client, "cesena")
    client.post(VERIFY, {"code": authenticator_code(device, steps_ahead=1)})
    turned_off = client.post("/en/accounts/me/two-factor/disable/")

    assert password["Location"] == "/en/accounts/login/verify/"
    assert turned_off["Location"] == "/en/accounts/me/two-factor/"
    assert TOTPDevice.objects.filter(user=cesena_staff).exists() is False
    assert list(
        AuditEntry.objects.filter(actor_name="cesena", action__startswith="second_factor").values_list(
            "action", flat=True
        )
    ) == [AuditAction.SECOND_FACTOR_DISABLED, AuditAction.SECOND_FACTOR_ENABLED]


def test_a_coordinator_cannot_turn_it_off(client, coordinator):
    client.force_login(coordinator)

    response = client.post("/en/accounts/me/two-factor/disable/", follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Your role requires two-factor sign-in: it cannot be turned off."
    ]
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, coordinator):
    client.force_login(coordinator)
    first = _codes_on(client.post("/en/accounts/me/two-factor/recovery-codes/"))

    second = _codes_on(client.post("/en/accounts/me/two-factor/recovery-codes/"))

    assert len(first) == len(second) == 10
    assert set(first).isdisjoint(second)
    assert RecoveryCode.objects.filter(device__user=coordinator).count() == 10


def test_whoever_may_approve_money_must_sign_in_with_two_factors(programme):
    ensure_demo_accounts(programme)
    users = list(User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]))

    approvers = {user.username for user in users if can_decide_expenses(user, programme)}
    required = {user.username for user in users if requires_second_factor(user)}

    assert approvers == {"coordinator"}
    assert approvers <= required


@override_settings(REQUIRE_SECOND_FACTOR=False)
def test_when_not_required_a_coordinator_signs_in_with_the_password(client, programme):
    make_member("newcoordinator", "eurocities", Role.COORDINATOR)

    response = _password_step(client, "newcoordinator")

    assert response["Location"] == "/en/start/"  # the landing, which leads to their programme's start page
    assert _is_signed_in(client) is True


def test_a_coordinator_with_an_authenticator_is_asked_for_it_even_when_not_required(client, coordinator):
    with override_settings(REQUIRE_SECOND_FACTOR=False):
        response = _password_step(client, "coordinator")

    assert response["Location"] == VERIFY


def test_signing_in_with_the_authenticator_is_audited(client, programme):
    user = make_member("newcoordinator", "eurocities", Role.COORDINATOR)
    device = give_authenticator(user)
    _password_step(client, "newcoordinator")

    client.post(VERIFY, {"code": authenticator_code(device)}, REMOTE_ADDR="198.51.100.99")

    entry = AuditEntry.objects.filter(action=AuditAction.SIGN_IN).get()
    assert (entry.actor_name, entry.address, entry.detail) == (
        "newcoordinator",
        "198.51.100.99",
        {"second_factor": "authenticator"},
    )
