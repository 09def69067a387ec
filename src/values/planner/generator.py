"""Seeded instances of any size, for the benchmark and the tests (not real data)."""

import random
from datetime import date

from values.planner.calendar import blocked_weeks, programme_weeks
from values.planner.model import City, Facilitator, Instance

COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "UA",
]
LANGUAGES = {"AT": "de", "BE": "nl", "CH": "de", "CZ": "cs", "DE": "de", "ES": "es", "FR": "fr", "GB": "en", "IT": "it"}
THEMES = ("A", "B", "C", "D")
COMMUNITIES_PER_FACILITATOR = 2


def generated_instance(city_count: int, *, seed: int, community_size: int = 4, months: int = 24) -> Instance:
    """Cities spread over European countries (a few large ones hold more), four themes, interests
    that lean towards one favourite theme, and one facilitator per two communities."""
    rng = random.Random(seed)
    weights = [5 if code in ("DE", "ES", "FR", "IT", "PL", "GB") else 1 for code in COUNTRIES]
    cities = []
    for number in range(city_count):
        country = rng.choices(COUNTRIES, weights)[0]
        favourite = rng.choice(THEMES)
        interests = {t: min(5, rng.randint(0, 3) + (2 if t == favourite else 0)) for t in THEMES}
        language = LANGUAGES.get(country, country.lower())
        cities.append(
            City(
                id=f"c{number:04d}",
                name=f"City {number}",
                country=country,
                languages=frozenset({language}),
                interests=interests,
            )
        )
    weeks = programme_weeks(date(2025, 2, 1), months)
    communities = max(1, round(city_count / community_size))
    facilitators = tuple(
        Facilitator(id=f"f{n:03d}", name=f"Facilitator {n}")
        for n in range(max(1, -(-communities // COMMUNITIES_PER_FACILITATOR)))
    )
    return Instance(
        cities=tuple(cities),
        themes=THEMES,
        weeks=weeks,
        blocked_weeks=blocked_weeks(weeks, ("08", "12-20/01-06")),
        facilitators=facilitators,
        community_size=community_size,
        working_languages=frozenset({"en"}),
    )
