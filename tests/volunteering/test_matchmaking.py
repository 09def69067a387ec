"""Matching through the database: volunteers and opportunities as the engine sees them, the reasons in words, the
applicants ranked, decisions on them, and a city's matching proposed and accepted, with hand-computed answers."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.volunteering.conftest import make_volunteer
from tests.volunteering.test_services import offer
from values.network.models import Organisation
from values.programme.models import Theme
from values.volunteering.matching import Candidate, Offer, Outcome, Reason, ReasonKind
from values.volunteering.matchmaking import (
    DecisionRefused,
    StaleDecision,
    accept_matching,
    adjusted,
    applicants,
    availability_slots,
    candidate_of,
    city_opportunities,
    decide_commitment,
    describe,
    offers_of,
    propose,
    shift_slot,
)
from values.volunteering.models import Commitment
from values.volunteering.services import add_shift, publish_opportunity

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2020, 3, 1, 9, tzinfo=UTC)  # a Sunday: the shifts below are all to come
HOME = {"latitude": 44.1391, "longitude": 12.2431}  # where the three volunteers live
# 0.0288° north of them: 6371.0088 km × 0.0288 × π/180 = 3.2024 km, so 10 − ⌊3.2 / 2⌋ = 9 points of closeness.
PLACE = {"latitude": 44.1679, "longitude": 12.2431}


def opportunity_with_shift(programme, *, day: int, hour: int, minute: int = 0, **changes):
    opportunity = offer(programme, places=1, end_date=None, **PLACE | changes)
    add_shift(opportunity, starts_at=datetime(2020, 3, day, hour, minute, tzinfo=ROME),
              ends_at=datetime(2020, 3, day, hour + 1, minute, tzinfo=ROME))  # fmt: skip
    return publish_opportunity(opportunity, by=None)


@pytest.fixture
def world(programme):
    """Two opportunities of one place each and three volunteers, all in Cesena.

    A, the café: wants Arabic, on Wednesday 4 March 18:30 (Wednesday evenings), theme A.
    B, the walks: wants Italian and cooking, on Saturday 7 March 10:00 (Saturday mornings), theme B.
    Amina speaks Arabic and Italian, cooks, is free on Wednesday evenings and Saturday mornings, cares for B:
      A = 20 placement + 3 Arabic + 1 time + 9 closeness = 33;  B = 20 + 3 Italian + 5 cooking + 1 + 8 theme + 9 = 46.
    Bruno speaks Italian, free on Saturday mornings: A no (no Arabic, no time); B = 20 + 3 + 1 + 9 = 33.
    Chen speaks Arabic, free on Saturday mornings only: A no (not on Wednesdays); B no (no Italian).
    Amina → B alone: 46 + 15 = 61 (what the greedy takes). Amina → A, Bruno → B: 33 + 33 + 2 × 15 = 96, the optimum.
    """
    a = opportunity_with_shift(programme, day=4, hour=18, minute=30, title="Language café", languages=["ar"],
                               theme=Theme.objects.get(programme=programme, key="A"))  # fmt: skip
    b = opportunity_with_shift(programme, day=7, hour=10, title="Welcome walks", languages=["it"], skills=["Cooking"])
    amina = make_volunteer(programme, "amina@example.org", name="Amina", **HOME)
    amina.themes.set([Theme.objects.get(programme=programme, key="B")])
    bruno = make_volunteer(programme, "bruno@example.org", name="Bruno", languages=["it"], skills=[],
                           availability=["5-morning"], **HOME)  # fmt: skip
    chen = make_volunteer(programme, "chen@example.org", name="Chen", languages=["ar"], skills=[],
                          availability=["5-morning"], **HOME)  # fmt: skip
    return {"A": a, "B": b, "amina": amina, "bruno": bruno, "chen": chen}


def cesena():
    return Organisation.objects.get(key="cesena")


# -- the database as Candidates and Offers ------------------------------------------------------
def test_availability_strings_are_slots_and_anything_else_is_left_out():
    assert availability_slots(["2-evening", "5-morning", "7-morning", "x-evening", "1-night", "3"]) == frozenset(
        {(2, "evening"), (5, "morning")}
    )


@pytest.mark.parametrize(
    ("local", "slot"),
    [
        (datetime(2020, 3, 4, 18, 30), (2, "evening")),
        (datetime(2020, 3, 4, 11, 59), (2, "morning")),
        (datetime(2020, 3, 4, 12, 0), (2, "afternoon")),
        (datetime(2020, 3, 4, 17, 59), (2, "afternoon")),
        (datetime(2020, 3, 4, 18, 0), (2, "evening")),
        (datetime(2020, 3, 8, 0, 30), (6, "morning")),  # Sunday 00:30 in Cesena is still Saturday 23:30 in UTC
    ],
)
def test_a_shift_is_in_the_weekday_and_part_of_the_day_of_its_city(local, slot):
    assert shift_slot(local.replace(tzinfo=ROME).astimezone(UTC), ROME) == slot


def test_a_wednesday_evening_shift_in_cesena_makes_the_slot_2_evening(programme, world):
    (a, b) = city_opportunities(programme, cesena(), now=NOW)

    offers = offers_of([a, b])

    assert offers[0] == Offer(id=world["A"].pk, languages=frozenset({"ar"}), skills=frozenset(),
                              slots=frozenset({(2, "evening")}), latitude=44.1679, longitude=12.2431, places=1,
                              theme=world["A"].theme_id, minimum_age=0)  # fmt: skip
    assert offers[1].slots == frozenset({(5, "morning")})
    assert offers[1].skills == frozenset({"cooking"})


def test_past_shifts_give_no_slot_and_a_full_opportunity_is_no_offer(programme, world):
    Commitment.objects.create(volunteer=world["chen"], opportunity=world["B"], status="accepted")

    opportunities = city_opportunities(programme, cesena(), now=datetime(2020, 3, 5, tzinfo=UTC))

    assert [(o.pk, o.accepted) for o in opportunities] == [(world["A"].pk, 0), (world["B"].pk, 1)]
    assert offers_of(opportunities)[0].slots == frozenset()
    assert [o.id for o in offers_of(opportunities)] == [world["A"].pk]


def test_an_opportunity_without_a_position_is_at_its_city_centre(programme):
    opportunity = publish_opportunity(offer(programme, places=2), by=None)

    (offered,) = offers_of(city_opportunities(programme, cesena(), now=NOW))

    centre = cesena().city
    assert (offered.id, offered.latitude, offered.longitude) == (opportunity.pk, float(centre.lat), float(centre.lon))


def test_a_volunteer_is_a_candidate_with_their_age_this_year(programme, world):
    world["amina"].birth_year = 2000

    candidate = candidate_of(world["amina"], today=date(2020, 5, 1))

    theme_b = Theme.objects.get(programme=programme, key="B").pk
    assert candidate == Candidate(id=world["amina"].pk, languages=frozenset({"ar", "it"}),
                                  skills=frozenset({"cooking"}), slots=frozenset({(2, "evening"), (5, "morning")}),
                                  latitude=44.1391, longitude=12.2431, max_km=10.0, themes=frozenset({theme_b}),
                                  age=20)  # fmt: skip


# -- reasons in words ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (Reason(ReasonKind.LANGUAGES, ("ar",)), "Speaks Arabic, which the opportunity wants"),
        (Reason(ReasonKind.LANGUAGES, ("ar", "it")), "Speaks Arabic, Italian, which the opportunity wants"),
        (Reason(ReasonKind.DISTANCE, (3.2,)), "3.2 km away"),
        (Reason(ReasonKind.SLOTS, ((2, "evening"),)), "Free on Wednesday evenings"),
        (Reason(ReasonKind.THEME, (7,)), "Cares about theme B"),
        (Reason(ReasonKind.SKILLS, ("cooking", "listening")), "Has the skills it asks for: cooking, listening"),
        (Reason(ReasonKind.TOO_FAR, (12.5, 10.0)), "Too far: 12.5 km away, and they go at most 10.0 km"),
        (
            Reason(ReasonKind.NO_COMMON_SLOT, ((0, "morning"), (6, "evening"))),
            "Not free at its times (Monday mornings, Sunday evenings)",
        ),
        (Reason(ReasonKind.TOO_YOUNG, (15, 18)), "Too young: 15, and it needs 18"),
        (Reason(ReasonKind.AGE_UNKNOWN, (18,)), "Age not given, and it needs 18"),
        (Reason(ReasonKind.NO_COMMON_LANGUAGE, ("lv",)), "Speaks none of the languages wanted (Latvian)"),
    ],
)
def test_each_reason_is_a_sentence(reason, words):
    assert describe(reason, {7: "B"}) == words


def test_reasons_are_said_in_the_readers_language():
    from django.utils import translation

    with translation.override("it"):
        words = describe(Reason(ReasonKind.LANGUAGES, ("ar",)), {})

    assert "arabo" in words


# -- an opportunity's applicants ----------------------------------------------------------------
def test_applicants_are_ranked_by_fit_and_the_ineligible_come_last_with_why(programme, world):
    for name in ("chen", "bruno", "amina"):
        Commitment.objects.create(volunteer=world[name], opportunity=world["B"])

    ranked = applicants(world["B"], now=NOW)

    assert [(a.commitment.volunteer.name, a.fit.score, a.fit.eligible) for a in ranked] == [
        ("Amina", 46, True), ("Bruno", 33, True), ("Chen", 0, False),
    ]  # fmt: skip
    assert ranked[0].reasons == ["Eligible: a place suits them", "Speaks Italian, which the opportunity wants",
                                 "Has the skills it asks for: cooking", "Free on Saturday mornings",
                                 f"Cares about theme B · {Theme.objects.get(programme=programme, key='B')}",
                                 "3.2 km away"]  # fmt: skip
    assert ranked[2].reasons == ["Speaks none of the languages wanted (Italian)"]


def test_accepting_respects_the_places(programme, world, cesena_staff):
    first = Commitment.objects.create(volunteer=world["amina"], opportunity=world["B"])
    second = Commitment.objects.create(volunteer=world["bruno"], opportunity=world["B"])
    decide_commitment(first, accept=True, seen="applied", by=cesena_staff)

    with pytest.raises(DecisionRefused) as refused:
        decide_commitment(second, accept=True, seen="applied", by=cesena_staff)

    assert refused.value.message_dict == {"status": ["Bruno: no place left in this opportunity."]}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.decided_by, second.status, second.decided_by) == (
        "accepted", cesena_staff, "applied", None)  # fmt: skip


def test_a_decision_taken_meanwhile_by_someone_else_is_refused(programme, world, cesena_staff, coordinator):
    commitment = Commitment.objects.create(volunteer=world["amina"], opportunity=world["B"])
    decide_commitment(commitment, accept=False, seen="applied", by=coordinator)

    with pytest.raises(StaleDecision) as refused:
        decide_commitment(commitment, accept=True, seen="applied", by=cesena_staff)

    assert refused.value.message_dict == {"status": ["Amina: someone else decided meanwhile (now declined); look "
                                                     "again."]}  # fmt: skip
    commitment.refresh_from_db()
    assert (commitment.status, commitment.decided_by) == ("declined", coordinator)


def test_an_accepted_volunteer_can_be_declined_and_the_place_is_free_again(programme, world, cesena_staff):
    first = Commitment.objects.create(volunteer=world["amina"], opportunity=world["B"])
    second = Commitment.objects.create(volunteer=world["bruno"], opportunity=world["B"])
    decide_commitment(first, accept=True, seen="applied", by=cesena_staff)

    decide_commitment(first, accept=False, seen="accepted", by=cesena_staff)
    decide_commitment(second, accept=True, seen="applied", by=cesena_staff)

    assert list(Commitment.objects.order_by("pk").values_list("status", flat=True)) == ["declined", "accepted"]


# -- matching a city ----------------------------------------------------------------------------
def test_the_proposal_is_the_hand_computed_optimum_with_the_reasons(programme, world):
    board = propose(programme, cesena(), now=NOW)

    assert board.matching.assignments == {world["amina"].pk: world["A"].pk, world["bruno"].pk: world["B"].pk}
    assert (board.matching.objective, board.matching.total_fit, board.matching.optimal) == (96, 66, True)
    assert board.matching.explanations[world["chen"].pk].outcome == Outcome.NO_ELIGIBLE_OPPORTUNITY
    lines = {line.volunteer.name: line for line in board.lines}
    assert [o.pk for o in lines["Amina"].options] == [world["A"].pk, world["B"].pk]
    assert lines["Amina"].reasons == ["Eligible: a place suits them", "Speaks Arabic, which the opportunity wants",
                                      "Free on Wednesday evenings", "3.2 km away"]  # fmt: skip
    assert (lines["Chen"].choice, lines["Chen"].options) == (None, [])
    assert lines["Chen"].reasons == ["No opportunity suits them (languages, times, distance or age)."]
    assert [(o.pk, o.proposed) for o in board.opportunities] == [(world["A"].pk, 1), (world["B"].pk, 1)]


def test_a_volunteer_without_a_city_is_a_candidate_only_within_reach(programme, world):
    make_volunteer(programme, "near@example.org", name="Near", city=None, **HOME)
    make_volunteer(programme, "far@example.org", name="Far", city=None, latitude=45.0, longitude=12.2431)
    make_volunteer(programme, "riga@example.org", name="Rigan", city=Organisation.objects.get(key="riga"), **HOME)
    make_volunteer(programme, "new@example.org", name="Unconfirmed", confirmed_at=None, **HOME)

    board = propose(programme, cesena(), now=NOW)

    assert [line.volunteer.name for line in board.lines] == ["Amina", "Bruno", "Chen", "Near"]


def test_an_accepted_or_declined_pair_is_not_proposed_again(programme, world):
    Commitment.objects.create(volunteer=world["amina"], opportunity=world["A"], status="declined")

    board = propose(programme, cesena(), now=NOW)

    # Amina may only go to B now: 46 + 15 = 61 beats Bruno's 33 + 15 = 48.
    assert board.matching.assignments == {world["amina"].pk: world["B"].pk}
    assert [o.pk for o in next(line for line in board.lines if line.volunteer.name == "Amina").options] == [
        world["B"].pk
    ]


def test_accepting_the_lines_creates_accepted_commitments(programme, world, cesena_staff):
    applied = Commitment.objects.create(volunteer=world["bruno"], opportunity=world["B"])
    choices = {world["amina"].pk: world["A"].pk, world["bruno"].pk: world["B"].pk, world["chen"].pk: None}

    accepted = accept_matching(programme, cesena(), choices, by=cesena_staff, now=NOW)

    assert [(c.volunteer.name, c.opportunity_id, c.status, c.decided_by) for c in accepted] == [
        ("Amina", world["A"].pk, "accepted", cesena_staff), ("Bruno", world["B"].pk, "accepted", cesena_staff),
    ]  # fmt: skip
    assert accepted[1].pk == applied.pk
    assert Commitment.objects.count() == 2


def test_a_line_changed_by_hand_to_an_ineligible_opportunity_is_refused(programme, world, cesena_staff):
    with pytest.raises(ValidationError) as refused:
        accept_matching(programme, cesena(), {world["bruno"].pk: world["A"].pk}, by=cesena_staff, now=NOW)

    assert refused.value.messages == ["Bruno: Language café is not one of the opportunities they may take now."]
    assert Commitment.objects.count() == 0


def test_the_whole_lot_is_refused_when_places_were_taken_meanwhile(programme, world, cesena_staff):
    choices = {world["amina"].pk: world["A"].pk, world["bruno"].pk: world["B"].pk}
    other = make_volunteer(programme, "dora@example.org", name="Dora", languages=["it"], **HOME)
    Commitment.objects.create(volunteer=other, opportunity=world["B"], status="accepted")

    with pytest.raises(ValidationError) as refused:
        accept_matching(programme, cesena(), choices, by=cesena_staff, now=NOW)

    assert refused.value.messages == ["Bruno: no place left in Welcome walks."]
    assert Commitment.objects.count() == 1


def test_two_volunteers_for_one_place_and_a_volunteer_gone_are_named(programme, world, cesena_staff):
    choices = {world["amina"].pk: world["B"].pk, world["bruno"].pk: world["B"].pk, 999999: world["A"].pk}

    with pytest.raises(ValidationError) as refused:
        accept_matching(programme, cesena(), choices, by=cesena_staff, now=NOW)

    assert refused.value.messages == ["Bruno: no place left in Welcome walks.",
                                      "Volunteer 999999: no longer a volunteer this matching may place."]  # fmt: skip
    assert Commitment.objects.count() == 0


def test_the_adjusted_board_keeps_the_valid_choices_only(programme, world):
    board = adjusted(programme, cesena(), {world["amina"].pk: world["B"].pk, world["bruno"].pk: world["A"].pk},
                     now=NOW)  # fmt: skip

    assert {line.volunteer.name: line.choice for line in board.lines} == {
        "Amina": world["B"].pk, "Bruno": None, "Chen": None
    }  # fmt: skip
