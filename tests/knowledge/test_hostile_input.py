"""Hostile values posted to every form of knowledge (practices, translations, benchmarks, self-assessments) and
fed to the practice import: each is refused with its field and reason, HTTP 400, and nothing changes."""

import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ROOT
from values.knowledge.models import BenchmarkStandard, Practice, SelfAssessment
from values.knowledge.services import save_practice
from values.network.models import Organisation
from values.programme.models import Theme

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "x" * 100_000
VOLUNTEERS = "Volunteers involved: a whole number from 0 to 1,000,000."
NOT_OFFERED = "Select a valid choice. %s is not one of the available choices."


def _practice_data(**changes) -> dict:
    data = {
        "organisation": str(Organisation.objects.get(key="cesena").pk),
        "original_language": "en",
        "title": "Language café in the library",
        "summary": "Volunteers and newcomers meet weekly to talk.",
        "body": "Every **Tuesday**.",
        "results": "",
        "themes": [str(Theme.objects.get(key="C").pk)],
        "target_groups": ["newcomers"],
        "volunteers": "12",
        "period_start": "2019-05-01",
        "period_end": "",
        "contact": "cafe@example.org",
    }
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"volunteers": HUGE}, "volunteers", VOLUNTEERS),
        ({"volunteers": "1000001"}, "volunteers", VOLUNTEERS),
        ({"volunteers": "-1"}, "volunteers", VOLUNTEERS),
        ({"volunteers": "NaN"}, "volunteers", VOLUNTEERS),
        ({"volunteers": "1e400"}, "volunteers", VOLUNTEERS),
        ({"period_start": "0001-01-01"}, "period_start", "Since: a date from 1900-01-01 to 2099-12-31."),
        ({"period_end": "9999-12-31"}, "period_end", "Until: a date from 1900-01-01 to 2099-12-31."),
        ({"period_start": "2019-13-45"}, "period_start", "Enter a valid date."),
        ({"title": LONG}, "title", "Title: at most 200 characters, not 100,000."),
        ({"summary": LONG}, "summary", "Summary: at most 2,000 characters, not 100,000."),
        ({"body": LONG}, "body", "Description: at most 50,000 characters, not 100,000."),
        ({"results": LONG}, "results", "Results and evidence: at most 20,000 characters, not 100,000."),
        ({"contact": LONG}, "contact", "Ensure this value has at most 300 characters (it has 100000)."),
        ({"themes": [HUGE]}, "themes", f"“{HUGE}” is not a valid value."),
        ({"themes": ["-1"]}, "themes", "“-1” is not a valid value."),
        ({"themes": ["987654"]}, "themes", NOT_OFFERED % "987654"),
        ({"organisation": HUGE}, "organisation", NOT_OFFERED % "That choice"),
        ({"original_language": "zz"}, "original_language", NOT_OFFERED % "zz"),
        ({"target_groups": ["aliens"]}, "target_groups", NOT_OFFERED % "aliens"),
        ({"title": None}, "title", "This field is required."),
        ({"summary": None}, "summary", "This field is required."),
    ],
)  # fmt: skip
def test_a_hostile_proposal_is_refused_on_its_field(client, cesena_staff, changes, field, message):
    client.force_login(cesena_staff)

    response = client.post("/en/p/820885/practices/new/", _practice_data(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Practice.objects.count() == 0


@pytest.fixture
def practice(programme, cesena_staff) -> Practice:
    return save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="en",
        texts={"title": "Language café", "summary": "Weekly."}, themes=[Theme.objects.get(key="C")], volunteers=12,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"volunteers": HUGE}, "volunteers", VOLUNTEERS),
        ({"summary": LONG}, "summary", "Summary: at most 2,000 characters, not 100,000."),
        ({"period_end": "9999-12-31"}, "period_end", "Until: a date from 1900-01-01 to 2099-12-31."),
    ],
)
def test_a_hostile_change_to_a_practice_keeps_it_as_it_was(client, cesena_staff, practice, changes, field, message):
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/practices/{practice.pk}/edit/", _practice_data(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    practice.refresh_from_db()
    assert (practice.title, practice.summary, practice.volunteers, practice.period_end) == (
        {"en": "Language café"},
        {"en": "Weekly."},
        12,
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": LONG}, "title", "Title: at most 200 characters, not 100,000."),
        ({"summary": LONG}, "summary", "Summary: at most 2,000 characters, not 100,000."),
        ({"body": LONG}, "body", "Description: at most 50,000 characters, not 100,000."),
        ({"language": "zz"}, "language", "Not an ISO 639-1 language code."),
        ({"language": LONG}, "language", "Ensure this value has at most 2 characters (it has 100000)."),
        ({"title": None}, "title", "This field is required."),
    ],
)
def test_a_hostile_translation_is_refused_on_its_field(client, cesena_staff, practice, changes, field, message):
    client.force_login(cesena_staff)
    data = {key: value for key, value in {"language": "it", "title": "Caffè", **changes}.items() if value is not None}

    response = client.post(f"/en/p/820885/practices/{practice.pk}/translate/", data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    practice.refresh_from_db()
    assert practice.title == {"en": "Language café"}


@pytest.mark.parametrize(
    "query", [f"theme={HUGE}", f"city={HUGE}", f"q={LONG}", "language=zz", "country=ZZ", "target_group=aliens"]
)
def test_hostile_filters_of_the_practice_list_are_ignored(client, practice, query):
    response = client.get(f"/en/p/820885/practices/?{query}")

    assert response.status_code == 200


@pytest.fixture
def standards(programme):
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), stdout=None)
    return {s.key: s for s in BenchmarkStandard.objects.all()}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"assessed_on": "0001-01-01"}, "assessed_on",
         "A self-assessment is dated from 2018-02-01, a year before the programme starts."),
        ({"assessed_on": "9999-12-31"}, "assessed_on", "A self-assessment cannot be dated in the future."),
        ({"assessed_on": ""}, "assessed_on", "This field is required."),
        ({"score_A1": HUGE}, "score_A1", "A score is a level from 1 to 4."),
        ({"score_A1": "-1"}, "score_A1", "A score is a level from 1 to 4."),
        ({"score_A1": "NaN"}, "score_A1", "A score is a level from 1 to 4."),
        ({"score_A1": "1e400"}, "score_A1", "A score is a level from 1 to 4."),
        ({"evidence_A1": LONG}, "evidence_A1", "Evidence: at most 5,000 characters, not 100,000."),
    ],
)  # fmt: skip
def test_a_hostile_self_assessment_is_refused_on_its_field(client, cesena_staff, standards, changes, field, message):
    client.force_login(cesena_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/self-assessment/", {"assessed_on": "2020-01-15", "score_A1": "2", **changes}
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert SelfAssessment.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title_en": LONG}, "title_en", "Title: at most 200 characters, not 100,000."),
        ({"statement_it": LONG}, "statement_it", "Statement: at most 2,000 characters, not 100,000."),
        ({"level_3_en": LONG}, "level_3_en", "Level: at most 2,000 characters, not 100,000."),
        ({"theme": HUGE}, "theme", "Select a valid choice. That choice is not one of the available choices."),
        ({"key": "x" * 17}, "key", "Ensure this value has at most 16 characters (it has 17)."),
        ({"key": "A 1!"}, "key", "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    ],
)
def test_a_hostile_standard_is_refused_on_its_field(client, coordinator, standards, changes, field, message):
    client.force_login(coordinator)
    data = {
        "key": "Z1", "theme": str(Theme.objects.get(key="C").pk), "title_en": "A title", "statement_en": "A statement",
        **{f"level_{n}_en": f"Level {n}" for n in range(1, 5)}, **changes,
    }  # fmt: skip

    response = client.post("/en/p/820885/benchmarks/new/", data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert BenchmarkStandard.objects.count() == 16


def _record(**changes) -> dict:
    record = {
        "organisation": "cesena", "original_language": "it", "title": {"it": "Caffè"},
        "summary": {"it": "Ogni martedì."}, "themes": ["C"], "target_groups": [], "volunteers": 12,
        "period_start": None, "period_end": None, "contact": "", "status": "proposed",
    }  # fmt: skip
    return {**record, **changes}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"volunteers": int(HUGE)}, f"volunteers: {VOLUNTEERS}"),
        ({"volunteers": HUGE}, f"volunteers: {VOLUNTEERS}"),
        ({"volunteers": -1}, "volunteers: must be a whole number"),
        ({"volunteers": "NaN"}, "volunteers: must be a whole number"),
        ({"period_start": "0001-01-01"}, "period_start: Since: a date from 1900-01-01 to 2099-12-31."),
        ({"period_end": "9999-12-31"}, "period_end: Until: a date from 1900-01-01 to 2099-12-31."),
        ({"summary": {"it": LONG}}, "summary.it: Summary: at most 2,000 characters, not 100,000."),
        ({"summary": "Ogni martedì."}, "summary: is a mapping of language codes to texts"),
        ({"title": {"it": 42}}, "title: is a mapping of language codes to texts"),
        ({"themes": "C"}, "themes: is a list of ids"),
        ({"themes": 7}, "themes: is a list of ids"),
        ({"target_groups": [["women"]]}, "target_groups: is a list of ids"),
        ({"organisation": ["cesena"]}, "organisation: \"['cesena']\" is not an organisation of the programme"),
        (
            {"original_language": ["it"]},
            (
                "original_language: \"['it']\" is not an ISO 639-1 language code",
                "title: is needed in the original language",
                "summary: is needed in the original language",
            ),
        ),
        ({"contact": LONG}, "contact: a text of at most 300 characters"),
        ({"contact": 42}, "contact: a text of at most 300 characters"),
    ],
)
def test_a_hostile_import_names_each_problem_and_imports_nothing(programme, tmp_path, capsys, changes, problem):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"practices": [_record(**changes)]}))

    with pytest.raises(CommandError) as refused:
        call_command("import_practices", str(bad))

    assert refused.value.returncode == 2
    problems = problem if isinstance(problem, tuple) else (problem,)
    assert capsys.readouterr().out.splitlines() == [f"{bad}: practices[0].{each}" for each in problems]
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    "text",
    [
        "organisation,original_language,themes,title_it,summary_it\ncesena,it,C,Caffè,Ogni martedì.,extra,cells\n",
        "organisation,original_language,themes,title_it,summary_it\ncesena,it,C,Caffè," + "x" * 200_000 + "\n",
    ],
    ids=["row-longer-than-its-header", "cell-beyond-the-csv-limit"],
)
def test_a_hostile_csv_import_is_refused_without_a_crash(programme, tmp_path, text):
    bad = tmp_path / "bad.csv"
    bad.write_text(text)

    with pytest.raises(CommandError) as refused:
        call_command("import_practices", str(bad))

    assert refused.value.returncode == 2
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    ("user", "address", "field"),
    [
        ("cesena", "/en/p/820885/practices/new/", "title"),
        ("cesena", "/en/p/820885/partners/cesena/self-assessment/", "assessed_on"),
        ("coordinator", "/en/p/820885/benchmarks/new/", "key"),
    ],
)
def test_a_form_posted_empty_names_what_is_missing(client, cesena_staff, coordinator, standards, user, address, field):
    client.force_login(cesena_staff if user == "cesena" else coordinator)

    response = client.post(address)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == ["This field is required."]
    assert (Practice.objects.count(), SelfAssessment.objects.count(), BenchmarkStandard.objects.count()) == (0, 0, 16)


def test_a_json_import_nested_beyond_reason_is_refused(programme, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"practices": ' + "[" * 100_000 + "]" * 100_000 + "}")

    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_practices", str(bad))

    assert Practice.objects.count() == 0
