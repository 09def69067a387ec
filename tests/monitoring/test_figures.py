"""The pure arithmetic of monitoring (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from values.monitoring.figures import (
    expected_rate,
    last_complete,
    programme_quarters,
    straight_line,
    under_spending,
)

pytestmark = pytest.mark.unit


def test_values_quarters_start_in_february():
    # VALUES: February 2019, 24 months: Q1 is February to April, Q8 November 2020 to January 2021.
    quarters = programme_quarters(date(2019, 2, 1), 24)

    assert (len(quarters), quarters[0].first, quarters[0].last) == (8, date(2019, 2, 1), date(2019, 4, 30))
    assert (quarters[-1].first, quarters[-1].last, quarters[-1].months) == (date(2020, 11, 1), date(2021, 1, 31), 24)


def test_a_duration_not_divisible_by_three_ends_with_a_short_quarter():
    # 13 months from January 2020: Q5 is January 2021 alone.
    quarters = programme_quarters(date(2020, 1, 1), 13)

    assert [(q.label, q.first, q.last, q.months) for q in quarters[-1:]] == [
        ("Q5", date(2021, 1, 1), date(2021, 1, 31), 13)
    ]


def test_straight_lines_round_half_up():
    q1, q2, q3, *_ = programme_quarters(date(2019, 2, 1), 24)

    # 16 × 3/24 = 2; 16 × 9/24 = 6; 10 × 3/24 = 1.25 → 1; 20 × 6/24 = 5; 2 × 9/24 = 0.75 → 1; 4 × 3/24 = 0.5 → 1.
    assert [straight_line(16, q1, 24), straight_line(16, q3, 24), straight_line(10, q1, 24)] == [2, 6, 1]
    assert [straight_line(20, q2, 24), straight_line(2, q3, 24), straight_line(4, q1, 24)] == [5, 1, 1]


def test_expected_spending_rate_and_the_margin():
    quarters = programme_quarters(date(2019, 2, 1), 24)

    # 90 % by the end: 90 × 6/24 = 22.5 % by Q2.
    assert expected_rate(90, quarters[1], 24) == Decimal("0.2250")
    # 15 points below: 7.5 % is not under-spending against 22.5 %, 7.49 % is.
    expected = Decimal("0.2250")
    assert (under_spending(Decimal("0.0750"), expected), under_spending(Decimal("0.0749"), expected)) == (False, True)


def test_the_last_complete_quarter_is_the_one_whose_last_day_has_passed():
    quarters = programme_quarters(date(2020, 1, 1), 12)

    assert last_complete(quarters, date(2020, 3, 31)) is None  # Q1's last day is not over yet
    assert last_complete(quarters, date(2020, 4, 1)).label == "Q1"
