"""Money arithmetic (DESIGN.md, "Money rule"): Decimal only, half-up to the cent, shares add up exactly."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from values.core.money import (
    MoneyError,
    flat_rate,
    format_plain,
    parse_money,
    rate_of,
    split_by_rate,
    split_shares,
    stated_rate_disagrees,
    to_euro,
)

pytestmark = pytest.mark.unit

CENT = Fraction(1, 100)
HALF_CENT = Fraction(1, 200)
NOT_A_STRING = 'must be a string in quotes like "1234.50", not a number'

amounts = st.integers(min_value=0, max_value=10**12).map(lambda cents: Decimal(cents).scaleb(-2))
weights = st.lists(
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=12,
).filter(lambda values: sum(values) > 0)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
few_examples = settings(max_examples=300, database=None, deadline=None)


def _exact_shares(total: Decimal, weights: list[Decimal]) -> list[Fraction]:
    weight_sum = sum(Fraction(weight) for weight in weights)
    return [Fraction(total) * Fraction(weight) / weight_sum for weight in weights]


# -- parse_money -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "amount"),
    [
        pytest.param("22732.15", "22732.15", id="two-decimals"),
        pytest.param("0", "0.00", id="zero"),
        pytest.param("5.5", "5.50", id="one-decimal"),
        pytest.param(" 899973.58 ", "899973.58", id="surrounding-spaces"),
    ],
)
def test_money_string_is_read_as_an_amount_with_two_decimals(text, amount):
    parsed = parse_money(text)

    assert parsed == Decimal(amount)
    assert str(parsed) == amount


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(22732.15, NOT_A_STRING, id="float"),
        pytest.param(22732, NOT_A_STRING, id="int"),
        pytest.param(None, 'must be a string in quotes like "1234.50", not nothing', id="none"),
        pytest.param("1,000.00", '"1,000.00" is not an amount like "1234.50"', id="thousands-separator"),
        pytest.param("1e3", '"1e3" is not an amount like "1234.50"', id="exponent"),
        pytest.param("", '"" is not an amount like "1234.50"', id="empty"),
        pytest.param("-1.00", '"-1.00" is negative', id="negative"),
        pytest.param("-0.00", '"-0.00" is negative', id="negative-zero"),
        pytest.param("1.001", '"1.001" has more than two decimals', id="three-decimals"),
        pytest.param("1.000", '"1.000" has more than two decimals', id="three-decimals-ending-in-zero"),
    ],
)
def test_value_that_is_not_money_is_refused_with_the_reason(value, message):
    with pytest.raises(MoneyError) as raised:
        parse_money(value)

    assert str(raised.value) == message


def test_true_or_false_is_not_money():
    with pytest.raises(MoneyError):
        parse_money(True)


def test_money_in_non_ascii_digits_is_refused():
    with pytest.raises(MoneyError) as raised:
        parse_money("٨٩٩.٠٠")  # 899.00 in Arabic-Indic digits

    assert str(raised.value) == '"٨٩٩.٠٠" is not an amount like "1234.50"'


def test_amount_is_written_with_two_decimals_and_no_grouping():
    text = format_plain(Decimal("899973.5"))

    assert text == "899973.50"


# -- split_by_rate ---------------------------------------------------------------------
def test_split_by_rate_of_the_cesena_budget_at_90_percent():
    # 22732.15 × 0.9 = 20458.935 → half-up 20458.94; 22732.15 − 20458.94 = 2273.21.
    parts = split_by_rate(Decimal("22732.15"), Decimal("0.9"))

    assert parts == (Decimal("20458.94"), Decimal("2273.21"))


def test_split_by_rate_of_the_cesena_budget_at_the_stated_80_percent():
    # 22732.15 × 0.8 = 18185.72 exactly; 22732.15 − 18185.72 = 4546.43.
    parts = split_by_rate(Decimal("22732.15"), Decimal("0.80"))

    assert parts == (Decimal("18185.72"), Decimal("4546.43"))


def test_split_by_rate_rounds_half_a_cent_up_not_to_even():
    # 0.25 × 0.5 = 0.125: half-up gives 0.13 (banker's rounding would give 0.12).
    parts = split_by_rate(Decimal("0.25"), Decimal("0.5"))

    assert parts == (Decimal("0.13"), Decimal("0.12"))


@few_examples
@given(total=amounts, rate=rates)
def test_split_by_rate_parts_add_up_to_the_total(total, rate):
    share, remainder = split_by_rate(total, rate)

    assert share + remainder == total
    assert abs(Fraction(share) - Fraction(total) * Fraction(rate)) <= HALF_CENT
    assert (share >= 0, remainder >= 0) == (True, True)


# -- split_shares ----------------------------------------------------------------------
def test_split_shares_of_the_cesena_budget_gives_the_grant_agreement_amounts():
    shares = split_shares(Decimal("22732.15"), [Decimal("0.9"), Decimal("0.1")])

    assert shares == [Decimal("20458.94"), Decimal("2273.21")]


@pytest.mark.parametrize(
    "weights",
    [
        pytest.param([], id="no-weights"),
        pytest.param([Decimal(0), Decimal(0)], id="zero-sum"),
        pytest.param([Decimal(2), Decimal(-1)], id="negative-weight"),
    ],
)
def test_split_shares_without_non_negative_weights_of_positive_sum_is_refused(weights):
    with pytest.raises(ValueError, match=r"^weights must be non-negative with a positive sum$"):
        split_shares(Decimal("100.00"), weights)


@few_examples
@given(total=amounts, weights=weights)
def test_split_shares_always_add_up_to_the_total(total, weights):
    shares = split_shares(total, weights)

    assert sum(shares, Decimal(0)) == total
    assert len(shares) == len(weights)
    assert min(shares) >= 0


@few_examples
@given(total=amounts, weights=weights)
@example(total=Decimal("0.10"), weights=[Decimal(1), Decimal(1), Decimal(1), Decimal(1)])
def test_split_shares_are_each_within_one_cent_of_the_exact_share(total, weights):
    shares = split_shares(total, weights)

    exact = _exact_shares(total, weights)
    assert max(abs(Fraction(share) - want) for share, want in zip(shares, exact, strict=True)) <= CENT


@few_examples
@given(total=amounts, rate=rates)
def test_split_shares_in_two_is_the_split_by_rate(total, rate):
    shares = split_shares(total, [rate, 1 - rate])

    assert shares == list(split_by_rate(total, rate))


# -- rate_of and stated_rate_disagrees -------------------------------------------------
def test_rate_of_the_cesena_amounts_is_90_percent():
    rate = rate_of(Decimal("20458.94"), Decimal("22732.15"))

    assert rate == Decimal("0.9000")


def test_rate_of_a_zero_total_is_none():
    rate = rate_of(Decimal("0.00"), Decimal("0.00"))

    assert rate is None


@pytest.mark.parametrize(
    ("eu_contribution", "stated_rate", "disagrees"),
    [
        pytest.param("20458.94", "0.80", True, id="cesena-stated-80-percent"),
        pytest.param("20458.94", "0.90", False, id="cesena-at-90-percent"),
        pytest.param("20458.95", "0.90", False, id="one-cent-off"),
        pytest.param("20458.96", "0.90", True, id="two-cents-off"),
    ],
)
def test_stated_rate_disagrees_only_by_more_than_a_cent(eu_contribution, stated_rate, disagrees):
    result = stated_rate_disagrees(Decimal("22732.15"), Decimal(eu_contribution), Decimal(stated_rate))

    assert result is disagrees


# Rates as the Commission publishes them: units of the currency per euro, up to six significant decimals.
euro_rates = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=6, allow_nan=False,
                         allow_infinity=False).filter(lambda rate: rate > 0)  # fmt: skip
signed_amounts = st.integers(min_value=-(10**11), max_value=10**11).map(lambda cents: Decimal(cents).scaleb(-2))


@given(amount=signed_amounts, rate=euro_rates)
@few_examples
def test_a_conversion_to_euro_is_within_half_a_cent_of_the_exact_value(amount, rate):
    converted = to_euro(amount, rate)

    assert converted == converted.quantize(Decimal("0.01"))
    assert abs(Fraction(converted) - Fraction(amount) / Fraction(rate)) <= HALF_CENT


@given(amount=amounts, rate=euro_rates)
@few_examples
def test_a_correcting_entry_cancels_its_expense_to_the_cent(amount, rate):
    assert to_euro(amount, rate) + to_euro(-amount, rate) == 0


def test_known_conversions_from_the_commissions_monthly_rates():
    # NOK at 11.7235 per euro (a monthly accounting rate of 2020): 5,000.00 NOK is 426.49 EUR (426.4938...).
    assert to_euro(Decimal("5000.00"), Decimal("11.7235")) == Decimal("426.49")
    # CZK at 26.781: 12,345.67 CZK is 460.99 EUR (460.9861...), half-up at the cent.
    assert to_euro(Decimal("12345.67"), Decimal("26.781")) == Decimal("460.99")
    # An exact half cent rounds up: 0.05 at 10 per euro is 0.005 EUR, so 0.01.
    assert to_euro(Decimal("0.05"), Decimal("10")) == Decimal("0.01")


def test_indirect_costs_are_seven_percent_of_direct_costs_rounded_half_up():
    # 21,245.00 of direct costs and 7 % on top give Cesena's total: 21,245.00 + 1,487.15 = 22,732.15.
    assert flat_rate(Decimal("21245.00"), Decimal("0.07")) == Decimal("1487.15")
    assert flat_rate(Decimal("0.50"), Decimal("0.07")) == Decimal("0.04")  # 0.035 rounds up
