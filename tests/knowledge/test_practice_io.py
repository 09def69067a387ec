"""Practices out to JSON and CSV and back in: the round trip gives the same file; a bad file changes nothing."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from values.knowledge.models import Practice
from values.knowledge.services import publish_practice, save_practice, translate_practice
from values.network.models import Organisation
from values.programme.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(programme, cesena_staff):
    cafe = save_practice(
        programme,
        organisation=Organisation.objects.get(key="cesena"),
        by=cesena_staff,
        original_language="it",
        texts={
            "title": "Caffè linguistico",
            "summary": 'Ogni martedì; con "virgolette".',
            "body": "**Sì**",
            "results": "",
        },
        themes=[Theme.objects.get(key="C")],
        target_groups=["newcomers", "women"],
        volunteers=12,
        period_start=None,
        period_end=None,
        contact="",
    )
    translate_practice(
        cafe, language="en", texts={"title": "Language café", "summary": "Every Tuesday.", "body": "", "results": ""}
    )
    publish_practice(cafe)
    save_practice(
        programme,
        organisation=Organisation.objects.get(key="riga"),
        by=None,
        original_language="lv",
        texts={"title": "Brīvprātīgo punkts", "summary": "Vieta, kur sākt.", "body": "", "results": ""},
        themes=[Theme.objects.get(key="B"), Theme.objects.get(key="A")],
        target_groups=[],
    )


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_export_import_into_an_empty_programme_and_export_again_gives_the_same_file(practices, tmp_path, suffix):
    first, second = tmp_path / f"first.{suffix}", tmp_path / f"second.{suffix}"
    call_command("export_practices", str(first))
    Practice.objects.all().delete()

    call_command("import_practices", str(first))
    call_command("export_practices", str(second))

    assert second.read_text() == first.read_text()
    assert Practice.objects.count() == 2


# Titles a spreadsheet would run as formulas, in the export's order (by title), and their CSV cells.
HOSTILE_CELLS = {
    "'quoted": "''quoted",
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    '=HYPERLINK("http://evil.example","x")': '\'=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
    "@SUM(A1)": "'@SUM(A1)",
    "Normal text": "Normal text",
}


@pytest.fixture
def hostile_practices(programme):
    """One practice of Cesena per title; the contacts and English summaries are formulas too."""
    for title in HOSTILE_CELLS:
        practice = save_practice(
            programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="it",
            texts={"title": title, "summary": "Ogni martedì", "body": "", "results": ""},
            themes=[Theme.objects.get(key="C")], target_groups=[], volunteers=3, contact="@SUM(A1)",
        )  # fmt: skip
        translate_practice(practice, language="en", texts={"title": "T", "summary": "-2+3", "body": "", "results": ""})


def test_the_csv_export_writes_texts_a_spreadsheet_would_evaluate_as_text(hostile_practices, tmp_path):
    file = tmp_path / "practices.csv"

    call_command("export_practices", str(file))

    rows = list(csv.DictReader(io.StringIO(file.read_text())))
    assert [row["title_it"] for row in rows] == list(HOSTILE_CELLS.values())
    assert {(row["contact"], row["summary_en"], row["summary_it"], row["volunteers"]) for row in rows} == {
        ("'@SUM(A1)", "'-2+3", "Ogni martedì", "3")
    }


def test_texts_a_spreadsheet_would_evaluate_come_back_exactly_and_export_again_to_the_same_file(
    hostile_practices, tmp_path
):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    call_command("export_practices", str(first))
    Practice.objects.all().delete()

    call_command("import_practices", str(first))
    call_command("export_practices", str(second))

    assert second.read_bytes() == first.read_bytes()
    practices = Practice.objects.order_by("pk")
    assert [p.title["it"] for p in practices] == sorted(HOSTILE_CELLS)
    assert {(p.contact, p.summary["en"]) for p in practices} == {("@SUM(A1)", "-2+3")}


def test_an_imported_cell_loses_exactly_one_leading_quote(programme, tmp_path):
    file = tmp_path / "practices.csv"
    file.write_text(
        "organisation,original_language,themes,status,title_it,summary_it,contact\n"
        "cesena,it,C,proposed,'=1+1,''Citazione',=2+2\n"
    )

    call_command("import_practices", str(file))

    practice = Practice.objects.get()
    assert (practice.title, practice.summary, practice.contact) == ({"it": "=1+1"}, {"it": "'Citazione'"}, "=2+2")


def test_the_json_export_carries_every_translation_and_the_theme_keys(practices, capsys):
    call_command("export_practices", "-")

    records = json.loads(capsys.readouterr().out)["practices"]
    assert [r["title"] for r in records] == [
        {"en": "Language café", "it": "Caffè linguistico"},
        {"lv": "Brīvprātīgo punkts"},
    ]
    assert [r["themes"] for r in records] == [["C"], ["A", "B"]]
    assert records[0]["status"] == "published"


def test_a_file_with_problems_names_each_and_imports_nothing(programme, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    texts = {"title": {"it": "T"}, "summary": {"it": "S"}}
    bad.write_text(json.dumps({"practices": [
        {"organisation": "atlantis", "original_language": "it", **texts, "themes": ["C"]},
        {"organisation": "cesena", "original_language": "xx", "title": {}, "summary": {"it": "S"}, "themes": ["Z"]},
    ]}))  # fmt: skip

    with pytest.raises(CommandError) as refused:
        call_command("import_practices", str(bad))

    assert refused.value.returncode == 2
    assert capsys.readouterr().out.splitlines() == [
        f'{bad}: practices[0].organisation: "atlantis" is not an organisation of the programme',
        f'{bad}: practices[1].original_language: "xx" is not an ISO 639-1 language code',
        f"{bad}: practices[1].title: is needed in the original language",
        f"{bad}: practices[1].summary: is needed in the original language",
        f"{bad}: practices[1].themes: unknown themes: Z",
    ]
    assert Practice.objects.count() == 0


def test_a_file_that_is_not_json_is_refused(programme, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")

    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_practices", str(bad))


def test_a_csv_row_with_more_cells_than_columns_is_refused(programme, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("organisation,original_language\ncesena,it,extra\n")

    with pytest.raises(CommandError) as refused:
        call_command("import_practices", str(bad))

    assert str(refused.value) == f"{bad}: (file): cannot be read: line 2: more cells than the header has columns"
    assert Practice.objects.count() == 0
