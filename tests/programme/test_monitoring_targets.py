"""The programme file's `monitoring.targets` (issue #19, item 4): read, refused by key, written, loaded, exported."""

import pytest

from tests.programme.test_commands import _run, _values_text, _write
from tests.programme.test_programme_file import _changed, _found
from values.network.models import Organisation
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file, write_programme_file


def test_a_file_without_monitoring_has_no_targets():
    document = read_programme_file(_changed()).document

    assert document.targets == {}


def test_targets_are_read_as_given():
    targets = {"visits_held": 16, "spending_rate": 100, "toolkits_published": 0}
    source = _changed((("monitoring",), {"targets": targets}))

    document = read_programme_file(source).document

    assert document.targets == {"visits_held": 16, "spending_rate": 100, "toolkits_published": 0}


def test_written_targets_read_back_as_the_same_document_in_the_keys_order():
    original = read_programme_file(
        _changed((("monitoring",), {"targets": {"spending_rate": 90, "visits_held": 4}}))
    ).document

    text = write_programme_file(original)

    # The writer gives the keys in TARGET_KEYS's order, visits first and the spending rate last.
    assert "monitoring:\n  targets:\n    visits_held: 4\n    spending_rate: 90\n" in text
    assert read_programme_file(text).document == original


def test_a_file_without_targets_is_written_without_a_monitoring_section():
    assert "monitoring" not in write_programme_file(read_programme_file(_changed()).document)


@pytest.mark.parametrize(
    ("monitoring", "found"),
    [
        ({"targets": {"visits_held": -1}},
         ("monitoring.targets.visits_held", "-1 is out of range: must be between 0 and 10000000")),
        ({"targets": {"exchanges_done": "sixteen"}},
         ("monitoring.targets.exchanges_done", "must be a whole number, not a text")),
        ({"targets": {"participants": 2.5}},
         ("monitoring.targets.participants", "must be a whole number, not a number")),
        ({"targets": {"reports_accepted": None}},
         ("monitoring.targets.reports_accepted", "must be a whole number, not nothing")),
        ({"targets": {"spending_rate": 101}},
         ("monitoring.targets.spending_rate", "101 is out of range: must be between 0 and 100")),
        ({"targets": {"visits": 16}}, ("monitoring.targets.visits", "unknown key (did you mean 'visits_held'?)")),
        ({"aims": {}}, ("monitoring.aims", "unknown key; allowed keys: targets")),
        ({"targets": [16]}, ("monitoring.targets", "must be a mapping of keys to values, not a list")),
        ("16", ("monitoring", "must be a mapping of keys to values, not a text")),
    ],
)  # fmt: skip
def test_bad_targets_are_refused_naming_the_key(monitoring, found):
    source = _changed((("monitoring",), monitoring))

    result = read_programme_file(source)

    assert result.document is None
    assert _found(source) == [found]


@pytest.mark.django_db
def test_the_values_file_gives_the_factsheets_targets(programme):
    # 16 cities each host one visit; 8 pairs exchange both ways; one action plan a city; the whole budget spent.
    targets = programme.targets

    assert (targets["visits_held"], targets["exchanges_done"], targets["action_plans_adopted"]) == (16, 16, 16)
    assert targets["spending_rate"] == 100


@pytest.mark.django_db
def test_the_targets_travel_through_load_and_export(values_file, tmp_path):
    text = _values_text(values_file).replace("    visits_held: 16", "    visits_held: 12")
    assert "visits_held: 12" in text
    _run("load", str(_write(tmp_path / "targets.yaml", text)))
    first = tmp_path / "first.yaml"
    _run("export", str(first))
    Programme.objects.all().delete()
    Organisation.objects.all().delete()

    _run("load", str(first))
    second = tmp_path / "second.yaml"
    _run("export", str(second))

    assert Programme.objects.get().targets["visits_held"] == 12
    assert "  targets:\n    visits_held: 12\n    exchanges_done: 16\n" in first.read_text(encoding="utf-8")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
