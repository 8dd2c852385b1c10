"""Exact amounts of euros in whole cents (*bedragen*)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs

__all__ = ["MAX_EUROS", "Money", "money_of_text"]

MAX_EUROS = 10**12
"""The largest absolute amount, in euros, that `Money` holds."""

_MAX_CENTS = MAX_EUROS * 100
if TYPE_CHECKING:  # fractions is imported when amounts are split, not with the package
    from fractions import Fraction

    _Ratio = int | Fraction | Decimal


def _check_range(cents: int) -> int:
    if not -_MAX_CENTS <= cents <= _MAX_CENTS:
        raise _outside_the_range(cents)
    return cents


def _outside_the_range(cents: int) -> ValueError:
    return ValueError(
        f"Money: {_euro_text(cents)} is outside the range of -{MAX_EUROS} to {MAX_EUROS} euros"
    )


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
    cents = int(whole) * 100 + (int(part) * (10 if len(part) == 1 else 1) if dot else 0)
    return -cents if text is not value else cents


def _cents_from_odd_text(value: str) -> NoReturn:
    # Only text that is not an amount gets here: the check above accepts every
    # ASCII "-?[0-9]+(.[0-9]{1,2})?", and nothing else.
    finer = re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", value) is not None
    raise ValueError(
        f"Money: got {value!r}, "
        + ("an amount finer than a cent" if finer else "expected euros such as '1250000.00'")
    )


def _cents_from_decimal(value: Decimal) -> int:
    if not value.is_finite():
        raise ValueError(f"Money: got {value!r}, an amount must be a finite number")
    scaled = value.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"Money: got {value!r}, an amount finer than a cent")
    return int(scaled)


def _cents_from(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError(f"Money: got {value!r}, a bool is not an amount")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, str):
        return _cents_from_text(value)
    if isinstance(value, Decimal):
        return _cents_from_decimal(value)
    if isinstance(value, float):
        raise TypeError(
            f"Money: got the float {value!r}; floats cannot hold cents exactly, "
            "pass a string such as '0.10'"
        )
    raise TypeError(
        f"Money: got {type(value).__name__} {value!r}, expected a str such as "
        "'1250000.00', an int of euros or a Decimal"
    )


@attrs.frozen(init=False, order=True, repr=False)
class Money:
    """An exact amount of euros, held as whole cents (*bedrag*).

    `Money("1250000.00")`, `Money(1250000)` and `Money(Decimal("0.10"))` build
    amounts; `Money.from_cents(125000000)` builds one from cents. Floats are
    refused because they cannot hold cents exactly. Amounts lie between
    -10^12 and +10^12 euros.

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
        """Build an amount from a whole number of cents."""
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise TypeError(f"Money.from_cents: got {cents!r}, expected an int of cents")
        money = object.__new__(cls)
        object.__setattr__(money, "cents", _check_range(cents))
        return money

    @classmethod
    def zero(cls) -> Money:
        """Return EUR 0.00."""
        return cls.from_cents(0)

    @property
    def amount(self) -> Decimal:
        """The amount in euros, always with two decimals."""
        return Decimal(self.cents).scaleb(-2)

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
                of them positive. Floats are refused.

        Returns:
            One part per ratio, in order; the parts add up to this amount.

        Raises:
            TypeError: for a float or another non-exact ratio.
            ValueError: for no ratios, a negative ratio or all zeros.
        """
        from fractions import Fraction

        shares = _exact_ratios(ratios)
        total = sum(shares, Fraction(0))
        whole = abs(self.cents)
        exact = [whole * share / total for share in shares]
        parts = [int(part) for part in exact]  # floor: all parts are >= 0
        leftover = whole - sum(parts)
        by_remainder = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
        for index in by_remainder[:leftover]:
            parts[index] += 1
        sign = -1 if self.cents < 0 else 1
        return tuple(Money.from_cents(sign * part) for part in parts)

    def format(self, locale: Literal["nl", "en"] = "nl") -> str:
        """Format for people: `€ 4.000.000,00` in Dutch, `€4,000,000.00` in English."""
        whole, part = divmod(abs(self.cents), 100)
        grouped = f"{whole:,}"
        if locale == "nl":
            sign = "-" if self.cents < 0 else ""
            return f"€ {sign}{grouped.replace(',', '.')},{part:02d}"
        if locale == "en":
            sign = "-" if self.cents < 0 else ""
            return f"{sign}€{grouped}.{part:02d}"
        raise ValueError(f"Money.format: got locale {locale!r}, expected 'nl' or 'en'")

    def __str__(self) -> str:
        return f"EUR {_euro_text(self.cents)}"

    def __repr__(self) -> str:
        return f"Money('{_euro_text(self.cents)}')"

    def to_text(self) -> str:
        """The amount as document text, e.g. `'1250000.00'`."""
        return _euro_text(self.cents)


_new_money = object.__new__
_set_cents: Any = Money.__dict__["cents"].__set__  # the slot, under the frozen __setattr__


def money_of_text(text: str) -> Money:
    """`Money(text)` for a str, without the checks of other types.

    Raises:
        ValueError: as `Money(text)` does, with the same message.
    """
    whole, _, part = text.partition(".")
    if len(part) == 2 and whole.isdigit() and part.isdigit() and text.isascii():
        cents = int(whole + part)  # the common form "1250000.00"
    else:
        cents = _cents_from_text(text)
    if not -_MAX_CENTS <= cents <= _MAX_CENTS:
        raise _outside_the_range(cents)
    money: Money = _new_money(Money)
    _set_cents(money, cents)
    return money


def _exact_ratios(ratios: Iterable[_Ratio]) -> list[Fraction]:
    from fractions import Fraction

    values: Sequence[_Ratio] = list(ratios)
    if not values:
        raise ValueError("Money.allocate: got no ratios, expected at least one")
    shares = []
    for index, ratio in enumerate(values):
        if isinstance(ratio, bool) or not isinstance(ratio, int | Fraction | Decimal):
            raise TypeError(
                f"Money.allocate: ratio {index} is {ratio!r}; "
                "use ints, Fractions or Decimals, never floats"
            )
        if isinstance(ratio, Decimal) and not ratio.is_finite():
            raise ValueError(f"Money.allocate: ratio {index} is {ratio!r}, expected a number")
        share = Fraction(ratio)
        if share < 0:
            raise ValueError(f"Money.allocate: ratio {index} is {ratio!r}, expected >= 0")
        shares.append(share)
    if not any(shares):
        raise ValueError("Money.allocate: all ratios are zero, expected at least one above 0")
    return shares
