"""Money arithmetic: Decimal only, rounded half-up to the cent (DESIGN.md, "Money rule").

Pure Python: no Django import, so it is used by the programme-file reader and the web alike.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# Indirect costs as a share of direct costs when a budget names no other rate (AMIF's flat rate).
DEFAULT_INDIRECT_RATE = Decimal("0.07")
_MONEY = re.compile(r"^-?\d+(\.\d+)?$", re.ASCII)
# The largest amount the database keeps (14 digits, two of them decimals).
MAX_AMOUNT = Decimal("999999999999.99")


class MoneyError(ValueError):
    """A money value that is not a non-negative amount with at most two decimals."""


def parse_money(value: object) -> Decimal:
    """A money amount from its string form, e.g. "22732.15"; refuses floats, which lose cents."""
    if isinstance(value, bool) or not isinstance(value, str):
        kind = (
            "true/false"
            if isinstance(value, bool)
            else "a number"
            if isinstance(value, (int, float))
            else "nothing"
            if value is None
            else type(value).__name__
        )
        raise MoneyError(f'must be a string in quotes like "1234.50", not {kind}')
    text = value.strip()
    if not _MONEY.match(text):
        raise MoneyError(f'"{value}" is not an amount like "1234.50"')
    if text.startswith("-"):
        raise MoneyError(f'"{value}" is negative')
    if "." in text and len(text.split(".")[1]) > 2:
        raise MoneyError(f'"{value}" has more than two decimals')
    amount = Decimal(text)
    if amount > MAX_AMOUNT:
        raise MoneyError(f'"{value}" is larger than the largest amount, {MAX_AMOUNT}')
    return amount.quantize(CENT)


def format_plain(amount: Decimal) -> str:
    """The file form of an amount: two decimals, no grouping."""
    return f"{amount.quantize(CENT):.2f}"


def round_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split_by_rate(total: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(share at `rate`, remainder): the share rounded half-up, the remainder exact."""
    share = round_cent(total * rate)
    return share, total - share


def split_shares(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Shares of `total` in proportion to `weights`, adding up to `total` exactly.

    Cumulative rounding: each running sum is rounded half-up and a share is the step between
    two rounded sums, so every share is within a cent of its exact value and the last share
    is the remainder. For two shares this is `split_by_rate`.
    """
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum <= 0 or any(weight < 0 for weight in weights):
        raise ValueError("weights must be non-negative with a positive sum")
    shares, running, previous = [], Decimal(0), Decimal(0)
    for weight in weights[:-1]:
        running += weight
        rounded = round_cent(total * running / weight_sum)
        shares.append(rounded - previous)
        previous = rounded
    return [*shares, total - previous]


def rate_of(part: Decimal, total: Decimal) -> Decimal | None:
    """`part / total` as a fraction with four decimals; None when the total is zero."""
    if total == 0:
        return None
    return (part / total).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def stated_rate_disagrees(total: Decimal, eu_contribution: Decimal, stated_rate: Decimal) -> bool:
    """Whether a stated EU rate and the amounts differ by more than a cent (DESIGN.md)."""
    expected, _ = split_by_rate(total, stated_rate)
    return abs(expected - eu_contribution) > CENT


def to_euro(amount: Decimal, rate: Decimal) -> Decimal:
    """The euro value of `amount` in a currency quoted at `rate` units per euro, as the Commission's
    monthly accounting rates are, rounded half-up to the cent."""
    if rate <= 0:
        raise ValueError("a rate is a positive number of units per euro")
    return round_cent(amount / rate)


def flat_rate(direct_costs: Decimal, rate: Decimal) -> Decimal:
    """Indirect costs as a flat rate of the direct costs (7 % in AMIF grants), rounded half-up to the cent."""
    return round_cent(direct_costs * rate)
