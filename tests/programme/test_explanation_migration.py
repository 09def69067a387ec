"""The planner's explanations of communities and pairs became JSON (a template and its values): the texts
stored before come through as they were, and going back writes them in English, on SQLite and PostgreSQL."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from values.planning.explanations import explain
from values.programme.models import CommunityMember, ExchangePair

BEFORE = [("programme", "0007_membership")]
OLD_WHY = "interest 3 of 5 in theme C (its highest is 5): the communities of its favourite themes were full"

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_going_back_writes_the_explanations_in_english(accepted_plan, previous_state):
    old_member = previous_state.get_model("programme", "CommunityMember")
    old_pair = previous_state.get_model("programme", "ExchangePair")

    cesena = old_member.objects.get(organisation__key="cesena")
    pair = old_pair.objects.get(cities__key="cesena")

    assert cesena.why == "theme B is among its highest interests (5 of 5); contributes 5 to the objective"
    assert pair.why == (
        "Cesena is strong where Toulouse is weak in theme A; Cesena is strong where Toulouse is weak in theme D"
    )


def test_texts_stored_before_come_through_as_they_were(accepted_plan, previous_state):
    old_member = previous_state.get_model("programme", "CommunityMember")
    old_pair = previous_state.get_model("programme", "ExchangePair")
    old_member.objects.filter(organisation__key="cesena").update(why=OLD_WHY)
    old_member.objects.filter(organisation__key="riga").update(why="")
    old_pair.objects.filter(cities__key="cesena").update(why='the "best" match; 100% sure')

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    cesena = CommunityMember.objects.get(organisation__key="cesena")
    riga = CommunityMember.objects.get(organisation__key="riga")
    pair = ExchangePair.objects.get(cities__key="cesena")
    assert (cesena.why, riga.why, pair.why) == (OLD_WHY, "", 'the "best" match; 100% sure')
    with translation.override("it"):
        assert (explain(cesena.why), explain(riga.why), explain(pair.why)) == (
            OLD_WHY,
            "",
            'the "best" match; 100% sure',
        )
    # The rest were written in English on the way back, and stay so.
    assert {type(member.why) for member in CommunityMember.objects.all()} == {str}
    assert CommunityMember.objects.get(organisation__key="toulouse").why.endswith("to the objective")
