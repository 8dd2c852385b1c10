"""Money (*bedragen*): exact amounts in whole cents, never floats.

Amounts built from text, ints, Decimals and cents; the text they write, in Dutch and
English; arithmetic and `allocate`, which splits an amount by ratios to the cent and
never loses one. Each refusal is tested with its exact message, and hostile input
(huge or tiny decimals, ints of thousands of digits, extreme ratios) is refused at once
with a short message; the ratios are tried in a fresh interpreter, where a hang fails
the test instead of stopping the suite.
"""

import json
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import FundingSource, Money
from tests.helpers import MAX_EUROS, exactly, python

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
    assert str(Money(4000000)) == "EUR 4,000,000.00"
    assert repr(Money("-0.5")) == "Money('-0.50')"
    assert Money(4000000).format(lang="nl") == "€ 4.000.000,00"
    assert Money(4000000).format(lang="en") == "EUR 4,000,000.00"
    assert Money("-1234.5").format(lang="nl") == "€ -1.234,50"
    assert Money("-1234.5").format(lang="en") == "EUR -1,234.50"
    assert Money("0.07").format() == "€ 0,07"
    with pytest.raises(ValueError, match="lang"):
        Money(1).format(lang="de")  # type: ignore[arg-type]


def test_the_language_is_lang_and_locale_is_no_keyword():
    assert Money(4000000).format(lang="en") == "EUR 4,000,000.00"
    with pytest.raises(TypeError, match=r"\(\) got an unexpected keyword argument 'locale'"):
        Money(4000000).format(locale="en")  # type: ignore[call-arg]
    with pytest.raises(
        ValueError, match=exactly("Money.format: got lang None, expected 'nl' or 'en'")
    ):
        Money(4000000).format(None)  # type: ignore[arg-type]


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


# === exact values and messages ============================================================

TOP = "1000000000000.00"  # MAX_EUROS as document text
RANGE = "is outside the range of -1000000000000 to 1000000000000 euros"
TOTALS = "is outside the range of -10^30 to 10^30 euros that sums may have"


# --- building from text ----------------------------------------------------------------------


def money_in_a_document(text):
    """The document reader of amounts: `text` as a funding source's amount in `rs.loads`."""
    tree = json.loads(rs.dumps(rs.reference.strategy_2024(), "json"))
    tree["funding_sources"][0]["amount"] = text
    try:
        return rs.loads(json.dumps(tree), "json").funding_sources[0].amount
    except rs.DocumentError as error:
        (problem,) = error.problems
        raise ValueError(f"Money: {problem.message}") from None


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
    assert money_in_a_document(text).cents == cents
    assert money_in_a_document(text) == Money(text)


AMOUNT = re.compile(r"-?[0-9]{1,13}(?:\.[0-9]{1,2})?")  # the pattern, within the range


@given(
    st.one_of(
        st.from_regex(AMOUNT, fullmatch=True),
        st.text(alphabet="-.0123456789\u0663\uff11\u00b2e+_ x", max_size=9),
    )
)
def test_text_is_an_amount_exactly_when_it_matches_the_pattern(text):
    """An oracle: the readers agree with a plain regular expression and `Decimal`."""
    for reader in (Money, money_in_a_document):
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
    with pytest.raises(ValueError, match=exactly(message)):
        Money(text)
    with pytest.raises(ValueError, match=exactly(message)):
        money_in_a_document(text)


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
    for build in (Money, money_in_a_document):
        with pytest.raises(ValueError, match=exactly(message)):
            build(text)


# --- building from ints, Decimals and cents --------------------------------------------------


def test_ints_are_whole_euros_up_to_the_limit_and_no_further():
    assert Money(10**12).cents == 10**14
    assert Money(-(10**12)).cents == -(10**14)
    with pytest.raises(ValueError, match=exactly(f"Money: 1000000000001.00 {RANGE}")):
        Money(10**12 + 1)


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
    with pytest.raises(ValueError, match=exactly(message)):
        Money(value)


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
    with pytest.raises(TypeError, match=exactly(message)):
        Money(value)


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
    with pytest.raises(error, match=exactly(message)):
        Money.from_cents(cents)


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
    assert str(money) == money.format("en")
    assert repr(money) == f"Money('{text}')"
    assert str(money.amount) == text
    assert money.amount == Decimal(text)


@pytest.mark.parametrize(
    ("cents", "nl", "en"),
    [
        (0, "€ 0,00", "EUR 0.00"),
        (5, "€ 0,05", "EUR 0.05"),
        (-5, "€ -0,05", "EUR -0.05"),
        (123456789, "€ 1.234.567,89", "EUR 1,234,567.89"),
        (-400000000, "€ -4.000.000,00", "EUR -4,000,000.00"),
        (99999, "€ 999,99", "EUR 999.99"),
    ],
)
def test_format_for_people_in_dutch_and_english(cents, nl, en):
    money = Money.from_cents(cents)
    assert money.format() == nl
    assert money.format("nl") == nl
    assert money.format("en") == en


def test_format_refuses_another_language_by_name():
    with pytest.raises(
        ValueError, match=exactly("Money.format: got lang 'de', expected 'nl' or 'en'")
    ):
        Money("1").format("de")  # type: ignore[arg-type]


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
    with pytest.raises(
        ValueError,
        match=exactly(
            "Money: 1000000000000000000000000000000.01 is outside the range of -10^30 to 10^30 "
            "euros that sums may have"
        ),
    ):
        most + Money("0.01")
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
    with pytest.raises(error, match=exactly(message)):
        Money("1.00").allocate(ratios)


def test_allocate_accepts_a_zero_ratio_next_to_a_positive_one():
    assert Money("0.03").allocate([0, Decimal("0"), Fraction(0), 1]) == (
        Money("0"),
        Money("0"),
        Money("0"),
        Money("0.03"),
    )


# === hostile input ========================================================================


# --- extreme decimals and ratios ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            Decimal("1E+999999999"),
            "Money: Decimal('1E+999999999') is outside the range of -1000000000000 to "
            "1000000000000 euros",
        ),
        pytest.param(
            10**5000,
            "Money: <an int of 5001 digits> is outside the range of -1000000000000 to "
            "1000000000000 euros",
            id="10**5000",
        ),
        (
            "9" * 5000,
            "Money: '9999999999999999999999999999999999999...' is outside the range of "
            "-1000000000000 to 1000000000000 euros",
        ),
        (
            Decimal("1000000000000.0000000000000000000001"),  # was rounded to 28 digits
            "Money: got Decimal('1000000000000.0000000000000000000001'), an amount finer "
            "than a cent",
        ),
        (
            Decimal("1E-999999999"),
            "Money: got Decimal('1E-999999999'), an amount finer than a cent",
        ),
    ],
)
def test_an_extreme_amount_is_a_short_value_error(value, message):
    with pytest.raises(ValueError, match=exactly(message)):
        Money(value)


def test_an_amount_with_many_trailing_zeros_is_exact():
    assert Money(Decimal("1." + "0" * 100_000)) == Money(1)
    assert Money(Decimal("0E-999999999")) == Money(0)


@pytest.mark.parametrize(
    "ratio",
    [
        Decimal("1E-999999999"),
        Decimal("1E+999999999"),
        Decimal("0." + "1" * 300),
        10**101,
        Fraction(1, 10**101),
    ],
)
def test_an_extreme_ratio_is_a_short_value_error_at_once(ratio):
    result = python(
        f"""
        from decimal import Decimal
        from fractions import Fraction
        from romstrategy import Money
        try:
            Money("4000000").allocate([{ratio!r}, 1])
        except ValueError as error:
            print(error)
        """
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("Money.allocate: ratio 0 is ")
    assert line.endswith(
        "a ratio must be 0 or lie between 1E-100 and 1E+100, written with at most 100 digits "
        "above and below the line"
    )
    assert len(line) < 250


@pytest.mark.parametrize(
    ("ratio", "message"),
    [
        (Decimal("Infinity"), "Money.allocate: ratio 0 is Decimal('Infinity'), expected a number"),
        (Decimal("sNaN"), "Money.allocate: ratio 0 is Decimal('sNaN'), expected a number"),
    ],
)
def test_a_ratio_that_is_not_a_number_is_a_value_error(ratio, message):
    with pytest.raises(ValueError, match=exactly(message)):
        Money(1).allocate([ratio])


def test_ratios_whose_common_denominator_is_huge_are_refused():
    primes = [p for p in range(2, 20000) if all(p % d for d in range(2, int(p**0.5) + 1))]
    with pytest.raises(ValueError, match="common denominator has more than 1000 digits"):
        Money(1).allocate([Fraction(1, p) for p in primes])


@given(
    st.integers(-(10**14), 10**14),
    st.lists(
        st.one_of(
            st.integers(0, 10**6),
            st.fractions(min_value=0, max_value=10**6, max_denominator=10**6),
            st.decimals(min_value=0, max_value=10**6, places=6),
        ),
        min_size=1,
        max_size=8,
    ).filter(any),
)
def test_the_split_of_mixed_ratios_equals_the_split_of_their_fractions(cents, ratios):
    money = Money.from_cents(cents)
    assert money.allocate(ratios) == money.allocate([Fraction(r) for r in ratios])
    assert sum(p.cents for p in money.allocate(ratios)) == cents


def test_an_amount_in_euros_is_exact_whatever_the_decimal_context():
    import decimal

    with decimal.localcontext() as context:
        context.prec = 5
        context.traps[decimal.Inexact] = True
        assert Money("1234567.89").amount == Decimal("1234567.89")
        assert str(Money.from_cents(10**32 - 1).amount) == "9" * 30 + ".99"


RATIO_LIMIT = (
    "a ratio must be 0 or lie between 1E-100 and 1E+100, written with at most 100 digits "
    "above and below the line"
)


@pytest.mark.parametrize(
    "ratio",
    [
        Decimal("1E-999999999"),
        Decimal("1E+999999999"),
        Decimal("1E+101"),
        Decimal("1E-101"),
        Decimal("0." + "1" * 201),
        10**100,
        Fraction(1, 10**100),
        Fraction(10**100, 3),
    ],
)
def test_a_ratio_beyond_the_limits_is_refused_in_process(ratio):
    with pytest.raises(ValueError, match=r"\AMoney.allocate: ratio 1 is ") as caught:
        Money("4000000").allocate([1, ratio])
    assert str(caught.value).startswith("Money.allocate: ratio 1 is ")
    assert str(caught.value).endswith(RATIO_LIMIT)


@pytest.mark.parametrize(
    "ratio",
    [
        Decimal("1E+99"),
        Decimal("1E-99"),
        Decimal("0." + "1" * 99),
        10**100 - 1,
        Fraction(1, 10**100 - 1),
        Fraction(10**100 - 1, 3),
    ],
)
def test_a_ratio_just_within_the_limits_is_allocated_exactly(ratio):
    parts = Money("4000000").allocate([1, ratio])
    assert sum(parts, Money(0)) == Money("4000000")
    share = Fraction(ratio) / (1 + Fraction(ratio))
    assert abs(parts[1].cents - share * 400_000_000) < 1
