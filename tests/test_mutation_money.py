"""Money, pinned down to the exact cent, message and boundary (kills mutmut survivors)."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from romstrategy import Money
from romstrategy._model._money import money_of_text

TOP = "1000000000000.00"  # MAX_EUROS as document text
RANGE = "is outside the range of -1000000000000 to 1000000000000 euros"
TOTALS = "is outside the range of -10^30 to 10^30 euros that sums may have"


# --- building from text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("0", 0),
        ("7", 700),
        ("123.4", 12340),
        ("123.45", 12345),
        ("-123.4", -12340),
        ("-123.45", -12345),
        ("-7", -700),
        ("007.05", 705),
        ("0.01", 1),
        ("-0.01", -1),
        (TOP, 100000000000000),
        ("-" + TOP, -100000000000000),
    ],
)
def test_text_gives_exactly_these_cents_by_both_readers(text, cents):
    assert Money(text).cents == cents
    assert money_of_text(text).cents == cents
    assert money_of_text(text) == Money(text)


AMOUNT = re.compile(r"-?[0-9]{1,13}(?:\.[0-9]{1,2})?")  # the pattern, within the range


@given(
    st.one_of(
        st.from_regex(AMOUNT, fullmatch=True),
        st.text(alphabet="-.0123456789\u0663\uff11\u00b2e+_ x", max_size=9),
    )
)
def test_text_is_an_amount_exactly_when_it_matches_the_pattern(text):
    """An oracle: the readers agree with a plain regular expression and `Decimal`."""
    for reader in (Money, money_of_text):
        if AMOUNT.fullmatch(text) is None:
            with pytest.raises(ValueError, match=r"^Money: got "):
                reader(text)
        elif abs(Decimal(text)) > 10**12:
            with pytest.raises(ValueError, match=RANGE):
                reader(text)
        else:
            assert reader(text).cents == Decimal(text) * 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.234", "Money: got '1.234', an amount finer than a cent"),
        ("-0.001", "Money: got '-0.001', an amount finer than a cent"),
        ("", "Money: got '', expected euros such as '1250000.00'"),
        ("-", "Money: got '-', expected euros such as '1250000.00'"),
        ("1.", "Money: got '1.', expected euros such as '1250000.00'"),
        (".5", "Money: got '.5', expected euros such as '1250000.00'"),
        ("+1", "Money: got '+1', expected euros such as '1250000.00'"),
        (" 1", "Money: got ' 1', expected euros such as '1250000.00'"),
        ("1e3", "Money: got '1e3', expected euros such as '1250000.00'"),
        ("1.2.3", "Money: got '1.2.3', expected euros such as '1250000.00'"),
        ("--1", "Money: got '--1', expected euros such as '1250000.00'"),
        ("\u0661\u0662", "Money: got '\u0661\u0662', expected euros such as '1250000.00'"),
        ("1.\u0662", "Money: got '1.\u0662', expected euros such as '1250000.00'"),
        ("1.-5", "Money: got '1.-5', expected euros such as '1250000.00'"),
    ],
)
def test_bad_text_is_refused_with_the_same_message_by_both_readers(text, message):
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Money(text)
    assert str(caught.value) == message
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        money_of_text(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1000000000000.01", f"Money: 1000000000000.01 {RANGE}"),
        ("-1000000000000.01", f"Money: -1000000000000.01 {RANGE}"),
        ("1000000000001", f"Money: 1000000000001.00 {RANGE}"),
        ("-1000000000000.1", f"Money: -1000000000000.10 {RANGE}"),
    ],
)
def test_one_cent_beyond_the_range_is_refused_by_both_readers(text, message):
    for build in (Money, money_of_text):
        with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
            build(text)
        assert str(caught.value) == message


# --- building from ints, Decimals and cents --------------------------------------------------


def test_ints_are_whole_euros_up_to_the_limit_and_no_further():
    assert Money(10**12).cents == 10**14
    assert Money(-(10**12)).cents == -(10**14)
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Money(10**12 + 1)
    assert str(caught.value) == f"Money: 1000000000001.00 {RANGE}"


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (Decimal("1.10"), 110),
        (Decimal("-1.1"), -110),
        (Decimal("0.01"), 1),
        (Decimal("1E+2"), 10000),
        (Decimal("2.500"), 250),
        (Decimal("-0"), 0),
    ],
)
def test_decimals_give_exact_cents(value, cents):
    assert Money(value).cents == cents


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("0.001"), "Money: got Decimal('0.001'), an amount finer than a cent"),
        (Decimal("-1.005"), "Money: got Decimal('-1.005'), an amount finer than a cent"),
        (Decimal("NaN"), "Money: got Decimal('NaN'), an amount must be a finite number"),
        (
            Decimal("-Infinity"),
            "Money: got Decimal('-Infinity'), an amount must be a finite number",
        ),
    ],
)
def test_bad_decimals_are_refused_with_the_reason(value, message):
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Money(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "Money: got True, a bool is not an amount"),
        (
            0.1,
            "Money: got the float 0.1; floats cannot hold cents exactly, pass a string such as '0.10'",
        ),
        (
            [1],
            "Money: got list [1], expected a str such as '1250000.00', an int of euros or a Decimal",
        ),
        (
            Fraction(1, 2),
            "Money: got Fraction Fraction(1, 2), expected a str such as '1250000.00', an int of euros or a Decimal",
        ),
    ],
)
def test_other_types_are_refused_with_a_type_error_naming_them(value, message):
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        Money(value)
    assert str(caught.value) == message


@pytest.mark.parametrize("cents", [0, 1, -1, 10**14, -(10**14)])
def test_from_cents_keeps_every_cent_up_to_the_limit(cents):
    money = Money.from_cents(cents)
    assert money.cents == cents
    assert money == Money(money.to_text())


@pytest.mark.parametrize("cents", [10**14 + 1, -(10**14) - 1, 10**32, -(10**32)])
def test_a_sum_beyond_one_amount_is_exact_but_not_read_back_as_one_amount(cents):
    money = Money.from_cents(cents)
    assert money.cents == cents
    with pytest.raises(ValueError, match=RANGE):
        Money(money.to_text())


@pytest.mark.parametrize(
    ("cents", "error", "message"),
    [
        (10**32 + 1, ValueError, f"Money: 1{'0' * 30}.01 {TOTALS}"),
        (-(10**32) - 1, ValueError, f"Money: -1{'0' * 30}.01 {TOTALS}"),
        (True, TypeError, "Money.from_cents: got True, expected an int of cents"),
        (1.0, TypeError, "Money.from_cents: got 1.0, expected an int of cents"),
        ("1", TypeError, "Money.from_cents: got '1', expected an int of cents"),
    ],
)
def test_from_cents_refuses_what_is_not_an_int_in_range(cents, error, message):
    with pytest.raises(error, match=r"\A[\s\S]*\Z") as caught:
        Money.from_cents(cents)
    assert str(caught.value) == message


def test_zero_is_no_cents_and_reads_as_zero():
    assert Money.zero().cents == 0
    assert Money.zero() == Money("0.00")
    assert Money.zero().to_text() == "0.00"


# --- text out ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (-5, "-0.05"),
        (150, "1.50"),
        (-12345, "-123.45"),
        (100000000000000, "1000000000000.00"),
    ],
)
def test_text_repr_str_and_amount_show_two_decimals_and_the_sign(cents, text):
    money = Money.from_cents(cents)
    assert money.to_text() == text
    assert str(money) == f"EUR {text}"
    assert repr(money) == f"Money('{text}')"
    assert str(money.amount) == text
    assert money.amount == Decimal(text)


@pytest.mark.parametrize(
    ("cents", "nl", "en"),
    [
        (0, "€ 0,00", "€0.00"),
        (5, "€ 0,05", "€0.05"),
        (-5, "€ -0,05", "-€0.05"),
        (123456789, "€ 1.234.567,89", "€1,234,567.89"),
        (-400000000, "€ -4.000.000,00", "-€4,000,000.00"),
        (99999, "€ 999,99", "€999.99"),
    ],
)
def test_format_for_people_in_dutch_and_english(cents, nl, en):
    money = Money.from_cents(cents)
    assert money.format() == nl
    assert money.format("nl") == nl
    assert money.format("en") == en


def test_format_refuses_another_locale_by_name():
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Money("1").format("de")  # type: ignore[arg-type]
    assert str(caught.value) == "Money.format: got locale 'de', expected 'nl' or 'en'"


# --- arithmetic ----------------------------------------------------------------------------


def test_arithmetic_is_exact_in_cents():
    a, b = Money("10.05"), Money("0.06")
    assert (a + b).cents == 1011
    assert (a - b).cents == 999
    assert (b - a).cents == -999
    assert (a * 3).cents == 3015
    assert (3 * a).cents == 3015
    assert (a * -2).cents == -2010
    assert (a * 0).cents == 0
    assert (-a).cents == -1005
    assert (-Money("-0.01")).cents == 1
    assert abs(Money("-10.05")).cents == 1005
    assert abs(a).cents == 1005


def test_sum_starts_from_zero_and_adds_every_cent():
    assert sum([Money("0.10"), Money("0.20"), Money("-0.05")]) == Money("0.25")
    assert sum([Money("1.00")]) == Money("1.00")
    assert 0 + Money("1.00") == Money("1.00")


@pytest.mark.parametrize("other", [1, False, True, 0.0, "0", Decimal(0)])
def test_only_the_int_zero_may_be_added_on_the_left(other):
    with pytest.raises(TypeError):
        other + Money("1.00")


@pytest.mark.parametrize("other", [1, 0, Decimal("1"), "1.00", None])
def test_money_adds_and_subtracts_only_money(other):
    with pytest.raises(TypeError):
        Money("1.00") + other
    with pytest.raises(TypeError):
        Money("1.00") - other


@pytest.mark.parametrize("factor", [True, 1.5, Decimal(2), Fraction(2), Money("2")])
def test_money_is_multiplied_only_by_ints(factor):
    with pytest.raises(TypeError):
        Money("1.00") * factor
    with pytest.raises(TypeError):
        factor * Money("1.00")


def test_sums_go_beyond_one_amount_up_to_the_total_range():
    top = Money(TOP)
    assert (top + Money("0.01")).to_text() == "1000000000000.01"
    assert (-top - Money("0.01")).to_text() == "-1000000000000.01"
    assert (top * 2).cents == 2 * 10**14
    assert (top - top).cents == 0
    most = Money.from_cents(10**32)
    assert most.to_text() == "1" + "0" * 30 + ".00"
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        most + Money("0.01")
    assert str(caught.value) == (
        "Money: 1000000000000000000000000000000.01 is outside the range of -10^30 to 10^30 "
        "euros that sums may have"
    )
    with pytest.raises(ValueError, match="that sums may have"):
        -most - Money("0.01")
    with pytest.raises(ValueError, match=r"<an int of 5004 digits> cents is outside"):
        top * 10**4989


def test_amounts_are_ordered_by_value():
    assert Money("-1") < Money("0") < Money("0.01") < Money("1")
    assert sorted([Money("2"), Money("-3"), Money("0.5")]) == [
        Money("-3"),
        Money("0.5"),
        Money("2"),
    ]


# --- allocate ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cents", "ratios", "parts"),
    [
        (100, [1, 1, 1], (34, 33, 33)),  # a tie: the earliest part gets the cent
        (200, [1, 1, 1], (67, 67, 66)),
        (10, [1, 2], (3, 7)),  # 3.33 and 6.67: the larger remainder gets the cent
        (10, [2, 1], (7, 3)),
        (5, [3, 7], (2, 3)),  # 1.5 and 3.5: a tie, the earlier part wins
        (5, [7, 3], (4, 1)),  # 3.5 and 1.5
        (7, [1, 1, 1, 1], (2, 2, 2, 1)),
        (1, [1, 1, 1], (1, 0, 0)),
        (2, [1, 1, 1], (1, 1, 0)),
        (100, [0, 1], (0, 100)),
        (100, [1, 0, 1], (50, 0, 50)),
        (3, [0, 1, 0, 1], (0, 2, 0, 1)),
        (101, [1], (101,)),
        (0, [1, 2, 3], (0, 0, 0)),
        (100, [Fraction(1, 3), Fraction(2, 3)], (33, 67)),
        (100, [Decimal("0.5"), Decimal("0.25"), Decimal("0.25")], (50, 25, 25)),
        (10, [10**6, 1], (10, 0)),
        (999, [1, 1, 1, 1, 1, 1], (167, 167, 167, 166, 166, 166)),
        (400000000, [2, 1, 1], (200000000, 100000000, 100000000)),
    ],
)
def test_allocate_gives_these_exact_parts(cents, ratios, parts):
    result = Money.from_cents(cents).allocate(ratios)
    assert tuple(part.cents for part in result) == parts
    assert all(type(part) is Money for part in result)
    negative = Money.from_cents(-cents).allocate(ratios)
    assert tuple(part.cents for part in negative) == tuple(-p for p in parts)


def test_allocate_reads_a_one_shot_iterator():
    assert Money("1.00").allocate(iter([1, 3])) == (Money("0.25"), Money("0.75"))
    assert Money("1.00").allocate(r for r in (1, 1)) == (Money("0.50"), Money("0.50"))


@pytest.mark.parametrize(
    ("ratios", "error", "message"),
    [
        ([], ValueError, "Money.allocate: got no ratios, expected at least one"),
        ([0, 0], ValueError, "Money.allocate: all ratios are zero, expected at least one above 0"),
        ([0], ValueError, "Money.allocate: all ratios are zero, expected at least one above 0"),
        ([1, -1], ValueError, "Money.allocate: ratio 1 is -1, expected >= 0"),
        (
            [Fraction(-1, 2)],
            ValueError,
            "Money.allocate: ratio 0 is Fraction(-1, 2), expected >= 0",
        ),
        (
            [1, 2, Decimal("NaN")],
            ValueError,
            "Money.allocate: ratio 2 is Decimal('NaN'), expected a number",
        ),
        (
            [Decimal("Infinity")],
            ValueError,
            "Money.allocate: ratio 0 is Decimal('Infinity'), expected a number",
        ),
        (
            [1, 0.5],
            TypeError,
            "Money.allocate: ratio 1 is 0.5; use ints, Fractions or Decimals, never floats",
        ),
        (
            [True],
            TypeError,
            "Money.allocate: ratio 0 is True; use ints, Fractions or Decimals, never floats",
        ),
        (
            ["1"],
            TypeError,
            "Money.allocate: ratio 0 is '1'; use ints, Fractions or Decimals, never floats",
        ),
    ],
)
def test_allocate_refuses_bad_ratios_naming_the_index(ratios, error, message):
    with pytest.raises(error, match=r"\A[\s\S]*\Z") as caught:
        Money("1.00").allocate(ratios)
    assert str(caught.value) == message


def test_allocate_accepts_a_zero_ratio_next_to_a_positive_one():
    assert Money("0.03").allocate([0, Decimal("0"), Fraction(0), 1]) == (
        Money("0"),
        Money("0"),
        Money("0"),
        Money("0.03"),
    )
