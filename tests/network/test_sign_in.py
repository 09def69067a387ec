"""Signing in: failures are throttled per account and per address, reset mails per address, idle sessions end."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import PASSWORD
from values.network.enums import AuditAction
from values.network.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in_as(client) -> str:
    response = client.get("/en/accounts/me/")
    return response.context["user"].get_username() if response.status_code == 200 else ""


def test_after_49_wrong_passwords_the_right_one_does_not_sign_in(client, cesena_staff):
    for attempt in range(49):
        _sign_in(client, "cesena", f"wrong-{attempt}")

    response = _sign_in(client, "cesena", PASSWORD)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Too many failed sign-ins. Try again in 15 minutes, or reset your password."
    ]
    assert _signed_in_as(client) == ""
    # Five failures are counted; the other 44 tries and the right password were refused unread.
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED, actor_name="cesena").count() == 5
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_THROTTLED, actor_name="cesena").count() == 45


def test_four_failures_leave_the_account_open(client, cesena_staff):
    for attempt in range(4):
        _sign_in(client, "cesena", f"wrong-{attempt}")

    response = _sign_in(client, "cesena", PASSWORD)

    assert response.status_code == 302
    assert _signed_in_as(client) == "cesena"


def test_the_account_is_throttled_from_every_address_and_in_any_letter_case(client, cesena_staff):
    for attempt in range(5):
        _sign_in(client, "Cesena", "wrong", address=f"198.51.100.{attempt}")

    response = _sign_in(client, "cesena", PASSWORD, address="192.0.2.44")

    assert response.status_code == 429


def test_one_address_guessing_many_accounts_is_throttled(client, cesena_staff, riga_staff):
    for attempt in range(30):
        _sign_in(client, f"someone-{attempt}", "wrong", address="203.0.113.9")

    from_there = _sign_in(client, "riga", PASSWORD, address="203.0.113.9")
    from_elsewhere = _sign_in(client, "riga", PASSWORD, address="192.0.2.1")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_the_throttle_ends_when_the_failures_leave_the_window(client, cesena_staff):
    for attempt in range(5):
        _sign_in(client, "cesena", f"wrong-{attempt}")
    AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).update(at=timezone.now() - timedelta(minutes=16))

    response = _sign_in(client, "cesena", PASSWORD)

    assert response.status_code == 302
    assert _signed_in_as(client) == "cesena"


def test_the_wait_counts_from_the_failure_that_reached_the_limit(client, cesena_staff):
    now = timezone.now()
    for attempt, minutes_ago in enumerate([14, 12, 9, 7, 3]):
        _sign_in(client, "cesena", f"wrong-{attempt}")
        AuditEntry.objects.filter(pk=AuditEntry.objects.latest("id").pk).update(at=now - timedelta(minutes=minutes_ago))

    response = _sign_in(client, "cesena", PASSWORD)

    # The oldest of the five failed 14 minutes ago: it leaves the 15-minute window in 1 minute.
    assert response.context["form"].non_field_errors() == [
        "Too many failed sign-ins. Try again in 1 minute, or reset your password."
    ]


def test_the_admin_signs_in_through_the_throttled_sign_in(client):
    response = client.get("/en/admin/login/?next=/en/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"


def test_sign_in_successes_and_failures_are_in_the_audit_log_with_their_address(client, cesena_staff):
    _sign_in(client, "cesena", "wrong", address="198.51.100.20")
    _sign_in(client, "cesena", PASSWORD, address="198.51.100.21")

    entries = list(AuditEntry.objects.order_by("id").values_list("action", "actor_name", "address"))

    assert entries[-2:] == [
        (AuditAction.SIGN_IN_FAILED, "cesena", "198.51.100.20"),
        (AuditAction.SIGN_IN, "cesena", "198.51.100.21"),
    ]


def test_following_sign_in_from_the_sign_in_page_when_signed_in_goes_home(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.get(f"{LOGIN}?next={LOGIN}")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def _request_reset(client, email: str, address: str = "203.0.113.50"):
    return client.post("/en/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_reset_mails_to_one_address_stop_after_three_an_hour_and_the_page_says_the_same(client, cesena_staff):
    responses = [_request_reset(client, "cesena@example.org", address=f"198.51.100.{n}") for n in range(5)]

    assert [r.status_code for r in responses] == [302] * 5
    assert {r["Location"] for r in responses} == {"/en/accounts/password-reset/sent/"}
    assert len(mail.outbox) == 3
    assert AuditEntry.objects.filter(action=AuditAction.PASSWORD_RESET_THROTTLED).count() == 2


def test_reset_requests_from_one_address_stop_after_five_an_hour(client, cesena_staff, riga_staff):
    for n in range(5):
        _request_reset(client, f"nobody-{n}@example.org")

    _request_reset(client, "cesena@example.org")
    _request_reset(client, "riga@example.org", address="192.0.2.80")

    assert [message.to for message in mail.outbox] == [["riga@example.org"]]


def test_an_idle_session_ends_and_says_why(client, cesena_staff):
    client.force_login(cesena_staff)
    client.get("/en/accounts/me/")
    session = client.session
    session["last_seen"] -= 61 * 60
    session.save()

    response = client.get("/en/accounts/me/", follow=True)

    assert response.redirect_chain[0] == ("/en/accounts/login/?next=/en/accounts/me/", 302)
    assert [str(m) for m in response.context["messages"]] == ["You were signed out after 60 minutes without activity."]


def test_a_session_in_use_stays_signed_in(client, cesena_staff):
    client.force_login(cesena_staff)
    client.get("/en/accounts/me/")
    session = client.session
    session["last_seen"] -= 59 * 60
    session.save()

    response = client.get("/en/accounts/me/")

    assert response.status_code == 200


def test_the_content_security_policy_forbids_plugins_and_foreign_base_addresses(client, programme):
    policy = client.get("/en/").headers["Content-Security-Policy"]

    assert "base-uri 'none'" in policy.split("; ")
    assert "object-src 'none'" in policy.split("; ")
