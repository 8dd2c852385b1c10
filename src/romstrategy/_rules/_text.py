"""Wording shared by the rules: amounts, periods, paths and themes (*formulering*)."""

from __future__ import annotations

from collections.abc import Iterable

from romstrategy._model._money import Money
from romstrategy._model._period import Period

__all__ = [
    "and_en",
    "and_nl",
    "euros_en",
    "euros_nl",
    "normalise_theme",
    "path",
    "period_en",
    "period_nl",
]


def _parts(amount: Money | int) -> tuple[str, str, str]:
    # A sum of cents may lie outside the range `Money` holds, so format ints directly.
    cents = amount.cents if isinstance(amount, Money) else amount
    whole, part = divmod(abs(cents), 100)
    return ("-" if cents < 0 else "", f"{whole:,}", f"{part:02d}")


def euros_en(amount: Money | int) -> str:
    """An amount in English, e.g. `EUR 4,000,000.00`; an int counts cents."""
    sign, whole, part = _parts(amount)
    return f"EUR {sign}{whole}.{part}"


def euros_nl(amount: Money | int) -> str:
    """An amount in Dutch, e.g. `€ 4.000.000,00`; an int counts cents."""
    sign, whole, part = _parts(amount)
    return f"€ {sign}{whole.replace(',', '.')},{part}"


def period_en(period: Period) -> str:
    """A period in English, e.g. `2024-01-01 to 2027-12-31`."""
    return f"{period.start.isoformat()} to {period.end.isoformat()}"


def period_nl(period: Period) -> str:
    """A period in Dutch, e.g. `2024-01-01 t/m 2027-12-31` (*tot en met*)."""
    return f"{period.start.isoformat()} t/m {period.end.isoformat()}"


def and_en(items: Iterable[str]) -> str:
    """Join words in English: `a`, `a and b`, `a, b and c`; `none` when empty."""
    return _join(tuple(items), "and", "none")


def and_nl(items: Iterable[str]) -> str:
    """Join words in Dutch: `a`, `a en b`, `a, b en c`; `geen` when empty."""
    return _join(tuple(items), "en", "geen")


def _join(words: tuple[str, ...], conjunction: str, nothing: str) -> str:
    if not words:
        return nothing
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def path(kind: str, key: str, *fields: str) -> str:
    """A path built from ids, e.g. `path("allocations", "al-3", "amount")`.

    Returns:
        `kind[key]`, followed by `.field` for each field given.
    """
    return "".join((f"{kind}[{key}]", *(f".{field}" for field in fields)))


def normalise_theme(theme: str) -> str:
    """A theme as compared: case-folded, trimmed, inner whitespace collapsed.

    `" Energy  transition"` and `"energy transition"` give the same result.
    """
    return " ".join(theme.casefold().split())
