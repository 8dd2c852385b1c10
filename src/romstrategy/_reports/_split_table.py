"""An amount split by ratios, as `romstrategy split` shows it (*verdeling*).

The text is for people, amounts as `money` writes them in the language; the
JSON data writes them plain and exact, such as `"1333333.34"`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from romstrategy._model._money import Money
from romstrategy._model._vocabulary import Lang, money

__all__ = ["split_data", "split_lines"]


def split_lines(
    total: Money, ratios: Sequence[str], parts: Sequence[Money], asked: str, lang: Lang
) -> list[str]:
    """One line per ratio and its part, then `sum`, its total and whether it is `asked`."""
    check = sum(parts, Money.zero())
    lines = [
        f"{ratio:>8}  {money(part, lang):>20}" for ratio, part in zip(ratios, parts, strict=True)
    ]
    same = "=" if check == total else "!="
    return [*lines, f"{'sum':>8}  {money(check, lang):>20}  {same} {asked}"]


def split_data(total: Money, ratios: Sequence[str], parts: Sequence[Money]) -> dict[str, Any]:
    """`split --format json`: the amount, each ratio's part, their sum and whether it is exact."""
    check = sum(parts, Money.zero())
    return {
        "amount": total.to_text(),
        "parts": [{"ratio": r, "amount": p.to_text()} for r, p in zip(ratios, parts, strict=True)],
        "sum": check.to_text(),
        "exact": check == total,
    }
