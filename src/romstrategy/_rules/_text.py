"""Paths and themes as the rules write and compare them (*formulering*).

Amounts, periods, lists and other words come from `romstrategy._model._vocabulary`.
"""

from __future__ import annotations

__all__ = ["normalise_theme", "path"]


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
