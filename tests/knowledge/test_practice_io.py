"""Practices out to JSON and CSV and back in: the round trip gives the same file; a bad file changes nothing."""

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
