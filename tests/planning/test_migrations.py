"""Pins, bans and planner runs moved from programme to planning: a database at the previous state keeps its
rows, its tables and its content types, on SQLite and on PostgreSQL (a new database is the suite's own)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from values.network.models import Organisation
from values.planning.models import PlanRule, PlanRun
from values.planning.services import add_plan_rule
from values.programme.models import Community

BEFORE = [("programme", "0005_partnerbudget_budgetline"), ("planning", None)]
AFTER = [("programme", "0006_plan_rules_and_runs_move_to_planning"), ("planning", "0001_initial")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    """Migrate to the targets; the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    reached = [(app, name) for app, name in targets if name is not None]
    return MigrationExecutor(connection).loader.project_state(reached).apps


def columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def content_types() -> dict[str, tuple[int, str]]:
    """The content type of each moved model: its id (kept) and its app."""
    found = ContentType.objects.filter(model__in=("planrule", "planrun")).order_by("model")
    return {content_type.model: (content_type.pk, content_type.app_label) for content_type in found}


@pytest.fixture
def previous_state():
    """The database as it was before the move; afterwards the latest state, whatever the test did."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # the latest, later migrations too
        ContentType.objects.clear_cache()


def test_runs_rules_and_content_types_come_through_the_move(programme, accepted_plan, previous_state):
    rule = add_plan_rule(
        programme, kind="pin", city=Organisation.objects.get(key="cesena"), other_city=None,
        theme=programme.themes.get(key="A"),
    )  # fmt: skip
    ContentType.objects.clear_cache()
    moved = {model: pk for model, (pk, _app) in content_types().items()}
    # What the previous state recorded: each community named the run it came from.
    old_community = previous_state.get_model("programme", "Community")
    old_community.objects.update(plan_run_id=accepted_plan.pk)
    old_run = previous_state.get_model("programme", "PlanRun")
    before = {
        "runs": list(old_run.objects.values_list("pk", "status", "accepted_at")),
        "rules": list(previous_state.get_model("programme", "PlanRule").objects.values_list("pk", "kind")),
        "communities": list(old_community.objects.order_by("pk").values_list("pk", "key")),
    }
    old_types = content_types()

    migrate(AFTER)
    ContentType.objects.clear_cache()

    assert old_types == {model: (pk, "programme") for model, pk in moved.items()}
    assert content_types() == {model: (pk, "planning") for model, pk in moved.items()}
    assert list(PlanRun.objects.values_list("pk", "status", "accepted_at")) == before["runs"]
    assert list(PlanRule.objects.values_list("pk", "kind")) == before["rules"] == [(rule.pk, "pin")]
    assert list(Community.objects.order_by("pk").values_list("pk", "key")) == before["communities"]
    assert "plan_run_id" not in columns("programme_community")
    assert (PlanRun._meta.db_table, PlanRule._meta.db_table) == ("programme_planrun", "programme_planrule")
    assert PlanRun.objects.get().accepted_at is not None  # the run still says it was accepted


def test_going_back_restores_the_previous_tables(programme, accepted_plan, previous_state):
    old_community = previous_state.get_model("programme", "Community")

    assert "plan_run_id" in columns("programme_community")
    assert old_community.objects.count() == 4
    assert previous_state.get_model("programme", "PlanRun").objects.get().pk == accepted_plan.pk
