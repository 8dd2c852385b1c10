from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from romstrategy import FundingSource, Money
from romstrategy._model._money import MAX_EUROS

MAX_CENTS = MAX_EUROS * 100
cents = st.integers(min_value=-MAX_CENTS, max_value=MAX_CENTS)
ratios = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=50).filter(any)


@pytest.mark.parametrize(
    ("value", "expected_cents"),
    [
        ("1250000.00", 125000000),
        ("1250000", 125000000),
        ("0.1", 10),
        ("-0.05", -5),
        (1250000, 125000000),
        (Decimal("0.10"), 10),
        (Decimal("1E+2"), 10000),
    ],
)
def test_money_accepts_text_ints_and_decimals(value, expected_cents):
    assert Money(value).cents == expected_cents


def test_from_cents_and_amount_have_two_decimals():
    money = Money.from_cents(125000000)
    assert money == Money("1250000.00")
    assert money.amount == Decimal("1250000.00")
    assert str(money.amount) == "1250000.00"
    assert str(Money(0).amount) == "0.00"


def test_float_is_refused_with_the_fix_named():
    with pytest.raises(TypeError, match=r"pass a string such as '0\.10'"):
        Money(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["0.001", Decimal("0.001"), "1.005"])
def test_amount_finer_than_a_cent_is_refused(value):
    with pytest.raises(ValueError, match="finer than a cent"):
        Money(value)


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "Infinity",
        "-inf",
        Decimal("NaN"),
        Decimal("Infinity"),
        "",
        "1,00",
        " 1",
        "1e3",
        "1.\u0663",
        "\u0661",
        "1.\u00b2",
        "+1",
        "1.",
        ".5",
    ],
)
def test_non_numbers_are_refused(value):
    with pytest.raises(ValueError, match="Money: got"):
        Money(value)


@pytest.mark.parametrize("value", [True, None, [1], 1j])
def test_other_types_are_refused(value):
    with pytest.raises(TypeError, match="Money: got"):
        Money(value)


def test_range_is_plus_minus_a_trillion_euros():
    assert Money(MAX_EUROS).cents == MAX_CENTS
    assert Money(-MAX_EUROS).cents == -MAX_CENTS
    with pytest.raises(ValueError, match="outside the range"):
        Money("1000000000000.01")
    with pytest.raises(ValueError, match="outside the range"):
        Money(-MAX_EUROS - 1)
    with pytest.raises(ValueError, match="outside the range"):
        Money(Decimal("1E+999999999"))


def test_a_sum_may_exceed_one_amount_but_a_field_refuses_it():
    total = Money(MAX_EUROS) + Money("0.01")
    assert total.cents == MAX_CENTS + 1
    with pytest.raises(ValueError, match=r"\AFundingSource\.amount: Money: 1000000000000\.01 is"):
        FundingSource(id="f", name="F", amount=total, kind="incidental")


def test_from_cents_refuses_non_ints():
    with pytest.raises(TypeError, match="expected an int of cents"):
        Money.from_cents(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected an int of cents"):
        Money.from_cents(True)


def test_arithmetic_and_sum():
    assert Money("1.10") + Money("2.25") == Money("3.35")
    assert Money("1.10") - Money("2.25") == Money("-1.15")
    assert Money("1.10") * 3 == Money("3.30")
    assert 3 * Money("1.10") == Money("3.30")
    assert -Money("1.10") == Money("-1.10")
    assert abs(Money("-1.10")) == Money("1.10")
    assert sum([Money("0.10")] * 10) == Money(1)
    assert Money("0.10") < Money("0.11") <= Money("0.11")


def test_arithmetic_with_other_types_is_a_type_error():
    with pytest.raises(TypeError):
        Money(1) + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(1) * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(1) * Money(1)  # type: ignore[operator]


def test_text_forms():
    assert str(Money(4000000)) == "EUR 4000000.00"
    assert repr(Money("-0.5")) == "Money('-0.50')"
    assert Money(4000000).format(locale="nl") == "€ 4.000.000,00"
    assert Money(4000000).format(locale="en") == "€4,000,000.00"
    assert Money("-1234.5").format(locale="nl") == "€ -1.234,50"
    assert Money("-1234.5").format(locale="en") == "-€1,234.50"
    assert Money("0.07").format() == "€ 0,07"
    with pytest.raises(ValueError, match="locale"):
        Money(1).format(locale="de")  # type: ignore[arg-type]


def test_allocate_examples_and_tie_break():
    assert Money(4000000).allocate([1, 1, 1]) == (
        Money("1333333.34"),
        Money("1333333.33"),
        Money("1333333.33"),
    )
    # Equal remainders: the earlier part gets the cent.
    assert Money("0.05").allocate([1, 1]) == (Money("0.03"), Money("0.02"))
    # The larger remainder wins over the earlier position.
    assert Money("0.10").allocate([1, 2]) == (Money("0.03"), Money("0.07"))
    assert Money("-1").allocate([1, 1, 1]) == (Money("-0.34"), Money("-0.33"), Money("-0.33"))
    assert Money("1").allocate([0, 1, 0]) == (Money(0), Money(1), Money(0))
    assert Money("1").allocate([Fraction(1, 3), Decimal("0.5")]) == (Money("0.40"), Money("0.60"))


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        ([], ValueError, "no ratios"),
        ([0, 0], ValueError, "all ratios are zero"),
        ([1, -1], ValueError, "expected >= 0"),
        ([1, 0.5], TypeError, "never floats"),
        ([True], TypeError, "never floats"),
        ([Decimal("NaN")], ValueError, "expected a number"),
    ],
)
def test_allocate_refuses_bad_ratios(bad, error, match):
    with pytest.raises(error, match=match):
        Money(1).allocate(bad)


@given(cents, ratios)
def test_allocate_parts_sum_exactly_and_stay_within_a_cent(total, weights):
    money = Money.from_cents(total)
    parts = money.allocate(weights)
    assert len(parts) == len(weights)
    assert sum(part.cents for part in parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, whole)
        assert abs(part.cents - exact) < 1
        if weight == 0:
            assert part.cents == 0


@given(cents, ratios)
def test_allocate_is_deterministic_and_symmetric(total, weights):
    money = Money.from_cents(total)
    assert money.allocate(weights) == money.allocate(list(weights))
    assert tuple(-part for part in money.allocate(weights)) == (-money).allocate(weights)


@given(cents)
def test_text_round_trip(total):
    money = Money.from_cents(total)
    assert Money(money.to_text()) == money
    assert Money(money.amount) == money


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**9), max_size=40))
def test_addition_never_creates_or_loses_a_cent(values):
    moneys = [Money.from_cents(v) for v in values]
    assert sum(moneys, Money.zero()).cents == sum(values)
    if moneys:
        assert (moneys[0] - moneys[0]) == Money.zero()


def test_money_is_immutable_and_hashable():
    money = Money(1)
    with pytest.raises(AttributeError):
        money.cents = 5  # type: ignore[misc]
    assert {Money(1), Money("1.00")} == {Money(1)}
