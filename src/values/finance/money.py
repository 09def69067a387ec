"""Money arithmetic: Decimal only, rounded half-up to the cent (DESIGN.md, "Money rule").

Pure Python: no Django import, so it is used by the programme-file reader and the web alike.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_MONEY = re.compile(r"^-?\d+(\.\d+)?$")


class MoneyError(ValueError):
    """A money value that is not a non-negative amount with at most two decimals."""


def parse_money(value: object) -> Decimal:
    """A money amount from its string form, e.g. "22732.15"; refuses floats, which lose cents."""
    if isinstance(value, bool) or not isinstance(value, str):
        kind = "a number" if isinstance(value, (int, float)) else type(value).__name__
        raise MoneyError(f'must be a string in quotes like "1234.50", not {kind}')
    text = value.strip()
    if not _MONEY.match(text):
        raise MoneyError(f'"{value}" is not an amount like "1234.50"')
    amount = Decimal(text)
    if amount < 0:
        raise MoneyError(f'"{value}" is negative')
    if amount != amount.quantize(CENT):
        raise MoneyError(f'"{value}" has more than two decimals')
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
    """Shares of `total` in proportion to `weights`; the last share is the remainder."""
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum <= 0:
        raise ValueError("weights must be non-empty with a positive sum")
    shares = [round_cent(total * weight / weight_sum) for weight in weights[:-1]]
    return [*shares, total - sum(shares, Decimal(0))]


def rate_of(part: Decimal, total: Decimal) -> Decimal | None:
    """`part / total` as a fraction with four decimals; None when the total is zero."""
    if total == 0:
        return None
    return (part / total).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def stated_rate_disagrees(total: Decimal, eu_contribution: Decimal, stated_rate: Decimal) -> bool:
    """Whether a stated EU rate and the amounts differ by more than a cent (DESIGN.md)."""
    expected, _ = split_by_rate(total, stated_rate)
    return abs(expected - eu_contribution) > CENT
