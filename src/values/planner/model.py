"""Inputs and outputs of the planner."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from values.planner.calendar import opening_week


def gettext_noop(message: str) -> str:
    """Marks an English template for the catalogue (xgettext knows the name); the web app translates it."""
    return message


Param = str | int | float


@dataclass(frozen=True)
class Explanation:
    """A sentence of the planner, language-neutral: an English template with `%(name)s` placeholders and
    its values (numbers, theme ids, city names). `str()` gives the English; the web app translates
    `text` and fills in `params` in the reader's language. `asdict` stores it as {"text", "params"}."""

    text: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text % dict(self.params) if self.params else self.text

    def __hash__(self) -> int:  # params is a mapping: hashed by its items, so explanations can key a dict
        return hash((self.text, tuple(sorted(self.params.items()))))


def english(explanations: Explanation | Iterable[Explanation]) -> str:
    """One explanation, or several joined with "; ", in English (the command line, logs and tests)."""
    if isinstance(explanations, Explanation):
        return str(explanations)
    return "; ".join(str(explanation) for explanation in explanations)


@dataclass(frozen=True)
class City:
    id: str
    name: str
    country: str
    languages: frozenset[str]
    interests: Mapping[str, int]  # theme id -> 0..5, from the needs analysis
    scores: Mapping[str, float] = field(default_factory=dict)  # theme id -> benchmark score (1..4)
    unavailable_weeks: frozenset[int] = frozenset()

    def interest(self, theme: str) -> int:
        return int(self.interests.get(theme, 0))

    def level(self, theme: str) -> float:
        """The benchmark score, else the stated interest (pairing puts scores on the interest scale)."""
        return float(self.scores.get(theme, self.interests.get(theme, 0)))


@dataclass(frozen=True)
class Facilitator:
    id: str
    name: str
    languages: frozenset[str] = frozenset()
    attends_every_visit: bool = False  # the coordinator and the expert in the VALUES case
    unavailable_weeks: frozenset[int] = frozenset()


INTEREST_SCALE = (0, 5)  # the needs analysis: how much a city wants to work on a theme
DEFAULT_SCORE_SCALE = (0, 5)  # a benchmark level counts as the same number of interest points


class RuleKind(StrEnum):
    PIN = "pin"  # city -> theme: the city is in a community of this theme
    TOGETHER = "together"  # two cities in the same community
    APART = "apart"  # two cities in different communities
    NO_PAIR = "no_pair"  # two cities never paired for exchanges


@dataclass(frozen=True)
class Rule:
    """A coordinator's pin or ban: a hard constraint that the explanation of a failure can name."""

    kind: RuleKind
    city: str
    other: str  # a theme id for PIN, a city id otherwise

    def describe(self, names: Mapping[str, str]) -> Explanation:
        city = names.get(self.city, self.city)
        if self.kind == RuleKind.PIN:
            text = gettext_noop("%(city)s is pinned to theme %(theme)s")
            return Explanation(text, {"city": city, "theme": self.other})
        text = {
            RuleKind.TOGETHER: gettext_noop("%(city)s and %(other)s must be in the same community"),
            RuleKind.APART: gettext_noop("%(city)s and %(other)s must be in different communities"),
            RuleKind.NO_PAIR: gettext_noop("%(city)s and %(other)s must not be paired"),
        }[self.kind]
        return Explanation(text, {"city": city, "other": names.get(self.other, self.other)})


@dataclass(frozen=True)
class Instance:
    cities: tuple[City, ...]
    themes: tuple[str, ...]
    weeks: tuple[date, ...]  # the Monday of every week of the programme
    blocked_weeks: frozenset[int] = frozenset()  # blackouts, as week indices
    # Months at the start left to kick-off and needs analysis: no activity starts before the first day of
    # month preparation_months + 1 (month 1 is the month of the first week). A rule, never relaxed.
    preparation_months: int = 0
    facilitators: tuple[Facilitator, ...] = ()
    community_size: int = 4
    min_size: int | None = None  # default: balanced sizes around community_size
    max_size: int | None = None
    working_languages: frozenset[str] = frozenset()  # spoken by every city (the programme's)
    country_weight: int = 3  # objective points lost per extra city of a country in a community
    # The benchmark levels that count as the lowest and the highest interest when cities are compared.
    score_scale: tuple[int, int] = DEFAULT_SCORE_SCALE
    rules: tuple[Rule, ...] = ()
    visit_days: int = 2
    exchange_days: int = 5
    theme_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def community_count(self) -> int:
        # Never a community of one city: it would have nobody to pair with.
        return max(1, min(round(len(self.cities) / self.community_size), len(self.cities) // 2))

    @property
    def size_bounds(self) -> tuple[int, int]:
        count = self.community_count
        low = self.min_size if self.min_size is not None else len(self.cities) // count
        high = self.max_size if self.max_size is not None else -(-len(self.cities) // count)
        return low, high

    @property
    def opening_week(self) -> int:
        """The first week open to activities: the weeks before it are the preparation months."""
        return opening_week(self.weeks, self.preparation_months)

    @property
    def closed_weeks(self) -> frozenset[int]:
        """Weeks no activity may take: the preparation months and the blackouts."""
        return self.blocked_weeks | frozenset(range(self.opening_week))

    def city_names(self) -> dict[str, str]:
        return {city.id: city.name for city in self.cities}

    def speaks(self, city: City) -> frozenset[str]:
        return city.languages | self.working_languages


@dataclass(frozen=True)
class Community:
    id: str  # e.g. "A1": theme and number
    theme: str
    members: tuple[str, ...]
    language: str
    interest: int  # sum of the members' interest in the theme
    country_penalty: int  # country_weight x extra cities of one country
    why: Mapping[str, Explanation] = field(default_factory=dict)  # city id -> reason


@dataclass(frozen=True)
class Pair:
    community: str
    cities: tuple[str, ...]  # two, or three when the community has an odd size
    complementarity: float
    why: tuple[Explanation, ...] = ()  # where one is strong and the other weak, theme by theme


class ActivityKind(StrEnum):
    VISIT = "visit"
    EXCHANGE = "exchange"


@dataclass(frozen=True)
class Activity:
    kind: ActivityKind
    community: str
    host: str
    guests: tuple[str, ...]
    week: int
    start: date
    end: date
    facilitators: tuple[str, ...] = ()

    @property
    def participants(self) -> tuple[str, ...]:
        return (self.host, *self.guests)


@dataclass(frozen=True)
class Plan:
    communities: tuple[Community, ...]
    pairs: tuple[Pair, ...]
    activities: tuple[Activity, ...]
    objective: int  # total interest minus country penalties
    bound: int  # no plan can do better than this
    optimal: bool
    complementarity: float  # sum over pairs (each pair optimal within its community)
    spread: int  # sum over communities of the smallest gap in weeks between two of its visits
    wall_seconds: float = 0.0
    seed: int = 0
    notes: tuple[Explanation, ...] = ()  # why the plan is not proven optimal, stage by stage

    @property
    def gap(self) -> float:
        """Relative distance to the bound: 0.0 is proven optimal."""
        if self.bound == self.objective:
            return 0.0
        return (self.bound - self.objective) / max(abs(self.bound), 1)


@dataclass(frozen=True)
class Infeasible:
    """No plan exists: the constraints that conflict, in words a coordinator understands."""

    reasons: tuple[Explanation, ...]


class Stage(StrEnum):
    GROUPING = "grouping"  # each city's theme, and the number of communities per theme
    SPLIT = "split"  # a theme's cities into its communities
    SCHEDULE = "schedule"  # a week for every visit and exchange


@dataclass(frozen=True)
class TimedOut:
    """The planner stopped before an answer: neither a plan nor its absence is proven.

    A stage ran out of time (or of attempts); more time may give a plan, or prove there is none.
    """

    stage: Stage
    reasons: tuple[Explanation, ...]
