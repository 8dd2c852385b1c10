"""`romstrategy split`: an amount split exactly by ratios, losing no cent."""

from __future__ import annotations

import re
from decimal import Decimal

import click

from romstrategy._cli._input import LANG, language
from romstrategy._cli._output import echo, echo_json, fail
from romstrategy._model._display import shown
from romstrategy._model._money import Money
from romstrategy._reports._split_table import split_data, split_lines

__all__ = ["split"]

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _ratio(text: str) -> Decimal:
    """A ratio written as `2`, `0.5` or `1e3`: ASCII digits, no sign, spaces or underscores."""
    if not _NUMBER.fullmatch(text):
        fail(f"ratio {shown(text)} is not a number such as 2, 0.5 or 1e3")
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent beyond what a Decimal can hold
        fail(f"ratio {shown(text)}: a ratio must be 0 or lie between 1E-100 and 1E+100")


def _split(amount: str, ratios: tuple[str, ...]) -> tuple[Money, tuple[Money, ...]]:
    """`Money(amount).allocate(ratios)`; a bad amount or ratio is one line and exit 2."""
    try:
        total = Money(amount)
    except (TypeError, ValueError) as error:
        reason = str(error).removeprefix("Money: ").removeprefix(f"got {shown(amount)}, ")
        fail(f"amount {shown(amount)}: {reason}")
    values = [_ratio(text) for text in ratios]
    for text, value in zip(ratios, values, strict=True):
        try:
            Money.zero().allocate([value, 1])  # each ratio alone, to name the bad one
        except (TypeError, ValueError) as error:
            _, _, reason = str(error).partition(f"ratio 0 is {shown(value)}")
            fail(f"ratio {shown(text)}: {reason.lstrip(';, ') or error}")
    try:
        return total, total.allocate(values)
    except (TypeError, ValueError) as error:
        fail(str(error).removeprefix("Money.allocate: "))


@click.command()
@click.argument("amount")
@click.argument("ratios", nargs=-1, required=True)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=LANG, default="en")
def split(amount: str, ratios: tuple[str, ...], output: str, lang: str) -> None:
    """Split AMOUNT exactly in proportion to RATIOS, losing no cent.

    Uses the largest-remainder method; on a tie the earlier part gets the cent.

    \b
    Example:
      romstrategy split 4000000 2 1 1
    """
    total, parts = _split(amount, ratios)
    if output == "json":
        echo_json(split_data(total, ratios, parts))
        return
    for line in split_lines(total, ratios, parts, amount, language(lang)):
        echo(line)
