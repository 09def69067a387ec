"""The matching pages: applicants ranked with their contact and decided one by one; a city's matching proposed,
adjusted and accepted. Their shifts of March 2020 are past today, so the opportunities take volunteers at any time:
A = 20 + 3 Arabic + 9 closeness = 32 for Amina and Chen; B = 20 + 3 + 5 cooking + 8 theme + 9 = 45 for Amina and
20 + 3 + 9 = 32 for Bruno. Chen → A and Amina → B: 32 + 45 + 2 × 15 = 107, the optimum (Amina → A, Bruno → B: 94)."""

import pytest

from tests.conftest import make_member
from tests.volunteering.test_matchmaking import world  # noqa: F401 - the fixture
from values.network.enums import Role
from values.volunteering.models import Commitment

pytestmark = pytest.mark.django_db
BASE = "/en/p/820885/volunteer/"
MATCH = f"{BASE}match/"


def applicants_url(opportunity) -> str:
    return f"{BASE}{opportunity.pk}/applicants/"


@pytest.fixture
def applied(world):  # noqa: F811 - the fixture imported above
    return [
        Commitment.objects.create(volunteer=world[name], opportunity=world["B"]) for name in ("chen", "bruno", "amina")
    ]


def decision(commitment, choice: str, seen: str = "applied") -> dict:
    return {"commitment": commitment.pk, "decision": choice, "seen": seen}


def test_the_opportunitys_people_see_applicants_ranked_with_their_contact(client, world, applied, cesena_staff):  # noqa: F811
    client.force_login(cesena_staff)

    response = client.get(applicants_url(world["B"]))

    assert response.status_code == 200
    ranked = response.context["applicants"]
    assert [(a.commitment.volunteer.name, a.fit.score) for a in ranked] == [("Amina", 45), ("Bruno", 32), ("Chen", 0)]
    body = response.content.decode()
    assert body.index("amina@example.org") < body.index("bruno@example.org") < body.index("chen@example.org")
    assert "Speaks Italian, which the opportunity wants" in body
    assert "Not eligible" in body


def test_others_get_no_applicants_and_the_public_page_shows_no_contact(client, world, applied, riga_staff):  # noqa: F811
    assert client.get(applicants_url(world["B"])).status_code == 302
    assert "amina@example.org" not in client.get(f"{BASE}{world['B'].pk}/").content.decode()
    client.force_login(riga_staff)
    assert client.get(applicants_url(world["B"])).status_code == 403
    assert client.post(applicants_url(world["B"]), decision(applied[2], "accept")).status_code == 403
    assert Commitment.objects.filter(status="accepted").count() == 0


def test_accepting_beyond_the_places_is_refused_with_a_message(client, world, applied, cesena_staff):  # noqa: F811
    _chen, bruno, amina = applied
    client.force_login(cesena_staff)

    first = client.post(applicants_url(world["B"]), decision(amina, "accept"))
    second = client.post(applicants_url(world["B"]), decision(bruno, "accept"))

    assert first.status_code == 302
    assert second.status_code == 400
    assert "Bruno: no place left in this opportunity." in second.content.decode()
    assert dict(Commitment.objects.values_list("volunteer__name", "status")) == {
        "Amina": "accepted", "Bruno": "applied", "Chen": "applied"
    }  # fmt: skip
    assert Commitment.objects.get(volunteer__name="Amina").decided_by == cesena_staff


def test_a_decision_on_a_stale_page_is_refused(client, world, applied, cesena_staff, coordinator):  # noqa: F811
    client.force_login(coordinator)
    client.post(applicants_url(world["B"]), decision(applied[1], "decline"))
    client.force_login(cesena_staff)

    response = client.post(applicants_url(world["B"]), decision(applied[1], "accept"))

    assert response.status_code == 400
    assert "Bruno: someone else decided meanwhile (now declined); look again." in response.content.decode()
    assert Commitment.objects.get(pk=applied[1].pk).decided_by == coordinator


@pytest.mark.parametrize(
    ("data", "label"),
    [({"commitment": "x", "decision": "accept", "seen": "applied"}, "Applicant"),
     ({"decision": "hire", "seen": "applied"}, "Decision"),
     ({"decision": "accept", "seen": "maybe"}, "Status seen")],
)  # fmt: skip
def test_a_malformed_decision_is_a_400_naming_its_field(client, world, applied, cesena_staff, data, label):  # noqa: F811
    client.force_login(cesena_staff)
    data.setdefault("commitment", applied[2].pk)

    response = client.post(applicants_url(world["B"]), data)

    assert response.status_code == 400
    assert f"<li>{label}: " in response.content.decode()
    assert Commitment.objects.filter(status="applied").count() == 3


# -- matching a city ----------------------------------------------------------------------------
def test_the_match_page_shows_the_citys_open_opportunities(client, world, cesena_staff):  # noqa: F811
    client.force_login(cesena_staff)

    response = client.get(MATCH)

    assert response.status_code == 200
    assert [o.pk for o in response.context["opportunities"]] == [world["A"].pk, world["B"].pk]
    assert 'href="/en/p/820885/volunteer/match/" aria-current="page"' in response.content.decode()


def test_only_city_staff_and_the_coordinator_match_and_only_their_cities(client, world, riga_staff, coordinator):  # noqa: F811
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    client.force_login(leader)
    assert client.get(MATCH).status_code == 403
    client.force_login(riga_staff)
    refused = client.get(f"{MATCH}?city=cesena")
    assert refused.status_code == 400
    assert "City: choose one of yours." in refused.content.decode()
    assert client.post(MATCH, {"city": "cesena", "action": "propose"}).status_code == 400
    client.force_login(coordinator)
    assert [o.pk for o in client.get(f"{MATCH}?city=cesena").context["opportunities"]] == [world["A"].pk, world["B"].pk]


def test_proposing_shows_the_optimum_preselected_with_reasons(client, world, cesena_staff):  # noqa: F811
    client.force_login(cesena_staff)

    response = client.post(MATCH, {"city": "cesena", "action": "propose"})

    board = response.context["board"]
    assert board.matching.assignments == {world["chen"].pk: world["A"].pk, world["amina"].pk: world["B"].pk}
    assert (board.matching.objective, board.matching.optimal) == (107, True)
    body = response.content.decode()
    assert "Proven optimal." in body
    assert f'<option value="{world["B"].pk}" selected>Welcome walks</option>' in body
    assert "The opportunities that suit them were filled by closer fits: Welcome walks" in body


def test_accepting_the_adjusted_lines_places_the_volunteers(client, world, cesena_staff):  # noqa: F811
    client.force_login(cesena_staff)
    lines = {"volunteer": [world[n].pk for n in ("amina", "bruno", "chen")], f"line-{world['amina'].pk}": world["A"].pk,
             f"line-{world['bruno'].pk}": world["B"].pk, f"line-{world['chen'].pk}": ""}  # fmt: skip

    response = client.post(MATCH, {"city": "cesena", "action": "accept", **lines})

    assert response.status_code == 302
    assert response.url == f"{MATCH}?city=cesena"
    assert set(Commitment.objects.values_list("volunteer__name", "opportunity__title__en", "status", "decided_by")) == {
        ("Amina", "Language café", "accepted", cesena_staff.pk), ("Bruno", "Welcome walks", "accepted", cesena_staff.pk)
    }  # fmt: skip


def test_accepting_refuses_the_whole_lot_when_a_place_was_taken(client, world, cesena_staff):  # noqa: F811
    Commitment.objects.create(volunteer=world["chen"], opportunity=world["A"], status="accepted")
    client.force_login(cesena_staff)
    lines = {"volunteer": [world["amina"].pk, world["bruno"].pk], f"line-{world['amina'].pk}": world["A"].pk,
             f"line-{world['bruno'].pk}": world["B"].pk}  # fmt: skip

    response = client.post(MATCH, {"city": "cesena", "action": "accept", **lines})

    assert response.status_code == 400
    assert "Amina: no place left in Language café." in response.content.decode()
    assert Commitment.objects.count() == 1
    assert {line.volunteer.name: line.choice for line in response.context["board"].lines} == {
        "Amina": None, "Bruno": world["B"].pk, "Chen": None
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [({"volunteer": "x"}, "Volunteer: x is not a volunteer&#x27;s number."),
     ({"volunteer": "5", "line-5": "café"}, "Opportunity for volunteer 5: café is not an opportunity&#x27;s number."),
     ({"action": "destroy"}, "Action: propose or accept.")],
)  # fmt: skip
def test_a_malformed_matching_is_a_400_naming_its_field(client, world, cesena_staff, data, message):  # noqa: F811
    client.force_login(cesena_staff)

    response = client.post(MATCH, {"city": "cesena", "action": "accept"} | data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Commitment.objects.count() == 0
