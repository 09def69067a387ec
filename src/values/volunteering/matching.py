"""Matching volunteers to opportunities: who may go where, how well they fit, and who goes where.

Pure Python, numpy and OR-Tools, nothing from Django nor from the other apps (like `values.planner`):
a service turns sign-ups and opportunities into `Candidate` and `Offer`, and reads the result back.

- Eligibility is hard: within the volunteer's reach (haversine), a wanted language spoken, a time
  in common, old enough. `fit` scores an eligible pair in whole points and says why (`Reason`).
- `rank` orders an opportunity's applicants by fit, with the reasons.
- `match` gives each volunteer at most one opportunity and each opportunity at most its places,
  maximising the total fit plus a bonus for each opportunity that gets anybody. It is solved
  exactly as a min-cost flow; `greedy` is the baseline it must never do worse than.

Reasons are data (a kind and its values): the web layer puts them into words in the reader's language.
"""

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from ortools.graph.python import min_cost_flow

PARTS = ("morning", "afternoon", "evening")
WEEKDAYS = 7
Slot = tuple[int, str]  # (weekday 0 = Monday … 6, part of the day)

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

# The weights of a fit, in whole points, so that the flow's optimum is exact.
# Placing an eligible volunteer is worth something by itself: a fit is never 0, so the matching never
# leaves a volunteer out where there is room for them, and it weighs about a third of a good fit.
PLACEMENT_POINTS = 20
# Each wanted language the volunteer speaks: one is required; more help at a language café.
LANGUAGE_POINTS = 3
# Each wanted skill the volunteer has: the skills are what an organisation asks for beyond the hard
# rules, so they weigh most of the soft criteria.
SKILL_POINTS = 5
# Each time in common, counting at most MAX_SLOTS_COUNTED: more shared times make shifts easier to
# fill, but a volunteer free all week should not beat one with the right skills.
SLOT_POINTS = 1
MAX_SLOTS_COUNTED = 4
# The opportunity's theme is one the volunteer cares about: such volunteers stay longer.
THEME_POINTS = 8
# Closeness: CLOSENESS_POINTS at the door, one less every KM_PER_POINT km, none from 20 km. An
# opportunity with no place (anywhere in the city, online) needs no travel: full points. A volunteer
# who gave no area gets none: we cannot tell.
CLOSENESS_POINTS = 10
KM_PER_POINT = 2.0
# Added once for each opportunity that gets at least one volunteer: an opportunity left with nobody
# is worse than a slightly lower total fit (at most this many points lower).
COVERAGE_BONUS = 15

DEFAULT_TIME_LIMIT = 10.0  # seconds
_BLOCK_CELLS = 1 << 20  # pairs examined at once, to bound the memory of the numpy blocks
_GRID_DEGREES = 0.25  # offers are bucketed in cells this many degrees wide for the pruning by distance


class ReasonKind(StrEnum):
    """What a reason is about. The first ones make a fit; the last ones make a pair ineligible."""

    PLACEMENT = "placement"  # values: ()
    LANGUAGES = "languages"  # values: the wanted languages spoken, sorted ISO 639-1 codes
    SKILLS = "skills"  # values: the wanted skills the volunteer has, sorted
    SLOTS = "slots"  # values: the (weekday, part) in common, in week order
    THEME = "theme"  # values: (theme id,)
    DISTANCE = "distance"  # values: (km rounded to 0.1,)
    NO_TRAVEL = "no_travel"  # values: (): the opportunity has no place
    TOO_FAR = "too_far"  # values: (km rounded to 0.1, the volunteer's max km)
    NO_COMMON_LANGUAGE = "no_common_language"  # values: the wanted languages, sorted
    NO_COMMON_SLOT = "no_common_slot"  # values: the opportunity's times, in week order
    TOO_YOUNG = "too_young"  # values: (age, minimum age)
    AGE_UNKNOWN = "age_unknown"  # values: (minimum age,)


class Outcome(StrEnum):
    ASSIGNED = "assigned"
    NO_ELIGIBLE_OPPORTUNITY = "no_eligible_opportunity"
    FILLED_BY_CLOSER_FITS = "filled_by_closer_fits"


@dataclass(frozen=True)
class Candidate:
    """A volunteer."""

    id: int
    languages: frozenset[str] = frozenset()  # ISO 639-1
    skills: frozenset[str] = frozenset()  # lowercase
    slots: frozenset[Slot] = frozenset()
    latitude: float | None = None  # None with longitude: no area given
    longitude: float | None = None
    max_km: float = 10.0
    themes: frozenset[int] = frozenset()
    age: int | None = None


@dataclass(frozen=True)
class Offer:
    """An opportunity."""

    id: int
    languages: frozenset[str] = frozenset()  # wanted, one is enough; empty: any
    skills: frozenset[str] = frozenset()  # wanted, none required
    slots: frozenset[Slot] = frozenset()  # empty: any time
    latitude: float | None = None  # None: anywhere in the city, or online
    longitude: float | None = None
    places: int = 1
    theme: int = 0
    minimum_age: int = 0


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    values: tuple = ()
    points: int = 0


@dataclass(frozen=True)
class Fit:
    """The score of a pair with its reasons; an ineligible pair scores 0 and its reasons say why not."""

    score: int
    reasons: tuple[Reason, ...]
    eligible: bool


@dataclass(frozen=True)
class Ranked:
    candidate: int
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Explanation:
    """Why a volunteer got their opportunity (the fit's reasons), or why none: none suited them, or
    the ones that did (`offers`, best fit first) were filled by others."""

    outcome: Outcome
    offer: int | None = None
    reasons: tuple[Reason, ...] = ()
    offers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Matching:
    assignments: dict[int, int]  # candidate id → offer id
    objective: int  # total fit + COVERAGE_BONUS × offers with at least one volunteer
    total_fit: int
    optimal: bool  # proven by the min-cost flow (False for the greedy, and when out of time)
    explanations: dict[int, Explanation]  # by candidate id
    filled: dict[int, int]  # offer id → volunteers placed

    @property
    def covered(self) -> int:
        return sum(1 for count in self.filled.values() if count)


@dataclass(frozen=True)
class Pairs:
    """The eligible pairs, as indexes into the candidates and offers given, with their fits."""

    candidates: np.ndarray  # int64
    offers: np.ndarray  # int64
    fits: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.fits)


# The fit of one pair: the reference the vectorised pairs follow.


def distance_km(candidate: Candidate, offer: Offer) -> float | None:
    """Great-circle distance, or None when either position is unknown."""
    if _no_position(candidate.latitude, candidate.longitude) or _no_position(offer.latitude, offer.longitude):
        return None
    return haversine_km(candidate.latitude, candidate.longitude, offer.latitude, offer.longitude)  # type: ignore[arg-type]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def closeness_points(km: float) -> int:
    return max(0, CLOSENESS_POINTS - math.floor(km / KM_PER_POINT))


def fit(candidate: Candidate, offer: Offer) -> Fit:
    km = distance_km(candidate, offer)
    languages = candidate.languages & offer.languages
    slots = candidate.slots & offer.slots
    obstacles = []
    if km is not None and km > candidate.max_km:
        obstacles.append(Reason(ReasonKind.TOO_FAR, (round(km, 1), candidate.max_km)))
    if offer.languages and not languages:
        obstacles.append(Reason(ReasonKind.NO_COMMON_LANGUAGE, tuple(sorted(offer.languages))))
    if offer.slots and not slots:
        obstacles.append(Reason(ReasonKind.NO_COMMON_SLOT, _week_order(offer.slots)))
    if offer.minimum_age > 0 and candidate.age is None:
        obstacles.append(Reason(ReasonKind.AGE_UNKNOWN, (offer.minimum_age,)))
    elif offer.minimum_age > 0 and candidate.age is not None and candidate.age < offer.minimum_age:
        obstacles.append(Reason(ReasonKind.TOO_YOUNG, (candidate.age, offer.minimum_age)))
    if obstacles:
        return Fit(0, tuple(obstacles), eligible=False)

    reasons = [Reason(ReasonKind.PLACEMENT, (), PLACEMENT_POINTS)]
    if languages:
        reasons.append(Reason(ReasonKind.LANGUAGES, tuple(sorted(languages)), LANGUAGE_POINTS * len(languages)))
    if skills := candidate.skills & offer.skills:
        reasons.append(Reason(ReasonKind.SKILLS, tuple(sorted(skills)), SKILL_POINTS * len(skills)))
    if slots:
        reasons.append(Reason(ReasonKind.SLOTS, _week_order(slots), SLOT_POINTS * min(len(slots), MAX_SLOTS_COUNTED)))
    if offer.theme in candidate.themes:
        reasons.append(Reason(ReasonKind.THEME, (offer.theme,), THEME_POINTS))
    if _no_position(offer.latitude, offer.longitude):
        reasons.append(Reason(ReasonKind.NO_TRAVEL, (), CLOSENESS_POINTS))
    elif km is not None:
        reasons.append(Reason(ReasonKind.DISTANCE, (round(km, 1),), closeness_points(km)))
    return Fit(sum(reason.points for reason in reasons), tuple(reasons), eligible=True)


def rank(candidates: Sequence[Candidate], offer: Offer) -> list[Ranked]:
    """An opportunity's eligible applicants, best fit first (ties by id), with the reasons."""
    fits = ((candidate.id, fit(candidate, offer)) for candidate in candidates)
    ranked = [Ranked(candidate_id, f.score, f.reasons) for candidate_id, f in fits if f.eligible]
    return sorted(ranked, key=lambda r: (-r.score, r.candidate))


def _no_position(latitude: float | None, longitude: float | None) -> bool:
    return latitude is None or longitude is None


def _week_order(slots: frozenset[Slot]) -> tuple[Slot, ...]:
    return tuple(sorted(slots, key=lambda slot: (slot[0], PARTS.index(slot[1]))))


def slot_bit(slot: Slot) -> int:
    weekday, part = slot
    if not 0 <= weekday < WEEKDAYS or part not in PARTS:
        raise ValueError(f"not a slot: {slot!r}")
    return weekday * len(PARTS) + PARTS.index(part)


# Every eligible pair at once, vectorised.


class _Encoded:
    """The candidates and offers as numpy arrays: positions (NaN when unknown), and languages, skills,
    slots and themes as bitmasks of uint64 words over the vocabulary the offers use."""

    def __init__(self, candidates: Sequence[Candidate], offers: Sequence[Offer]):
        languages = _index(sorted({code for offer in offers for code in offer.languages}))
        skills = _index(sorted({skill for offer in offers for skill in offer.skills}))
        themes = _index(sorted({offer.theme for offer in offers}))
        self.c_lat, self.c_lon = _positions(candidates)
        self.o_lat, self.o_lon = _positions(offers)
        self.max_km = np.array([c.max_km for c in candidates], dtype=np.float64)
        self.age = np.array([-1 if c.age is None else c.age for c in candidates], dtype=np.int64)
        self.c_languages = _masks([c.languages for c in candidates], languages)
        self.o_languages = _masks([o.languages for o in offers], languages)
        self.c_skills = _masks([c.skills for c in candidates], skills)
        self.o_skills = _masks([o.skills for o in offers], skills)
        self.c_slots = np.array([_slot_mask(c.slots) for c in candidates], dtype=np.uint64)
        self.o_slots = np.array([_slot_mask(o.slots) for o in offers], dtype=np.uint64)
        self.c_themes = _masks([c.themes for c in candidates], themes)
        theme_bits = np.array([themes[o.theme] for o in offers], dtype=np.int64)
        self.o_theme_word, self.o_theme_bit = theme_bits >> 6, (theme_bits & 63).astype(np.uint64)
        self.o_any_language = np.array([not o.languages for o in offers], dtype=bool)
        self.o_any_slot = np.array([not o.slots for o in offers], dtype=bool)
        self.minimum_age = np.array([o.minimum_age for o in offers], dtype=np.int64)

    def block(self, ci: np.ndarray, oj: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The eligible pairs among candidates `ci` × offers `oj`, with their fits (as `fit` scores them)."""
        km = _haversine(self.c_lat[ci, None], self.c_lon[ci, None], self.o_lat[None, oj], self.o_lon[None, oj])
        eligible = ~(km > self.max_km[ci, None])  # NaN (a position unknown) is never too far
        minimum = self.minimum_age[None, oj]
        eligible &= (minimum <= 0) | (self.age[ci, None] >= minimum)
        languages = _common(self.c_languages[ci], self.o_languages[oj])
        eligible &= self.o_any_language[None, oj] | (languages > 0)
        slots = np.bitwise_count(self.c_slots[ci, None] & self.o_slots[None, oj]).astype(np.int64)
        eligible &= self.o_any_slot[None, oj] | (slots > 0)
        rows, cols = np.nonzero(eligible)
        if not len(rows):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        pair_c, pair_o = ci[rows], oj[cols]
        skills = _common(self.c_skills[pair_c, None], self.o_skills[pair_o, None])[:, 0]
        theme = (self.c_themes[pair_c, self.o_theme_word[pair_o]] >> self.o_theme_bit[pair_o]) & np.uint64(1)
        pair_km = km[rows, cols]
        closeness = np.where(
            np.isnan(self.o_lat[pair_o]),
            CLOSENESS_POINTS,
            np.where(
                np.isnan(pair_km),
                0,
                np.maximum(0, CLOSENESS_POINTS - np.floor(np.nan_to_num(pair_km) / KM_PER_POINT)),
            ),
        ).astype(np.int64)
        fits = (
            PLACEMENT_POINTS
            + LANGUAGE_POINTS * languages[rows, cols]
            + SKILL_POINTS * skills
            + SLOT_POINTS * np.minimum(slots[rows, cols], MAX_SLOTS_COUNTED)
            + THEME_POINTS * theme.astype(np.int64)
            + closeness
        )
        return pair_c.astype(np.int64), pair_o.astype(np.int64), fits.astype(np.int64)


def eligible_pairs(candidates: Sequence[Candidate], offers: Sequence[Offer]) -> Pairs:
    """Every eligible (candidate, offer) pair with its fit, without a dense candidates × offers matrix:
    offers with a place are bucketed in a grid, and each bucket meets only the candidates whose reach
    (a box around them) touches it; the rest of the rules are checked on those blocks, vectorised."""
    if not candidates or not offers:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, empty)
    encoded = _Encoded(candidates, offers)
    parts = []
    c_known = ~np.isnan(encoded.c_lat)
    o_known = ~np.isnan(encoded.o_lat)
    all_candidates = np.arange(len(candidates))
    placed_offers = np.flatnonzero(o_known)
    # Opportunities with no place: every volunteer may go.
    parts += _blocks(encoded, all_candidates, np.flatnonzero(~o_known))
    # Volunteers with no area: every opportunity with a place is within their reach.
    parts += _blocks(encoded, np.flatnonzero(~c_known), placed_offers)
    # The rest: by grid cell.
    known = np.flatnonzero(c_known)
    lat_low, lat_high, lon_low, lon_high = _reach_boxes(
        encoded.c_lat[known], encoded.c_lon[known], encoded.max_km[known]
    )
    cells = np.stack(
        [
            np.floor(encoded.o_lat[placed_offers] / _GRID_DEGREES),
            np.floor(encoded.o_lon[placed_offers] / _GRID_DEGREES),
        ],
        axis=1,
    )
    if len(placed_offers) and len(known):
        _, cell_of = np.unique(cells, axis=0, return_inverse=True)
        order = np.argsort(cell_of.ravel(), kind="stable")
        starts = np.flatnonzero(np.diff(cell_of.ravel()[order], prepend=-1))
        for group in np.split(placed_offers[order], starts[1:]):
            lats, lons = encoded.o_lat[group], encoded.o_lon[group]
            near = (
                (lat_low <= lats.max()) & (lat_high >= lats.min()) & (lon_low <= lons.max()) & (lon_high >= lons.min())
            )
            parts += _blocks(encoded, known[near], group)
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, empty)
    return Pairs(*(np.concatenate(column) for column in zip(*parts, strict=True)))


def _blocks(encoded: _Encoded, ci: np.ndarray, oj: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    if not len(ci) or not len(oj):
        return []
    rows = max(1, _BLOCK_CELLS // len(oj))
    return [encoded.block(ci[start : start + rows], oj) for start in range(0, len(ci), rows)]


def _reach_boxes(lat: np.ndarray, lon: np.ndarray, max_km: np.ndarray) -> tuple[np.ndarray, ...]:
    """A latitude/longitude box around each position holding every point within max_km (a little
    wider, to be safe from rounding); the whole circle of longitudes near a pole or across ±180°."""
    angle = np.minimum(max_km / EARTH_RADIUS_KM, math.pi) * 1.001 + 1e-9
    dlat = np.degrees(angle)
    ratio = np.sin(np.minimum(angle, math.pi / 2)) / np.cos(np.radians(np.minimum(np.abs(lat) + dlat, 90.0)))
    with np.errstate(invalid="ignore", divide="ignore"):
        dlon = np.where(ratio < 1, np.degrees(np.arcsin(np.minimum(ratio, 1.0))) * 1.001 + 1e-9, np.inf)
    lon_low, lon_high = lon - dlon, lon + dlon
    wraps = (lon_low < -180) | (lon_high > 180) | (angle >= math.pi / 2)
    lon_low, lon_high = np.where(wraps, -np.inf, lon_low), np.where(wraps, np.inf, lon_high)
    return lat - dlat, lat + dlat, lon_low, lon_high


def _haversine(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _positions(items: Sequence[Candidate] | Sequence[Offer]) -> tuple[np.ndarray, np.ndarray]:
    known = [not _no_position(item.latitude, item.longitude) for item in items]
    lat = np.array([item.latitude if ok else np.nan for item, ok in zip(items, known, strict=True)], dtype=np.float64)
    lon = np.array([item.longitude if ok else np.nan for item, ok in zip(items, known, strict=True)], dtype=np.float64)
    return lat, lon


def _index(vocabulary: list) -> dict:
    return {item: number for number, item in enumerate(vocabulary)}


def _masks(sets: Sequence[frozenset], index: dict) -> np.ndarray:
    """One row of uint64 words per set: bit i for the i-th item of the vocabulary (others ignored)."""
    words = max(1, -(-len(index) // 64))
    masks = []
    for items in sets:
        mask = 0
        for item in items:
            if (bit := index.get(item)) is not None:
                mask |= 1 << bit
        masks.append([(mask >> (64 * word)) & 0xFFFF_FFFF_FFFF_FFFF for word in range(words)])
    return np.array(masks, dtype=np.uint64).reshape(len(sets), words)


def _common(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Items in common of rows × columns of bitmasks (k, W) and (m, W) → (k, m); or row by row for
    (p, 1, W) and (p, 1, W) → (p, 1)."""
    if first.ndim == 2:
        first, second = first[:, None, :], second[None, :, :]
    return np.bitwise_count(first & second).sum(axis=-1, dtype=np.int64)


def _slot_mask(slots: frozenset[Slot]) -> int:
    mask = 0
    for slot in slots:
        mask |= 1 << slot_bit(slot)
    return mask


# The matching.


def match(
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    pairs: Pairs | None = None,
) -> Matching:
    """The assignment of most total fit plus COVERAGE_BONUS per opportunity with anybody, exactly.

    A min-cost flow: source → each volunteer (capacity 1); volunteer → each opportunity they may
    take (capacity 1, cost −fit); opportunity → sink twice, the first place at cost −COVERAGE_BONUS
    and its other places at cost 0; and source → sink at cost 0, so that nobody has to be placed.
    The flow itself cannot be stopped and takes well under a second at 20,000 × 1,000: the time
    limit bounds the finding of the pairs, after which the greedy answer is given, not optimal.
    """
    started = time.perf_counter()
    _check(candidates, offers)
    if pairs is None:
        pairs = eligible_pairs(candidates, offers)
    if time.perf_counter() - started > time_limit:
        return greedy(candidates, offers, pairs=pairs)
    n, m = len(candidates), len(offers)
    places = np.array([offer.places for offer in offers], dtype=np.int64)
    source, sink = 0, n + m + 1
    offer_nodes = n + 1 + np.arange(m, dtype=np.int64)
    tails = np.concatenate(
        [np.zeros(n, dtype=np.int64), 1 + pairs.candidates, offer_nodes, offer_nodes, [source]]
    ).astype(np.int32)
    heads = np.concatenate(
        [1 + np.arange(n, dtype=np.int64), n + 1 + pairs.offers, np.full(m, sink), np.full(m, sink), [sink]]
    ).astype(np.int32)
    capacities = np.concatenate([np.ones(n + len(pairs) + m, dtype=np.int64), places - 1, [n]]).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(n, dtype=np.int64), -pairs.fits, np.full(m, -COVERAGE_BONUS), np.zeros(m, dtype=np.int64), [0]]
    ).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source], supplies[sink] = n, -n
    flow.set_nodes_supplies(np.arange(n + m + 2, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        return greedy(candidates, offers, pairs=pairs)
    chosen = np.flatnonzero(flow.flows(np.arange(n, n + len(pairs), dtype=np.int32)) > 0)
    return _result(candidates, offers, pairs, chosen, optimal=True)  # its objective is −flow.optimal_cost()


def greedy(candidates: Sequence[Candidate], offers: Sequence[Offer], *, pairs: Pairs | None = None) -> Matching:
    """The baseline: pairs by fit, best first (ties by volunteer id, then opportunity id), each taken
    while the volunteer is free and the opportunity has room."""
    _check(candidates, offers)
    if pairs is None:
        pairs = eligible_pairs(candidates, offers)
    candidate_ids = np.array([c.id for c in candidates], dtype=np.int64)
    offer_ids = np.array([o.id for o in offers], dtype=np.int64)
    order = np.lexsort((offer_ids[pairs.offers], candidate_ids[pairs.candidates], -pairs.fits))
    room = [offer.places for offer in offers]
    free = [True] * len(candidates)
    chosen = []
    for pair, c, o in zip(order.tolist(), pairs.candidates[order].tolist(), pairs.offers[order].tolist(), strict=True):
        if free[c] and room[o] > 0:
            free[c] = False
            room[o] -= 1
            chosen.append(pair)
    return _result(candidates, offers, pairs, np.array(chosen, dtype=np.int64), optimal=False)


def _check(candidates: Sequence[Candidate], offers: Sequence[Offer]) -> None:
    if len({c.id for c in candidates}) != len(candidates):
        raise ValueError("two candidates have the same id")
    if len({o.id for o in offers}) != len(offers):
        raise ValueError("two offers have the same id")
    if any(offer.places < 1 for offer in offers):
        raise ValueError("an offer has fewer than one place")


def _result(
    candidates: Sequence[Candidate], offers: Sequence[Offer], pairs: Pairs, chosen: np.ndarray, *, optimal: bool
) -> Matching:
    """The matching made of the pairs `chosen` (indexes into `pairs`), with its explanations."""
    taken = np.full(len(candidates), -1, dtype=np.int64)
    taken[pairs.candidates[chosen]] = pairs.offers[chosen]
    counts = np.bincount(pairs.offers[chosen], minlength=len(offers))
    assignments, explanations = {}, {}
    for c, o in zip(pairs.candidates[chosen].tolist(), pairs.offers[chosen].tolist(), strict=True):
        candidate, offer = candidates[c], offers[o]
        assignments[candidate.id] = offer.id
        explanations[candidate.id] = Explanation(Outcome.ASSIGNED, offer.id, fit(candidate, offer).reasons)
    # The others: the opportunities that suited them, best fit first (all filled, or they would be there).
    free = taken[pairs.candidates] < 0
    pc, po, pf = pairs.candidates[free], pairs.offers[free], pairs.fits[free]
    offer_ids = np.array([o.id for o in offers], dtype=np.int64)
    order = np.lexsort((offer_ids[po], -pf, pc))
    pc, po = pc[order], po[order]
    if len(pc):
        starts = np.flatnonzero(np.diff(pc, prepend=-1))
        for c, group in zip(pc[starts].tolist(), np.split(offer_ids[po], starts[1:]), strict=True):
            explanations[candidates[c].id] = Explanation(Outcome.FILLED_BY_CLOSER_FITS, offers=tuple(group.tolist()))
    for candidate in candidates:
        if candidate.id not in explanations:
            explanations[candidate.id] = Explanation(Outcome.NO_ELIGIBLE_OPPORTUNITY)
    filled = {offer.id: int(count) for offer, count in zip(offers, counts.tolist(), strict=True)}
    total = int(pairs.fits[chosen].sum())
    covered = sum(1 for count in filled.values() if count)
    return Matching(
        assignments=assignments,
        objective=total + COVERAGE_BONUS * covered,
        total_fit=total,
        optimal=optimal,
        explanations=explanations,
        filled=filled,
    )
