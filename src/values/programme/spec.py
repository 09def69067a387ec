"""The programme file as plain data: what the reader produces and the writer consumes.

No Django here: the file can be checked without a database (`values check`).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from values.core.text import TranslatableText


@dataclass(frozen=True)
class ActivitySpec:
    title: TranslatableText
    text: TranslatableText


@dataclass(frozen=True)
class ProgrammeSpec:
    code: str
    acronym: str
    title: TranslatableText
    start: date
    duration_months: int
    total_cost: Decimal
    fund: str = ""
    currency: str = "EUR"
    objective: TranslatableText = ""
    summary: TranslatableText = ""
    activities: tuple[ActivitySpec, ...] = ()
    expected_results: tuple[TranslatableText, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeSpec:
    id: str
    title: TranslatableText


@dataclass(frozen=True)
class CitySpec:
    name: str
    lat: Decimal
    lon: Decimal
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetSpec:
    total: Decimal
    eu_contribution: Decimal
    cofinancing: Decimal
    eu_rate: Decimal | None = None
    indirect_rate: Decimal | None = None  # None: the default flat rate, 7 %
    categories: tuple[tuple[str, Decimal], ...] | None = None  # planned direct costs, in the funder's order


@dataclass(frozen=True)
class PersonSpec:
    name: str
    role: str
    email: str = ""
    unit: TranslatableText = ""


@dataclass(frozen=True)
class OrganisationSpec:
    id: str
    name: TranslatableText
    kind: str
    role: str
    country: str
    city: CitySpec | None = None
    budget: BudgetSpec | None = None
    people: tuple[PersonSpec, ...] = ()
    interests: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanningSpec:
    community_size: int = 4
    visit_days: int = 2
    exchange_days: int = 5
    blackout: tuple[str, ...] = ("08", "12-20/01-06")
    country_weight: int = 3  # objective points lost per extra city of one country in a community
    score_scale: tuple[int, int] = (0, 5)  # the benchmark levels that count as interest 0 and 5
    preparation_months: int = 0  # months left to kick-off and needs analysis: no activity before month N + 1


# The indicators a programme file may set a target for (`monitoring.targets`), in the order the file and the
# monitoring page give them: whole numbers to reach by the programme's end, the spending rate a percentage.
TARGET_KEYS = (
    "visits_held",
    "exchanges_done",
    "participants",
    "participants_city_staff",
    "participants_volunteer_leaders",
    "reports_accepted",
    "action_plans_adopted",
    "practices_published",
    "toolkits_published",
    "volunteers_engaged",
    "spending_rate",
)
PERCENT_TARGETS = ("spending_rate",)


@dataclass(frozen=True)
class ProgrammeFile:
    programme: ProgrammeSpec
    themes: tuple[ThemeSpec, ...]
    organisations: tuple[OrganisationSpec, ...]
    planning: PlanningSpec = PlanningSpec()
    targets: dict[str, int] = field(default_factory=dict)  # `monitoring.targets`: only the keys the file gives


@dataclass(frozen=True)
class Problem:
    """One finding about a file: where (the key path) and why."""

    path: str
    reason: str
    severity: str = "error"  # error | warning

    def format(self, filename: str) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{filename}: {self.path}: {prefix}{self.reason}"
