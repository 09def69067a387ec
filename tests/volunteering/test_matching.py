"""The matching engine: eligibility and fits worked out by hand, the optimum against brute force and
the greedy, and the explanations. No database."""

import itertools
import random
import re
from pathlib import Path

import pytest

from values.volunteering.matching import (
    COVERAGE_BONUS,
    Candidate,
    Explanation,
    Fit,
    Offer,
    Outcome,
    Ranked,
    Reason,
    ReasonKind,
    eligible_pairs,
    fit,
    greedy,
    haversine_km,
    match,
    rank,
)
from values.volunteering.matching_generator import generated

pytestmark = pytest.mark.unit

CESENA = (44.1391, 12.2431)
FORLI = (44.2227, 12.0407)
KM_PER_DEGREE = 111.19508  # 6371.0088 km × π / 180


def test_cesena_to_forli_is_18_6_km():
    # By hand: Δφ = 0.0836° = 0.0014591 rad, Δλ = 0.2024° = 0.0035326 rad; a = sin²(Δφ/2) +
    # cos 44.1391° · cos 44.2227° · sin²(Δλ/2) = 5.3224e-7 + 0.71776 · 0.71674 · 3.1197e-6 = 2.1372e-6;
    # d = 2 · 6371.0088 · asin(√a) = 18.63 km.
    km = haversine_km(*CESENA, *FORLI)

    assert km == pytest.approx(18.63, abs=0.01)


def test_a_fit_is_the_sum_of_its_reasons_worked_out_by_hand():
    candidate = Candidate(
        id=1,
        languages=frozenset({"it", "en"}),
        skills=frozenset({"cooking", "driving"}),
        slots=frozenset({(0, "morning"), (2, "evening")}),
        latitude=CESENA[0],
        longitude=CESENA[1],
        max_km=25,
        themes=frozenset({1}),
        age=30,
    )
    offer = Offer(
        id=7,
        languages=frozenset({"it"}),
        skills=frozenset({"cooking"}),
        slots=frozenset({(0, "morning"), (1, "morning")}),
        latitude=FORLI[0],
        longitude=FORLI[1],
        places=2,
        theme=1,
        minimum_age=18,
    )

    result = fit(candidate, offer)

    # 20 placed + 3 one language + 5 one skill + 1 one slot + 8 theme + (10 − ⌊18.63 / 2⌋ = 1) closeness
    assert result == Fit(
        score=38,
        reasons=(
            Reason(ReasonKind.PLACEMENT, (), 20),
            Reason(ReasonKind.LANGUAGES, ("it",), 3),
            Reason(ReasonKind.SKILLS, ("cooking",), 5),
            Reason(ReasonKind.SLOTS, ((0, "morning"),), 1),
            Reason(ReasonKind.THEME, (1,), 8),
            Reason(ReasonKind.DISTANCE, (18.6,), 1),
        ),
        eligible=True,
    )


def test_a_candidate_5_km_off_who_goes_3_km_is_out():
    offer = Offer(id=1, latitude=CESENA[0], longitude=CESENA[1])
    candidate = Candidate(id=1, latitude=CESENA[0] + 5 / KM_PER_DEGREE, longitude=CESENA[1], max_km=3)

    result = fit(candidate, offer)

    assert result == Fit(0, (Reason(ReasonKind.TOO_FAR, (5.0, 3)),), eligible=False)
    assert len(eligible_pairs([candidate], [offer])) == 0


def test_the_same_candidate_who_goes_6_km_is_in_with_the_closeness_of_5_km():
    offer = Offer(id=1, latitude=CESENA[0], longitude=CESENA[1])
    candidate = Candidate(id=1, latitude=CESENA[0] + 5 / KM_PER_DEGREE, longitude=CESENA[1], max_km=6)

    result = fit(candidate, offer)

    assert result.reasons[-1] == Reason(ReasonKind.DISTANCE, (5.0,), 8)  # 10 − ⌊5 / 2⌋
    assert result.score == 28


def test_each_hard_rule_that_fails_is_named():
    offer = Offer(id=1, languages=frozenset({"de", "nl"}), slots=frozenset({(5, "evening")}), minimum_age=18)
    young = Candidate(id=1, languages=frozenset({"it"}), slots=frozenset({(5, "morning")}), age=16)
    ageless = Candidate(id=2, languages=frozenset({"nl"}), slots=frozenset({(5, "evening")}))

    assert fit(young, offer).reasons == (
        Reason(ReasonKind.NO_COMMON_LANGUAGE, ("de", "nl")),
        Reason(ReasonKind.NO_COMMON_SLOT, ((5, "evening"),)),
        Reason(ReasonKind.TOO_YOUNG, (16, 18)),
    )
    assert fit(ageless, offer).reasons == (Reason(ReasonKind.AGE_UNKNOWN, (18,)),)


def test_an_offer_wanting_nothing_takes_anyone_at_any_time():
    offer = Offer(id=1, latitude=CESENA[0], longitude=CESENA[1])
    candidate = Candidate(id=1, latitude=CESENA[0], longitude=CESENA[1], max_km=1)

    assert fit(candidate, offer).score == 30  # 20 placed + 10 at the door


def test_a_candidate_with_no_position_may_go_anywhere_without_closeness_points():
    offer = Offer(id=1, latitude=59.914, longitude=10.752)  # Oslo
    candidate = Candidate(id=1, max_km=1)

    pairs = eligible_pairs([candidate], [offer])

    assert fit(candidate, offer) == Fit(20, (Reason(ReasonKind.PLACEMENT, (), 20),), eligible=True)
    assert (pairs.candidates.tolist(), pairs.offers.tolist(), pairs.fits.tolist()) == ([0], [0], [20])
    assert match([candidate], [offer]).assignments == {1: 1}


def test_an_offer_with_no_place_needs_no_travel():
    offer = Offer(id=1)
    candidate = Candidate(id=1, latitude=CESENA[0], longitude=CESENA[1], max_km=1)

    assert fit(candidate, offer).reasons == (
        Reason(ReasonKind.PLACEMENT, (), 20),
        Reason(ReasonKind.NO_TRAVEL, (), 10),
    )


def test_rank_orders_the_eligible_applicants_by_fit_then_id():
    offer = Offer(id=1, skills=frozenset({"cooking"}), minimum_age=18)
    applicants = [
        Candidate(id=3, age=40),
        Candidate(id=2, skills=frozenset({"cooking"}), age=20),
        Candidate(id=1, age=50),
        Candidate(id=4, skills=frozenset({"cooking"}), age=17),
    ]

    ranked = rank(applicants, offer)

    placed, no_travel = Reason(ReasonKind.PLACEMENT, (), 20), Reason(ReasonKind.NO_TRAVEL, (), 10)
    assert ranked == [
        Ranked(2, 35, (placed, Reason(ReasonKind.SKILLS, ("cooking",), 5), no_travel)),
        Ranked(1, 30, (placed, no_travel)),
        Ranked(3, 30, (placed, no_travel)),
    ]


def _tiny():
    """c1 fits o1 best (35) but also o2 (33), which c2 may not take (German): c2 fits only o1 (30)."""
    candidates = [
        Candidate(id=1, languages=frozenset({"it", "de"}), skills=frozenset({"cooking"})),
        Candidate(id=2, languages=frozenset({"it"})),
    ]
    offers = [Offer(id=1, skills=frozenset({"cooking"})), Offer(id=2, languages=frozenset({"de"}))]
    return candidates, offers


def test_the_tiny_optimum_worked_out_by_hand_beats_the_greedy():
    candidates, offers = _tiny()

    best, baseline = match(candidates, offers), greedy(candidates, offers)

    # Optimum: c1 → o2 (20 + 3 German + 10) and c2 → o1 (20 + 10), both offers covered: 33 + 30 + 2 × 15.
    assert (best.assignments, best.total_fit, best.objective, best.optimal) == ({1: 2, 2: 1}, 63, 93, True)
    # Greedy: c1 → o1 (35) first, then o1 is full for c2: 35 + 15.
    assert (baseline.assignments, baseline.objective, baseline.optimal) == ({1: 1}, 50, False)


def test_explanations_name_the_reasons_or_the_filled_opportunities():
    candidates, offers = _tiny()
    candidates.append(Candidate(id=3, languages=frozenset({"fr"})))
    offers[0] = Offer(id=1, skills=frozenset({"cooking"}), languages=frozenset({"it"}))

    best, baseline = match(candidates, offers), greedy(candidates, offers)

    assert best.explanations[1] == Explanation(
        Outcome.ASSIGNED,
        offer=2,
        reasons=(
            Reason(ReasonKind.PLACEMENT, (), 20),
            Reason(ReasonKind.LANGUAGES, ("de",), 3),
            Reason(ReasonKind.NO_TRAVEL, (), 10),
        ),
    )
    assert best.explanations[3] == Explanation(Outcome.NO_ELIGIBLE_OPPORTUNITY)
    assert baseline.explanations[2] == Explanation(Outcome.FILLED_BY_CLOSER_FITS, offers=(1,))


def test_the_filled_opportunities_are_named_best_fit_first():
    candidates = [Candidate(id=n, skills=frozenset({"music"})) for n in (1, 2, 3)]
    offers = [Offer(id=1), Offer(id=2, skills=frozenset({"music"}))]

    result = match(candidates, offers)

    (left_out,) = set(range(1, 4)) - set(result.assignments)
    assert result.explanations[left_out] == Explanation(Outcome.FILLED_BY_CLOSER_FITS, offers=(2, 1))
    assert result.filled == {1: 1, 2: 1}


def test_an_opportunity_with_nobody_is_worse_than_a_slightly_lower_total_fit():
    candidates = [Candidate(id=n, skills=frozenset({"cooking"})) for n in (1, 2)]
    offers = [Offer(id=1, skills=frozenset({"cooking"}), places=2), Offer(id=2)]

    result = match(candidates, offers)

    # Both at o1 would make 35 + 35 + 15 = 85; one at each 35 + 30 + 2 × 15 = 95.
    assert (result.total_fit, result.objective, result.filled, result.covered) == (65, 95, {1: 1, 2: 1}, 2)


def test_empty_inputs():
    someone, something = Candidate(id=1), Offer(id=1, places=3)

    nothing = match([], [])
    no_offers = match([someone], [])
    no_candidates = match([], [something])

    assert (nothing.assignments, nothing.objective, nothing.optimal, nothing.filled) == ({}, 0, True, {})
    assert no_offers.explanations == {1: Explanation(Outcome.NO_ELIGIBLE_OPPORTUNITY)}
    assert (no_candidates.filled, no_candidates.objective) == ({1: 0}, 0)
    assert greedy([], []).objective == 0
    assert rank([], something) == []


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="same id"):
        match([Candidate(id=1), Candidate(id=1)], [Offer(id=1)])


# Against brute force.

LANGUAGES = ("it", "en", "ar")
SKILLS = ("cooking", "driving", "music")
SLOTS = ((0, "morning"), (0, "evening"), (3, "afternoon"))


def _random_instance(seed: int) -> tuple[list[Candidate], list[Offer]]:
    rng = random.Random(seed)  # noqa: S311 (seeded test data, not a secret)

    def subset(items, most):
        return frozenset(rng.sample(items, rng.randint(0, most)))

    def position(km):
        if rng.random() < 0.15:
            return None, None
        return CESENA[0] + rng.uniform(-km, km) / KM_PER_DEGREE, CESENA[1] + rng.uniform(-km, km) / 80

    candidates = []
    for number in range(rng.randint(1, 6)):
        latitude, longitude = position(8)
        candidates.append(
            Candidate(
                id=10 + number,
                languages=subset(LANGUAGES, 2),
                skills=subset(SKILLS, 3),
                slots=subset(SLOTS, 3),
                latitude=latitude,
                longitude=longitude,
                max_km=rng.choice((2.0, 5.0, 10.0, 20.0)),
                themes=subset((1, 2), 2),
                age=rng.choice((None, 15, 17, 30, 70)),
            )
        )
    offers = []
    for number in range(rng.randint(1, 3)):
        latitude, longitude = position(4)
        offers.append(
            Offer(
                id=100 + number,
                languages=subset(LANGUAGES, 2),
                skills=subset(SKILLS, 2),
                slots=subset(SLOTS, 2),
                latitude=latitude,
                longitude=longitude,
                places=rng.randint(1, 3),
                theme=rng.choice((1, 2)),
                minimum_age=rng.choice((0, 0, 16, 18)),
            )
        )
    return candidates, offers


def _brute_force(candidates: list[Candidate], offers: list[Offer]) -> int:
    """The best objective over every assignment of each candidate to nothing or an offer."""
    fits = [[fit(c, o) for o in offers] for c in candidates]
    choices = [[None, *(j for j, f in enumerate(row) if f.eligible)] for row in fits]
    best = 0
    for assignment in itertools.product(*choices):
        taken = [j for j in assignment if j is not None]
        if any(taken.count(j) > offer.places for j, offer in enumerate(offers)):
            continue
        total = sum(fits[i][j].score for i, j in enumerate(assignment) if j is not None)
        best = max(best, total + COVERAGE_BONUS * len(set(taken)))
    return best


@pytest.mark.parametrize("seed", range(30))
def test_the_matching_is_the_brute_force_optimum_and_the_greedy_is_no_better(seed):
    candidates, offers = _random_instance(seed)

    best, baseline = match(candidates, offers), greedy(candidates, offers)

    assert best.optimal
    assert best.objective == _brute_force(candidates, offers)
    assert baseline.objective <= best.objective


def test_the_brute_force_cases_are_not_trivial():
    optima = [_brute_force(*_random_instance(seed)) for seed in range(30)]
    strictly_better = [
        seed
        for seed in range(30)
        if greedy(*_random_instance(seed)).objective < match(*_random_instance(seed)).objective
    ]

    assert sum(1 for optimum in optima if optimum == 0) < 10
    assert strictly_better != []


def test_the_vectorised_pairs_are_exactly_the_eligible_fits():
    candidates, offers = generated(400, 60, seed=3)

    pairs = eligible_pairs(candidates, offers)

    found = dict(
        zip(zip(pairs.candidates.tolist(), pairs.offers.tolist(), strict=True), pairs.fits.tolist(), strict=True)
    )
    expected = {
        (i, j): f.score for i, c in enumerate(candidates) for j, o in enumerate(offers) if (f := fit(c, o)).eligible
    }
    assert len(found) == len(pairs)
    assert found == expected


def test_places_are_respected_and_every_assignment_is_eligible():
    candidates, offers = generated(1500, 80, seed=2)
    by_id = {o.id: o for o in offers}

    result = match(candidates, offers)

    assert all(result.filled[o.id] <= o.places for o in offers)
    assert sum(result.filled.values()) == len(result.assignments)
    assert all(fit(c, by_id[result.assignments[c.id]]).eligible for c in candidates if c.id in result.assignments)
    assert result.objective >= greedy(candidates, offers).objective
    assert sum(result.filled.values()) == sum(o.places for o in offers)  # 1,500 volunteers fill 80 offers


def test_the_generator_is_seeded():
    assert generated(50, 10, seed=4) == generated(50, 10, seed=4)
    assert generated(50, 10, seed=4) != generated(50, 10, seed=5)


def test_the_matching_imports_no_django_and_nothing_of_ours():
    source = Path(__file__).resolve().parents[2] / "src" / "values" / "volunteering"
    offenders = [
        name
        for name in ("matching.py", "matching_generator.py")
        if re.search(
            r"^\s*(from|import)\s+(django|values\.(?!volunteering\.matching\b))",
            (source / name).read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    ]

    assert offenders == []


def test_the_pruning_by_distance_loses_no_pair_anywhere_on_earth():
    rng = random.Random(8)  # noqa: S311 (seeded test data, not a secret)
    corners = [(89.9, 0.0), (-89.5, 179.0), (0.0, 179.99), (0.0, -179.99), (65.0, -170.0), (45.0, 12.0)]

    def position():
        if rng.random() < 0.5:
            latitude, longitude = rng.choice(corners)
            return latitude + rng.uniform(-0.05, 0.05), max(-180.0, min(180.0, longitude + rng.uniform(-0.5, 0.5)))
        return rng.uniform(-90, 90), rng.uniform(-180, 180)

    candidates = [
        Candidate(
            id=n, max_km=rng.choice((1.0, 30.0, 300.0, 3000.0, 30000.0)), latitude=(p := position())[0], longitude=p[1]
        )
        for n in range(300)
    ]
    offers = [Offer(id=n, latitude=(p := position())[0], longitude=p[1]) for n in range(60)]

    pairs = eligible_pairs(candidates, offers)

    found = set(zip(pairs.candidates.tolist(), pairs.offers.tolist(), strict=True))
    expected = {(i, j) for i, c in enumerate(candidates) for j, o in enumerate(offers) if fit(c, o).eligible}
    assert found == expected
    assert 0 < len(found) < len(candidates) * len(offers)


def test_out_of_time_the_greedy_answer_is_given_not_proven_optimal():
    candidates, offers = _tiny()

    result = match(candidates, offers, time_limit=0)

    assert (result.assignments, result.optimal) == ({1: 1}, False)
