"""Memberships moved from network to programme and gained the programme they hold in: a database from before
keeps every role, each now holding in every programme (nothing guessed), and its content type keeps its id."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from values.network.enums import Role
from values.network.models import Organisation, User
from values.programme.models import Membership
from values.programme.permissions import is_coordinator

BEFORE = [("programme", "0006_plan_rules_and_runs_move_to_planning"), ("network", "0002_audit_log_and_recovery_codes")]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def previous_state():
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_every_role_comes_through_and_holds_in_every_programme(programme, welcome, previous_state):
    old_user = previous_state.get_model("network", "User")
    old_membership = previous_state.get_model("network", "Membership")
    anna = old_user.objects.create(username="anna")
    cesena, eurocities = (Organisation.objects.get(key=key).pk for key in ("cesena", "eurocities"))
    old_membership.objects.create(user=anna, organisation_id=cesena, role=Role.CITY_STAFF)
    old_membership.objects.create(user=anna, organisation_id=eurocities, role=Role.COORDINATOR)
    ContentType.objects.clear_cache()
    type_id = ContentType.objects.get(app_label="network", model="membership").pk

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    rows = Membership.objects.filter(user__username="anna").order_by("role")
    assert [(m.organisation.key, m.role, m.programme_id) for m in rows] == [
        ("cesena", "city_staff", None),
        ("eurocities", "coordinator", None),
    ]
    assert ContentType.objects.get(app_label="programme", model="membership").pk == type_id
    anna = User.objects.get(username="anna")
    assert is_coordinator(anna, programme) is True
    assert is_coordinator(anna, welcome) is True


@pytest.mark.django_db
def test_the_same_role_twice_in_a_programme_is_refused_by_the_database(programme):
    user = User.objects.create(username="bo")
    cesena = Organisation.objects.get(key="cesena")
    Membership.objects.create(user=user, organisation=cesena, programme=programme, role=Role.CITY_STAFF)
    Membership.objects.create(user=user, organisation=cesena, programme=None, role=Role.CITY_STAFF)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organisation=cesena, programme=programme, role=Role.CITY_STAFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organisation=cesena, programme=None, role=Role.CITY_STAFF)
