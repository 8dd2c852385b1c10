"""From model objects to what every format writes (*platte boom*), a column at a time.

JSON, TOML, YAML, workbooks and data packages all write one tree, made here by
each field's kind: an amount is its text (`"1250000.00"`), a date `YYYY-MM-DD`, a
period `{"start": ..., "end": ...}`, an enum member its value, a Kamerstuk
reference its official form. A field is left out when it holds its default and
that default is `None` or `""`, or when it is marked `omit_empty` and holds its
empty default, so that documents stay short and older ones are written as before.
Keys follow the class's field order, those that may be left out after the others
(as the canonical text has always had them).

Each class is written as a msgspec `Struct` of the same fields in that order; a
field left out holds `msgspec.UNSET`, which msgspec does not write. The objects
of one collection are written field by field, each field for all of them at
once with built-in `map`s, so that the work
per object is done in C: msgspec then encodes the structs as JSON, and
`msgspec.to_builtins` turns them into the dicts and lists that the other writers
take. msgspec could encode the attrs objects itself, but it orders their keys
alphabetically, keeps every default and writes `Money` as `{"cents": ...}`.
"""

from __future__ import annotations

import datetime
import decimal
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat, starmap
from operator import attrgetter, methodcaller
from types import MappingProxyType
from typing import Any

import attrs

from romstrategy._documents._strict_json import msgspec_module as _msgspec
from romstrategy._model._kinds import Kind, kinds
from romstrategy._model._motion import Motion
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["plain", "plain_motions", "structs"]

_Column = Callable[[list[Any]], list[Any]]
"""The written values of one field, from its values in every object of a collection."""

_CENTS = attrgetter("cents")
_EUROS = methodcaller("scaleb", -2, decimal.Context(prec=40))
"""Cents to euros with two decimals, exactly, whatever the caller's decimal context."""
_ISO = datetime.date.isoformat


def structs(strategy: Strategy) -> dict[str, Any]:
    """The top level of a strategy as msgspec writes it: each value plain data or structs."""
    (top,) = _Writer().many(Strategy, [strategy])
    unset = _msgspec().UNSET
    fields = ((name, getattr(top, name)) for name in top.__struct_fields__)
    return {name: value for name, value in fields if value is not unset}


def plain(strategy: Strategy) -> dict[str, Any]:
    """The plain tree of a strategy, without `schema_version`: dicts, lists, str, int, bool."""
    tree: dict[str, Any] = _msgspec().to_builtins(structs(strategy))
    return tree


def plain_motions(motions: Iterable[Motion]) -> list[dict[str, Any]]:
    """The plain trees of motions, as a strategy document holds them."""
    items: list[dict[str, Any]] = _msgspec().to_builtins(_Writer().many(Motion, list(motions)))
    return items


class _Writer:
    """The writers of one tree; a period met twice is written once."""

    def __init__(self) -> None:
        self._periods: dict[int, Any] = {}

    def many(self, cls: type, objects: Sequence[Any]) -> list[Any]:
        """Every object of a collection as a struct, field by field."""
        if cls is Period:
            return self._periods_of(objects)
        struct, fields = _layout(cls)
        columns = [
            self._field(kind, omit)(list(map(attrgetter(name), objects)))
            for name, kind, omit in fields
        ]
        return list(starmap(struct, zip(*columns, strict=True)))

    def _field(self, kind: Kind, omit: object) -> _Column:
        """The column of a field; a value equal to `omit` is left out (`_KEPT`: none is)."""
        column = self._column(kind)
        if omit is not _KEPT:
            return _except(omit, _msgspec().UNSET, column)
        return _except(None, None, column) if kind.optional else column

    def _periods_of(self, periods: Sequence[Period]) -> list[Any]:
        known = self._periods
        unique = dict(zip(map(id, periods), periods, strict=True))
        new = [period for key, period in unique.items() if key not in known]
        if new:
            struct, _ = _layout(Period)
            starts = map(_ISO, map(attrgetter("start"), new))
            ends = map(_ISO, map(attrgetter("end"), new))
            written = starmap(struct, zip(starts, ends, strict=True))
            known.update(zip(map(id, new), written, strict=True))
        return list(map(known.__getitem__, map(id, periods)))

    def _column(self, kind: Kind) -> _Column:
        if kind.many:
            if kind.name == "instance":
                return lambda values: [self.many(kind.type, items) for items in values]
            return _lists
        if kind.name == "instance":
            cls: type[Any] = kind.type
            return lambda values: self.many(cls, values)
        # An id, a text, a flag or an enum member is written as it is.
        return _TEXTS.get(kind.name, _as_it_is)


def _as_it_is(values: list[Any]) -> list[Any]:
    return values


def _lists(values: list[Any]) -> list[Any]:
    return list(map(list, values))


def _except(skipped: object, instead: object, column: _Column) -> _Column:
    """`column`, but a value equal to `skipped` is written as `instead`, and not by `column`."""
    if column is _as_it_is:  # text, flags and members are hashable: one look-up each, in C
        swap = {skipped: instead}.get
        return lambda values: list(map(swap, values, values))

    def write(values: list[Any]) -> list[Any]:
        kept = [value for value in values if value != skipped]
        if len(kept) == len(values):
            return column(values)
        written = iter(column(kept))
        return [instead if value == skipped else next(written) for value in values]

    return write


_KEPT = object()
"""The `omit` of a field that is always written."""


def _euros(amounts: list[Any]) -> list[str]:
    """Amounts as text, `"1250000.00"`: by `%` from euros and cents, or by `Decimal` below 0."""
    cents = list(map(_CENTS, amounts))
    if min(cents, default=0) >= 0:
        return list(map("%d.%02d".__mod__, map(divmod, cents, repeat(100))))
    return list(map(str, map(_EUROS, map(decimal.Decimal, cents))))


_TEXTS: Mapping[str, _Column] = MappingProxyType(
    {
        "amount": _euros,
        "day": lambda days: list(map(_ISO, days)),
        "kamerstuk": lambda refs: list(map(str, refs)),
    }
)
"""Columns whose values are written as text."""


@functools.cache
def _layout(cls: type) -> tuple[Any, tuple[tuple[str, Kind, object], ...]]:
    """The struct that writes `cls`, and its fields in the written order.

    Each field comes with its kind and the value at which it is left out (`_KEPT`: never).
    """
    fields = sorted(attrs.fields(cls), key=_omitted)  # stable: the others keep their order
    names = [field.name for field in fields]
    # Untracked by the garbage collector: a struct holds text, lists and other structs, no cycle.
    struct = _msgspec().defstruct(cls.__name__, names, frozen=True, gc=False)
    kind = kinds(cls)
    return struct, tuple(
        (field.name, kind[field.name], field.default if _omitted(field) else _KEPT)
        for field in fields
    )


def _omitted(field: attrs.Attribute[Any]) -> bool:
    return field.default is None or field.default == "" or bool(field.metadata.get("omit_empty"))
