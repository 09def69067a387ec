"""The arithmetic of monitoring: the programme's quarters, what is expected by each, and the flags. Pure Python.

Quarters are the programme's own (Q1 = its months 1 to 3 from its start), not calendar quarters: a programme
that starts in February reports on February to April. Everything is cumulative: a quarter's figure is what was
done from the start to its last day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# A spending rate lags time: travel is reimbursed after the trip and staff costs are claimed per period, so a
# partner a few weeks behind the straight line is normal. 15 percentage points (3.6 months of a 24-month
# programme) is what the coordinator would chase: below the expected rate by more, a partner is under-spending.
UNDERSPENDING_MARGIN = Decimal("0.15")
PERCENT = Decimal(100)
RATE_PLACES = Decimal("0.0001")  # rates as fractions with four decimals, as finance writes them


@dataclass(frozen=True)
class Quarter:
    number: int  # 1 for the programme's first three months
    first: date
    last: date  # the programme's last day in a short last quarter
    months: int  # months from the programme's start to this quarter's end

    @property
    def label(self) -> str:
        return f"Q{self.number}"


def month_start(start: date, months: int) -> date:
    """The first day of the month `months` after `start`'s."""
    index = start.month - 1 + months
    return date(start.year + index // 12, index % 12 + 1, 1)


def programme_quarters(start: date, duration_months: int) -> list[Quarter]:
    """The programme's quarters from its first month; the last is shorter when the duration is not a multiple of 3."""
    quarters = []
    for number, first_month in enumerate(range(0, duration_months, 3), start=1):
        months = min(first_month + 3, duration_months)
        quarters.append(
            Quarter(number, month_start(start, first_month), month_start(start, months) - timedelta(days=1), months)
        )
    return quarters


def last_complete(quarters: list[Quarter], today: date) -> Quarter | None:
    """The latest quarter whose last day has passed: the one the flags judge (None: too early to judge)."""
    done = [quarter for quarter in quarters if quarter.last < today]
    return done[-1] if done else None


def straight_line(target: int, quarter: Quarter, duration_months: int) -> int:
    """What a straight line from 0 at the start to `target` at the end reaches by the quarter's end, rounded
    half up to a whole number (16 over 24 months: 2 by the end of Q1, 6 by Q3)."""
    share = Decimal(target) * quarter.months / duration_months
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_rate(target_percent: int, quarter: Quarter, duration_months: int) -> Decimal:
    """The spending rate a straight line to `target_percent` at the end reaches by the quarter's end."""
    rate = Decimal(target_percent) / PERCENT * quarter.months / duration_months
    return rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def behind(actual: int, expected: int) -> int:
    """How many short of what was expected (0 when on track or ahead)."""
    return max(0, expected - actual)


def under_spending(rate: Decimal, expected: Decimal) -> bool:
    return rate < expected - UNDERSPENDING_MARGIN
