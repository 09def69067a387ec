"""Weeks of a programme and the blackout periods that block some of them (checked by hand)."""

import itertools
from datetime import date, timedelta

import pytest

from values.planner.calendar import blocked_weeks, programme_weeks

pytestmark = pytest.mark.unit

VALUES_WEEKS = programme_weeks(date(2019, 2, 1), 24)


def _mondays(weeks: tuple[date, ...], indices: frozenset[int]) -> list[date]:
    return sorted(weeks[index] for index in indices)


def test_the_values_programme_has_104_weeks_from_4_february_2019_to_25_january_2021():
    # 1 February 2019 is a Friday: the first Monday is the 4th. 24 months end on 31 January 2021,
    # a Sunday: the last whole working week starts on Monday 25 January. 721 days = 103 weeks apart.
    assert (len(VALUES_WEEKS), VALUES_WEEKS[0], VALUES_WEEKS[-1]) == (104, date(2019, 2, 4), date(2021, 1, 25))
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(VALUES_WEEKS))
    assert {monday.weekday() for monday in VALUES_WEEKS} == {0}


def test_a_programme_starting_on_a_monday_starts_that_day():
    weeks = programme_weeks(date(2024, 1, 1), 1)

    assert weeks == (date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15), date(2024, 1, 22))


def test_a_week_whose_friday_falls_after_the_last_month_is_not_in_the_programme():
    # March 2025: Mondays 3, 10, 17, 24 and 31; the week of the 31st ends on Friday 4 April.
    weeks = programme_weeks(date(2025, 3, 1), 1)

    assert weeks == (date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17), date(2025, 3, 24))


def test_august_and_christmas_block_exactly_these_17_weeks_of_the_values_programme():
    blocked = blocked_weeks(VALUES_WEEKS, ("08", "12-20/01-06"))

    assert _mondays(VALUES_WEEKS, blocked) == [
        date(2019, 7, 29),  # Thursday 1 and Friday 2 August
        date(2019, 8, 5),
        date(2019, 8, 12),
        date(2019, 8, 19),
        date(2019, 8, 26),
        date(2019, 12, 16),  # Friday 20 December
        date(2019, 12, 23),
        date(2019, 12, 30),
        date(2020, 1, 6),  # Monday 6 January
        date(2020, 8, 3),  # 1 August 2020 is a Saturday: the week of 27 July is free
        date(2020, 8, 10),
        date(2020, 8, 17),
        date(2020, 8, 24),
        date(2020, 8, 31),  # Monday 31 August
        date(2020, 12, 21),  # 20 December 2020 is a Sunday: the week of the 14th is free
        date(2020, 12, 28),
        date(2021, 1, 4),  # Monday 4 to Wednesday 6 January
    ]


def test_a_single_day_blocks_only_the_week_that_contains_it():
    blocked = blocked_weeks(VALUES_WEEKS, ("05-01",))

    # 1 May 2019 is a Wednesday, 1 May 2020 a Friday.
    assert _mondays(VALUES_WEEKS, blocked) == [date(2019, 4, 29), date(2020, 4, 27)]


def test_a_single_day_on_a_weekend_blocks_no_week():
    weeks = programme_weeks(date(2021, 1, 1), 12)

    # 1 May 2021 is a Saturday.
    assert blocked_weeks(weeks, ("05-01",)) == frozenset()


def test_a_range_inside_one_year_blocks_the_weeks_that_touch_it():
    blocked = blocked_weeks(VALUES_WEEKS, ("07-15/07-31",))

    # 15 July 2019 is a Monday; 15 July 2020 a Wednesday; both 29 and 27 July weeks reach the 31st.
    assert _mondays(VALUES_WEEKS, blocked) == [
        date(2019, 7, 15),
        date(2019, 7, 22),
        date(2019, 7, 29),
        date(2020, 7, 13),
        date(2020, 7, 20),
        date(2020, 7, 27),
    ]


def test_no_blackout_blocks_no_week():
    assert blocked_weeks(VALUES_WEEKS, ()) == frozenset()
