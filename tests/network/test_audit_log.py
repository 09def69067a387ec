"""The audit log: sensitive actions are kept, and only the coordinator reads them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry
from values.network.services import record_audit
from values.programme.models import Membership
from values.programme.services import grant_role, revoke_role

pytestmark = pytest.mark.django_db

AUDIT = "/en/accounts/audit/"


def test_the_coordinator_reads_the_log_newest_first_and_filters_it(client, coordinator, cesena_staff):
    AuditEntry.objects.all().delete()
    record_audit(AuditAction.SIGN_IN_FAILED, actor_name="cesena", address="198.51.100.1")
    record_audit(AuditAction.EXPENSE_DECIDED, by=coordinator, target="expense 7", detail={"decision": "approve"})
    old = record_audit(AuditAction.SIGN_IN_FAILED, actor_name="riga")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    client.force_login(coordinator)

    everything = client.get(AUDIT)
    failures = client.get(AUDIT, {"action": "sign_in_failed"})
    recent_failures = client.get(
        AUDIT, {"action": "sign_in_failed", "since": str(timezone.localdate() - timedelta(days=7))}
    )
    by_riga = client.get(AUDIT, {"actor": "RIGA"})
    nonsense = client.get(AUDIT, {"action": "drop table", "since": "2019-02-30", "page": "x"})

    assert [(e.actor_name, e.action) for e in everything.context["page"]][:2] == [
        ("coordinator", AuditAction.EXPENSE_DECIDED),
        ("cesena", AuditAction.SIGN_IN_FAILED),
    ]
    assert [e.actor_name for e in failures.context["page"]] == ["cesena", "riga"]
    assert [e.actor_name for e in recent_failures.context["page"]] == ["cesena"]
    assert [e.actor_name for e in by_riga.context["page"]] == ["riga"]
    assert nonsense.status_code == 200
    assert "decision: approve" in everything.text


def test_city_staff_and_anonymous_readers_do_not_read_the_log(client, cesena_staff):
    anonymous = client.get(AUDIT)
    client.force_login(cesena_staff)
    staff = client.get(AUDIT)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    assert staff.status_code == 403


def test_granting_and_revoking_roles_are_logged(programme, coordinator, cesena_staff):
    riga = cesena_staff.memberships.get().organisation.__class__.objects.get(key="riga")

    membership = grant_role(cesena_staff, programme=programme, organisation=riga, role=Role.CITY_STAFF, by=coordinator)
    revoke_role(membership, by=coordinator)

    entries = list(AuditEntry.objects.filter(target__contains="riga").values_list("action", "actor_name", "target"))
    assert entries == [
        (AuditAction.ROLE_REVOKED, "coordinator", "cesena · riga · city_staff · 820885"),
        (AuditAction.ROLE_GRANTED, "coordinator", "cesena · riga · city_staff · 820885"),
    ]


def test_a_membership_deleted_in_the_admin_is_logged(client, coordinator, cesena_staff):
    membership = Membership.objects.get(user=cesena_staff)
    client.force_login(coordinator)

    client.post(f"/en/admin/programme/membership/{membership.pk}/delete/", {"post": "yes"})

    assert Membership.objects.filter(pk=membership.pk).exists() is False
    entry = AuditEntry.objects.filter(action=AuditAction.ROLE_REVOKED).get()
    assert (entry.actor_name, entry.target) == ("coordinator", "cesena · cesena · city_staff · 820885")


def test_the_last_coordinator_role_revoked_takes_the_admin_away(coordinator):
    revoke_role(coordinator.memberships.get(), by=None)

    coordinator.refresh_from_db()
    assert coordinator.is_staff is False
    assert coordinator.groups.count() == 0


def test_the_admin_shows_the_log_read_only(client, coordinator):
    entry = record_audit(AuditAction.SIGN_IN_FAILED, actor_name="someone")
    client.force_login(coordinator)

    listing = client.get("/en/admin/network/auditentry/")
    delete = client.post(f"/en/admin/network/auditentry/{entry.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert delete.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
