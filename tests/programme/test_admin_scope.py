"""The admin shows a coordinator their own programmes' rows only, and gives roles only in them: the coordinator of
one programme can neither read another's data there nor make themselves its coordinator."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.conftest import make_member
from values.finance.models import ExchangeRate, SubsistenceRate
from values.network.enums import Role
from values.network.models import AuditEntry, Organisation, User
from values.programme.admin import CoordinatedProgrammesOnly
from values.programme.models import Membership
from values.volunteering.models import Postcode

pytestmark = pytest.mark.django_db

# Kept for the whole site: the rate tables and the postcodes serve every programme, the audit log is read by
# whoever oversees it.
SITE_WIDE = {ExchangeRate, SubsistenceRate, AuditEntry, Postcode}
# Shared between programmes: scoped by who takes part (their own admins, tested below).
SHARED = {User, Organisation}


def _request(user):
    request = RequestFactory().get("/en/admin/")
    request.user = user
    return request


def test_every_admin_of_a_programmes_rows_shows_only_the_coordinated_programmes():
    ours = {m: a for m, a in admin.site._registry.items() if m.__module__.startswith("values.")}

    unscoped = [
        m.__name__
        for m, a in ours.items()
        if m not in SITE_WIDE | SHARED and not isinstance(a, CoordinatedProgrammesOnly)
    ]

    assert unscoped == []


def test_a_coordinator_of_another_programme_sees_none_of_values_rows(programme, accepted_plan, welcome):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    root = User.objects.create_superuser("root", "root@example.org", "x")
    scoped = {m: a for m, a in admin.site._registry.items() if isinstance(a, CoordinatedProgrammesOnly)}

    seen_by_root = {m.__name__ for m, a in scoped.items() if _values_rows(a, _request(root), programme).exists()}
    seen_by_head = {m.__name__ for m, a in scoped.items() if _values_rows(a, _request(head), programme).exists()}

    assert {"Programme", "Partner", "PartnerBudget", "Community", "Visit", "Exchange", "PlanRun"} <= seen_by_root
    assert seen_by_head == set()
    assert list(scoped[type(welcome)].get_queryset(_request(head)).values_list("code", flat=True)) == ["101010"]


def _values_rows(model_admin, request, programme):
    path = model_admin.programme_path
    return model_admin.get_queryset(request).filter(**{path: programme.pk})


def test_a_coordinator_cannot_give_themselves_a_role_in_another_programme(client, programme, welcome):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    client.force_login(head)
    eurocities = Organisation.objects.get(key="eurocities")
    fields = {"user": head.pk, "organisation": eurocities.pk, "role": Role.COORDINATOR}

    refused = client.post("/en/admin/programme/membership/add/", {**fields, "programme": programme.pk})
    everywhere = client.post("/en/admin/programme/membership/add/", {**fields, "programme": ""})
    own = client.post("/en/admin/programme/membership/add/", {**fields, "role": Role.EXPERT, "programme": welcome.pk})

    assert refused.status_code == 200
    assert everywhere.status_code == 200
    assert own.status_code == 302
    assert sorted(Membership.objects.filter(user=head).values_list("programme__code", "role")) == [
        ("101010", "coordinator"),
        ("101010", "expert"),
    ]


def test_the_people_of_other_programmes_are_not_in_the_coordinators_admin(client, programme, welcome, cesena_staff):
    head = make_member("head", "eurocities", Role.COORDINATOR, programme=welcome)
    newcomer = User.objects.create_user("newcomer")
    user_admin = admin.site._registry[User]

    visible = set(user_admin.get_queryset(_request(head)).values_list("username", flat=True))

    assert {"head", "newcomer"} <= visible
    assert "cesena" not in visible  # city staff of VALUES only
    assert newcomer.username in visible
