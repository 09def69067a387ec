"""`values check`, `values load` and `values export`: through call_command and the real command line."""

import dataclasses
import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from tests.conftest import make_member
from tests.programme.test_programme_file import BROKEN_FILES
from values.network.enums import Role
from values.network.models import Organisation, Person
from values.programme.models import Partner, Programme, Theme, ThemeInterest
from values.programme.programme_file import read_programme_file, write_programme_file
from values.programme.services import load_programme_file

ROOT = Path(__file__).resolve().parents[2]
VALUES_COUNTS = {"programmes": 1, "themes": 4, "partners": 18, "organisations": 18, "people": 2, "interests": 64}
RATE_WARNING = (
    "organisations[17] (cesena).budget.eu_rate: warning: states 80.00 % but the amounts give 90.00 % "
    "(eu_contribution 20458.94 of total 22732.15); the amounts stand"
)
TOTAL_WARNING = (
    "programme.total_cost: warning: partner budgets add up to 22732.15, not 899973.58 "
    "(1 of 18 organisations give a budget)"
)
FLOAT_MONEY = 'programme.total_cost: must be a string in quotes like "1234.50", not a number'


def _run(*args: str) -> tuple[str, str]:
    """Run a management command; its standard output and error as text."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, no_color=True)
    return out.getvalue(), err.getvalue()


def _counts() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "themes": Theme.objects.count(),
        "partners": Partner.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "interests": ThemeInterest.objects.count(),
    }


def _values_text(values_file: Path) -> str:
    return values_file.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _command_line_env() -> dict[str, str]:
    return {**os.environ, "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}


# -- check -----------------------------------------------------------------------------
@pytest.mark.django_db  # with a database at hand, check also compares shared records: none are shared here
def test_check_of_the_values_file_prints_the_two_warnings_and_passes(values_file):
    out, err = _run("check", str(values_file))

    assert out.splitlines() == [
        f"{values_file}: {RATE_WARNING}",
        f"{values_file}: {TOTAL_WARNING}",
        f"{values_file}: valid (2 warning(s))",
    ]
    assert err == ""


def test_check_of_a_broken_file_prints_each_problem_and_exits_2(values_file, tmp_path):
    broken = _write(
        tmp_path / "broken.yaml",
        _values_text(values_file)
        .replace('total_cost: "899973.58"', "total_cost: 899973.58")
        .replace('country: "CH"', 'country: "XX"'),
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("check", str(broken), stdout=out, no_color=True)

    assert raised.value.returncode == 2
    assert str(raised.value) == "2 error(s): the file is not loaded as it stands"
    assert out.getvalue().splitlines() == [
        f"{broken}: {FLOAT_MONEY}",
        f'{broken}: organisations[16] (zurich).country: "XX" is not an ISO 3166-1 alpha-2 country code '
        "(e.g. IT, ES, GB)",
    ]


def test_check_of_a_missing_file_says_it_cannot_be_read(tmp_path):
    missing = tmp_path / "missing.yaml"
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("check", str(missing), stdout=out, no_color=True)

    assert raised.value.returncode == 2
    assert out.getvalue().splitlines() == [f"{missing}: (file): cannot be read: No such file or directory"]


@pytest.mark.django_db  # the JSONField check asks the database what it supports
def test_check_without_files_runs_djangos_system_check():
    out, _ = _run("check")

    assert out == "System check identified no issues (0 silenced).\n"


@pytest.mark.django_db  # the JSONField check asks the database what it supports
def test_check_deploy_without_files_runs_djangos_deployment_checks():
    # The test settings are not a deployment: the deployment checks find issues to report.
    _, err = _run("check", "--deploy", "--fail-level", "CRITICAL")

    assert err.splitlines()[0] == "System check identified some issues:"
    assert {"security.W008", "security.W012", "security.W016"} <= set(re.findall(r"\((security\.W\d+)\)", err))


@pytest.mark.parametrize("database", ["sqlite:///{tmp}/never-made.sqlite3", "postgres://nobody@127.0.0.1:1/none"])
def test_check_needs_no_database_and_makes_none(tmp_path, database):
    finished = subprocess.run(
        [str(Path(sys.executable).parent / "values"), "check", "data/values.yaml"],
        cwd=ROOT,
        env={**_command_line_env(), "DATABASE_URL": database.format(tmp=tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-1] == "data/values.yaml: valid (2 warning(s))"
    assert list(tmp_path.iterdir()) == []


def test_values_command_line_checks_the_values_file_and_exits_0():
    finished = subprocess.run(
        [str(Path(sys.executable).parent / "values"), "check", "data/values.yaml"],
        cwd=ROOT,
        env=_command_line_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0
    assert finished.stdout.splitlines() == [
        f"data/values.yaml: {RATE_WARNING}",
        f"data/values.yaml: {TOTAL_WARNING}",
        "data/values.yaml: valid (2 warning(s))",
    ]
    assert finished.stderr == ""


@pytest.mark.parametrize(
    "launcher",
    [
        pytest.param([str(Path(sys.executable).parent / "values")], id="values-script"),
        pytest.param([sys.executable, "-m", "values"], id="python-m-values"),
    ],
)
def test_values_command_line_rejects_a_broken_file_with_exit_code_2(values_file, tmp_path, launcher):
    broken = _write(
        tmp_path / "broken.yaml",
        _values_text(values_file).replace('total_cost: "899973.58"', "total_cost: 899973.58"),
    )

    finished = subprocess.run(
        [*launcher, "check", str(broken)],
        cwd=ROOT,
        env=_command_line_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 2
    assert finished.stdout == f"{broken}: {FLOAT_MONEY}\n"
    assert finished.stderr == "CommandError: 1 error(s): the file is not loaded as it stands\n"


# -- load ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_load_creates_the_programme_and_prints_the_warnings(values_file):
    out, _ = _run("load", str(values_file))

    assert out.splitlines() == [
        f"{values_file}: {RATE_WARNING}",
        f"{values_file}: {TOTAL_WARNING}",
        "Created VALUES (820885): 4 themes, 18 organisations",
    ]
    assert _counts() == VALUES_COUNTS


@pytest.mark.django_db
def test_loading_the_values_file_twice_creates_no_duplicates(values_file):
    _run("load", str(values_file))

    out, _ = _run("load", str(values_file))

    assert out.splitlines()[-1] == "Updated VALUES (820885): 4 themes, 18 organisations"
    assert _counts() == VALUES_COUNTS


def test_values_file_has_an_interest_for_each_of_16_cities_in_each_of_4_themes(values_file):
    document = read_programme_file(values_file.read_bytes()).document

    cities = [org for org in document.organisations if org.kind == "city"]
    themes = [theme.id for theme in document.themes]
    assert (len(cities), len(themes)) == (16, 4)
    assert [sorted(city.interests) for city in cities] == [themes] * 16
    assert sum(len(org.interests) for org in document.organisations) == 64 == VALUES_COUNTS["interests"]


@pytest.mark.django_db
def test_rejected_file_changes_nothing_in_the_database(values_file, tmp_path):
    _run("load", str(values_file))
    before = _counts()
    changed = _write(
        tmp_path / "changed.yaml",
        _values_text(values_file)
        .replace("acronym: VALUES", "acronym: CHANGED")
        .replace('total_cost: "899973.58"', "total_cost: 899973.58"),
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("load", str(changed), stdout=out, no_color=True)

    assert raised.value.returncode == 2
    assert str(raised.value) == "1 error(s): nothing was loaded"
    assert out.getvalue().splitlines() == [f"{changed}: {FLOAT_MONEY}"]
    assert Programme.objects.get().acronym == "VALUES"
    assert _counts() == before


@pytest.mark.django_db
def test_file_failing_only_at_the_last_organisation_changes_nothing(values_file, tmp_path):
    _run("load", str(values_file))
    before = _counts()
    changed = _write(
        tmp_path / "changed.yaml",
        _values_text(values_file)
        .replace("acronym: VALUES", "acronym: CHANGED")
        .replace("{en: City of Amsterdam, it: Città di Amsterdam}", "Amsterdam renamed")
        .replace('cofinancing: "2273.21"', 'cofinancing: "2273.20"'),
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("load", str(changed), stdout=out, no_color=True)

    assert raised.value.returncode == 2
    assert out.getvalue().splitlines() == [
        f"{changed}: organisations[17] (cesena).budget: eu_contribution + cofinancing = 20458.94 + 2273.20 = 22732.14, "
        "which is not the total 22732.15"
    ]
    assert Programme.objects.get().acronym == "VALUES"
    assert Organisation.objects.get(key="amsterdam").name == {"en": "City of Amsterdam", "it": "Città di Amsterdam"}
    assert _counts() == before


@pytest.mark.django_db
def test_load_of_an_amount_too_large_for_the_database_is_refused_with_exit_code_2(values_file, tmp_path):
    _run("load", str(values_file))
    before = _counts()
    huge = _write(
        tmp_path / "huge.yaml",
        _values_text(values_file).replace('total_cost: "899973.58"', 'total_cost: "99999999999999999999.00"'),
    )

    with pytest.raises(CommandError) as raised:
        _run("load", str(huge))

    assert raised.value.returncode == 2
    assert _counts() == before


@pytest.mark.django_db
def test_load_failing_in_the_database_at_the_last_organisation_rolls_everything_back(values_file):
    # A second coordinator slips past no reader here: the database refuses it at the last partner.
    _run("load", str(values_file))
    before = _counts()
    document = read_programme_file(values_file.read_bytes()).document
    organisations = list(document.organisations)
    organisations[2] = dataclasses.replace(organisations[2], name="Amsterdam renamed")
    organisations[17] = dataclasses.replace(organisations[17], role="coordinator")
    broken = dataclasses.replace(
        document,
        programme=dataclasses.replace(document.programme, acronym="CHANGED"),
        organisations=tuple(organisations),
    )

    with pytest.raises(IntegrityError):
        load_programme_file(broken)

    assert Programme.objects.get().acronym == "VALUES"
    assert Organisation.objects.get(key="amsterdam").name == {"en": "City of Amsterdam", "it": "Città di Amsterdam"}
    assert Partner.objects.get(organisation__key="cesena").role == "partner"
    assert _counts() == before


@pytest.mark.django_db
def test_reload_without_a_theme_and_a_partner_removes_them_from_the_programme(values_file, tmp_path):
    _run("load", str(values_file))
    document = read_programme_file(values_file.read_bytes()).document
    smaller = dataclasses.replace(
        document,
        themes=tuple(theme for theme in document.themes if theme.id != "D"),
        organisations=tuple(
            dataclasses.replace(org, interests={key: score for key, score in org.interests.items() if key != "D"})
            for org in document.organisations
            if org.id != "zurich"
        ),
    )
    smaller_file = _write(tmp_path / "smaller.yaml", write_programme_file(smaller))

    out, _ = _run("load", str(smaller_file))

    assert out.splitlines()[-1] == (
        "Updated VALUES (820885): 3 themes, 17 organisations; removed 1 partner(s), 1 theme(s) no longer listed"
    )
    assert _counts() == {
        "programmes": 1,
        "themes": 3,
        "partners": 17,
        "organisations": 18,  # the organisation stays: it may be in other programmes
        "people": 2,
        "interests": 15 * 3,
    }
    assert list(Theme.objects.order_by("position").values_list("key", flat=True)) == ["A", "B", "C"]
    assert Partner.objects.filter(organisation__key="zurich").count() == 0


# -- export ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_export_then_load_into_an_empty_database_then_export_gives_the_same_text(values_file, tmp_path):
    _run("load", str(values_file))
    first = tmp_path / "first.yaml"
    _run("export", str(first))
    Programme.objects.all().delete()
    Organisation.objects.all().delete()
    assert set(_counts().values()) == {0}

    _run("load", str(first))
    second = tmp_path / "second.yaml"
    _run("export", str(second))

    assert _counts() == VALUES_COUNTS
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_export_of_the_loaded_values_file_is_the_file_as_written(values_file, tmp_path):
    _run("load", str(values_file))
    exported = tmp_path / "exported.yaml"

    out, _ = _run("export", str(exported))

    assert out == f"Wrote VALUES (820885) to {exported}\n"
    document = read_programme_file(values_file.read_bytes()).document
    assert exported.read_text(encoding="utf-8") == write_programme_file(document)


@pytest.mark.django_db
def test_exported_values_file_keeps_the_exact_money_figures(values_file, tmp_path):
    _run("load", str(values_file))
    exported = tmp_path / "exported.yaml"

    _run("export", str(exported), "--programme", "820885")

    money_lines = [
        line.strip()
        for line in exported.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("total_cost:", "total:", "eu_contribution:", "cofinancing:"))
    ]
    assert money_lines == [
        "total_cost: '899973.58'",
        "total: '22732.15'",
        "eu_contribution: '20458.94'",
        "cofinancing: '2273.21'",
    ]


@pytest.mark.django_db
def test_export_to_standard_output_writes_the_file_text(values_file, tmp_path):
    _run("load", str(values_file))
    exported = tmp_path / "exported.yaml"
    _run("export", str(exported))

    out, _ = _run("export", "-")

    assert out == exported.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_stated_rate_with_four_decimals_comes_back_from_export_as_it_was_loaded(values_file, tmp_path):
    precise = _write(tmp_path / "precise.yaml", _values_text(values_file).replace('"0.80"', '"0.8125"'))
    _run("load", str(precise))
    exported = tmp_path / "exported.yaml"

    _run("export", str(exported))

    cesena = read_programme_file(exported.read_bytes()).document.organisations[17]
    assert cesena.budget.eu_rate == Decimal("0.8125")


@pytest.mark.django_db
def test_export_of_an_unknown_programme_is_refused(values_file, tmp_path):
    _run("load", str(values_file))

    with pytest.raises(CommandError) as raised:
        _run("export", str(tmp_path / "out.yaml"), "--programme", "999")

    assert raised.value.returncode == 2
    assert str(raised.value) == "no programme with code '999'"


@pytest.mark.django_db
def test_export_with_no_programme_loaded_is_refused(tmp_path):
    with pytest.raises(CommandError) as raised:
        _run("export", str(tmp_path / "out.yaml"))

    assert raised.value.returncode == 2
    assert str(raised.value) == "no programme is loaded"


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "problem"), BROKEN_FILES)
def test_each_broken_file_is_refused_by_load_and_the_database_is_unchanged(values_file, tmp_path, source, problem):
    _run("load", str(values_file))
    before_counts, before_export = _counts(), _run("export", "-")[0]
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(source if isinstance(source, bytes) else source.encode("utf-8"))

    out = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("load", str(broken), stdout=out, no_color=True)

    path, reason = problem
    assert refused.value.returncode == 2
    assert f"{broken}: {path}: {reason}" in out.getvalue().splitlines()
    assert _counts() == before_counts
    assert _run("export", "-")[0] == before_export


@pytest.mark.django_db
def test_budget_categories_planned_on_the_web_travel_through_export_and_load(values_file, tmp_path):
    from values.finance.services import save_budget_lines
    from values.programme.models import BudgetLine, PartnerBudget

    _run("load", str(values_file))
    planned = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000.00"}
    coordinator = make_member("coordinator", "eurocities", Role.COORDINATOR)
    save_budget_lines(
        PartnerBudget.objects.get(), amounts={**planned, "other": "1000.00"}, indirect_rate="0.07", by=coordinator
    )
    exported = tmp_path / "with-categories.yaml"
    _run("export", str(exported))
    Programme.objects.all().delete()
    Organisation.objects.all().delete()

    _run("load", str(exported))

    text = exported.read_text(encoding="utf-8")
    assert (
        "      categories:\n        staff: '10000.00'\n        travel: '5000.00'\n        equipment: '1245.00'\n"
        "        external: '4000.00'\n        other: '1000.00'\n"
    ) in text
    assert "indirect_rate" not in text  # the default 7 % is not written
    lines = dict(BudgetLine.objects.values_list("category", "amount"))
    assert lines == {
        "staff": Decimal("10000.00"), "travel": Decimal("5000.00"), "equipment": Decimal("1245.00"),
        "external": Decimal("4000.00"), "other": Decimal("1000.00"),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_country_weight_and_score_scale_travel_through_load_and_export(values_file, tmp_path):
    text = _values_text(values_file).replace(
        "  exchange_days: 5\n", "  exchange_days: 5\n  country_weight: 0\n  score_scale: [1, 4]\n"
    )
    _run("load", str(_write(tmp_path / "weights.yaml", text)))
    first = tmp_path / "first.yaml"
    _run("export", str(first))
    Programme.objects.all().delete()
    Organisation.objects.all().delete()

    _run("load", str(first))
    second = tmp_path / "second.yaml"
    _run("export", str(second))

    programme = Programme.objects.get()
    assert (programme.country_weight, programme.score_scale) == (0, [1, 4])
    assert "  country_weight: 0\n  score_scale:\n    - 1\n    - 4\n" in first.read_text(encoding="utf-8")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_preparation_months_travel_through_load_and_export(values_file, tmp_path):
    text = _values_text(values_file).replace("  preparation_months: 2\n", "  preparation_months: 3\n")
    assert "preparation_months: 3" in text
    _run("load", str(_write(tmp_path / "preparation.yaml", text)))
    first = tmp_path / "first.yaml"
    _run("export", str(first))
    Programme.objects.all().delete()
    Organisation.objects.all().delete()

    _run("load", str(first))
    second = tmp_path / "second.yaml"
    _run("export", str(second))

    assert Programme.objects.get().preparation_months == 3
    assert "  preparation_months: 3\n" in first.read_text(encoding="utf-8")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
