"""Exact amounts of euros in whole cents (*bedragen*)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs

from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError

__all__ = ["MAX_EUROS", "MAX_TOTAL_EUROS", "Money", "check_amount", "money_of_text", "money_text"]

MAX_EUROS = 10**12
"""The largest absolute amount, in euros, that one amount may have."""

MAX_TOTAL_EUROS = 10**30
"""The largest absolute sum, difference or multiple, in euros, that `Money` holds.

No sum of amounts can reach it: that would take 10^18 amounts of the
largest size, far more than fit in any computer's memory.
"""

_MAX_CENTS = MAX_EUROS * 100
_MAX_TOTAL_CENTS = MAX_TOTAL_EUROS * 100
_SHOWN_DIGITS = 38
if TYPE_CHECKING:  # fractions is imported when amounts are split, not with the package
    from fractions import Fraction

    _Ratio = int | Fraction | Decimal


def _check_range(cents: int) -> int:
    if not -_MAX_CENTS <= cents <= _MAX_CENTS:
        raise _outside_the_range(_euro_text(cents))
    return cents


def _check_total(cents: int) -> int:
    if not -_MAX_TOTAL_CENTS <= cents <= _MAX_TOTAL_CENTS:
        amount = _euro_text(cents) if cents.bit_length() <= 128 else f"{shown(cents)} cents"
        raise ArgumentError(
            f"Money: {amount} is outside the range of -10^30 to 10^30 euros that sums may have"
        )
    return cents


def _outside_the_range(amount: str) -> ValueError:
    return ValueError(f"Money: {amount} is outside the range of -{MAX_EUROS} to {MAX_EUROS} euros")


def check_amount(money: Money, where: str) -> Money:
    """Return `money` if it lies in the range of one amount, ±10^12 euros.

    Raises:
        ValueError: naming `where`, for a sum that is larger than one amount may be.
    """
    if not -_MAX_CENTS <= money.cents <= _MAX_CENTS:
        raise ArgumentError(f"{where}: {_outside_the_range(_euro_text(money.cents))}")
    return money


def _euro_text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def _cents_from_text(value: str) -> int:
    # The common forms "123", "123.4" and "123.45" are parsed without a regex.
    text = value[1:] if value[:1] == "-" else value
    whole, dot, part = text.partition(".")
    if not (
        text.isascii() and whole.isdigit() and (not dot or (part.isdigit() and len(part) <= 2))
    ):
        return _cents_from_odd_text(value)
    if len(whole) > _SHOWN_DIGITS and len(whole.lstrip("0")) > _SHOWN_DIGITS:
        raise _outside_the_range(shown(value))  # far too large to be worth converting
    whole = whole.lstrip("0") or "0"  # so that leading zeros never reach the digit limit
    cents = int(whole) * 100 + (int(part) * (10 if len(part) == 1 else 1) if dot else 0)
    return -cents if text is not value else cents


def _cents_from_odd_text(value: str) -> NoReturn:
    # Only text that is not an amount gets here: the check above accepts every
    # ASCII "-?[0-9]+(.[0-9]{1,2})?", and nothing else.
    finer = value.isascii() and re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", value) is not None
    raise ArgumentError(
        f"Money: got {shown(value)}, "
        + ("an amount finer than a cent" if finer else "expected euros such as '1250000.00'")
    )


def _cents_from_decimal(value: Decimal) -> int:
    if not value.is_finite():
        raise ArgumentError(f"Money: got {shown(value)}, an amount must be a finite number")
    if not value:
        return 0
    if value.adjusted() >= _SHOWN_DIGITS:
        raise _outside_the_range(shown(value))  # far too large to be worth converting
    # Exactly, whatever the decimal context: drop trailing zeros, then at most
    # two decimals may remain.
    sign, numerals, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # a finite Decimal has an int exponent
    significant = len(numerals)
    while numerals[significant - 1] == 0:
        significant -= 1
    exponent += len(numerals) - significant
    if exponent < -2:
        raise ArgumentError(f"Money: got {shown(value)}, an amount finer than a cent")
    cents: int = int("".join(map(str, numerals[:significant]))) * 10 ** (exponent + 2)
    return -cents if sign else cents


def _cents_from(value: object) -> int:
    if isinstance(value, bool):
        raise ArgumentTypeError(f"Money: got {value!r}, a bool is not an amount")
    if isinstance(value, int):
        if value.bit_length() > 128:
            raise _outside_the_range(shown(value))  # far too large to be worth converting
        return value * 100
    if isinstance(value, str):
        return _cents_from_text(value)
    if isinstance(value, Decimal):
        return _cents_from_decimal(value)
    if isinstance(value, float):
        raise ArgumentTypeError(
            f"Money: got the float {value!r}; floats cannot hold cents exactly, "
            "pass a string such as '0.10'"
        )
    raise ArgumentTypeError(
        f"Money: got {type(value).__name__} {shown(value)}, expected a str such as "
        "'1250000.00', an int of euros or a Decimal"
    )


@attrs.frozen(init=False, order=True, repr=False)
class Money:
    """An exact amount of euros, held as whole cents (*bedrag*).

    `Money("1250000.00")`, `Money(1250000)` and `Money(Decimal("0.10"))` build
    amounts; `Money.from_cents(125000000)` builds one from cents. Floats are
    refused because they cannot hold cents exactly.

    One amount, as `Money(value)` reads it and as every field of the model
    holds it, lies between -10^12 and +10^12 euros (`MAX_EUROS`). Sums,
    differences and multiples may go beyond that, up to ±10^30 euros
    (`MAX_TOTAL_EUROS`), so that adding up amounts never fails.

    Raises:
        TypeError: for a float, a bool or another type.
        ValueError: for an amount finer than a cent, NaN, infinity or an
            amount outside the range.
    """

    cents: int

    def __init__(self, value: str | int | Decimal) -> None:
        self.__attrs_init__(_check_range(_cents_from(value)))

    @classmethod
    def from_cents(cls, cents: int) -> Money:
        """Build an amount, or a sum of amounts, from a whole number of cents.

        Raises:
            TypeError: for anything but an int.
            ValueError: beyond ±10^30 euros (`MAX_TOTAL_EUROS`).
        """
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise ArgumentTypeError(
                f"Money.from_cents: got {shown(cents)}, expected an int of cents"
            )
        money = object.__new__(cls)
        object.__setattr__(money, "cents", _check_total(cents))
        return money

    @classmethod
    def zero(cls) -> Money:
        """Return EUR 0.00."""
        return cls.from_cents(0)

    @property
    def amount(self) -> Decimal:
        """The amount in euros, always with two decimals, exact whatever the decimal context."""
        return Decimal(_euro_text(self.cents))  # made from text, a Decimal is never rounded

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money.from_cents(self.cents + other.cents)

    def __radd__(self, other: object) -> Money:
        # `sum()` starts from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money.from_cents(self.cents - other.cents)

    def __mul__(self, factor: int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money.from_cents(self.cents * factor)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money.from_cents(-self.cents)

    def __abs__(self) -> Money:
        return Money.from_cents(abs(self.cents))

    def allocate(self, ratios: Iterable[int | Fraction | Decimal]) -> tuple[Money, ...]:
        """Split the amount into parts in proportion to `ratios`, losing no cent.

        Each part is its exact share rounded down to a cent; the cents left
        over go one each to the parts with the largest remainders (the
        largest-remainder or Fowler method). Equal remainders are broken by
        position: the earlier part gets the cent. A negative amount is split
        as its absolute value and each part negated, so the split is
        symmetric. A zero ratio gets exactly zero.

        Args:
            ratios: non-negative ints, Fractions or Decimals, at least one
                of them positive. Floats are refused. Each is 0 or lies
                between 1E-100 and 1E+100, written with at most 100 digits
                above and below the line, and their common denominator has
                at most 1,000 digits, so that a split always ends quickly.

        Returns:
            One part per ratio, in order; the parts add up to this amount.

        Raises:
            TypeError: for a float or another non-exact ratio.
            ValueError: for no ratios, a negative ratio, NaN or infinity, a
                ratio outside the limits, or all zeros.
        """
        weights = _weights(ratios)
        total = sum(weights)
        whole = abs(self.cents)
        # Part i's exact share is whole * weight / total: its floor and remainder.
        shares = [divmod(whole * weight, total) for weight in weights]
        parts = [floor for floor, _ in shares]
        leftover = whole - sum(parts)
        by_remainder = sorted(range(len(parts)), key=lambda i: (-shares[i][1], i))
        for index in by_remainder[:leftover]:
            parts[index] += 1
        sign = -1 if self.cents < 0 else 1
        return tuple(Money.from_cents(sign * part) for part in parts)

    def format(self, lang: Literal["nl", "en"] = "nl") -> str:
        """Format for people, as `money_text` does: `€ 4.000.000,00` in Dutch, by default.

        In English it is `EUR 4,000,000.00`.
        """
        if lang not in ("nl", "en"):
            raise ArgumentError(f"Money.format: got lang {shown(lang)}, expected 'nl' or 'en'")
        return money_text(self, lang)

    def __str__(self) -> str:
        return money_text(self, "en")

    def __repr__(self) -> str:
        return f"Money('{_euro_text(self.cents)}')"

    def to_text(self) -> str:
        """The amount as document text, e.g. `'1250000.00'`."""
        return _euro_text(self.cents)


def money_text(amount: Money | int, lang: Literal["en", "nl"]) -> str:
    """An amount for people: `EUR 4,000,000.00`, in Dutch `€ 4.000.000,00`.

    This is the one way the library writes money for people to read: in
    messages and findings, on the terminal, in Markdown and HTML. Data for
    programs (JSON, CSV, documents) holds the exact plain amount instead,
    `4000000.00`, as `Money.to_text` writes it. An int counts cents, so that
    a sum beyond the range of one amount can be said.
    """
    cents = amount.cents if isinstance(amount, Money) else amount
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    if lang == "en":
        return f"EUR {sign}{whole:,}.{part:02d}"
    return f"€ {sign}{whole:,}".replace(",", ".") + f",{part:02d}"


_new_money = object.__new__
_set_cents: Any = Money.__dict__["cents"].__set__  # the slot, under the frozen __setattr__


def money_of_text(text: str) -> Money:
    """`Money(text)` for a str, without the checks of other types.

    Raises:
        ValueError: as `Money(text)` does, with the same message.
    """
    whole, _, part = text.partition(".")
    if (
        len(part) == 2
        and len(whole) <= _SHOWN_DIGITS
        and whole.isdigit()
        and part.isdigit()
        and text.isascii()
    ):
        cents = int(whole + part)  # the common form "1250000.00"
    else:
        cents = _cents_from_text(text)
    if not -_MAX_CENTS <= cents <= _MAX_CENTS:
        raise _outside_the_range(_euro_text(cents))
    money: Money = _new_money(Money)
    _set_cents(money, cents)
    return money


_RATIO_DIGITS = 100
"""The most digits above and below the line of a ratio, as a fraction in lowest terms."""

_COMMON_DIGITS = 1000
"""The most digits of the ratios' common denominator."""


def _ratio_error(index: int, ratio: object) -> ValueError:
    return ValueError(
        f"Money.allocate: ratio {index} is {shown(ratio)}; a ratio must be 0 or lie between "
        f"1E-{_RATIO_DIGITS} and 1E+{_RATIO_DIGITS}, written with at most {_RATIO_DIGITS} "
        "digits above and below the line"
    )


def _exact_ratio(index: int, ratio: _Ratio) -> Fraction:
    from fractions import Fraction

    if isinstance(ratio, bool) or not isinstance(ratio, int | Fraction | Decimal):
        raise ArgumentTypeError(
            f"Money.allocate: ratio {index} is {shown(ratio)}; "
            "use ints, Fractions or Decimals, never floats"
        )
    if isinstance(ratio, Decimal):
        if not ratio.is_finite():
            raise ArgumentError(
                f"Money.allocate: ratio {index} is {shown(ratio)}, expected a number"
            )
        written = len(ratio.as_tuple().digits)
        if ratio and (abs(ratio.adjusted()) > _RATIO_DIGITS or written > 2 * _RATIO_DIGITS):
            raise _ratio_error(index, ratio)  # refused before its huge fraction is built
    share = Fraction(ratio)
    if share < 0:
        raise ArgumentError(f"Money.allocate: ratio {index} is {shown(ratio)}, expected >= 0")
    if max(share.numerator, share.denominator) >= 10**_RATIO_DIGITS:
        raise _ratio_error(index, ratio)
    return share


def _weights(ratios: Iterable[_Ratio]) -> list[int]:
    """The ratios as whole numbers in the same proportions: each times their common denominator.

    Raises:
        TypeError: for a float or another non-exact ratio.
        ValueError: for no ratios, a ratio that is negative, not a number or
            outside the limits, or all zeros.
    """
    import math

    values: Sequence[_Ratio] = list(ratios)
    if not values:
        raise ArgumentError("Money.allocate: got no ratios, expected at least one")
    shares = [_exact_ratio(index, ratio) for index, ratio in enumerate(values)]
    if not any(shares):
        raise ArgumentError("Money.allocate: all ratios are zero, expected at least one above 0")
    common = 1
    for share in shares:
        common = math.lcm(common, share.denominator)
        if common >= 10**_COMMON_DIGITS:
            raise ArgumentError(
                f"Money.allocate: the ratios' common denominator has more than "
                f"{_COMMON_DIGITS} digits; use simpler ratios"
            )
    return [share.numerator * (common // share.denominator) for share in shares]
