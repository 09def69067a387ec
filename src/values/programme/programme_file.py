"""Reading, checking and writing programme files (the contract in DESIGN.md).

`read_programme_file` collects every problem, not only the first, each with the path of its
key (`organisations[3].budget.total`) and the reason. Errors reject the file; warnings
(a stated rate that the amounts contradict, partner budgets that do not reach the total)
are reported and the file stands. No database here.
"""

import difflib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from values.core.money import (
    DEFAULT_INDIRECT_RATE,
    MoneyError,
    flat_rate,
    format_plain,
    parse_money,
    rate_of,
    split_by_rate,
    stated_rate_disagrees,
)
from values.network.codes import country_code, currency_code, language_code
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.spec import (
    PERCENT_TARGETS,
    TARGET_KEYS,
    ActivitySpec,
    BudgetSpec,
    CitySpec,
    OrganisationSpec,
    PersonSpec,
    PlanningSpec,
    Problem,
    ProgrammeFile,
    ProgrammeSpec,
    ThemeSpec,
    TranslatableText,
)

ORGANISATION_KINDS = ("network", "city", "ngo", "expert", "agency")
PARTNER_ROLES = ("coordinator", "partner", "associate")
PERSON_ROLES = ("project_manager", "contact_person", "expert", "volunteer_leader", "staff")
DOCUMENT = "(file)"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", re.ASCII)
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_BLACKOUT = re.compile(r"^(\d{2})(?:-(\d{2})(?:/(\d{2})-(\d{2}))?)?$", re.ASCII)  # MM, MM-DD or MM-DD/MM-DD
_MISSING = object()
# Lengths of the database columns the values go to: a file that checks also loads.
SHORT_LENGTH = 64  # acronym, fund, ids
NAME_LENGTH = 200  # names of cities and people
TEXT_LENGTH = 20000  # one translation of a long text
MAX_DURATION_MONTHS = 600  # fifty years: longer is a typing error, not a programme
MAX_COMMUNITY_SIZE = 12  # the planner pairs a community exactly by enumerating its pairings
MAX_ACTIVITY_DAYS = 7  # one activity a week: a visit or an exchange fits in its week
MAX_COUNTRY_WEIGHT = 100  # far beyond any interest (0..5): a typing error above it
MAX_SCORE_LEVEL = 100
SCORE_SCALE_SHAPE = "must be a list of two whole numbers, the lowest and highest level, like [1, 4]"
MAX_TARGET = 10_000_000  # more visits, people or practices than any programme holds: a typing error above it
RATE_PRECISION = Decimal("0.0001")  # four decimals: hundredths of a percent


@dataclass
class ReadResult:
    """The parsed file (None when there are errors) and every problem found."""

    document: ProgrammeFile | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class FileChecker:
    """Walks the parsed YAML, recording problems; each `read_*` returns a value or None."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path, reason))

    def warn(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path, reason, severity="warning"))

    # -- structure ---------------------------------------------------------------------
    def mapping(self, value: Any, path: str, required: Iterable[str], optional: Iterable[str]) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, f"must be a mapping of keys to values, not {_kind(value)}")
            return None
        required, optional = tuple(required), tuple(optional)
        allowed = required + optional
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                suffix = f" (did you mean '{hint[0]}'?)" if hint else f"; allowed keys: {', '.join(allowed)}"
                self.error(_join(path, key), f"unknown key{suffix}")
        for key in required:
            if key not in value or value[key] is None:
                self.error(_join(path, key), "required key is missing")
        return value

    def sequence(self, value: Any, path: str, *, non_empty: bool = False) -> list | None:
        if not isinstance(value, list):
            self.error(path, f"must be a list, not {_kind(value)}")
            return None
        if non_empty and not value:
            self.error(path, "must list at least one item")
        return value

    # -- scalars -----------------------------------------------------------------------
    def text(self, value: Any, path: str, *, max_length: int = NAME_LENGTH) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(path, f"must be a text, not {_kind(value)}")
            return None
        text = str(value).strip()
        if not text:
            self.error(path, "must not be empty")
            return None
        if len(text) > max_length:
            self.error(path, f"is longer than {max_length} characters")
            return None
        return text

    def translatable(self, value: Any, path: str) -> TranslatableText | None:
        if isinstance(value, dict):
            if not value:
                self.error(path, "must give the text in at least one language")
                return None
            texts: dict[str, str] = {}
            for code, text in value.items():
                language = self.language(code, _join(path, code))
                checked = self.text(text, _join(path, code), max_length=TEXT_LENGTH)
                if language and checked:
                    texts[language] = checked
            return texts if len(texts) == len(value) else None
        return self.text(value, path, max_length=TEXT_LENGTH)

    def integer(self, value: Any, path: str, *, low: int, high: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"must be a whole number, not {_kind(value)}")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.error(path, f"{value} is out of range: must be {bounds}")
            return None
        return int(value)

    def money(self, value: Any, path: str) -> Decimal | None:
        try:
            return parse_money(value)
        except MoneyError as problem:
            self.error(path, str(problem))
            return None

    def rate(self, value: Any, path: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(path, f'must be a fraction like "0.80", not {_kind(value)}')
            return None
        try:
            rate = Decimal(str(value).strip())
        except InvalidOperation:
            self.error(path, f'"{value}" is not a fraction like "0.80"')
            return None
        if not rate.is_finite() or not 0 <= rate <= 1:
            self.error(path, f"{value} is out of range: must be between 0 and 1 (0.80 means 80 %)")
            return None
        if rate != rate.quantize(RATE_PRECISION):
            self.error(path, f"{value} has more than four decimals (0.8125 means 81.25 %)")
            return None
        return rate

    def coordinate(self, value: Any, path: str, limit: int) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.error(path, f"must be a number, not {_kind(value)}")
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.error(path, f'"{value}" is not a number')
            return None
        if not number.is_finite() or not -limit <= number <= limit:
            self.error(path, f"{value} is out of range: must be between -{limit} and {limit}")
            return None
        return number.quantize(Decimal("0.000001"))

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> str | None:
        if value not in choices:
            self.error(path, f"{_show(value)} is not one of: {', '.join(choices)}")
            return None
        return value

    def country(self, value: Any, path: str) -> str | None:
        code = country_code(value)
        if code is None:
            self.error(path, f"{_show(value)} is not an ISO 3166-1 alpha-2 country code (e.g. IT, ES, GB)")
        return code

    def language(self, value: Any, path: str) -> str | None:
        code = language_code(value)
        if code is None:
            self.error(path, f"{_show(value)} is not an ISO 639-1 language code (e.g. en, it)")
        return code

    def languages(self, value: Any, path: str) -> tuple[str, ...] | None:
        items = self.sequence(value, path)
        if items is None:
            return None
        codes = [self.language(item, f"{path}[{index}]") for index, item in enumerate(items)]
        return tuple(c for c in codes if c) if all(codes) else None

    def year_month(self, value: Any, path: str) -> date | None:
        match = _YEAR_MONTH.match(value) if isinstance(value, str) else None
        if match is None or int(match[1]) < 1 or not 1 <= int(match[2]) <= 12:
            self.error(path, f"{_show(value)} is not a year and month like 2019-02")
            return None
        return date(int(match[1]), int(match[2]), 1)

    def identifier(self, value: Any, path: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not _ID.match(str(value)):
            self.error(path, f"{_show(value)} is not an id (letters, digits, - and _, at most 64)")
            return None
        return str(value)

    def email(self, value: Any, path: str) -> str | None:
        try:
            validate_email(value)
        except (ValidationError, TypeError):
            self.error(path, f"{_show(value)} is not an e-mail address")
            return None
        return value

    def unique(self, ids: list[tuple[str, str | None]], what: str) -> None:
        seen: dict[str, str] = {}
        for path, identifier in ids:
            if identifier is None:
                continue
            if identifier in seen:
                self.error(path, f'duplicate {what} id "{identifier}" (first used at {seen[identifier]})')
            else:
                seen[identifier] = path


def read_programme_file(source: str | bytes) -> ReadResult:
    """Parse and check a programme file; the document is None when any error is found."""
    raw, problem = load_yaml_document(source)
    if problem is not None:
        return ReadResult(None, [problem])
    checker = FileChecker()
    document = _read_document(checker, raw)
    if document is not None:
        _check_budgets(checker, document)
    errors = [p for p in checker.problems if p.severity == "error"]
    return ReadResult(None if errors else document, checker.problems)


def load_yaml_document(source: str | bytes) -> tuple[Any, Problem | None]:
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as problem:
            return None, Problem(DOCUMENT, f"is not UTF-8 text (byte {problem.start})")
    if not source.strip():
        return None, Problem(DOCUMENT, "is empty: a programme file needs programme, themes and organisations")
    try:
        return YAML(typ="safe", pure=True).load(source), None
    except YAMLError as problem:
        return None, Problem(DOCUMENT, f"is not valid YAML: {_describe_yaml_error(problem)}")


def _describe_yaml_error(problem: YAMLError) -> str:
    mark = getattr(problem, "problem_mark", None)
    what = getattr(problem, "problem", None) or str(problem).splitlines()[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"{what}{where}"


def _read_document(checker: FileChecker, raw: Any) -> ProgrammeFile | None:
    root = checker.mapping(raw, DOCUMENT, ("programme", "themes", "organisations"), ("planning", "monitoring"))
    if root is None:
        return None
    programme = _read_programme(checker, root.get("programme")) if root.get("programme") is not None else None
    themes = _read_themes(checker, root.get("themes")) if root.get("themes") is not None else None
    theme_ids = _given_ids(root.get("themes"))
    organisations = None
    if root.get("organisations") is not None:
        organisations = _read_organisations(checker, root["organisations"], theme_ids)
    planning = _read_planning(checker, root["planning"]) if root.get("planning") is not None else PlanningSpec()
    if programme is not None and planning is not None and not _preparation_fits(checker, programme, planning):
        return None
    targets = _read_monitoring(checker, root["monitoring"]) if root.get("monitoring") is not None else {}
    if None in (programme, themes, organisations, planning, targets):
        return None
    return ProgrammeFile(programme, themes, organisations, planning, targets)  # type: ignore[arg-type]


def _given_ids(raw: Any) -> set[str]:
    """The ids the file gives, even where the item around them is broken: one bad theme must
    not make every interest in the file name an "unknown theme"."""
    items = raw if isinstance(raw, list) else []
    return {str(item["id"]) for item in items if isinstance(item, dict) and item.get("id") is not None}


def _read_programme(checker: FileChecker, raw: Any) -> ProgrammeSpec | None:
    path = "programme"
    required = ("code", "acronym", "title", "start", "duration_months", "total_cost")
    optional = ("fund", "currency", "objective", "summary", "activities", "expected_results", "languages")
    node = checker.mapping(raw, path, required, optional)
    if node is None:
        return None
    values = {
        "code": required_value(node, "code", path, checker.identifier),
        "acronym": required_value(node, "acronym", path, lambda v, p: checker.text(v, p, max_length=SHORT_LENGTH)),
        "title": required_value(node, "title", path, checker.translatable),
        "start": required_value(node, "start", path, checker.year_month),
        "duration_months": required_value(
            node, "duration_months", path, lambda v, p: checker.integer(v, p, low=1, high=MAX_DURATION_MONTHS)
        ),
        "total_cost": required_value(node, "total_cost", path, checker.money),
    }
    extras = {
        "fund": optional_value(node, "fund", path, lambda v, p: checker.text(v, p, max_length=SHORT_LENGTH), ""),
        "currency": optional_value(node, "currency", path, lambda v, p: _currency(checker, v, p), "EUR"),
        "objective": optional_value(node, "objective", path, checker.translatable, ""),
        "summary": optional_value(node, "summary", path, checker.translatable, ""),
        "activities": optional_value(node, "activities", path, lambda v, p: _activities(checker, v, p), ()),
        "expected_results": optional_value(
            node, "expected_results", path, lambda v, p: _translatable_list(checker, v, p), ()
        ),
        "languages": optional_value(node, "languages", path, checker.languages, ()),
    }
    if any(value is None for value in (*values.values(), *extras.values())):
        return None
    return ProgrammeSpec(**values, **extras)


def _currency(checker: FileChecker, value: Any, path: str) -> str | None:
    code = currency_code(value)
    if code is None:
        checker.error(path, f"{_show(value)} is not an ISO 4217 currency code (e.g. EUR)")
    return code


def _activities(checker: FileChecker, value: Any, path: str) -> tuple[ActivitySpec, ...] | None:
    items = checker.sequence(value, path)
    if items is None:
        return None
    activities = []
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]"
        node = checker.mapping(item, item_path, ("title", "text"), ())
        if node is None:
            continue
        title = required_value(node, "title", item_path, checker.translatable)
        text = required_value(node, "text", item_path, checker.translatable)
        if title is not None and text is not None:
            activities.append(ActivitySpec(title, text))
    return tuple(activities) if len(activities) == len(items) else None


def _translatable_list(checker: FileChecker, value: Any, path: str) -> tuple[TranslatableText, ...] | None:
    items = checker.sequence(value, path)
    if items is None:
        return None
    texts = [checker.translatable(item, f"{path}[{index}]") for index, item in enumerate(items)]
    return tuple(t for t in texts if t is not None) if all(t is not None for t in texts) else None


def _read_themes(checker: FileChecker, raw: Any) -> tuple[ThemeSpec, ...] | None:
    items = checker.sequence(raw, "themes", non_empty=True)
    if not items:
        return None
    themes, ids = [], []
    for index, item in enumerate(items):
        path = list_item_path("themes", index, item)
        node = checker.mapping(item, path, ("id", "title"), ())
        if node is None:
            continue
        theme_id = required_value(node, "id", path, checker.identifier)
        title = required_value(node, "title", path, checker.translatable)
        ids.append((f"{path}.id", theme_id))
        if theme_id is not None and title is not None:
            themes.append(ThemeSpec(theme_id, title))
    checker.unique(ids, "theme")
    return tuple(themes) if len(themes) == len(items) else None


def _read_organisations(checker: FileChecker, raw: Any, theme_ids: set[str]) -> tuple[OrganisationSpec, ...] | None:
    items = checker.sequence(raw, "organisations", non_empty=True)
    if not items:
        return None
    paths = [list_item_path("organisations", i, item) for i, item in enumerate(items)]
    organisations = [
        _read_organisation(checker, item, path, theme_ids) for item, path in zip(items, paths, strict=True)
    ]
    checker.unique(
        [
            (f"{path}.id", str(item["id"]) if isinstance(item, dict) and item.get("id") is not None else None)
            for item, path in zip(items, paths, strict=True)
        ],
        "organisation",
    )
    coordinators = [
        path
        for item, path in zip(items, paths, strict=True)
        if isinstance(item, dict) and item.get("role") == "coordinator"
    ]
    if len(coordinators) != 1:
        found = f"found {len(coordinators)}" + (f" ({', '.join(coordinators)})" if coordinators else "")
        checker.error("organisations", f"exactly one organisation must have the role coordinator; {found}")
    if any(org is None for org in organisations):
        return None
    return tuple(organisations)  # type: ignore[arg-type]


def _read_organisation(checker: FileChecker, raw: Any, path: str, theme_ids: set[str]) -> OrganisationSpec | None:
    node = checker.mapping(
        raw, path, ("id", "name", "kind", "role", "country"), ("city", "budget", "people", "interests")
    )
    if node is None:
        return None
    values = {
        "id": required_value(node, "id", path, checker.identifier),
        "name": required_value(node, "name", path, checker.translatable),
        "kind": required_value(node, "kind", path, lambda v, p: checker.choice(v, p, ORGANISATION_KINDS)),
        "role": required_value(node, "role", path, lambda v, p: checker.choice(v, p, PARTNER_ROLES)),
        "country": required_value(node, "country", path, checker.country),
    }
    extras = {
        "city": optional_value(node, "city", path, lambda v, p: _read_city(checker, v, p), _MISSING),
        "budget": optional_value(node, "budget", path, lambda v, p: _read_budget(checker, v, p), _MISSING),
        "people": optional_value(node, "people", path, lambda v, p: _read_people(checker, v, p), ()),
        "interests": optional_value(
            node, "interests", path, lambda v, p: _read_interests(checker, v, p, theme_ids), {}
        ),
    }
    if values["kind"] == "city" and node.get("city") is None:
        checker.error(_join(path, "city"), "required for an organisation of kind city (name, lat, lon)")
        return None
    if values["kind"] not in (None, "city") and node.get("city") is not None:
        checker.error(_join(path, "city"), f"only an organisation of kind city has a city, not kind {values['kind']}")
        return None
    if any(value is None for value in (*values.values(), *extras.values())):
        return None
    extras = {key: (None if value is _MISSING else value) for key, value in extras.items()}
    return OrganisationSpec(**values, **extras)


def _read_city(checker: FileChecker, raw: Any, path: str) -> CitySpec | None:
    node = checker.mapping(raw, path, ("name", "lat", "lon"), ("languages",))
    if node is None:
        return None
    name = required_value(node, "name", path, checker.text)
    lat = required_value(node, "lat", path, lambda v, p: checker.coordinate(v, p, 90))
    lon = required_value(node, "lon", path, lambda v, p: checker.coordinate(v, p, 180))
    languages = optional_value(node, "languages", path, checker.languages, ())
    if None in (name, lat, lon, languages):
        return None
    return CitySpec(name, lat, lon, languages)  # type: ignore[arg-type]


def _read_budget(checker: FileChecker, raw: Any, path: str) -> BudgetSpec | None:
    optional = ("eu_contribution", "cofinancing", "eu_rate", "indirect_rate", "categories")
    node = checker.mapping(raw, path, ("total",), optional)
    if node is None:
        return None
    total = required_value(node, "total", path, checker.money)
    eu = optional_value(node, "eu_contribution", path, checker.money, _MISSING)
    cofinancing = optional_value(node, "cofinancing", path, checker.money, _MISSING)
    rate = optional_value(node, "eu_rate", path, checker.rate, _MISSING)
    indirect = optional_value(node, "indirect_rate", path, checker.rate, _MISSING)
    categories = optional_value(node, "categories", path, lambda v, p: _read_categories(checker, v, p), _MISSING)
    if None in (total, eu, cofinancing, rate, indirect, categories):
        return None
    rate = None if rate is _MISSING else rate
    extra = {"indirect_rate": None if indirect is _MISSING else indirect}
    extra["categories"] = None if categories is _MISSING else categories
    if eu is _MISSING and cofinancing is _MISSING:
        if rate is None:
            checker.error(path, "give eu_contribution and cofinancing, or eu_rate to derive them")
            return None
        eu, cofinancing = split_by_rate(total, rate)
    elif eu is _MISSING or cofinancing is _MISSING:
        given, absent = ("cofinancing", "eu_contribution") if eu is _MISSING else ("eu_contribution", "cofinancing")
        checker.error(_join(path, absent), f"required when {given} is given")
        return None
    elif eu + cofinancing != total:
        checker.error(
            path,
            f"eu_contribution + cofinancing = {format_plain(eu)} + {format_plain(cofinancing)} = "
            f"{format_plain(eu + cofinancing)}, which is not the total {format_plain(total)}",
        )
        return None
    return BudgetSpec(total, eu, cofinancing, rate, **extra)


def _read_categories(checker: FileChecker, raw: Any, path: str) -> tuple[tuple[str, Decimal], ...] | None:
    """Planned direct costs per funder category; the categories left out plan nothing."""
    names = tuple(category.value for category in DIRECT_CATEGORIES)
    if not isinstance(raw, dict) or not raw:
        checker.error(path, f"must map some of {', '.join(names)} to amounts, not {_kind(raw)}")
        return None
    amounts = {}
    for key, value in raw.items():
        if key not in names:
            checker.error(_join(path, str(key)), f"is not a cost category: use {', '.join(names)}")
            continue
        amounts[key] = checker.money(value, _join(path, key))
    if len(amounts) != len(raw) or None in amounts.values():
        return None
    return tuple((name, amounts[name]) for name in names if name in amounts)


def _read_people(checker: FileChecker, raw: Any, path: str) -> tuple[PersonSpec, ...] | None:
    items = checker.sequence(raw, path)
    if items is None:
        return None
    people = []
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]"
        node = checker.mapping(item, item_path, ("name", "role"), ("email", "unit"))
        if node is None:
            continue
        name = required_value(node, "name", item_path, checker.text)
        role = required_value(node, "role", item_path, lambda v, p: checker.choice(v, p, PERSON_ROLES))
        email = optional_value(node, "email", item_path, checker.email, "")
        unit = optional_value(node, "unit", item_path, checker.translatable, "")
        if None not in (name, role, email, unit):
            people.append(PersonSpec(name, role, email, unit))  # type: ignore[arg-type]
    return tuple(people) if len(people) == len(items) else None


def _read_interests(checker: FileChecker, raw: Any, path: str, theme_ids: set[str]) -> dict[str, int] | None:
    if not isinstance(raw, dict):
        checker.error(path, f"must be a mapping of theme id to a score 0..5, not {_kind(raw)}")
        return None
    interests: dict[str, int] = {}
    for theme, score in raw.items():
        key_path = _join(path, theme)
        if str(theme) not in theme_ids:
            known = ", ".join(sorted(theme_ids)) or "none"
            checker.error(key_path, f'unknown theme "{theme}" (themes: {known})')
            continue
        checked = checker.integer(score, key_path, low=0, high=5)
        if checked is not None:
            interests[str(theme)] = checked
    return interests if len(interests) == len(raw) else None


PLANNING_KEYS = (
    "community_size",
    "visit_days",
    "exchange_days",
    "blackout",
    "country_weight",
    "score_scale",
    "preparation_months",
)


def _read_planning(checker: FileChecker, raw: Any) -> PlanningSpec | None:
    path = "planning"
    node = checker.mapping(raw, path, (), PLANNING_KEYS)
    if node is None:
        return None
    defaults = PlanningSpec()
    readers: dict[str, Callable[[Any, str], Any]] = {
        "community_size": lambda v, p: checker.integer(v, p, low=2, high=MAX_COMMUNITY_SIZE),
        "visit_days": lambda v, p: checker.integer(v, p, low=1, high=MAX_ACTIVITY_DAYS),
        "exchange_days": lambda v, p: checker.integer(v, p, low=1, high=MAX_ACTIVITY_DAYS),
        "blackout": lambda v, p: _blackout(checker, v, p),
        "country_weight": lambda v, p: checker.integer(v, p, low=0, high=MAX_COUNTRY_WEIGHT),
        "score_scale": lambda v, p: _score_scale(checker, v, p),
        "preparation_months": lambda v, p: checker.integer(v, p, low=0, high=MAX_DURATION_MONTHS),
    }
    values = {key: optional_value(node, key, path, read, getattr(defaults, key)) for key, read in readers.items()}
    if any(value is None for value in values.values()):
        return None
    return PlanningSpec(**values)


def _read_monitoring(checker: FileChecker, raw: Any) -> dict[str, int] | None:
    """`monitoring.targets`: a whole number for each indicator given (a percentage for the spending rate)."""
    node = checker.mapping(raw, "monitoring", (), ("targets",))
    if node is None:
        return None
    if node.get("targets") is None:
        return {}
    path = "monitoring.targets"
    targets = checker.mapping(node["targets"], path, (), TARGET_KEYS)
    if targets is None:
        return None
    found = {
        key: checker.integer(targets[key], _join(path, key), low=0, high=100 if key in PERCENT_TARGETS else MAX_TARGET)
        for key in TARGET_KEYS
        if key in targets  # an empty value too: "must be a whole number, not nothing"
    }
    if len(found) != len(targets) or None in found.values():
        return None  # an unknown key or a bad number: each reported by name above
    return found


def _preparation_fits(checker: FileChecker, programme: ProgrammeSpec, planning: PlanningSpec) -> bool:
    """The preparation months end before the programme does, and leave a city the weeks of its activities.

    A city takes part in every visit of its community (`community_size`) and in two exchanges, one a week;
    fewer whole working weeks after the preparation months than that can never be planned (the blackouts,
    which may close more, are the planner's to explain).
    """
    months = planning.preparation_months
    if months == 0:
        return True
    path = "planning.preparation_months"
    if months >= programme.duration_months:
        checker.error(path, f"{months} must be below the programme's duration ({programme.duration_months} months)")
        return False
    weeks = _weeks_after(programme.start, months, programme.duration_months)
    needed = planning.community_size + 2
    if weeks < needed:
        checker.error(
            path,
            f"{months} leaves {weeks} week(s) of the {programme.duration_months} months, fewer than the {needed} "
            f"activities of each city ({planning.community_size} visits and 2 exchanges, one a week)",
        )
        return False
    return True


def _weeks_after(start: date, skipped_months: int, duration_months: int) -> int:
    """Whole working weeks (Monday to Friday) from the first day of month `skipped_months + 1` to the last
    day of the programme."""
    first = _month_start(start, skipped_months)
    last = _month_start(start, duration_months) - timedelta(days=1)
    monday = first + timedelta(days=-first.weekday() % 7)
    return max(0, ((last - monday).days - 4) // 7 + 1)


def _month_start(start: date, months: int) -> date:
    index = start.month - 1 + months
    return date(start.year + index // 12, index % 12 + 1, 1)


def _score_scale(checker: FileChecker, value: Any, path: str) -> tuple[int, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        checker.error(path, SCORE_SCALE_SHAPE)
        return None
    low, high = (
        checker.integer(item, f"{path}[{index}]", low=0, high=MAX_SCORE_LEVEL) for index, item in enumerate(value)
    )
    if low is None or high is None:
        return None
    if low >= high:
        checker.error(path, f"[{low}, {high}]: the lowest level must be below the highest")
        return None
    return low, high


def _blackout(checker: FileChecker, value: Any, path: str) -> tuple[str, ...] | None:
    items = checker.sequence(value, path)
    if items is None:
        return None
    periods = []
    for index, item in enumerate(items):
        period = parse_blackout(item)
        if period is None:
            checker.error(
                f"{path}[{index}]",
                f'{_show(item)} is not a period: "MM" (a month 01..12), "MM-DD" (a day) or "MM-DD/MM-DD" (a range)',
            )
        else:
            periods.append(period)
    return tuple(periods) if len(periods) == len(items) else None


def parse_blackout(value: Any) -> str | None:
    """The canonical form of a blackout period, or None when it is not one.

    A month written without quotes (`08`, as PyYAML writes it) is read as the number 8: a whole
    number 1..12 is that month, "08". Not a boolean, not 8.5, not 0 or 13.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}" if 1 <= value <= 12 else None
    match = _BLACKOUT.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    start_month, start_day, end_month, end_day = match.groups()
    for month, day in ((start_month, start_day), (end_month, end_day)):
        if month is not None and not _valid_day(int(month), int(day) if day else 1):
            return None
    return value


def _valid_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)  # a leap year, so that 02-29 is a valid day of a blackout
    except ValueError:
        return False
    return True


def _check_categories(checker: FileChecker, budget: BudgetSpec, path: str) -> None:
    """A warning when the planned categories and their flat-rate indirect costs miss the total."""
    if budget.categories is None:
        return
    direct = sum((amount for _, amount in budget.categories), Decimal(0))
    rate = DEFAULT_INDIRECT_RATE if budget.indirect_rate is None else budget.indirect_rate
    indirect = flat_rate(direct, rate)
    if direct + indirect != budget.total:
        checker.warn(
            path,
            f"direct costs {format_plain(direct)} + indirect costs {format_plain(indirect)} ({_percent(rate)}) = "
            f"{format_plain(direct + indirect)}, not the total {format_plain(budget.total)}",
        )


def _check_budgets(checker: FileChecker, document: ProgrammeFile) -> None:
    """Warnings: a stated rate the amounts contradict; partner budgets against the total."""
    budgets = [
        (path_with_id("organisations", i, org.id), org.budget)
        for i, org in enumerate(document.organisations)
        if org.budget is not None
    ]
    for where, budget in budgets:
        if budget.eu_rate is None:
            continue
        if stated_rate_disagrees(budget.total, budget.eu_contribution, budget.eu_rate):
            actual = rate_of(budget.eu_contribution, budget.total)
            checker.warn(
                f"{where}.budget.eu_rate",
                f"states {_percent(budget.eu_rate)} but the amounts give {_percent(actual)} "
                f"(eu_contribution {format_plain(budget.eu_contribution)} of total {format_plain(budget.total)}); "
                "the amounts stand",
            )
    for where, budget in budgets:
        _check_categories(checker, budget, f"{where}.budget.categories")
    partner_sum = sum((budget.total for _, budget in budgets), Decimal(0))
    total_cost = document.programme.total_cost
    if budgets and partner_sum != total_cost:
        checker.warn(
            "programme.total_cost",
            f"partner budgets add up to {format_plain(partner_sum)}, not {format_plain(total_cost)} "
            f"({len(budgets)} of {len(document.organisations)} organisations give a budget)",
        )


def _percent(rate: Decimal | None) -> str:
    # Two decimals: a rate that misses by just over a cent must not read "90.0 % but 90.0 %".
    return "no rate" if rate is None else f"{(rate * 100).quantize(Decimal('0.01'))} %"


# -- helpers ---------------------------------------------------------------------------
def required_value(node: dict, key: str, path: str, read: Callable[[Any, str], Any]) -> Any:
    """A required key's checked value; None when missing (already reported) or invalid."""
    if node.get(key) is None:
        return None
    return read(node[key], _join(path, key))


def optional_value(node: dict, key: str, path: str, read: Callable[[Any, str], Any], default: Any) -> Any:
    if key not in node or node[key] is None:
        return default
    return read(node[key], _join(path, key))


def list_item_path(path: str, index: int, item: Any) -> str:
    """A list item's path, with its id when it gives one: `organisations[17] (cesena)`, found at a glance."""
    return path_with_id(path, index, item.get("id") if isinstance(item, dict) else None)


def path_with_id(path: str, index: int, identifier: Any) -> str:
    """`path[index] (identifier)`, or `path[index]` alone when the identifier is missing or not a short word."""
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)) or not str(identifier).strip():
        return f"{path}[{index}]"
    return f"{path}[{index}] ({str(identifier).strip()[:SHORT_LENGTH]})"


def _join(path: str, key: Any) -> str:
    return str(key) if path == DOCUMENT else f"{path}.{key}"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


# -- writing ---------------------------------------------------------------------------
def write_programme_file(document: ProgrammeFile) -> str:
    """The canonical YAML text of a programme file; reading it back gives the same document."""
    stream = io.StringIO()
    yaml = YAML()  # the round-trip dumper: it can keep the quotes that _quote_ambiguous asks for
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 4096  # one line per text: readable diffs, no trailing spaces from folding
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.dump(_quote_ambiguous(_document_to_data(document)), stream)
    return stream.getvalue()


# Words that YAML 1.1 readers (PyYAML, many tools) take for booleans: Norway's "NO" among them.
_YAML11_BOOLEANS = {"y", "yes", "n", "no", "true", "false", "on", "off"}


def _quote_ambiguous(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _quote_ambiguous(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_quote_ambiguous(item) for item in data]
    if isinstance(data, str) and data.lower() in _YAML11_BOOLEANS:
        return SingleQuotedScalarString(data)
    return data


def _document_to_data(document: ProgrammeFile) -> dict:
    return {
        "programme": _programme_to_data(document.programme),
        "themes": [{"id": theme.id, "title": theme.title} for theme in document.themes],
        "organisations": [_organisation_to_data(org) for org in document.organisations],
        "planning": {
            "community_size": document.planning.community_size,
            "visit_days": document.planning.visit_days,
            "exchange_days": document.planning.exchange_days,
            "blackout": list(document.planning.blackout),
            "country_weight": document.planning.country_weight,
            "score_scale": list(document.planning.score_scale),
            "preparation_months": document.planning.preparation_months,
        },
        **_monitoring_to_data(document.targets),
    }


def _monitoring_to_data(targets: dict[str, int]) -> dict:
    """The `monitoring` section, only when the programme has targets: a file without them stays as it was."""
    if not targets:
        return {}
    return {"monitoring": {"targets": {key: targets[key] for key in TARGET_KEYS if key in targets}}}


def _programme_to_data(programme: ProgrammeSpec) -> dict:
    data: dict[str, Any] = {
        "code": programme.code,
        "acronym": programme.acronym,
        "title": programme.title,
        "fund": programme.fund,
        "start": programme.start.strftime("%Y-%m"),
        "duration_months": programme.duration_months,
        "total_cost": format_plain(programme.total_cost),
        "currency": programme.currency,
        "objective": programme.objective,
        "summary": programme.summary,
        "activities": [{"title": a.title, "text": a.text} for a in programme.activities],
        "expected_results": list(programme.expected_results),
        "languages": list(programme.languages),
    }
    return {key: value for key, value in data.items() if value not in ("", [])}


def _organisation_to_data(org: OrganisationSpec) -> dict:
    data: dict[str, Any] = {
        "id": org.id,
        "name": org.name,
        "kind": org.kind,
        "role": org.role,
        "country": org.country,
    }
    if org.city is not None:
        data["city"] = {
            "name": org.city.name,
            "lat": _coordinate(org.city.lat),
            "lon": _coordinate(org.city.lon),
            "languages": list(org.city.languages),
        }
    if org.budget is not None:
        data["budget"] = {
            "total": format_plain(org.budget.total),
            "eu_contribution": format_plain(org.budget.eu_contribution),
            "cofinancing": format_plain(org.budget.cofinancing),
        }
        if org.budget.eu_rate is not None:
            data["budget"]["eu_rate"] = _fraction(org.budget.eu_rate)
        if org.budget.indirect_rate is not None:
            data["budget"]["indirect_rate"] = _fraction(org.budget.indirect_rate)
        if org.budget.categories is not None:
            data["budget"]["categories"] = {name: format_plain(amount) for name, amount in org.budget.categories}
    if org.people:
        data["people"] = [_person_to_data(person) for person in org.people]
    if org.interests:
        data["interests"] = dict(org.interests)
    return data


def _person_to_data(person: PersonSpec) -> dict:
    data: dict[str, Any] = {"name": person.name, "role": person.role, "email": person.email, "unit": person.unit}
    return {key: value for key, value in data.items() if value != ""}


def _coordinate(value: Decimal) -> float:
    # Coordinates are measurements, not money: a float with six decimals is exact enough.
    return float(value.normalize())


def _fraction(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if "." in text and len(text.split(".")[1]) >= 2 else f"{value:.2f}"
