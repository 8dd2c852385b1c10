"""Notebook support: plain records of a strategy, one list per kind of object."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from romstrategy._model._kinds import argument
from romstrategy._model._money import Money
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["to_records"]

_COLLECTIONS = (
    "principals",
    "provinces",
    "roms",
    "pillars",
    "motions",
    "funding_sources",
    "activities",
    "allocations",
    "transactions",
)


def _plain(value: object) -> object:
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if attrs.has(type(value)) and not isinstance(value, Period):
        return _record(value)
    return value


def _record(item: Any) -> dict[str, object]:
    row: dict[str, object] = {}
    for field in attrs.fields(type(item)):
        value = getattr(item, field.name)
        if isinstance(value, Period):
            row[f"{field.name}_start"] = value.start
            row[f"{field.name}_end"] = value.end
        else:
            row[field.name] = _plain(value)
    return row


def to_records(strategy: Strategy) -> dict[str, list[dict[str, object]]]:
    """Each kind of object as a list of flat, plain dicts, ready for a table.

    Keys are the collections' names (`"allocations"`, `"activities"`,
    `"transactions"`, ...).
    Amounts become exact `Decimal`s, enums their string values, and a
    period two columns, `period_start` and `period_end` (pendulum dates).
    Motions keep their history as a list of dicts. Nothing beyond the
    standard library is needed.

    Raises:
        TypeError: for anything but a strategy.
    """
    argument(strategy, Strategy, "to_records")
    return {name: [_record(item) for item in getattr(strategy, name)] for name in _COLLECTIONS}
