"""Benchmark standards, self-assessments over time and their chart."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests.conftest import ROOT
from values.knowledge.charts import score_chart
from values.knowledge.models import BenchmarkStandard, SelfAssessment
from values.knowledge.queries import benchmark_levels, city_scores
from values.knowledge.services import record_self_assessment
from values.network.models import Organisation

BENCHMARKS = ROOT / "data" / "benchmarks.yaml"


@pytest.fixture
def standards(programme):
    call_command("load_benchmarks", str(BENCHMARKS), stdout=None)
    return {s.key: s for s in BenchmarkStandard.objects.all()}


@pytest.mark.django_db
def test_the_default_set_has_four_standards_per_theme_in_english_and_italian(standards):
    per_theme = sorted((s.theme.key, s.key) for s in standards.values())

    assert len(per_theme) == 16
    assert [key for theme, key in per_theme if theme == "B"] == ["B1", "B2", "B3", "B4"]
    assert all(set(s.title) == {"en", "it"} and sorted(s.levels) == ["1", "2", "3", "4"] for s in standards.values())


@pytest.mark.django_db
def test_loading_twice_updates_by_id(standards):
    call_command("load_benchmarks", str(BENCHMARKS))

    assert BenchmarkStandard.objects.count() == 16


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "standards:\n  - {id: A1, theme: Z, title: T, statement: S, levels: {1: a, 2: b, 3: c, 4: d}}\n",
            'standards[0].theme: "Z" is not one of: A, B, C, D',
        ),
        (
            "standards:\n  - {id: A1, theme: A, title: T, statement: S, levels: {1: a, 2: b, 3: c}}\n",
            "standards[0].levels: must give a text for each of the levels 1, 2, 3 and 4",
        ),
        (
            "standards:\n  - {id: A1, theme: A, title: T, statement: S, levels: {1: a, 2: b, 3: c, 4: d}}\n"
            "  - {id: A1, theme: B, title: U, statement: V, levels: {1: a, 2: b, 3: c, 4: d}}\n",
            'standards[1].id: duplicate standard id "A1" (first used at standards[0].id)',
        ),
    ],
)
def test_a_broken_benchmark_file_is_refused_with_the_key_and_nothing_loaded(programme, tmp_path, capsys, text, line):
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)

    with pytest.raises(CommandError) as refused:
        call_command("load_benchmarks", str(broken))

    assert refused.value.returncode == 2
    assert f"{broken}: {line}" in capsys.readouterr().out.splitlines()
    assert BenchmarkStandard.objects.count() == 0


@pytest.mark.django_db
def test_scores_keep_their_history_first_latest_and_change(standards):
    cesena = Organisation.objects.get(key="cesena")
    record_self_assessment(cesena, scores={standards["A1"]: (1, "No strategy yet.")}, on=date(2019, 3, 1), by=None)
    record_self_assessment(cesena, scores={standards["A1"]: (3, "Strategy adopted.")}, on=date(2020, 12, 1), by=None)

    theme_a = city_scores(cesena, cesena.partnerships.get().programme)[0]

    first_row = theme_a.rows[0]
    assert (first_row.standard.key, first_row.first, first_row.latest, first_row.change) == ("A1", 1, 3, 2)
    assert first_row.evidence == "Strategy adopted."
    assert [(r.standard.key, r.latest) for r in theme_a.rows[1:]] == [("A2", None), ("A3", None), ("A4", None)]


@pytest.mark.django_db
@pytest.mark.parametrize("score", [0, 5, "x"])
def test_a_score_outside_one_to_four_is_refused_and_nothing_saved(standards, score):
    cesena = Organisation.objects.get(key="cesena")

    with pytest.raises(ValidationError) as refused:
        record_self_assessment(
            cesena, scores={standards["A1"]: (2, ""), standards["A2"]: (score, "")}, on=date(2020, 1, 1), by=None
        )

    assert refused.value.message_dict == {"score_A2": ["A score is a level from 1 to 4."]}
    assert SelfAssessment.objects.count() == 0


@pytest.mark.django_db
def test_a_self_assessment_in_the_future_is_refused(standards):
    cesena = Organisation.objects.get(key="cesena")

    with pytest.raises(ValidationError) as refused:
        record_self_assessment(cesena, scores={standards["A1"]: (2, "")}, on=date(2999, 1, 1), by=None)

    assert refused.value.message_dict == {"assessed_on": ["A self-assessment cannot be dated in the future."]}


@pytest.mark.unit
def test_the_chart_puts_the_bars_where_the_levels_are():
    chart = score_chart([("A1", 2, 4), ("A2", None, 1)])

    first, second = chart.groups
    # Height 120 with 6 px kept above level 4: level n tops at 120 - 120 n / 4 + 6 n / 4.
    assert [(b.value, b.y, b.height, b.latest) for b in first.bars] == [(2, 63.0, 57.0, False), (4, 6.0, 114.0, True)]
    assert [(b.value, b.y, b.height) for b in second.bars] == [(1, 91.5, 28.5)]
    assert [bar.x for bar in first.bars] == [37, 53]
    assert chart.gridlines == ((1, 91.5), (2, 63.0), (3, 34.5), (4, 6.0))


@pytest.mark.django_db
def test_cesenas_staff_score_their_city_and_the_partner_page_shows_it(client, cesena_staff, standards):
    client.force_login(cesena_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/self-assessment/",
        {"assessed_on": "2020-01-15", "score_A1": "2", "evidence_A1": "A draft strategy."},
    )
    page = client.get("/en/p/820885/partners/cesena/")

    assert response.status_code == 302
    assert SelfAssessment.objects.get().score == 2
    assert "Scores for theme A" in page.text


@pytest.mark.django_db
def test_a_bad_score_shows_the_form_again_and_saves_nothing(client, cesena_staff, standards):
    client.force_login(cesena_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/self-assessment/", {"assessed_on": "2020-01-15", "score_A1": "7"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["score_A1"] == ["A score is a level from 1 to 4."]
    assert SelfAssessment.objects.count() == 0


@pytest.mark.django_db
def test_another_citys_staff_may_not_score_cesena(client, riga_staff, standards):
    client.force_login(riga_staff)

    response = client.post(
        "/en/p/820885/partners/cesena/self-assessment/", {"assessed_on": "2020-01-15", "score_A1": "2"}
    )

    assert response.status_code == 403
    assert SelfAssessment.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_visitors_are_asked_to_sign_in(client, standards):
    response = client.get("/en/p/820885/partners/cesena/self-assessment/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_the_planner_reads_each_citys_latest_level_per_theme(programme, standards):
    from values.planning.instances import planning_instance
    from values.programme.queries import programme_as_file

    cesena = Organisation.objects.get(key="cesena")
    record_self_assessment(
        cesena, scores={standards["A1"]: (1, ""), standards["A2"]: (2, "")}, on=date(2019, 3, 1), by=None
    )
    record_self_assessment(cesena, scores={standards["A1"]: (4, "")}, on=date(2020, 3, 1), by=None)

    levels = benchmark_levels(programme)
    instance = planning_instance(programme_as_file(programme), levels=levels)

    assert levels == {"cesena": {"A": 3.0}}  # latest A1 = 4, A2 = 2: mean 3
    city = next(c for c in instance.cities if c.id == "cesena")
    assert (city.level("A"), city.level("B")) == (3.0, 5.0)  # B has no score: the interest stands in


@pytest.mark.django_db
def test_an_expert_changes_a_standards_texts(client, standards):
    from tests.conftest import make_member
    from values.network.enums import Role

    client.force_login(make_member("expert", "evc", Role.EXPERT))
    form = client.get("/en/p/820885/benchmarks/A1/edit/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["title_it"] = "Una strategia cittadina condivisa"

    response = client.post("/en/p/820885/benchmarks/A1/edit/", data)

    assert response.status_code == 302
    assert BenchmarkStandard.objects.get(key="A1").title["it"] == "Una strategia cittadina condivisa"


@pytest.mark.django_db
def test_a_standard_without_its_english_statement_is_refused(client, coordinator, standards):
    client.force_login(coordinator)
    form = client.get("/en/p/820885/benchmarks/A1/edit/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["statement_en"] = "  "
    before = BenchmarkStandard.objects.get(key="A1").statement

    response = client.post("/en/p/820885/benchmarks/A1/edit/", data)

    assert response.status_code == 400
    assert response.context["form"].errors["statement_en"] == ["This text is needed in the programme's first language."]
    assert BenchmarkStandard.objects.get(key="A1").statement == before


@pytest.mark.django_db
def test_city_staff_do_not_maintain_the_standards(client, cesena_staff, standards):
    client.force_login(cesena_staff)

    assert client.get("/en/p/820885/benchmarks/A1/edit/").status_code == 403
    assert client.post("/en/p/820885/benchmarks/new/", {"key": "Z1"}).status_code == 403
