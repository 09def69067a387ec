"""The programme file contract (DESIGN.md, "Programme file"): reading, checking and writing."""

import copy
import io
from decimal import Decimal

import pytest
from ruamel.yaml import YAML

from values.programme.programme_file import read_programme_file, write_programme_file
from values.programme.spec import BudgetSpec

pytestmark = pytest.mark.unit

# A small valid document: one coordinator, one city with a budget that matches the total.
MINIMAL = {
    "programme": {
        "code": "T1",
        "acronym": "TEST",
        "title": {"en": "Test programme", "it": "Programma di prova"},
        "start": "2020-01",
        "duration_months": 12,
        "total_cost": "1000.00",
    },
    "themes": [
        {"id": "A", "title": "Welcome"},
        {"id": "B", "title": "Volunteering"},
    ],
    "organisations": [
        {"id": "hub", "name": "Hub", "kind": "network", "role": "coordinator", "country": "BE"},
        {
            "id": "town",
            "name": {"en": "City of Town", "it": "Comune di Town"},
            "kind": "city",
            "role": "partner",
            "country": "IT",
            "city": {"name": "Town", "lat": 44.139, "lon": 12.243, "languages": ["it"]},
            "budget": {"total": "1000.00", "eu_contribution": "900.00", "cofinancing": "100.00"},
            "interests": {"A": 3, "B": 5},
        },
    ],
}
DELETE = object()

VALUES_RATE_WARNING = (
    "organisations[17] (cesena).budget.eu_rate",
    "states 80.00 % but the amounts give 90.00 % (eu_contribution 20458.94 of total 22732.15); the amounts stand",
)
VALUES_TOTAL_WARNING = (
    "programme.total_cost",
    "partner budgets add up to 22732.15, not 899973.58 (1 of 18 organisations give a budget)",
)


def _yaml(data: object) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def _changed(*edits: tuple[tuple, object]) -> str:
    """The minimal document as YAML text with each (key path, new value) applied; DELETE removes a key."""
    data = copy.deepcopy(MINIMAL)
    for keys, value in edits:
        parent = data
        for key in keys[:-1]:
            parent = parent[key]
        last = keys[-1]
        if value is DELETE:
            del parent[last]
        elif isinstance(parent, list) and last == len(parent):
            parent.append(value)
        else:
            parent[last] = value
    return _yaml(data)


def _found(source: str | bytes) -> list[tuple[str, str]]:
    return [(problem.path, problem.reason) for problem in read_programme_file(source).problems]


LATIN_1 = _changed((("programme", "acronym"), "Città")).encode("latin-1")
NOT_AN_AMOUNT = 'must be a string in quotes like "1234.50", not a number'
NOT_A_YEAR_MONTH = "is not a year and month like 2019-02"
NOT_A_COUNTRY = "is not an ISO 3166-1 alpha-2 country code (e.g. IT, ES, GB)"
ONE_COORDINATOR = "exactly one organisation must have the role coordinator"

BROKEN_FILES = [
    pytest.param(
        _changed((("programme", "total_cost"), 899973.58)),
        ("programme.total_cost", NOT_AN_AMOUNT),
        id="money-as-float",
    ),
    pytest.param(
        _changed((("programme", "total_cost"), 1000)),
        ("programme.total_cost", NOT_AN_AMOUNT),
        id="money-as-whole-number",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "cofinancing"), "-100.00")),
        ("organisations[1] (town).budget.cofinancing", '"-100.00" is negative'),
        id="negative-money",
    ),
    pytest.param(
        _changed((("programme", "total_cost"), "1000.001")),
        ("programme.total_cost", '"1000.001" has more than two decimals'),
        id="money-with-three-decimals",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "total"), "1,000.00")),
        ("organisations[1] (town).budget.total", '"1,000.00" is not an amount like "1234.50"'),
        id="money-with-thousands-separator",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "cofinancing"), "99.99")),
        (
            "organisations[1] (town).budget",
            "eu_contribution + cofinancing = 900.00 + 99.99 = 999.99, which is not the total 1000.00",
        ),
        id="budget-parts-do-not-add-up-to-the-total",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "cofinancing"), DELETE)),
        ("organisations[1] (town).budget.cofinancing", "required when eu_contribution is given"),
        id="budget-with-eu-contribution-only",
    ),
    pytest.param(
        _changed((("organisations", 1, "interests", "Z"), 2)),
        ("organisations[1] (town).interests.Z", 'unknown theme "Z" (themes: A, B)'),
        id="unknown-theme-in-interests",
    ),
    pytest.param(
        _changed(
            (
                ("organisations", 2),
                {"id": "town", "name": "Town volunteers", "kind": "ngo", "role": "partner", "country": "IT"},
            )
        ),
        ("organisations[2] (town).id", 'duplicate organisation id "town" (first used at organisations[1] (town).id)'),
        id="duplicate-organisation-id",
    ),
    pytest.param(
        _changed((("themes", 1, "id"), "A"), (("organisations", 1, "interests", "B"), DELETE)),
        ("themes[1] (A).id", 'duplicate theme id "A" (first used at themes[0] (A).id)'),
        id="duplicate-theme-id",
    ),
    pytest.param(
        _changed((("programme", "titel"), "Typo")),
        ("programme.titel", "unknown key (did you mean 'title'?)"),
        id="unknown-key",
    ),
    pytest.param(
        _changed((("programme", "code"), DELETE)),
        ("programme.code", "required key is missing"),
        id="missing-required-key",
    ),
    pytest.param(
        _changed((("programme", "start"), "2019-13")),
        ("programme.start", f'"2019-13" {NOT_A_YEAR_MONTH}'),
        id="month-13",
    ),
    pytest.param(
        _changed((("programme", "start"), "Feb 2019")),
        ("programme.start", f'"Feb 2019" {NOT_A_YEAR_MONTH}'),
        id="month-in-words",
    ),
    pytest.param(
        _changed((("programme", "start"), "0000-02")),
        ("programme.start", f'"0000-02" {NOT_A_YEAR_MONTH}'),
        id="year-zero",
    ),
    pytest.param(
        _changed((("organisations", 0, "country"), "XX")),
        ("organisations[0] (hub).country", f'"XX" {NOT_A_COUNTRY}'),
        id="unknown-country-code",
    ),
    pytest.param(
        _changed((("organisations", 1, "country"), "E")),
        ("organisations[1] (town).country", f'"E" {NOT_A_COUNTRY}'),
        id="factsheet-country-letter",
    ),
    pytest.param(
        _changed((("organisations", 1, "interests", "A"), 6)),
        ("organisations[1] (town).interests.A", "6 is out of range: must be between 0 and 5"),
        id="interest-above-5",
    ),
    pytest.param(
        _changed((("organisations", 1, "interests", "B"), -1)),
        ("organisations[1] (town).interests.B", "-1 is out of range: must be between 0 and 5"),
        id="interest-below-0",
    ),
    pytest.param(
        _changed((("organisations", 1, "city", "lat"), 91)),
        ("organisations[1] (town).city.lat", "91 is out of range: must be between -90 and 90"),
        id="latitude-out-of-range",
    ),
    pytest.param(
        _changed((("organisations", 1, "city", "lon"), -180.5)),
        ("organisations[1] (town).city.lon", "-180.5 is out of range: must be between -180 and 180"),
        id="longitude-out-of-range",
    ),
    pytest.param(
        "programme: [unclosed",
        ("(file)", "is not valid YAML: expected ',' or ']', but got '<stream end>' at line 1, column 21"),
        id="not-yaml",
    ),
    pytest.param(
        "",
        ("(file)", "is empty: a programme file needs programme, themes and organisations"),
        id="empty-file",
    ),
    pytest.param(
        "\n  \n",
        ("(file)", "is empty: a programme file needs programme, themes and organisations"),
        id="blank-file",
    ),
    pytest.param(
        "- programme\n- themes\n",
        ("(file)", "must be a mapping of keys to values, not a list"),
        id="list-not-mapping",
    ),
    pytest.param(
        _changed((("organisations", 1, "role"), "coordinator")),
        ("organisations", f"{ONE_COORDINATOR}; found 2 (organisations[0] (hub), organisations[1] (town))"),
        id="two-coordinators",
    ),
    pytest.param(
        _changed((("organisations", 0, "role"), "partner")),
        ("organisations", f"{ONE_COORDINATOR}; found 0"),
        id="no-coordinator",
    ),
    pytest.param(
        _changed((("programme", "duration_months"), 0)),
        ("programme.duration_months", "0 is out of range: must be between 1 and 600"),
        id="duration-zero",
    ),
    pytest.param(
        LATIN_1,
        ("(file)", f"is not UTF-8 text (byte {LATIN_1.index(b'\xe0')})"),
        id="not-utf-8",
    ),
    pytest.param(
        _changed((("themes",), []), (("organisations", 1, "interests"), DELETE)),
        ("themes", "must list at least one item"),
        id="no-themes",
    ),
    pytest.param(
        _changed((("organisations", 1, "city"), DELETE)),
        ("organisations[1] (town).city", "required for an organisation of kind city (name, lat, lon)"),
        id="city-without-its-city",
    ),
    pytest.param(
        _changed((("organisations", 1, "people"), [{"name": "Ann", "role": "project_manager", "email": "ann"}])),
        ("organisations[1] (town).people[0].email", '"ann" is not an e-mail address'),
        id="bad-e-mail",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "eu_rate"), "1.2")),
        ("organisations[1] (town).budget.eu_rate", "1.2 is out of range: must be between 0 and 1 (0.80 means 80 %)"),
        id="rate-above-one",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "eu_rate"), "NaN")),
        ("organisations[1] (town).budget.eu_rate", "NaN is out of range: must be between 0 and 1 (0.80 means 80 %)"),
        id="rate-not-a-number",
    ),
    pytest.param(
        _changed((("organisations", 1, "budget", "eu_rate"), "0.80005")),
        ("organisations[1] (town).budget.eu_rate", "0.80005 has more than four decimals (0.8125 means 81.25 %)"),
        id="rate-with-five-decimals",
    ),
]


def test_minimal_document_is_valid_without_problems():
    result = read_programme_file(_yaml(MINIMAL))

    assert result.problems == []
    assert result.document.programme.total_cost == Decimal("1000.00")


def test_values_file_is_valid_with_two_warnings(values_file):
    result = read_programme_file(values_file.read_bytes())

    assert result.errors == []
    assert [(p.path, p.reason) for p in result.warnings] == [VALUES_RATE_WARNING, VALUES_TOTAL_WARNING]
    assert len(result.document.organisations) == 18
    assert [theme.id for theme in result.document.themes] == ["A", "B", "C", "D"]


def test_values_file_keeps_the_cesena_amounts_not_the_stated_rate(values_file):
    result = read_programme_file(values_file.read_bytes())

    cesena = result.document.organisations[17]
    assert cesena.id == "cesena"
    assert cesena.budget == BudgetSpec(
        Decimal("22732.15"), Decimal("20458.94"), Decimal("2273.21"), eu_rate=Decimal("0.80")
    )


@pytest.mark.parametrize(("source", "problem"), BROKEN_FILES)
def test_broken_file_is_rejected_with_the_path_and_reason(source, problem):
    result = read_programme_file(source)

    assert [(p.path, p.reason) for p in result.problems] == [problem]
    assert result.document is None


def test_file_with_several_problems_reports_every_one_in_file_order():
    source = _changed(
        (("programme", "start"), "2019-13"),
        (("programme", "total_cost"), 899973.58),
        (("organisations", 0, "country"), "XX"),
        (("organisations", 1, "city", "lat"), 91),
        (("organisations", 1, "interests", "A"), 6),
    )

    result = read_programme_file(source)

    assert [(p.path, p.reason) for p in result.problems] == [
        ("programme.start", f'"2019-13" {NOT_A_YEAR_MONTH}'),
        ("programme.total_cost", NOT_AN_AMOUNT),
        ("organisations[0] (hub).country", f'"XX" {NOT_A_COUNTRY}'),
        ("organisations[1] (town).city.lat", "91 is out of range: must be between -90 and 90"),
        ("organisations[1] (town).interests.A", "6 is out of range: must be between 0 and 5"),
    ]
    assert result.document is None


def test_budget_with_only_a_rate_derives_the_amounts():
    # 22732.15 × 0.9 = 20458.935 → half-up 20458.94; the remainder 22732.15 − 20458.94 = 2273.21.
    source = _changed(
        (("programme", "total_cost"), "22732.15"),
        (("organisations", 1, "budget"), {"total": "22732.15", "eu_rate": "0.9"}),
    )

    result = read_programme_file(source)

    assert result.problems == []
    assert result.document.organisations[1].budget == BudgetSpec(
        Decimal("22732.15"), Decimal("20458.94"), Decimal("2273.21"), eu_rate=Decimal("0.9")
    )


def test_budget_without_amounts_or_rate_is_refused():
    source = _changed((("organisations", 1, "budget"), {"total": "1000.00"}))

    problems = _found(source)

    assert problems == [
        ("organisations[1] (town).budget", "give eu_contribution and cofinancing, or eu_rate to derive them")
    ]


def test_rate_that_the_amounts_contradict_is_a_warning_and_the_amounts_stand():
    source = _changed(
        (("programme", "total_cost"), "22732.15"),
        (
            ("organisations", 1, "budget"),
            {"total": "22732.15", "eu_contribution": "20458.94", "cofinancing": "2273.21", "eu_rate": "0.80"},
        ),
    )

    result = read_programme_file(source)

    assert result.errors == []
    assert [(p.path, p.reason, p.severity) for p in result.warnings] == [
        (
            "organisations[1] (town).budget.eu_rate",
            "states 80.00 % but the amounts give 90.00 % "
            "(eu_contribution 20458.94 of total 22732.15); the amounts stand",
            "warning",
        )
    ]
    assert result.document.organisations[1].budget.eu_contribution == Decimal("20458.94")
    assert result.document.organisations[1].budget.cofinancing == Decimal("2273.21")


def test_rate_within_one_cent_of_the_amounts_is_no_warning():
    # 1000.00 × 0.9 = 900.00; 900.01 is one cent away, which is not "more than a cent".
    source = _changed(
        (("organisations", 1, "budget"), {"total": "1000.00", "eu_contribution": "900.01", "cofinancing": "99.99"}),
        (("organisations", 1, "budget", "eu_rate"), "0.9"),
    )

    problems = _found(source)

    assert problems == []


def test_rate_two_cents_from_the_amounts_is_a_warning():
    source = _changed(
        (("organisations", 1, "budget"), {"total": "1000.00", "eu_contribution": "900.02", "cofinancing": "99.98"}),
        (("organisations", 1, "budget", "eu_rate"), "0.9"),
    )

    result = read_programme_file(source)

    assert [(p.path, p.severity) for p in result.problems] == [("organisations[1] (town).budget.eu_rate", "warning")]
    assert result.document is not None


def test_partner_budgets_short_of_the_total_cost_are_a_warning():
    source = _changed((("programme", "total_cost"), "1500.00"))

    result = read_programme_file(source)

    assert [(p.path, p.reason, p.severity) for p in result.problems] == [
        (
            "programme.total_cost",
            "partner budgets add up to 1000.00, not 1500.00 (1 of 2 organisations give a budget)",
            "warning",
        )
    ]
    assert result.document is not None


def test_written_values_file_reads_back_as_the_same_document(values_file):
    original = read_programme_file(values_file.read_bytes())

    again = read_programme_file(write_programme_file(original.document))

    assert again.document == original.document
    assert again.problems == original.problems


def test_written_money_stays_a_quoted_string(values_file):
    document = read_programme_file(values_file.read_bytes()).document

    text = write_programme_file(document)

    money_lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip().startswith(("total_cost:", "total:", "eu_contribution:", "cofinancing:", "eu_rate:"))
    ]
    assert money_lines == [
        "total_cost: '899973.58'",
        "total: '22732.15'",
        "eu_contribution: '20458.94'",
        "cofinancing: '2273.21'",
        "eu_rate: '0.80'",
    ]


def test_written_norway_stays_norway(values_file):
    # The writer quotes NO and no, which YAML 1.1 tools (PyYAML) would read as false.
    document = read_programme_file(values_file.read_bytes()).document

    text = write_programme_file(document)

    lines = text.splitlines()
    start = lines.index("  - id: oslo")
    assert lines[start + 5 : start + 13] == [
        "    role: partner",
        "    country: 'NO'",
        "    city:",
        "      name: Oslo",
        "      lat: 59.914",
        "      lon: 10.752",
        "      languages:",
        "        - 'no'",
    ]
    oslo = read_programme_file(text).document.organisations[8]
    assert (oslo.id, oslo.country, oslo.city.languages) == ("oslo", "NO", ("no",))


def test_bare_no_as_a_country_in_a_hand_written_file_is_norway():
    source = _yaml(MINIMAL).replace("country: BE", "country: NO")

    result = read_programme_file(source)

    assert result.problems == []
    assert result.document.organisations[0].country == "NO"


def test_organisation_ids_that_read_the_same_are_duplicates():
    source = _changed(
        (("organisations", 1, "id"), "1"),
        (("organisations", 2), {"id": 1, "name": "Volunteers", "kind": "ngo", "role": "partner", "country": "IT"}),
    )

    result = read_programme_file(source)

    assert [(p.path, p.reason) for p in result.problems] == [
        ("organisations[2] (1).id", 'duplicate organisation id "1" (first used at organisations[1] (1).id)')
    ]
    assert result.document is None


def test_one_invalid_theme_does_not_make_the_other_themes_unknown():
    source = _changed((("themes", 1, "title"), ""))

    problems = _found(source)

    assert problems == [("themes[1] (B).title", "must not be empty")]


def test_money_too_large_for_the_database_is_refused():
    source = _changed(
        (("programme", "total_cost"), "1000000000000.00"),
        (("organisations", 1, "budget"), {"total": "1000000000000.00", "eu_rate": "0.9"}),
    )

    result = read_programme_file(source)

    assert [p.path for p in result.errors] == ["programme.total_cost", "organisations[1] (town).budget.total"]


def test_duration_that_ends_after_the_calendar_is_refused():
    source = _changed((("programme", "duration_months"), 100000))

    result = read_programme_file(source)

    assert [p.path for p in result.errors] == ["programme.duration_months"]


CESENA_CATEGORIES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000.00",
                     "other": "1000.00"}  # fmt: skip
CESENA_BUDGET = {"total": "22732.15", "eu_contribution": "20458.94", "cofinancing": "2273.21"}


def test_budget_categories_with_the_default_flat_rate_give_the_total():
    # 21,245.00 of direct costs + 7 % (1,487.15) = 22,732.15: no warning.
    source = _changed(
        (("programme", "total_cost"), "22732.15"),
        (("organisations", 1, "budget"), {**CESENA_BUDGET, "categories": CESENA_CATEGORIES}),
    )

    result = read_programme_file(source)

    assert result.problems == []
    assert result.document.organisations[1].budget.categories == (
        ("staff", Decimal("10000.00")), ("travel", Decimal("5000.00")), ("equipment", Decimal("1245.00")),
        ("external", Decimal("4000.00")), ("other", Decimal("1000.00")),
    )  # fmt: skip


def test_budget_categories_that_miss_the_total_are_a_warning():
    # 21,245.00 + 10 % (2,124.50) = 23,369.50
    source = _changed(
        (("programme", "total_cost"), "22732.15"),
        (("organisations", 1, "budget"), {**CESENA_BUDGET, "categories": CESENA_CATEGORIES, "indirect_rate": "0.10"}),
    )

    assert _found(source) == [
        (
            "organisations[1] (town).budget.categories",
            "direct costs 21245.00 + indirect costs 2124.50 (10.00 %) = 23369.50, not the total 22732.15",
        )
    ]


@pytest.mark.parametrize(
    ("categories", "found"),
    [
        ({"travel": "10.001"}, ("organisations[1] (town).budget.categories.travel",
                                '"10.001" has more than two decimals')),
        ({"catering": "10.00"}, ("organisations[1] (town).budget.categories.catering",
                                 "is not a cost category: use staff, travel, equipment, external, other")),
        ({"indirect": "10.00"}, ("organisations[1] (town).budget.categories.indirect",
                                 "is not a cost category: use staff, travel, equipment, external, other")),
        ([], ("organisations[1] (town).budget.categories",
              "must map some of staff, travel, equipment, external, other to amounts, not a list")),
    ],
)  # fmt: skip
def test_bad_budget_categories_are_refused_with_their_path(categories, found):
    source = _changed((("organisations", 1, "budget"), {**CESENA_BUDGET, "categories": categories}))

    assert found in _found(source)
    assert read_programme_file(source).document is None


# -- planning ----------------------------------------------------------------------------------
def test_planning_defaults_to_the_country_weight_and_score_scale_of_the_planner():
    document = read_programme_file(_changed()).document

    assert (document.planning.country_weight, document.planning.score_scale) == (3, (0, 5))


def test_planning_reads_the_country_weight_and_the_score_scale():
    source = _changed((("planning",), {"country_weight": 0, "score_scale": [1, 4]}))

    document = read_programme_file(source).document

    assert (document.planning.country_weight, document.planning.score_scale) == (0, (1, 4))


def test_written_planning_reads_back_as_the_same_document():
    planning = {"community_size": 3, "visit_days": 1, "exchange_days": 4, "country_weight": 7, "score_scale": [1, 4]}
    original = read_programme_file(_changed((("planning",), planning))).document

    text = write_programme_file(original)

    assert "  country_weight: 7\n  score_scale:\n    - 1\n    - 4\n" in text
    assert read_programme_file(text).document == original


@pytest.mark.parametrize(
    ("planning", "found"),
    [
        ({"country_weight": 101}, ("planning.country_weight", "101 is out of range: must be between 0 and 100")),
        ({"country_weight": -1}, ("planning.country_weight", "-1 is out of range: must be between 0 and 100")),
        ({"country_weight": 1.5}, ("planning.country_weight", "must be a whole number, not a number")),
        ({"country_weight": "3"}, ("planning.country_weight", "must be a whole number, not a text")),
        (
            {"score_scale": 4},
            ("planning.score_scale", "must be a list of two whole numbers, the lowest and highest level, like [1, 4]"),
        ),
        (
            {"score_scale": [1, 2, 3]},
            ("planning.score_scale", "must be a list of two whole numbers, the lowest and highest level, like [1, 4]"),
        ),
        ({"score_scale": [4, 1]}, ("planning.score_scale", "[4, 1]: the lowest level must be below the highest")),
        ({"score_scale": [2, 2]}, ("planning.score_scale", "[2, 2]: the lowest level must be below the highest")),
        ({"score_scale": [1, 101]}, ("planning.score_scale[1]", "101 is out of range: must be between 0 and 100")),
        ({"score_scale": ["1", 4]}, ("planning.score_scale[0]", "must be a whole number, not a text")),
        ({"community_size": 13}, ("planning.community_size", "13 is out of range: must be between 2 and 12")),
        ({"community_size": 1}, ("planning.community_size", "1 is out of range: must be between 2 and 12")),
        (
            {"visit_days": 99999999999999999999},
            ("planning.visit_days", "99999999999999999999 is out of range: must be between 1 and 7"),
        ),
        ({"exchange_days": 8}, ("planning.exchange_days", "8 is out of range: must be between 1 and 7")),
        ({"country_wieght": 3}, ("planning.country_wieght", "unknown key (did you mean 'country_weight'?)")),
    ],
)
def test_bad_planning_values_are_refused_with_their_path(planning, found):
    result = read_programme_file(_changed((("planning",), planning)))

    assert result.document is None
    assert _found(_changed((("planning",), planning))) == [found]


def test_planning_has_no_preparation_months_unless_told():
    document = read_programme_file(_changed()).document

    assert document.planning.preparation_months == 0


def test_written_preparation_months_read_back_as_the_same_document():
    original = read_programme_file(_changed((("planning",), {"preparation_months": 2}))).document

    text = write_programme_file(original)

    assert original.planning.preparation_months == 2
    assert "  preparation_months: 2\n" in text
    assert read_programme_file(text).document == original


@pytest.mark.parametrize(
    ("months", "found"),
    [
        (-1, ("planning.preparation_months", "-1 is out of range: must be between 0 and 600")),
        ("two", ("planning.preparation_months", "must be a whole number, not a text")),
        (1.5, ("planning.preparation_months", "must be a whole number, not a number")),
        (12, ("planning.preparation_months", "12 must be below the programme's duration (12 months)")),
        (13, ("planning.preparation_months", "13 must be below the programme's duration (12 months)")),
        # December 2020 after 11 months from January: the weeks of the 7th, 14th and 21st (the 28th's ends in 2021).
        (
            11,
            (
                "planning.preparation_months",
                "11 leaves 3 week(s) of the 12 months, fewer than the 6 activities of each city (4 visits and 2 "
                "exchanges, one a week)",
            ),
        ),
    ],
)
def test_bad_preparation_months_are_refused_naming_the_key(months, found):
    source = _changed((("planning",), {"preparation_months": months}))

    result = read_programme_file(source)

    assert result.document is None
    assert _found(source) == [found]


def test_preparation_months_that_leave_the_weeks_of_a_city_are_accepted():
    # 10 of 12 months from January 2020: November (Mondays 2, 9, 16, 23, 30) and December (7, 14, 21) give 8.
    result = read_programme_file(_changed((("planning",), {"preparation_months": 10})))

    assert (result.errors, result.document.planning.preparation_months) == ([], 10)


def test_a_month_written_without_quotes_is_that_month():
    # `08` unquoted: the YAML 1.2 reader (ruamel) gives the number 8, and "12-20/01-06" stays a text.
    source = _yaml(MINIMAL).replace("organisations:", "planning:\n  blackout: [08, 12-20/01-06]\norganisations:", 1)
    assert "blackout: [08, 12-20/01-06]" in source

    result = read_programme_file(source)

    assert result.errors == []
    assert result.document.planning.blackout == ("08", "12-20/01-06")


def test_a_quoted_month_and_a_whole_number_month_read_the_same():
    as_number = read_programme_file(_changed((("planning",), {"blackout": [8, 12]})))
    as_text = read_programme_file(_changed((("planning",), {"blackout": ["08", "12"]})))

    assert as_number.document.planning.blackout == as_text.document.planning.blackout == ("08", "12")


@pytest.mark.parametrize(("month", "shown"), [(0, "0"), (13, "13"), (8.5, "8.5"), (True, "True")])
def test_a_number_that_is_not_a_month_is_refused_naming_the_key(month, shown):
    problems = _found(_changed((("planning",), {"blackout": ["07", month]})))

    assert problems == [
        (
            "planning.blackout[1]",
            f'{shown} is not a period: "MM" (a month 01..12), "MM-DD" (a day) or "MM-DD/MM-DD" (a range)',
        )
    ]


def test_every_list_item_with_an_id_is_named_by_it_in_the_path():
    source = _changed(
        (("themes", 0, "title"), ""),
        (("organisations", 1, "people"), [{"name": "Ann", "role": "staff", "email": "ann"}]),
        (("organisations", 1, "budget", "total"), "-1.00"),
    )

    paths = [path for path, _reason in _found(source)]

    assert paths == [
        "themes[0] (A).title",
        "organisations[1] (town).budget.total",
        "organisations[1] (town).people[0].email",
    ]


def test_an_item_without_a_usable_id_is_named_by_its_index_alone():
    source = _changed((("organisations", 1, "id"), DELETE))

    paths = [path for path, _reason in _found(source)]

    assert paths == ["organisations[1].id"]
