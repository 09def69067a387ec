"""Seeded matching instances of any size, for the benchmark and the tests (not real data).

Volunteers live within about 15 km of a European city, opportunities lie in the city (a few have
no place: online, or anywhere in the city). From 16 cities up to a few hundred as the instance
grows: the real cities below first, then made-up ones scattered over Europe.
"""

import math
import random

from values.volunteering.matching import PARTS, WEEKDAYS, Candidate, Offer

# (latitude, longitude, languages spoken there): the sixteen VALUES cities first.
CITIES = [
    (52.373, 4.893, ("nl",)),
    (51.454, -2.588, ("en",)),
    (49.195, 16.608, ("cs",)),
    (51.228, 6.773, ("de",)),
    (40.417, -3.704, ("es",)),
    (49.452, 11.077, ("de",)),
    (59.914, 10.752, ("no",)),
    (51.230, 2.920, ("nl",)),
    (56.950, 24.105, ("lv",)),
    (53.381, -1.470, ("en",)),
    (41.563, 2.009, ("ca", "es")),
    (40.640, 22.944, ("el",)),
    (43.605, 1.444, ("fr",)),
    (45.070, 7.687, ("it",)),
    (47.377, 8.542, ("de",)),
    (44.139, 12.243, ("it",)),
    (48.857, 2.352, ("fr",)),
    (52.520, 13.405, ("de",)),
    (41.903, 12.496, ("it",)),
    (45.464, 9.190, ("it",)),
    (41.385, 2.173, ("ca", "es")),
    (38.722, -9.139, ("pt",)),
    (50.850, 4.352, ("fr", "nl")),
    (48.208, 16.373, ("de",)),
    (50.075, 14.438, ("cs",)),
    (52.230, 21.012, ("pl",)),
    (47.498, 19.040, ("hu",)),
    (44.427, 26.103, ("ro",)),
    (42.698, 23.322, ("bg",)),
    (37.984, 23.728, ("el",)),
    (53.349, -6.260, ("en", "ga")),
    (55.676, 12.568, ("da",)),
    (59.329, 18.069, ("sv",)),
    (60.170, 24.938, ("fi", "sv")),
    (54.687, 25.280, ("lt",)),
    (59.437, 24.754, ("et",)),
    (46.056, 14.506, ("sl",)),
    (45.815, 15.982, ("hr",)),
    (48.148, 17.107, ("sk",)),
    (53.551, 9.994, ("de",)),
    (45.764, 4.836, ("fr",)),
    (43.296, 5.370, ("fr",)),
    (39.470, -0.376, ("es",)),
    (37.389, -5.984, ("es",)),
    (40.852, 14.268, ("it",)),
    (51.925, 4.479, ("nl",)),
    (50.110, 8.682, ("de",)),
    (53.480, -2.242, ("en",)),
]
LOCAL_LANGUAGES = sorted({code for *_, codes in CITIES for code in codes})
MIGRANT_LANGUAGES = ("ar", "uk", "fa", "ti", "so", "ur", "tr", "ps", "ru", "ro", "pl", "sq", "ku", "am", "bn", "wo")
SKILLS = (
    "accounting",
    "childcare",
    "cooking",
    "counselling",
    "design",
    "driving",
    "elderly care",
    "event planning",
    "first aid",
    "gardening",
    "it",
    "legal advice",
    "music",
    "photography",
    "social media",
    "sport",
    "teaching",
    "translation",
    "tutoring",
    "woodwork",
)
THEMES = (1, 2, 3, 4)
REACH_KM = (2.0, 3.0, 5.0, 5.0, 8.0, 10.0, 10.0, 15.0, 20.0, 30.0)
SPREAD_KM = 15.0  # volunteers live within this of their city's centre
CITY_KM = 5.0  # opportunities lie within this
KM_PER_DEGREE = 111.195


def generated(volunteers: int, opportunities: int, seed: int = 1) -> tuple[tuple[Candidate, ...], tuple[Offer, ...]]:
    """`volunteers` candidates and `opportunities` offers over max(16, opportunities ÷ 4) cities (the
    larger cities hold more of both), ids from 1."""
    rng = random.Random(seed)
    cities = list(CITIES[: max(16, min(len(CITIES), opportunities // 4))])
    while len(cities) < opportunities // 4:
        cities.append((rng.uniform(37.0, 60.0), rng.uniform(-8.0, 28.0), (rng.choice(LOCAL_LANGUAGES),)))
    weights = [rng.choice((1, 1, 2, 3, 5)) for _ in cities]
    candidates = tuple(_candidate(number, rng.choices(cities, weights)[0], rng) for number in range(1, volunteers + 1))
    offers = tuple(_offer(number, rng.choices(cities, weights)[0], rng) for number in range(1, opportunities + 1))
    return candidates, offers


def _candidate(number: int, city: tuple, rng: random.Random) -> Candidate:
    latitude, longitude, local = city
    languages = {code for code in local if rng.random() < 0.9}
    if rng.random() < 0.5:
        languages.add("en")
    if rng.random() < 0.15:
        languages.add(rng.choice(LOCAL_LANGUAGES))
    if rng.random() < 0.2:
        languages.add(rng.choice(MIGRANT_LANGUAGES))
    position = _near(latitude, longitude, SPREAD_KM * rng.random(), rng) if rng.random() < 0.95 else (None, None)
    return Candidate(
        id=number,
        languages=frozenset(languages or {local[0]}),
        skills=frozenset(rng.sample(SKILLS, rng.randint(0, 4))),
        slots=frozenset(_slots(rng.randint(2, 9), rng)),
        latitude=position[0],
        longitude=position[1],
        max_km=rng.choice(REACH_KM),
        themes=frozenset(rng.sample(THEMES, rng.randint(0, 3))),
        age=rng.randint(15, 80) if rng.random() < 0.9 else None,
    )


def _offer(number: int, city: tuple, rng: random.Random) -> Offer:
    latitude, longitude, local = city
    languages: set[str] = set()
    if rng.random() < 0.6:
        languages.add(rng.choice(local))
        if rng.random() < 0.3:
            languages.add("en")
        if rng.random() < 0.25:  # a language café or a welcome event
            languages.add(rng.choice(MIGRANT_LANGUAGES))
    position = _near(latitude, longitude, CITY_KM * rng.random(), rng) if rng.random() < 0.97 else (None, None)
    return Offer(
        id=number,
        languages=frozenset(languages),
        skills=frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
        slots=frozenset(_slots(rng.randint(1, 4), rng)) if rng.random() < 0.7 else frozenset(),
        latitude=position[0],
        longitude=position[1],
        places=rng.randint(1, 10),
        theme=rng.choice(THEMES),
        minimum_age=rng.choice((0, 0, 0, 0, 16, 18)),
    )


def _near(latitude: float, longitude: float, km: float, rng: random.Random) -> tuple[float, float]:
    bearing = rng.uniform(0, 2 * math.pi)
    north, east = km * math.cos(bearing), km * math.sin(bearing)
    return latitude + north / KM_PER_DEGREE, longitude + east / (KM_PER_DEGREE * math.cos(math.radians(latitude)))


def _slots(count: int, rng: random.Random) -> set[tuple[int, str]]:
    every = [(day, part) for day in range(WEEKDAYS) for part in PARTS]
    return set(rng.sample(every, count))
