"""A second programme that shares cities with VALUES: translations merge, contacts add up, figures stay
apart, and every change to a shared record is reported (or refused with --keep-shared)."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from values.network.models import City, Organisation
from values.programme.models import PartnerBudget, Programme
from values.programme.programme_file import read_programme_file
from values.programme.services import SharedRecordsChanged, load_programme_file

pytestmark = pytest.mark.django_db

WELCOME = Path(__file__).parent / "data" / "welcome.yaml"
# Cesena is organisations[1] (cesena) of welcome.yaml;
# VALUES (820885) gave it lat 44.139, languages [it] and two contacts.
SHARED_CHANGES = [
    "organisations[1] (cesena).city.lat: warning: changes a record shared with 820885: 44.139 → 44.2",
    "organisations[1] (cesena).city.languages: warning: changes a record shared with 820885: it → it, en",
    "organisations[1] (cesena).people[0]: warning: changes a record shared with 820885: (none) → Anna Rossi added",
]


def _welcome():
    result = read_programme_file(WELCOME.read_bytes())
    assert result.errors == []
    return result.document


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, no_color=True)
    return out.getvalue()


def test_a_second_programme_keeps_the_first_ones_names_contacts_and_figures(programme):
    summary = load_programme_file(_welcome())

    cesena = Organisation.objects.get(key="cesena")
    assert cesena.name == {"en": "City of Cesena", "it": "Comune di Cesena"}
    assert list(cesena.people.values_list("name", flat=True)) == ["Anna Rossi", "Roberto Zoffoli", "Sofia Burioli"]
    budgets = PartnerBudget.objects.filter(partner__organisation=cesena).order_by("partner__programme__code")
    assert [(b.partner.programme.code, b.total) for b in budgets] == [
        ("101010", Decimal("10000.00")),
        ("820885", Decimal("22732.15")),
    ]
    assert Programme.objects.get(code="820885").partners.count() == 18
    assert [p.format("welcome.yaml").removeprefix("welcome.yaml: ") for p in summary.shared_changes] == SHARED_CHANGES


def test_keep_shared_refuses_the_file_and_changes_nothing(programme):
    with pytest.raises(SharedRecordsChanged) as refused:
        load_programme_file(_welcome(), keep_shared=True)

    assert [p.path for p in refused.value.problems] == [
        "organisations[1] (cesena).city.lat",
        "organisations[1] (cesena).city.languages",
        "organisations[1] (cesena).people[0]",
    ]
    assert Programme.objects.filter(code="101010").exists() is False
    assert City.objects.get(organisation__key="cesena").lat == Decimal("44.139000")
    assert Organisation.objects.filter(key="bologna").exists() is False


def test_a_programme_alone_shares_nothing_so_it_reloads_as_the_file_says(programme, values_file):
    summary = load_programme_file(read_programme_file(values_file.read_bytes()).document, keep_shared=True)

    assert summary.shared_changes == ()


def test_check_and_load_report_the_changes_and_load_keep_shared_exits_2(programme):
    checked = _run("check", str(WELCOME))
    with pytest.raises(CommandError) as refused:
        _run("load", "--keep-shared", str(WELCOME))
    loaded = _run("load", str(WELCOME))

    assert [f"{WELCOME}: {line}" for line in SHARED_CHANGES] == [
        line for line in checked.splitlines() if "shared with" in line
    ]
    assert checked.splitlines()[-1] == f"{WELCOME}: valid (4 warning(s))"
    assert refused.value.returncode == 2
    assert (
        str(refused.value) == "3 change(s) to records shared with other programmes: nothing was loaded (--keep-shared)"
    )
    assert [line for line in loaded.splitlines() if "shared with" in line] == [
        f"{WELCOME}: {line}" for line in SHARED_CHANGES
    ]
    assert loaded.splitlines()[-1] == "Created WELCOME (101010): 1 themes, 3 organisations"


@pytest.mark.parametrize(
    "command",
    [
        ("export", "-"),
        ("check_budget",),
        ("export_practices", "-"),
        ("import_practices", "data/none.json"),
        ("load_benchmarks", "data/benchmarks.yaml"),
        ("factsheet", "cesena"),
        ("toolkit", "programme"),
        ("plan",),
    ],
)
def test_with_two_programmes_a_command_asks_which_and_names_them(programme, command):
    load_programme_file(_welcome())

    with pytest.raises(CommandError) as refused:
        _run(*command)

    assert refused.value.returncode == 2
    assert str(refused.value) == "several programmes are loaded (101010, 820885): name one with --programme"
