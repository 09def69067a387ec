"""`values plan`: from the file or the database, with pins, to plan.json and an RFC 5545 calendar."""

import io
import json
from datetime import date

import icalendar
import pytest
from django.core.management import CommandError, call_command

from tests.planning.test_views import SHORT_OF_THE_BOUND


def _plan(*args: str) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_plan_of_the_values_file_writes_json_and_a_calendar_that_parses_back(values_file, tmp_path):
    printed = _plan("--file", str(values_file), "--seed", "1", "--out", str(tmp_path))

    assert "Objective 76 (total interest minus country penalties), proven optimal" in printed
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert [len(c["members"]) for c in plan["communities"]] == [4, 4, 4, 4]
    assert sorted(c["theme"] for c in plan["communities"]) == ["A", "B", "C", "D"]
    calendar = icalendar.Calendar.from_ical((tmp_path / "schedule.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 32  # 16 visits, and 8 pairs exchanging both ways
    assert len({str(e["uid"]) for e in events}) == 32
    visits = [e for e in events if str(e["summary"]).startswith("Mentoring visit to ")]
    assert len(visits) == 16
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert isinstance(start, date)
        assert start.weekday() == 0  # Monday
        assert (end - start).days == (2 if event in visits else 5)
        assert start.month != 8
        assert (1, 6) < (start.month, start.day) < (12, 20)


def test_the_same_seed_gives_the_same_files(values_file, tmp_path):
    _plan("--file", str(values_file), "--seed", "3", "--out", str(tmp_path / "one"))
    _plan("--file", str(values_file), "--seed", "3", "--out", str(tmp_path / "two"))

    one = json.loads((tmp_path / "one" / "plan.json").read_text())
    two = json.loads((tmp_path / "two" / "plan.json").read_text())
    one.pop("wall_seconds"), two.pop("wall_seconds")
    assert one == two
    assert (tmp_path / "one" / "schedule.ics").read_bytes() == (tmp_path / "two" / "schedule.ics").read_bytes()


def test_a_pin_moves_a_city_to_its_theme(values_file, tmp_path):
    _plan("--file", str(values_file), "--pin", "cesena=D", "--out", str(tmp_path))

    plan = json.loads((tmp_path / "plan.json").read_text())
    theme_of = {m: c["theme"] for c in plan["communities"] for m in c["members"]}
    assert theme_of["cesena"] == "D"


def test_conflicting_pins_are_explained_and_exit_2(values_file):
    # Five cities pinned to A need two communities of A; B, C and D need one each: five of four.
    themes = {"A": "cesena riga oslo brno turin", "B": "madrid bristol sheffield ostend", "C": "amsterdam zurich"}
    themes |= {"D": "thessaloniki toulouse"}
    pins = [arg for theme, cities in themes.items() for city in cities.split() for arg in ("--pin", f"{city}={theme}")]
    out = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("plan", "--file", str(values_file), *pins, stdout=out)

    assert refused.value.returncode == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == "- These choices conflict: the cities (16) make communities (4) of size 4, each with one theme."
    assert len(lines) > 1
    assert all(line.startswith("- ") and " is pinned to theme " in line for line in lines[1:])


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--pin", "cesena"], "--pin cesena: expected CITY=THEME, e.g. --pin cesena=A"),
        (["--no-pair", "cesena"], "--no-pair cesena: expected CITY,CITY, e.g. --no-pair cesena,riga"),
    ],
)
def test_badly_written_rules_are_refused(values_file, option, message):
    with pytest.raises(CommandError, match=message) as refused:
        _plan("--file", str(values_file), *option)

    assert refused.value.returncode == 2


def test_a_rule_naming_an_unknown_city_is_refused(values_file):
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("plan", "--file", str(values_file), "--pin", "atlantis=A", stdout=out)

    assert out.getvalue().splitlines() == ["- A rule names what the programme does not have: atlantis, A."]


@pytest.mark.django_db
def test_plan_of_the_loaded_programme_uses_the_database(programme):
    printed = _plan("--seed", "1")

    assert "proven optimal" in printed
    assert "Communities of practice" in printed


def test_a_plan_out_of_time_says_so_and_exits_3(values_file):
    out = io.StringIO()

    with pytest.raises(CommandError, match="the planner ran out of time: allow it more with --time-limit") as stopped:
        call_command("plan", "--file", str(values_file), "--time-limit", "0", stdout=out)

    assert stopped.value.returncode == 3
    assert out.getvalue().splitlines() == ["- The planner found no grouping within the time limit: allow it more time."]


@pytest.mark.django_db
def test_a_programme_whose_communities_are_too_large_to_pair_is_refused_not_a_crash(programme):
    programme.community_size = 16  # as the admin allows: one community of all 16 cities
    programme.save(update_fields=["community_size"])
    out = io.StringIO()

    with pytest.raises(CommandError, match="no plan exists with these constraints") as refused:
        call_command("plan", stdout=out)

    assert refused.value.returncode == 2
    assert out.getvalue().splitlines() == [
        "- Communities of size 16 are too large: the planner pairs communities of size 12 at most. "
        "Choose a smaller community size."
    ]


def test_a_plan_short_of_its_bound_is_printed_as_not_proven_with_the_reason(tmp_path):
    programme_file = tmp_path / "two-italians.yaml"
    programme_file.write_text(SHORT_OF_THE_BOUND, encoding="utf-8")

    printed = _plan("--file", str(programme_file), "--together", "rome,milan")

    lines = printed.splitlines()
    assert lines[0].startswith(
        "Objective 17 (total interest minus country penalties), not proven optimal: gap 15.00% to the bound 20; "
    )
    assert lines[1] == (
        "- The communities of theme A keep more cities of one country together than the bound counts (a shared "
        "working language or a pin or ban required it): the plan may be the best possible, but it is not proven."
    )
